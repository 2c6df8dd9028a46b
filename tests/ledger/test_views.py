"""The ledger pages, with the personas: same permissions as the API."""

from datetime import date

import pytest

from orglife.ledger.models import RectificationItem
from orglife.orgs.models import Organization
from tests.ledger.factories import closed_item, make_item, move, upload


def test_it_lists_the_branch_ledger_with_filters(world, today):
    make_item(world, title="逾期事项", deadline=date(2024, 1, 5))
    make_item(world, title="一周内到期", deadline=date(2024, 1, 15), category="work_style")
    make_item(world, title="还早的事项", deadline=date(2024, 3, 1), owner=world.committee_a)
    closed_item(world, title="已销号事项")
    c = world.client(world.member_a)
    page = lambda q="": c.get(f"/ledger/{q}").content.decode()  # noqa: E731
    assert all(t in page() for t in ["逾期事项", "一周内到期", "还早的事项", "已销号事项"])
    assert "一周内到期" not in page("?overdue=1") and "逾期事项" in page("?overdue=1")
    due = page("?due=1")
    assert "一周内到期" in due and "逾期事项" not in due and "还早的事项" not in due
    assert "还早的事项" not in page("?status=closed") and "已销号事项" in page("?status=closed")
    assert "一周内到期" in page("?category=work_style")
    assert "逾期事项" not in page("?category=work_style")
    assert "还早的事项" in page("?owner=committee_a") and "逾期事项" not in page(
        "?owner=committee_a"
    )
    assert "还早的事项" in page(f"?org={world.branch_a.pk}")


def test_it_shows_a_chinese_message_for_a_bad_filter(world):
    r = world.client(world.member_a).get("/ledger/?status=bogus")
    assert r.status_code == 422 and "未知状态" in r.content.decode()


def test_it_shows_the_committee_ledger_to_the_reviewer(world):
    make_item(world, title="甲支部的事项")
    r = world.client(world.reviewer).get(f"/ledger/?org={world.committee.pk}")
    assert r.status_code == 200 and "甲支部的事项" in r.content.decode()


def test_it_hides_other_branches_in_the_list(world):
    make_item(world, title="甲支部的事项")
    assert "甲支部的事项" not in world.client(world.member_b).get("/ledger/").content.decode()


def test_it_shows_the_item_with_its_timeline_and_the_owners_buttons(world):
    item = make_item(world)
    page = world.client(world.member_a).get(f"/ledger/{item.pk}/").content.decode()
    assert "理论学习不够全面透彻" in page and "办理记录" in page and "登记" in page
    assert 'value="start"' in page and 'value="verify"' not in page
    assert "修改</a>" not in page  # a member does not edit


def test_it_shows_the_verify_button_to_the_secretary_but_not_the_owner(world):
    item = move(make_item(world), (world.member_a, "start", ""), (world.member_a, "submit", ""))
    owner = world.client(world.member_a).get(f"/ledger/{item.pk}/").content.decode()
    secretary = world.client(world.secretary_a).get(f"/ledger/{item.pk}/").content.decode()
    assert 'value="verify"' not in owner and 'value="verify"' in secretary
    assert "整改实效" in secretary


def test_it_runs_the_loop_through_the_pages(world, media):
    item = make_item(world)
    owner, secretary = world.client(world.member_a), world.client(world.secretary_a)
    url = f"/ledger/{item.pk}/"
    assert owner.post(url + "transition/", {"action": "start"}).status_code == 302
    r = owner.post(url + "evidence/", {"file": upload("记录.png"), "note": "研讨记录"})
    assert r.status_code == 302
    assert owner.post(url + "transition/", {"action": "submit"}).status_code == 302
    r = owner.post(url + "transition/", {"action": "verify", "note": "自己验收"})
    assert r.status_code == 403 and "责任人" in r.content.decode()
    r = secretary.post(url + "transition/", {"action": "verify", "note": "整改到位"})
    assert r.status_code == 302
    item = RectificationItem.objects.get(pk=item.pk)
    assert item.status == "closed" and item.verified_by == world.secretary_a
    page = owner.get(url).content.decode()
    assert "记录.png" in page and "验收销号" in page and "整改到位" in page


def test_it_answers_409_on_the_page_for_a_move_the_table_forbids(world):
    item = make_item(world)
    r = world.client(world.secretary_a).post(
        f"/ledger/{item.pk}/transition/", {"action": "verify", "note": "x"}
    )
    assert r.status_code == 409 and "待整改" in r.content.decode()


