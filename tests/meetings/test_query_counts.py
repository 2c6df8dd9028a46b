"""Every meeting list answers in a number of queries that does not grow with the list."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from orglife.meetings.models import (
    HeartTalk,
    LifeMeeting,
    MeetingPlan,
    Opinion,
    StudySession,
)
from orglife.meetings.stages import meeting_stage
from orglife.orgs.models import Organization
from tests.query_counts import assert_constant_queries

pytestmark = pytest.mark.django_db


def _meetings(world):
    """grow(n): n meetings, in new branches under the committee and in branch A, some with a
    plan (stages differ), some held."""

    def grow(n: int) -> None:
        have = LifeMeeting.objects.count()
        made = []
        for i in range(have, n):
            org = (
                world.branch_a
                if i % 3 == 0
                else Organization.objects.create(
                    name=f"支部{i}", parent=world.committee, kind="branch"
                )
            )
            made.append(
                LifeMeeting.objects.create(
                    org=org,
                    year=2020 + i % 7,
                    title=f"组织生活会{i}",
                    planned_on=date(2024, 1, 10),
                    held_on=date(2024, 1, 12) if i % 4 == 0 else None,
                )
            )
        MeetingPlan.objects.bulk_create(
            [
                MeetingPlan(meeting=m, status="submitted" if k % 2 else "approved")
                for k, m in enumerate(made)
                if k % 3
            ]
        )

    return grow


@pytest.mark.parametrize("who", ["secretary_a", "reviewer", "admin"])
def test_it_keeps_the_meeting_list_at_constant_queries(world, who):
    assert_constant_queries(world.client(getattr(world, who)), "/meetings/", _meetings(world))


def test_it_keeps_the_api_meeting_list_at_constant_queries(world, api):
    assert_constant_queries(api(world.reviewer), "/api/meetings?limit=200", _meetings(world))


def test_it_keeps_the_board_page_at_constant_queries(world):
    assert_constant_queries(world.client(world.reviewer), "/meetings/board/", _meetings(world))


def test_it_shows_each_meeting_s_stage_on_the_list(world, api):
    _meetings(world)(6)
    items = api(world.reviewer).get("/api/meetings?limit=200").json()["items"]
    by_title = {m["title"]: m["stage"] for m in items}
    assert by_title["组织生活会0"] == "held" and by_title["组织生活会1"] == "plan_submitted"
    assert by_title["组织生活会2"] == "preparing" and by_title["组织生活会3"] == "planning"
    for m in LifeMeeting.objects.all():  # the list's stages are meeting_stage's, one by one
        assert by_title[m.title] == meeting_stage(m)


def _sublists(world, meeting):
    def grow(n: int) -> None:
        have = StudySession.objects.filter(meeting=meeting).count()
        StudySession.objects.bulk_create(
            [
                StudySession(
                    meeting=meeting,
                    held_on=date(2026, 1, 1) + timedelta(days=i % 90),
                    topic=f"学习{i}",
                    created_by=world.secretary_a,
                )
                for i in range(have, n)
            ]
        )
        Opinion.objects.bulk_create(
            [
                Opinion(
                    meeting=meeting,
                    source="public",
                    text=f"意见{i}",
                    created_by=world.secretary_a,
                )
                for i in range(have, n)
            ]
        )
        HeartTalk.objects.bulk_create(
            [
                HeartTalk(
                    meeting=meeting,
                    a=world.secretary_a,
                    b=world.member_a if i % 2 else world.committee_a,
                    held_on=date(2026, 1, 1) + timedelta(days=i % 90),
                    topics=f"谈话{i}",
                    created_by=world.secretary_a,
                )
                for i in range(have, n)
            ]
        )

    return grow


@pytest.mark.parametrize("tail", ["studies", "opinions", "talks", "materials"])
def test_it_keeps_the_meeting_s_pages_at_constant_queries(world, meeting_a, tail):
    c = world.client(world.secretary_a)
    assert_constant_queries(c, f"/meetings/{meeting_a.pk}/{tail}/", _sublists(world, meeting_a))


@pytest.mark.parametrize("tail", ["studies", "opinions", "talks", "materials"])
def test_it_keeps_the_meeting_s_api_lists_at_constant_queries(world, api, meeting_a, tail):
    url = f"/api/meetings/{meeting_a.pk}/{tail}?limit=200"
    assert_constant_queries(api(world.secretary_a), url, _sublists(world, meeting_a))


def _home_meetings(world):
    """grow(n): n current meetings in n branches where secretary_a sits as secretary, at
    mixed stages, each with a submitted individual and branch material."""
    from orglife.materials.models import InspectionMaterial
    from orglife.orgs.models import Membership

    def grow(n: int) -> None:
        for i in range(LifeMeeting.objects.count(), n):
            org = Organization.objects.create(
                name=f"支部{i}", parent=world.committee, kind="branch"
            )
            Membership.objects.create(user=world.secretary_a, organization=org, role="secretary")
            Membership.objects.create(user=world.member_a, organization=org, role="member")
            m = LifeMeeting.objects.create(org=org, year=2024, title=f"组织生活会{i}")
            # The first meeting is 准备中, so one meeting already asks every question five do.
            if i % 3 != 2:
                MeetingPlan.objects.create(
                    meeting=m, status="approved" if i % 3 == 0 else "submitted"
                )
            for kind, author in (("individual", world.member_a), ("branch", None)):
                InspectionMaterial.objects.create(
                    org=org,
                    meeting=m,
                    author=author,
                    uploaded_by=world.secretary_a,
                    kind=kind,
                    year=2024,
                    title=f"对照检查材料{i}",
                    structure={"title": "材料", "sections": []},
                    status="submitted",
                )

    return grow


@pytest.mark.parametrize("who", ["secretary_a", "member_a", "reviewer", "admin"])
def test_it_keeps_the_home_page_at_constant_queries_from_one_meeting_to_five(world, who):
    from orglife.meetings.selectors import home_meetings
    from tests.query_counts import queries_for

    c = world.client(getattr(world, who))
    grow = _home_meetings(world)
    grow(1)
    queries_for(c, "/")  # warm caches before counting
    one = queries_for(c, "/")
    grow(5)
    five = queries_for(c, "/")
    shown = home_meetings(getattr(world, who))
    assert len(shown) == 5 and one == five, f"{one} queries with 1 meeting, {five} with 5"
    if who == "secretary_a":
        assert any("审核 1 份个人材料" in h.todo for h in shown)
        assert any("组织集中学习" in h.todo for h in shown)
    if who == "reviewer":
        assert all("审核班子对照检查材料" in h.todo for h in shown)
        assert any("审核会议方案" in h.todo for h in shown)
