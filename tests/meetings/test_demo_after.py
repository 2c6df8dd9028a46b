"""demo_after.complete_meeting takes a meeting through to an accepted report, once."""

import pytest

from orglife.ledger.models import RectificationItem
from orglife.meetings.demo_after import complete_meeting
from orglife.meetings.models import (
    BallotReceipt,
    Criticism,
    EvaluationResult,
    MeetingReport,
)
from tests.factories import MembershipFactory, UserFactory
from tests.meetings.after_helpers import meeting_of
from tests.meetings.materials_helpers import with_materials

pytestmark = pytest.mark.django_db


def test_it_completes_the_meeting_through_an_accepted_report(world):
    MembershipFactory(user=UserFactory(username="roster_only"), organization=world.branch_a)
    meeting = meeting_of(world)
    with_materials(world, meeting)
    lines = complete_meeting(meeting=meeting)
    assert lines and "审核通过" in lines[0]
    meeting.refresh_from_db()
    assert meeting.held_on is not None
    assert meeting.record.quorum_present == 3 and meeting.record.quorum_due == 4
    assert Criticism.objects.filter(meeting=meeting).count() == 6
    assert BallotReceipt.objects.filter(meeting=meeting).count() == 4
    assert EvaluationResult.objects.filter(meeting=meeting).count() == 4
    assert RectificationItem.objects.filter(meeting=meeting).count() == 12
    report = MeetingReport.objects.get(meeting=meeting)
    assert report.status == "accepted" and "情况" in report.text
    assert complete_meeting(meeting=meeting) == []
    assert Criticism.objects.filter(meeting=meeting).count() == 6
