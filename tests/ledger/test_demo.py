"""The demo ledger: branch A's 2023 items from the seed, and last year's items at work."""

import io
from datetime import date

import pytest
from django.utils import timezone

from orglife.ledger import demo
from orglife.ledger.models import Evidence, ItemEvent, RectificationItem
from orglife.meetings.models import LifeMeeting, MeetingReport
from orglife.site.demo import load_demo

DAY = date(2026, 12, 1)  # the story is told from today; any day after 2024 tells it whole


@pytest.fixture
def loaded(db, monkeypatch, today):
    today(DAY)
    monkeypatch.setenv("ORGLIFE_DEMO_PASSWORD", "demo-pass-2026")
    out = io.StringIO()
    orgs = load_demo(out=out)
    return orgs, out.getvalue()


def test_it_builds_branch_as_2023_ledger_from_the_seed(loaded):
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
    # The meeting demo then takes the ledger from the seed's other sections (四, 五): the
    # six are linked, not copied. 2023 is the archive year: everything closed in 2024.
    assert len(rest) == 3
    assert any(i.title.startswith("典型案例剖析：") for i in rest)
    assert len({i.title for i in items}) == len(items)
    meeting = LifeMeeting.objects.get(org=orgs["a"], year=2023)
    assert all(i.meeting_id == meeting.pk for i in items)
    assert MeetingReport.objects.get(meeting=meeting).status == "accepted"
    assert "整改台账：新生成 3 项，关联已有 6 项" in out
    assert all(i.is_closed and timezone.localdate(i.closed_at).year == 2024 for i in items)
    assert all(i.verified_by != i.owner for i in items)


def test_last_years_items_are_closed_open_overdue_and_long_term(loaded):
    orgs, _ = loaded
    meeting = LifeMeeting.objects.get(org=orgs["a"], year=DAY.year - 1)
    items = list(RectificationItem.objects.filter(meeting=meeting))
    assert len(items) == 14
    closed = [i for i in items if i.is_closed]
    assert len(closed) == 9
    assert all(i.effect and i.verified_by != i.owner for i in closed)
    assert sum(Evidence.objects.filter(item=i).count() == 2 for i in closed) >= 3
    assert all(meeting.held_on < timezone.localdate(i.closed_at) < DAY for i in closed)
    assert len([i for i in items if i.is_overdue]) == 1
    assert len([i for i in items if i.is_long_term]) == 1
    assert {i.status for i in items} == {"closed", "in_progress", "submitted"}
    extended = [i for i in items if i.original_deadline]
    assert len(extended) == 1 and extended[0].deadline > DAY
    # One was returned once before it was verified.
    assert ItemEvent.objects.filter(item__in=items, action="reject").count() == 1
    assert ItemEvent.objects.filter(item__in=items, action="verify").count() == 9


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


def test_its_backdated_history_still_verifies(loaded):
    from orglife.core.chain import verify_all

    assert ItemEvent.objects.exists() and verify_all() == []


def test_it_reads_every_aspect_measure_and_cause_of_the_seed():
    problems, measures, causes = demo.read_seed()
    assert set(problems) == set(demo.MEASURE_FOR) == set(demo.CAUSE_FOR)
    assert measures["五"][0] == "持之以恒筑牢廉洁防火墙，全面从严治党"
    assert causes["三"][0] == "宗旨意识有所减弱"
