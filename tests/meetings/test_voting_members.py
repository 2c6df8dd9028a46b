"""One rule for who votes (有表决权的党员, docs/domain.md): the roster's ``voting``, the quorum
and the ballots of 民主评议 all count the same people (issue 17)."""

from __future__ import annotations

import pytest

from orglife.meetings import selectors, selectors_after
from orglife.meetings.services_evaluation import ballot_cast
from orglife.orgs.models import Membership
from tests.factories import MembershipFactory, UserFactory
from tests.meetings.after_helpers import held, meeting_of, record_body

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.fixture
def branch(world):
    """Branch A with, besides its full members, a 预备党员, a locked account, a member of a
    党小组 and the committee's reviewer who is also a member of branch A."""
    from orglife.orgs.models import Organization
    from tests.factories import OrganizationFactory

    group = OrganizationFactory(
        name="第一党小组", kind=Organization.Kind.GROUP, parent=world.branch_a
    )
    for username, org, probationary, active in (
        ("probationer", world.branch_a, True, True),
        ("locked", world.branch_a, False, False),
        ("in_group", group, False, True),
    ):
        u = UserFactory(username=username, name=username, probationary=probationary)
        u.is_active = active
        u.save()
        MembershipFactory(user=u, organization=org, role=Role.MEMBER)
    MembershipFactory(user=world.reviewer, organization=world.branch_a, role=Role.MEMBER)
    return world.branch_a


EXPECTED = {"secretary_a", "committee_a", "member_a", "in_group", "reviewer"}


def _roster_voting(world) -> set[str]:
    r = world.client(world.secretary_a).get(f"/api/orgs/{world.branch_a.pk}/people")
    assert r.status_code == 200
    return {p["username"] for p in r.json() if p["voting"]}


def test_the_roster_and_the_voting_members_name_the_same_people(world, branch):
    assert set(selectors.voting_members(branch).values_list("username", flat=True)) == EXPECTED
    assert _roster_voting(world) == EXPECTED
    meeting = meeting_of(world)
    assert set(selectors_after.voting_members(meeting).values_list("username", flat=True)) == (
        EXPECTED
    )


def test_a_probationary_member_takes_part_without_a_vote(world, branch):
    people = {p.user.username: p for p in selectors.people(branch)}
    assert "probationer" in people and not people["probationer"].voting
    assert "probationer" in set(selectors.branch_people(branch).values_list("username", flat=True))


def test_the_quorum_counts_the_voting_members(world, branch, api):
    meeting = meeting_of(world)
    body = record_body(attendees=["secretary_a", "committee_a", "member_a", "probationer"])
    r = api(world.secretary_a).put(
        f"/api/meetings/{meeting.pk}/record", body, content_type="application/json"
    )
    assert r.status_code == 200, r.content
    assert r.json()["quorum"] == {"due": len(EXPECTED), "present": 3, "met": True}


def test_only_voting_members_cast_a_ballot(world, branch):
    from orglife.core.errors import Forbidden
    from orglife.meetings.services_evaluation import graded_members

    meeting = held(world)

    def grades(voter) -> dict[str, str]:
        return {u.username: "qualified" for u in graded_members(meeting) if u.pk != voter.pk}

    probationer = type(world.member_a).objects.get(username="probationer")
    with pytest.raises(Forbidden):
        ballot_cast(meeting=meeting, actor=probationer, grades=grades(probationer))
    ballot_cast(meeting=meeting, actor=world.reviewer, grades=grades(world.reviewer))
