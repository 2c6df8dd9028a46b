"""Meetings for the personas' branches, shared by the meeting and materials tests."""

import pytest

from orglife.meetings.services_plan import meeting_create


@pytest.fixture
def meeting_a(world):
    return meeting_create(
        actor=world.secretary_a, org=world.branch_a, year=2026, title="2026年度组织生活会"
    )


@pytest.fixture
def meeting_b(world):
    return meeting_create(
        actor=world.secretary_b, org=world.branch_b, year=2026, title="2026年度组织生活会"
    )
