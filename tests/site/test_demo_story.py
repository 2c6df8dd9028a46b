"""The demo tells one story relative to today, whatever day it is loaded (issue 15).

Last year's meeting held about a year ago with its ledger at work; this year's meeting in
preparation, planned a little after today; nothing dated in the future but plans and
deadlines.
"""

import io
from datetime import date, datetime, time, timedelta

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.utils import timezone

from orglife.core import clock
from orglife.core.demo_story import story
from orglife.ledger.models import RectificationItem
from orglife.meetings.models import LifeMeeting
from orglife.meetings.stages import meeting_stage
from orglife.orgs.models import User
from orglife.site.demo import load_demo

REAL_NOW = timezone.now  # fields defaulting to it record when the demo really ran (audit)
# Fields that name a day still to come.
AHEAD = {"planned_on", "deadline", "new_deadline", "next_review"}
DAYS = [date(2026, 12, 1), date(2027, 6, 15)]


def _load(today, monkeypatch, settings, tmp_path):
    """The demo loaded with today (and every clock) fixed at the given day, noon."""
    settings.MEDIA_ROOT = tmp_path / "media"
    moment = timezone.make_aware(datetime.combine(today, time(12)))
    monkeypatch.setattr(clock, "today", lambda: today)
    monkeypatch.setattr(clock, "now", lambda: moment)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    monkeypatch.setenv("ORGLIFE_DEMO_PASSWORD", "story-pass-2026")
    orgs = load_demo(out=io.StringIO())
    return today, orgs


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_the_demo_tells_one_story_whatever_the_day(db, monkeypatch, settings, tmp_path, today):
    # One load per day for all the checks: loading the demo takes seconds.
    told = _load(today, monkeypatch, settings, tmp_path)
    _last_years_meeting_was_held_about_a_year_ago(told)
    _this_years_meeting_is_being_prepared(told)
    _last_years_ledger_runs_from_its_meeting_to_today(told)
    _the_carry_forward_page_reads_this_year_from_last_years_ledger(told)
    _nothing_is_dated_after_today_but_plans_and_deadlines(told)


def _last_years_meeting_was_held_about_a_year_ago(told):
    today, orgs = told
    last = LifeMeeting.objects.get(org=orgs["a"], year=today.year - 1)
    assert meeting_stage(last) == "reported"
    assert 182 <= (today - last.held_on).days <= 456  # between 6 and 15 months
    held = LifeMeeting.objects.filter(org=orgs["a"], held_on__isnull=False)
    assert held.latest("held_on") == last
    assert all(s.held_on < last.held_on for s in last.studies.all())


def _this_years_meeting_is_being_prepared(told):
    today, orgs = told
    this = LifeMeeting.objects.get(org=orgs["a"], year=today.year)
    assert meeting_stage(this) == "preparing" and this.held_on is None
    assert today < this.planned_on <= today + timedelta(days=31)
    recent = [s.held_on for s in this.studies.all()] + [t.held_on for t in this.talks.all()]
    assert recent and all(today - timedelta(days=60) <= d <= today for d in recent)
    assert LifeMeeting.objects.get(org=orgs["b"]).year == today.year


def _last_years_ledger_runs_from_its_meeting_to_today(told):
    today, orgs = told
    last = LifeMeeting.objects.get(org=orgs["a"], year=today.year - 1)
    items = list(RectificationItem.objects.filter(meeting=last))
    assert items and all(i.meeting_year == last.year for i in items)
    assert all(i.deadline is None or i.deadline >= last.held_on for i in items)
    closed = [timezone.localdate(i.closed_at) for i in items if i.is_closed]
    assert closed and all(last.held_on < d < today for d in closed)
    assert sum(i.is_overdue for i in items) == 1
    assert any(i.is_long_term for i in items)
    assert any(i.status == "in_progress" and not i.is_overdue and i.deadline for i in items)
    assert any(i.status == "submitted" for i in items)


def _the_carry_forward_page_reads_this_year_from_last_years_ledger(told):
    today, _ = told
    client = Client()
    client.force_login(User.objects.get(username="secretary_a"))
    page = client.get("/ledger/carry-forward/").content.decode()
    assert f"{today.year}年会议（据{today.year - 1}年整改台账生成）" in page
    assert f"针对{today.year - 1}年组织生活会查摆出来的" in page


def _dated_fields():
    for model in apps.get_models():
        if not model.__module__.startswith("orglife."):
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.DateField) or field.name in AHEAD:
                continue
            if field.default is REAL_NOW:
                continue
            yield model, field


def _nothing_is_dated_after_today_but_plans_and_deadlines(told):
    today, _ = told
    moment = timezone.make_aware(datetime.combine(today, time(23, 59)))
    late = {}
    checked = 0
    for model, field in _dated_fields():
        bound = moment if isinstance(field, models.DateTimeField) else today
        rows = model.objects.filter(**{f"{field.name}__gt": bound})
        checked += model.objects.filter(**{f"{field.name}__isnull": False}).count()
        if rows.exists():
            late[f"{model._meta.label}.{field.name}"] = rows.count()
    assert late == {}
    assert checked > 100  # the scan did look at the story's dates


@pytest.mark.parametrize("month", range(1, 13))
@pytest.mark.parametrize("day", [1, 15, 28])
def test_the_calendar_keeps_its_rule_on_any_day(month, day):
    today = date(2027, month, day)
    s = story(today)
    assert 182 <= (today - s.last_held).days <= 365
    assert s.last_held.year == s.last_year or (s.last_held.year == s.this_year and month >= 7)
    assert s.last_held.weekday() < 5 and s.this_planned.weekday() < 5
    assert today < s.this_planned <= today + timedelta(days=15)
    assert s.archive_held == date(2024, 1, 16) < s.last_held
