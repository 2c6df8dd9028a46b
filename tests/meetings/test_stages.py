from datetime import date, timedelta

import pytest
from django.test import override_settings

from orglife.core import clock
from orglife.meetings.models import LifeMeeting
from orglife.meetings.selectors import default_deadline
from orglife.meetings.services_plan import plan_save, plan_transition
from orglife.meetings.stages import meeting_stage

pytestmark = pytest.mark.django_db


def _plan(meeting, world, planned_on=date(2026, 12, 20)):
    plan_save(
        meeting=meeting,
        actor=world.secretary_a,
        planned_on=planned_on,
        place="会议室",
        format="branch_congress",
        participants=[],
        agenda="",
        requirements="",
    )


def test_it_derives_each_stage_from_what_was_recorded(world, meeting_a):
    assert meeting_stage(meeting_a) == "planning"
    _plan(meeting_a, world)
    assert meeting_stage(meeting_a) == "planning"
    plan_transition(meeting=meeting_a, actor=world.secretary_a, action="submit")
    assert meeting_stage(meeting_a) == "plan_submitted"
    plan_transition(meeting=meeting_a, actor=world.reviewer, action="return", note="补充")
    assert meeting_stage(meeting_a) == "planning"
    plan_transition(meeting=meeting_a, actor=world.secretary_a, action="submit")
    plan_transition(meeting=meeting_a, actor=world.reviewer, action="approve")
    assert meeting_stage(meeting_a) == "preparing"
    LifeMeeting.objects.filter(pk=meeting_a.pk).update(held_on=date(2026, 12, 20))
    meeting_a.refresh_from_db()
    assert meeting_stage(meeting_a) == "held"


def test_it_refuses_to_submit_a_plan_without_a_date(world, meeting_a):
    from orglife.core.errors import Invalid

    with pytest.raises(Invalid):
        plan_transition(meeting=meeting_a, actor=world.secretary_a, action="submit")


@override_settings(ORGLIFE_DEFAULT_DEADLINE_DAYS=15)
def test_it_counts_the_default_deadline_from_held_then_planned_then_today(world, meeting_a):
    assert default_deadline(meeting_a) == clock.today() + timedelta(days=15)
    _plan(meeting_a, world)
    assert default_deadline(meeting_a) == date(2027, 1, 4)
    meeting_a.held_on = date(2026, 12, 22)
    assert default_deadline(meeting_a) == date(2027, 1, 6)
