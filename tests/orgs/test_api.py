from django.test import Client


def test_it_issues_a_token_and_answers_me(world, api):
    r = api(world.secretary_a).get("/api/me")
    assert r.status_code == 200
    body = r.json()
    assert body["username"] == "secretary_a" and body["role"] == "secretary"
    assert body["seats"][0]["org_name"] == "第一党支部"


def test_it_refuses_a_wrong_password_with_401(world):
    r = Client().post(
        "/api/auth/token",
        {"username": "member_a", "password": "x"},
        content_type="application/json",
    )
    assert r.status_code == 401 and "detail" in r.json()


def test_it_refuses_requests_without_a_token(db):
    r = Client().get("/api/me")
    assert r.status_code == 401 and r.json()["detail"]


def test_it_refuses_a_bad_token(db):
    r = Client(headers={"Authorization": "Bearer nope"}).get("/api/orgs")
    assert r.status_code == 401


def test_it_lists_only_visible_orgs(world, api):
    names = [o["name"] for o in api(world.member_b).get("/api/orgs").json()]
    assert names == ["第二党支部"]


def test_it_lists_the_committee_subtree_for_a_reviewer(world, api):
    names = {o["name"] for o in api(world.reviewer).get("/api/orgs").json()}
    assert names == {"机关党委", "第一党支部", "第二党支部"}


def test_it_accepts_the_session_of_a_signed_in_user(world):
    r = world.client(world.member_a).get("/api/me")
    assert r.status_code == 200 and r.json()["username"] == "member_a"


def test_it_publishes_openapi(db):
    r = Client().get("/api/openapi.json")
    assert r.status_code == 200
    paths = r.json()["paths"]
    assert "/api/me" in paths and "/api/orgs" in paths and "/api/auth/token" in paths


def test_it_answers_422_with_detail_for_a_malformed_body(db):
    r = Client().post("/api/auth/token", {"username": "x"}, content_type="application/json")
    assert r.status_code == 422 and "detail" in r.json()


def test_it_expires_tokens(world):
    from datetime import timedelta

    from django.utils import timezone

    from orglife.orgs.models import ApiToken

    key = ApiToken.issue(world.member_a)
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert Client(headers={"Authorization": f"Bearer {key}"}).get("/api/me").status_code == 401


def test_it_answers_json_404_for_an_unknown_api_path(world, api):
    r = api(world.member_a).get("/api/no-such-endpoint")
    assert r.status_code == 404 and r.json() == {"detail": "接口不存在"}


def test_it_answers_json_413_for_a_body_over_the_request_limit(world, api):
    big = "x" * (6 * 1024 * 1024)
    r = api(world.member_a).post(
        "/api/auth/token", {"username": big, "password": "x"}, content_type="application/json"
    )
    assert r.status_code == 413 and r.json() == {"detail": "提交的内容过大"}


def test_it_explains_a_too_large_page_post_in_chinese(world):
    r = world.client(world.member_a).post("/review/", {"text": "长" * (6 * 1024 * 1024 // 3)})
    assert r.status_code == 413 and "提交的内容过大" in r.content.decode()


def test_it_answers_json_405_for_a_method_a_path_does_not_offer(world, api):
    r = api(world.member_a).delete("/api/me")
    assert r.status_code == 405 and r.json() == {"detail": "不支持该请求方法"}
    assert "GET" in r["Allow"]


def test_it_refuses_tokens_after_repeated_failures(world, settings):
    from tests.factories import PASSWORD

    settings.ORGLIFE_SIGNIN_MAX_FAILURES = 2
    c = Client()
    for _ in range(2):
        r = c.post(
            "/api/auth/token",
            {"username": "member_b", "password": "x"},
            content_type="application/json",
        )
        assert r.status_code == 401
    r = c.post(
        "/api/auth/token",
        {"username": "member_b", "password": PASSWORD},
        content_type="application/json",
    )
    assert r.status_code == 429 and r.json()["detail"] == "登录失败次数过多，请稍后再试"
