"""/healthz, token, /api/me, /api/orgs, /api/review/check and OpenAPI (docs/contracts.md, Web and API)."""

from __future__ import annotations

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from orglife.api import NOT_JSON
from orglife.documents.parse import parse_bytes
from orglife.orgs.models import ApiToken
from tests.contracts.conftest import CLEAN_TEXT, FINDING_KEYS, SEED, SEVERITIES
from tests.factories import PASSWORD
from tests.ledger.factories import make_item


def _detail_only(r) -> None:
    body = r.json()
    assert isinstance(body, dict) and isinstance(body.get("detail"), str) and body["detail"]


def test_healthz_answers_without_login(db):
    r = Client().get("/healthz")
    assert r.status_code == 200


def test_it_issues_a_token_for_the_right_password(world):
    r = Client().post(
        "/api/auth/token",
        {"username": "member_a", "password": PASSWORD},
        content_type="application/json",
    )
    assert r.status_code == 200
    assert set(r.json()) == {"token"} and r.json()["token"]
    me = Client(headers={"Authorization": f"Bearer {r.json()['token']}"}).get("/api/me")
    assert me.status_code == 200 and me.json()["username"] == "member_a"


def test_it_refuses_a_wrong_password_with_401_detail(world):
    r = Client().post(
        "/api/auth/token",
        {"username": "member_a", "password": "wrong"},
        content_type="application/json",
    )
    assert r.status_code == 401
    _detail_only(r)


def test_it_refuses_a_password_that_must_be_changed_first_with_403_detail(world):
    from orglife.orgs.models import User

    User.objects.filter(pk=world.member_a.pk).update(must_change_password=True)
    r = Client().post(
        "/api/auth/token",
        {"username": "member_a", "password": PASSWORD},
        content_type="application/json",
    )
    assert r.status_code == 403
    _detail_only(r)
    assert r.json()["detail"].startswith("请先修改初始密码")


def test_it_refuses_a_token_request_without_fields_with_422_detail(world):
    r = Client().post("/api/auth/token", {"username": "x"}, content_type="application/json")
    assert r.status_code == 422
    _detail_only(r)


def test_it_refuses_a_malformed_json_body_with_400_detail(world):
    r = Client().post("/api/auth/token", "{not json", content_type="application/json")
    assert r.status_code == 400
    _detail_only(r)


@pytest.mark.parametrize("body", [b"{not json", b'{"username": "member_a",}', b"\xff\xfe"])
def test_it_says_in_chinese_that_a_body_is_not_json_and_logs_why_in_english(world, caplog, body):
    with caplog.at_level(logging.INFO, logger="orglife.api"):
        r = Client().post("/api/auth/token", body, content_type="application/json")
    assert r.status_code == 400
    assert r.json() == {"detail": NOT_JSON} and NOT_JSON.startswith("请求内容不是有效的 JSON")
    assert "request body is not valid JSON" in caplog.text


def test_it_says_so_on_a_write_by_someone_who_may_make_it(world):
    token = ApiToken.issue(world.secretary_a)
    item = make_item(world)
    r = Client(headers={"Authorization": f"Bearer {token}"}).patch(
        f"/api/ledger/items/{item.pk}", "{", content_type="application/json"
    )
    assert r.status_code == 400 and r.json() == {"detail": NOT_JSON}


@pytest.mark.parametrize(
    "path", ["/api/me", "/api/orgs", "/api/ledger/items", "/api/ledger/items/1"]
)
def test_it_answers_401_detail_without_credentials(world, path):
    r = Client().get(path)
    assert r.status_code == 401
    _detail_only(r)


def test_it_answers_401_for_a_bad_token(world):
    r = Client(headers={"Authorization": "Bearer nonsense"}).get("/api/me")
    assert r.status_code == 401
    _detail_only(r)


def test_me_names_the_caller(world, api):
    body = api(world.secretary_a).get("/api/me").json()
    assert body["username"] == "secretary_a"
    assert body["id"] == world.secretary_a.pk


@pytest.mark.parametrize(
    ("who", "visible"),
    [
        ("admin", {"committee", "branch_a", "branch_b"}),
        ("reviewer", {"committee", "branch_a", "branch_b"}),
        ("secretary_a", {"branch_a"}),
        ("member_a", {"branch_a"}),
        ("secretary_b", {"branch_b"}),
        ("member_b", {"branch_b"}),
    ],
)
def test_orgs_lists_exactly_what_the_caller_may_see(world, api, who, visible):
    r = api(getattr(world, who)).get("/api/orgs")
    assert r.status_code == 200
    ids = {o["id"] for o in r.json()}
    assert ids == {getattr(world, name).pk for name in visible}
    for o in r.json():
        assert {"id", "name"} <= set(o)


def _upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def test_review_check_answers_findings_with_the_contract_keys(world, api):
    data = SEED.read_bytes()
    r = api(world.secretary_a).post("/api/review/check", {"file": _upload(SEED.name, data)})
    assert r.status_code == 200, r.content
    body = r.json()
    assert set(body) == {"findings"} and body["findings"]
    blocks = parse_bytes(data, SEED.name).blocks()
    for f in body["findings"]:
        assert set(f) == set(FINDING_KEYS)
        assert f["severity"] in SEVERITIES
        assert f["file"] == SEED.name
        block = blocks[f["paragraph"]]
        assert block.text[f["start"] : f["end"]] in f["excerpt"].strip("…")
    marked = {blocks[f["paragraph"]].text[f["start"] : f["end"]] for f in body["findings"]}
    assert "此此" in marked


