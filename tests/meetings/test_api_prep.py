"""Study, talks with their coverage, and opinions through the API."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from orglife.ledger.models import RectificationItem
from orglife.meetings.models import HeartTalk, Opinion, StudySession
from orglife.meetings.selectors import study_rule_refusal
from tests.meetings.conftest import jpatch, jpost

pytestmark = pytest.mark.django_db

STUDY = {
    "held_on": "2026-11-20",
    "topic": "学习党的二十届四中全会精神",
    "texts": "《中国共产党支部工作条例（试行）》",
    "attendees": ["secretary_a", "committee_a"],
    "absent": [{"person": "member_a", "reason": "出差"}],
}


def test_it_records_a_study_with_absences(world, api, meeting_a):
    r = jpost(api(world.committee_a), f"/api/meetings/{meeting_a.pk}/studies", STUDY)
    assert r.status_code == 201, r.content
    assert r.json()["attendees"] == ["secretary_a", "committee_a"]
    assert r.json()["absent"] == [{"person": "member_a", "reason": "出差"}]
    body = api(world.member_a).get(f"/api/meetings/{meeting_a.pk}/studies").json()
    assert body["count"] == 1


def test_it_refuses_a_study_from_a_member_or_with_strangers(world, api, meeting_a):
    url = f"/api/meetings/{meeting_a.pk}/studies"
    assert jpost(api(world.member_a), url, STUDY).status_code == 403
    r = jpost(api(world.secretary_a), url, STUDY | {"attendees": ["member_b"]})
    assert r.status_code == 422
    r = jpost(
        api(world.secretary_a), url, STUDY | {"absent": [{"person": "member_a", "reason": ""}]}
    )
    assert r.status_code == 422
    assert not StudySession.objects.exists()


def test_it_refuses_to_hold_a_meeting_without_a_collective_study(world, api, meeting_a):
    assert "不得召开组织生活会" in study_rule_refusal(meeting_a)
    jpost(api(world.secretary_a), f"/api/meetings/{meeting_a.pk}/studies", STUDY)
    assert study_rule_refusal(meeting_a) is None


@override_settings(ORGLIFE_REQUIRE_STUDY=False)
def test_it_lets_the_study_rule_be_switched_off(meeting_a):
    assert study_rule_refusal(meeting_a) is None


def test_it_computes_talk_coverage_by_the_rule(world, api, meeting_a):
    url = f"/api/meetings/{meeting_a.pk}/talks"
    sec = api(world.secretary_a)
    cov = sec.get(f"{url}/coverage").json()
    # committee pair (secretary_a, committee_a) and secretary with member_a
    assert cov == {
        "required": 2,
        "done": 0,
        "missing": [
            {"a": "secretary_a", "b": "committee_a"},
            {"a": "secretary_a", "b": "member_a"},
        ],
    }
    r = jpost(
        sec,
        url,
        {"a": "committee_a", "b": "secretary_a", "held_on": "2026-11-25", "topics": "工作作风"},
    )
    assert r.status_code == 201, r.content
    cov = sec.get(f"{url}/coverage").json()
    assert cov["done"] == 1 and cov["missing"] == [{"a": "secretary_a", "b": "member_a"}]
    assert api(world.member_a).get(url).json()["count"] == 1


def test_it_lets_a_member_record_only_their_own_talk(world, api, meeting_a):
    url = f"/api/meetings/{meeting_a.pk}/talks"
    m = api(world.member_a)
    talk = {"a": "member_a", "b": "committee_a", "held_on": "2026-11-25", "topics": "学习体会"}
    assert jpost(m, url, talk).status_code == 201
    other = talk | {"a": "secretary_a"}
    assert jpost(m, url, other).status_code == 403
    assert jpost(m, url, talk | {"b": "member_a"}).status_code == 422  # one person is no talk
    assert HeartTalk.objects.count() == 1


@pytest.mark.parametrize("who", ["secretary_b", "member_b"])
def test_it_hides_the_preparation_from_another_branch(world, api, meeting_a, who):
    c = api(getattr(world, who))
    base = f"/api/meetings/{meeting_a.pk}"
    for path in ["studies", "talks", "talks/coverage", "opinions", "materials"]:
        assert c.get(f"{base}/{path}").status_code == 404, path
    assert jpost(c, f"{base}/studies", STUDY).status_code == 404
    assert jpost(c, f"{base}/opinions", {"source": "public", "text": "x"}).status_code == 404
    talk = {"a": "secretary_a", "b": "member_a", "held_on": "2026-11-25", "topics": "x"}
    assert jpost(c, f"{base}/talks", talk).status_code == 404


def test_it_records_opinions_and_links_them_to_a_ledger_item(world, api, meeting_a, meeting_b):
    url = f"/api/meetings/{meeting_a.pk}/opinions"
    sec = api(world.secretary_a)
    r = jpost(sec, url, {"source": "public", "text": "服务窗口排队时间长"})
    assert r.status_code == 201 and r.json()["anonymous"] is True
    oid = r.json()["id"]
    assert sec.get(f"{url}?unlinked=true").json()["count"] == 1
    item = RectificationItem.objects.create(
        org=world.branch_a, title="窗口服务效率", kind="long_term"
    )
    other = RectificationItem.objects.create(org=world.branch_b, title="别的支部", kind="long_term")
    assert jpatch(sec, f"{url}/{oid}", {"item": other.pk}).status_code == 422
    r = jpatch(sec, f"{url}/{oid}", {"item": item.pk})
    assert r.status_code == 200 and r.json()["item"] == item.pk
    assert sec.get(f"{url}?unlinked=true").json()["count"] == 0
    assert jpatch(api(world.member_a), f"{url}/{oid}", {"item": None}).status_code == 403
    assert jpatch(api(world.secretary_b), f"{url}/{oid}", {"item": None}).status_code == 404
    # an opinion of A is not found through B's meeting either
    assert (
        jpatch(
            api(world.secretary_b), f"/api/meetings/{meeting_b.pk}/opinions/{oid}", {"item": None}
        ).status_code
        == 404
    )


def test_it_refuses_an_unknown_opinion_source(world, api, meeting_a):
    r = jpost(
        api(world.secretary_a),
        f"/api/meetings/{meeting_a.pk}/opinions",
        {"source": "gossip", "text": "x"},
    )
    assert r.status_code == 422 and "党员" in r.json()["detail"]


def _xlsx(rows):
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_it_imports_opinions_from_xlsx_all_or_nothing(world, api, meeting_a):
    url = f"/api/meetings/{meeting_a.pk}/opinions/import"
    sec = api(world.secretary_a)
    data = _xlsx(
        [
            ["来源", "意见内容", "提出人"],
            ["群众", "办事流程繁琐", ""],
            ["党员", "学习形式单一", "张三"],
        ]
    )
    r = sec.post(url, {"file": SimpleUploadedFile("意见.xlsx", data)}, format="multipart")
    assert r.status_code == 201, r.content
    assert r.json()["count"] == 2
    assert Opinion.objects.get(text="学习形式单一").given_by == "张三"
    bad = _xlsx([["来源", "意见内容"], ["群众", "好"], ["路人", "坏"]])
    r = sec.post(url, {"file": SimpleUploadedFile("意见.xlsx", bad)}, format="multipart")
    assert r.status_code == 422 and "第3行" in r.json()["detail"]
    assert Opinion.objects.count() == 2


def test_it_refuses_a_file_that_is_not_xlsx(world, api, meeting_a):
    url = f"/api/meetings/{meeting_a.pk}/opinions/import"
    r = api(world.secretary_a).post(
        url, {"file": SimpleUploadedFile("意见.xlsx", b"not a zip")}, format="multipart"
    )
    assert r.status_code == 422
