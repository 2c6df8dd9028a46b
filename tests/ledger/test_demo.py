"""The demo ledger: branch A's 2023 items from the seed's problems and measures."""

import io

import pytest

from orglife.ledger import demo
from orglife.ledger.models import Evidence, ItemEvent, RectificationItem
from orglife.meetings.models import LifeMeeting, MeetingReport
from orglife.site.demo import load_demo


@pytest.fixture
def loaded(db, monkeypatch, today):
    monkeypatch.setenv("ORGLIFE_DEMO_PASSWORD", "demo-pass-2026")
    out = io.StringIO()
    orgs = load_demo(out=out)
    return orgs, out.getvalue()


def test_it_builds_branch_as_ledger_from_the_seed(loaded):
    orgs, out = loaded
    # The ledger demo runs first: its six items, one per aspect of the seed, come first.
    items = list(RectificationItem.objects.filter(org=orgs["a"], meeting_year=2023).order_by("pk"))
    seed, rest = items[:6], items[6:]
    assert {i.category for i in seed} == set(demo.MEASURE_FOR)
    theory = next(i for i in seed if i.category == "theory_study")
    assert theory.title == "理论学习：理论学习不够全面透彻"
    assert theory.description.startswith("理论学习不够全面透彻，深度和广度不够")
    assert theory.measures.startswith("持之以恒把牢理论总开关")
    assert theory.root_cause.startswith("理论武装有所松懈")
    assert "整改台账" in out
    # The meeting demo then takes the ledger from every section of the meeting's materials:
    # the seed's six are linked, not copied; the other sections and the individual
    # materials add open items of their own.
    assert len(rest) == 11 and all(i.status == "open" for i in rest)
    assert any(i.title.startswith("典型案例剖析：") for i in rest)
    assert any(i.title.startswith("政绩观和基层治理检视：") for i in rest)
    assert len({i.title for i in items}) == len(items)
    meeting = LifeMeeting.objects.get(org=orgs["a"], year=2023)
    assert all(i.meeting_id == meeting.pk for i in items)
    assert MeetingReport.objects.get(meeting=meeting).status == "accepted"
    assert "整改台账：新生成 11 项，关联已有 6 项" in out


def test_it_has_closed_open_overdue_and_long_term_items(loaded):
    orgs, _ = loaded
    # The meeting's items; the safety demo adds hazard items of its own.
    items = list(RectificationItem.objects.filter(org=orgs["a"], source="meeting"))
    closed = [i for i in items if i.is_closed]
    assert len(closed) == 2
    assert all(Evidence.objects.filter(item=i).count() == 2 and i.effect for i in closed)
    assert all(i.verified_by != i.owner for i in closed)
    # Four of the seed's items still open, and the meeting's eleven new ones.
    assert len([i for i in items if not i.is_closed]) == 4 + 11
    assert len([i for i in items if i.is_overdue]) == 1
    assert len([i for i in items if i.is_long_term]) == 1
    assert ItemEvent.objects.filter(item__in=items, action="verify").count() == 2


def test_it_stores_evidence_that_passes_its_own_checks(loaded):
    from orglife.ledger.evidence import sniff

    ev = Evidence.objects.first()
    assert sniff(ev.file.read()) in {"pdf", "png"}


def test_it_changes_nothing_when_run_again(loaded):
    orgs, _ = loaded
    before = (RectificationItem.objects.count(), ItemEvent.objects.count())
    assert demo.load(orgs=orgs, out=io.StringIO()) == []
    load_demo(out=io.StringIO())
    assert (RectificationItem.objects.count(), ItemEvent.objects.count()) == before


def test_it_reads_every_aspect_measure_and_cause_of_the_seed():
    problems, measures, causes = demo.read_seed()
    assert set(problems) == set(demo.MEASURE_FOR) == set(demo.CAUSE_FOR)
    assert measures["五"][0] == "持之以恒筑牢廉洁防火墙，全面从严治党"
    assert causes["三"][0] == "宗旨意识有所减弱"