def test_review_check_answers_the_same_findings_as_the_command(world, api, tmp_path):
    from tests.contracts.conftest import orglife

    run = orglife("check", SEED, "--format", "json")
    cli = {(f["rule"], f["paragraph"], f["start"], f["end"]) for f in run.json()}
    r = api(world.member_a).post(
        "/api/review/check", {"file": _upload(SEED.name, SEED.read_bytes())}
    )
    web = {(f["rule"], f["paragraph"], f["start"], f["end"]) for f in r.json()["findings"]}
    assert web == cli


def test_review_check_of_a_clean_material_is_empty(world, api):
    r = api(world.member_a).post(
        "/api/review/check", {"file": _upload("clean.txt", CLEAN_TEXT.encode())}
    )
    assert r.status_code == 200 and r.json() == {"findings": []}


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bad.docx", b"not a word file"),
        ("empty.txt", b""),
        ("enc.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
    ],
)
def test_review_check_refuses_bad_input_with_a_4xx_detail(world, api, name, data):
    r = api(world.member_a).post("/api/review/check", {"file": _upload(name, data)})
    assert r.status_code == 422, r.content
    _detail_only(r)


def test_review_check_refuses_an_oversized_upload_with_413(world, api, settings):
    settings.ORGLIFE_UPLOAD_MAX_BYTES = 1024
    r = api(world.member_a).post(
        "/api/review/check", {"file": _upload(SEED.name, SEED.read_bytes())}
    )
    assert r.status_code == 413
    _detail_only(r)


def test_review_check_refuses_an_upload_over_the_default_20_mb_with_413(world, api):
    data = SEED.read_bytes() + b"\n" * (21 * 1024 * 1024)
    r = api(world.member_a).post("/api/review/check", {"file": _upload("big.txt", data)})
    assert r.status_code == 413
    _detail_only(r)


def test_review_check_requires_a_file_with_422(world, api):
    r = api(world.member_a).post("/api/review/check", {})
    assert r.status_code == 422
    _detail_only(r)


def test_review_check_requires_login(world):
    r = Client().post("/api/review/check", {"file": _upload("a.txt", CLEAN_TEXT.encode())})
    assert r.status_code == 401


def test_openapi_is_published_with_every_contract_path(db):
    r = Client().get("/api/openapi.json")
    assert r.status_code == 200
    doc = r.json()
    assert doc["openapi"].startswith("3.")
    paths = doc["paths"]
    expected = {
        "/api/auth/token": {"post"},
        "/api/me": {"get"},
        "/api/orgs": {"get"},
        "/api/review/check": {"post"},
        "/api/ledger/items": {"get", "post"},
        "/api/ledger/items/{item_id}": {"get", "patch"},
        "/api/ledger/items/{item_id}/evidence": {"post"},
        "/api/ledger/items/{item_id}/transitions": {"post"},
        "/api/ledger/items/{item_id}/history": {"get"},
        "/api/ledger/export": {"get"},
    }
    for path, methods in expected.items():
        assert path in paths, path
        assert methods <= set(paths[path]), (path, set(paths[path]))


def test_openapi_documents_the_item_fields(db):
    schemas = Client().get("/api/openapi.json").json()["components"]["schemas"]
    item = next(
        s
        for s in schemas.values()
        if {"overdue", "version", "leader"} <= set(s.get("properties", {}))
    )
    assert {
        "id", "org", "title", "description", "category", "source", "kind", "owner", "leader",
        "measures", "deadline", "funds", "plan", "status", "overdue", "version",
    } <= set(item["properties"])  # fmt: skip


@pytest.mark.parametrize("path", ["/api/no-such-endpoint", "/api/ledger/items/1/nothing"])
def test_an_unknown_api_path_answers_a_json_404(world, api, path):
    r = api(world.member_a).get(path)
    assert r.status_code == 404
    _detail_only(r)


@pytest.mark.parametrize(
    ("method", "path"), [("delete", "/api/ledger/items/1"), ("get", "/api/auth/token")]
)
def test_a_method_not_offered_answers_json(world, api, method, path):
    r = getattr(api(world.secretary_a), method)(path)
    assert r.status_code == 405
    _detail_only(r)


def test_review_check_of_a_docx_points_into_its_blocks(world, api, tmp_path):
    from tests.contracts.conftest import orglife

    docx = tmp_path / "seed.docx"
    assert orglife("render", SEED, "-o", docx).code == 0
    data = docx.read_bytes()
    r = api(world.member_a).post("/api/review/check", {"file": _upload("seed.docx", data)})
    assert r.status_code == 200, r.content
    blocks = parse_bytes(data, "seed.docx").blocks()
    findings = r.json()["findings"]
    assert findings
    for f in findings:
        assert set(f) == set(FINDING_KEYS) and f["file"] == "seed.docx"
        block = blocks[f["paragraph"]]
        assert f["section"] == block.section
        assert block.text[f["start"] : f["end"]] in f["excerpt"].strip("…")
