"""The personas of STYLE.md, shared by every Django test.

committee (机关党委) ├─ branch A: secretary_a (书记), committee_a (组织委员), member_a (党员)
                    └─ branch B: secretary_b (书记), member_b — the outsiders for branch A
reviewer: 审核人 seat on the committee; admin: superuser.
"""

from dataclasses import dataclass

import pytest
from django.test import Client

from orglife.orgs.models import Membership, Organization, User
from tests.factories import PASSWORD, MembershipFactory, OrganizationFactory, UserFactory

Role = Membership.Role


@dataclass
class World:
    committee: Organization
    branch_a: Organization
    branch_b: Organization
    secretary_a: User
    committee_a: User
    member_a: User
    secretary_b: User
    member_b: User
    reviewer: User
    admin: User

    def client(self, user: User) -> Client:
        c = Client()
        c.force_login(user)
        return c


@pytest.fixture
def world(db) -> World:
    committee = OrganizationFactory(name="机关党委", kind=Organization.Kind.PARTY_COMMITTEE)
    a = OrganizationFactory(name="第一党支部", parent=committee)
    b = OrganizationFactory(name="第二党支部", parent=committee)

    def person(username: str, org: Organization, role: str) -> User:
        u = UserFactory(username=username, name=username)
        MembershipFactory(user=u, organization=org, role=role)
        return u

    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    return World(
        committee=committee,
        branch_a=a,
        branch_b=b,
        secretary_a=person("secretary_a", a, Role.SECRETARY),
        committee_a=person("committee_a", a, Role.ORGANIZATION),
        member_a=person("member_a", a, Role.MEMBER),
        secretary_b=person("secretary_b", b, Role.SECRETARY),
        member_b=person("member_b", b, Role.MEMBER),
        reviewer=person("reviewer", committee, Role.REVIEWER),
        admin=admin,
    )


def api_token(client: Client, username: str) -> str:
    r = client.post(
        "/api/auth/token",
        {"username": username, "password": PASSWORD},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    return r.json()["token"]


@pytest.fixture
def api(world):
    """A function giving an API client authenticated as a user (Bearer token)."""

    def make(user: User) -> Client:
        c = Client()
        token = api_token(c, user.username)
        return Client(headers={"Authorization": f"Bearer {token}"})

    return make


@dataclass
class Seats:
    """三员: one person in each administrator seat (none of them a superuser)."""

    system: User
    security: User
    audit: User


@pytest.fixture
def seats(world) -> Seats:
    from orglife.orgs.seats import Seat, seat_assign

    people = {}
    for seat, username in (
        (Seat.SYSTEM, "sysadmin"),
        (Seat.SECURITY, "secadmin"),
        (Seat.AUDIT, "auditor"),
    ):
        people[seat] = UserFactory(username=username, name=seat.label)
        seat_assign(user=people[seat], seat=seat, actor=world.admin)
    return Seats(people[Seat.SYSTEM], people[Seat.SECURITY], people[Seat.AUDIT])