def test_it_refuses_a_too_large_upload_on_the_page_with_a_message(world, settings):
    settings.ORGLIFE_UPLOAD_MAX_BYTES = 10
    item = make_item(world)
    r = world.client(world.member_a).post(f"/ledger/{item.pk}/evidence/", {"file": upload()})
    assert r.status_code == 413 and "上限" in r.content.decode()


def test_it_refuses_a_wrong_type_on_the_page_with_a_message(world):
    item = make_item(world)
    r = world.client(world.member_a).post(
        f"/ledger/{item.pk}/evidence/", {"file": upload("a.png", b"not a picture")}
    )
    assert r.status_code == 422 and "文件" in r.content.decode()


def test_it_refuses_an_upload_without_a_file_on_the_page(world):
    item = make_item(world)
    r = world.client(world.member_a).post(f"/ledger/{item.pk}/evidence/", {})
    assert r.status_code == 422 and "请选择" in r.content.decode()


def test_it_creates_an_item_from_the_form(world, today):
    c = world.client(world.secretary_a)
    assert c.get(f"/ledger/new/?org={world.branch_a.pk}").status_code == 200
    r = c.post(
        f"/ledger/new/?org={world.branch_a.pk}",
        {
            "title": "政治功能发挥不够明显",
            "category": "political_quality",
            "source": "meeting",
            "description": "个别班子成员发表意见不充分。",
            "kind": "deadline",
            "owner": world.member_a.pk,
            "deadline": "",
        },
    )
    assert r.status_code == 302
    item = RectificationItem.objects.get(title="政治功能发挥不够明显")
    assert item.deadline == date(2024, 1, 25) and item.owner == world.member_a


def test_it_shows_form_errors_in_chinese(world):
    r = world.client(world.secretary_a).post(
        f"/ledger/new/?org={world.branch_a.pk}", {"title": "", "kind": "long_term"}
    )
    assert r.status_code == 422 and "这个字段是必填项" in r.content.decode()


def test_it_refuses_the_create_form_to_a_member(world):
    r = world.client(world.member_a).get(f"/ledger/new/?org={world.branch_a.pk}")
    assert r.status_code == 403


def test_it_edits_with_the_version_and_refuses_a_stale_form(world):
    item = make_item(world)
    c = world.client(world.secretary_a)
    assert c.get(f"/ledger/{item.pk}/edit/").status_code == 200
    form = {
        "title": "新标题",
        "category": "theory_study",
        "source": "meeting",
        "description": "问题表现",
        "kind": "deadline",
        "deadline": "2024-01-20",
        "version": "1",
        "note": "支委会讨论后修改",
    }
    assert c.post(f"/ledger/{item.pk}/edit/", form).status_code == 302
    r = c.post(f"/ledger/{item.pk}/edit/", form | {"title": "又改"})
    assert r.status_code == 409 and "刷新" in r.content.decode()
    assert RectificationItem.objects.get(pk=item.pk).title == "新标题"
    page = c.get(f"/ledger/{item.pk}/").content.decode()
    assert "问题：理论学习不够全面透彻 → 新标题" in page and "支委会讨论后修改" in page


def test_it_refuses_to_edit_a_closed_item_on_the_page(world):
    item = closed_item(world)
    assert world.client(world.secretary_a).get(f"/ledger/{item.pk}/edit/").status_code == 409


def test_it_requests_and_approves_an_extension_on_the_pages(world):
    item = move(make_item(world), (world.member_a, "start", ""))
    r = world.client(world.member_a).post(
        f"/ledger/{item.pk}/extension/", {"new_deadline": "2024-02-15", "reason": "跨月"}
    )
    assert r.status_code == 302
    ext = item.extension_requests.get()
    page = world.client(world.secretary_a).get(f"/ledger/{item.pk}/").content.decode()
    assert "批准延期" in page
    r = world.client(world.secretary_a).post(
        f"/ledger/extension/{ext.pk}/decide/", {"decision": "approve"}
    )
    assert r.status_code == 302
    page = world.client(world.member_a).get(f"/ledger/{item.pk}/").content.decode()
    assert "2024-02-15" in page and "原定 2024-01-20" in page


def test_it_adds_progress_on_the_page(world):
    item = make_item(world, kind="long_term", deadline=None)
    r = world.client(world.member_a).post(
        f"/ledger/{item.pk}/progress/", {"text": "本月廉政谈话两次", "on": "2024-01-05"}
    )
    assert r.status_code == 302 and item.progress_entries.get().on == date(2024, 1, 5)


