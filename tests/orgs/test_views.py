import pytest
from django.test import Client


def test_it_serves_the_chinese_sign_in_page(db):
    r = Client().get("/login/")
    assert r.status_code == 200
    assert "登录" in r.content.decode()
    assert 'lang="zh-CN"' in r.content.decode()


def test_it_sends_anonymous_visitors_to_sign_in(db):
    r = Client().get("/")
    assert r.status_code == 302 and r.url.startswith("/login/")


def test_it_signs_in_with_a_password_and_shows_the_home_page(world):
    from tests.factories import PASSWORD

    c = Client()
    r = c.post("/login/", {"username": "member_a", "password": PASSWORD})
    assert r.status_code == 302
    page = c.get("/").content.decode()
    assert "第一党支部" in page and "第二党支部" not in page


def test_it_tells_a_wrong_password_in_chinese(world):
    r = Client().post("/login/", {"username": "member_a", "password": "wrong"})
    assert "用户名或密码不正确" in r.content.decode()


def test_it_shows_a_reviewer_home_with_both_branches(world):
    page = world.client(world.reviewer).get("/").content.decode()
    assert "第一党支部" in page and "第二党支部" in page and "机关党委审核人" in page


def test_it_shows_the_tree_filtered_for_each_person(world):
    page = world.client(world.member_b).get("/orgs/").content.decode()
    assert "第二党支部" in page and "第一党支部" not in page


def test_it_shows_the_roster_to_a_member_of_the_branch(world):
    page = world.client(world.member_a).get(f"/orgs/{world.branch_a.pk}/").content.decode()
    assert "secretary_a" in page and "书记" in page
    assert "导入名册" not in page  # members don't manage


@pytest.mark.parametrize("path", ["/orgs/{pk}/", "/orgs/{pk}/import/"])
def test_it_hides_another_branch_from_an_outsider(world, path):
    r = world.client(world.secretary_b).get(path.format(pk=world.branch_a.pk))
    assert r.status_code == 404
    assert "页面不存在" in r.content.decode()


def test_it_hides_the_import_page_from_a_member(world):
    assert world.client(world.member_a).get(f"/orgs/{world.branch_a.pk}/import/").status_code == 404


def test_it_offers_the_import_page_to_the_secretary(world):
    r = world.client(world.secretary_a).get(f"/orgs/{world.branch_a.pk}/import/")
    assert r.status_code == 200 and "导入党员名册" in r.content.decode()


def test_it_serves_a_roster_template_with_the_headers(world):
    import io

    import openpyxl

    r = world.client(world.member_a).get("/orgs/roster-template.xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    assert [c.value for c in ws[1]][:3] == ["姓名", "性别", "出生日期"]


def test_it_answers_healthz_without_sign_in(db):
    r = Client().get("/healthz")
    assert r.status_code == 200 and r.json() == {"status": "ok"}


def test_it_serves_vendored_static_files(db):
    r = Client().get("/static/vendor/bootstrap/bootstrap.min.css")
    assert r.status_code == 200


def test_it_lets_only_staff_into_the_admin(world):
    assert world.client(world.admin).get("/admin/").status_code == 200
    assert world.client(world.secretary_a).get("/admin/").status_code == 302


def test_it_lists_visible_materials_on_the_home_page(world):
    from orglife.documents.parse import parse_text
    from orglife.materials.services import material_create

    m = parse_text("个人对照检查材料甲\n一、存在的问题\n学习不够深入。")
    material_create(actor=world.member_a, org=world.branch_a, material=m)
    assert "个人对照检查材料甲" in world.client(world.secretary_a).get("/").content.decode()
    assert "个人对照检查材料甲" not in world.client(world.secretary_b).get("/").content.decode()
    assert "个人对照检查材料甲" not in world.client(world.committee_a).get("/").content.decode()


def test_it_makes_an_account_wait_after_repeated_failed_sign_ins(world, settings):
    from tests.factories import PASSWORD

    settings.ORGLIFE_SIGNIN_MAX_FAILURES = 3
    c = Client()
    for _ in range(3):
        assert c.post("/login/", {"username": "member_a", "password": "wrong"}).status_code == 200
    r = c.post("/login/", {"username": "member_a", "password": PASSWORD})
    assert r.status_code == 429 and "登录失败次数过多" in r.content.decode()
    assert "_auth_user_id" not in c.session
    # another account from the same address is not affected
    assert c.post("/login/", {"username": "secretary_a", "password": PASSWORD}).status_code == 302


def test_it_links_the_reminders_from_the_home_page_when_items_need_attention(world):
    from datetime import timedelta

    from orglife.core import clock
    from orglife.ledger.services import item_create

    item_create(
        org=world.branch_a,
        actor=world.secretary_a,
        data={"title": "限期整改事项", "deadline": clock.today() - timedelta(days=1)},
    )
    page = world.client(world.member_a).get("/").content.decode()
    assert "需要关注的整改事项" in page and "/ledger/reminders/" in page