@pytest.mark.parametrize("kind", ["problems", "rectification", "effects"])
def test_it_shows_the_three_lists(world, kind):
    closed_item(world, title="理论学习不够全面透彻")
    r = world.client(world.member_a).get(f"/ledger/lists/{kind}/?org={world.branch_a.pk}")
    assert r.status_code == 200 and "理论学习不够全面透彻" in r.content.decode()


def test_it_shows_the_summary_with_its_charts(world, today):
    closed_item(world, deadline=date(2024, 1, 20))
    make_item(world, title="逾期", deadline=date(2024, 1, 5))
    r = world.client(world.reviewer).get(f"/ledger/summary/?org={world.committee.pk}")
    page = r.content.decode()
    assert r.status_code == 200 and "vendor/echarts/echarts.min.js" in page
    assert 'id="stat-rate">50.0%' in page and 'id="stat-overdue">1' in page
    assert 'id="stat-on-time">1' in page and "第二党支部" in page
    assert "cdn" not in page.lower()


def test_the_summary_pages_its_branches_and_counts_them_all(world, today):
    from tests.factories import OrganizationFactory

    make_item(world, title="逾期", deadline=date(2024, 1, 5))
    for i in range(55):  # with 第一/第二党支部: 57 branches, two pages of 50
        OrganizationFactory(name=f"第{i + 3:03d}号党支部", parent=world.committee)
    c = world.client(world.reviewer)
    first = c.get(f"/ledger/summary/?org={world.committee.pk}").content.decode()
    second = c.get(f"/ledger/summary/?org={world.committee.pk}&page=2").content.decode()
    for page in (first, second):  # the totals are the committee's on every page
        assert 'id="stat-total">1<' in page and 'id="stat-overdue">1<' in page
        assert "共 57 条" in page
    assert (
        first.count('href="/ledger/summary/?org=') - second.count('href="/ledger/summary/?org=')
        == 50 - 7
    )
    last = Organization.objects.filter(parent=world.committee).order_by("path").last()
    link = f'?org={last.pk}">{last.name}</a>'
    assert link in second and link not in first


PAGES = [
    ("get", "/ledger/{id}/", None),
    ("get", "/ledger/{id}/edit/", None),
    ("post", "/ledger/{id}/edit/", {"title": "x", "version": "1"}),
    ("post", "/ledger/{id}/transition/", {"action": "start"}),
    ("post", "/ledger/{id}/evidence/", {"note": "x"}),
    ("post", "/ledger/{id}/progress/", {"text": "x"}),
    ("post", "/ledger/{id}/extension/", {"new_deadline": "2024-03-01", "reason": "x"}),
    ("get", "/ledger/?org={org}", None),
    ("get", "/ledger/new/?org={org}", None),
    ("get", "/ledger/lists/problems/?org={org}", None),
    ("get", "/ledger/summary/?org={org}", None),
    ("get", "/ledger/reminders/?org={org}", None),
    ("get", "/ledger/carry-forward/?org={org}", None),
    ("get", "/ledger/export.xlsx?org={org}&list=problems", None),
]


@pytest.mark.parametrize("outsider", ["secretary_b", "member_b"])
@pytest.mark.parametrize(("method", "url", "data"), PAGES)
def test_it_answers_404_to_outsiders_on_every_page(world, outsider, method, url, data):
    item = make_item(world)
    c = world.client(getattr(world, outsider))
    r = getattr(c, method)(url.format(id=item.pk, org=world.branch_a.pk), data or {})
    assert r.status_code == 404
    assert RectificationItem.objects.get(pk=item.pk).version == 1


def test_it_answers_404_to_outsiders_deciding_an_extension(world):
    item = move(make_item(world), (world.member_a, "start", ""))
    world.client(world.member_a).post(
        f"/ledger/{item.pk}/extension/", {"new_deadline": "2024-02-15", "reason": "跨月"}
    )
    ext = item.extension_requests.get()
    r = world.client(world.secretary_b).post(
        f"/ledger/extension/{ext.pk}/decide/", {"decision": "approve"}
    )
    assert r.status_code == 404


def test_it_sends_anonymous_people_to_sign_in(db):
    from django.test import Client

    r = Client().get("/ledger/")
    assert r.status_code == 302 and "/login/" in r["Location"]
