"""Organization lists and the roster answer in a constant number of queries."""

from __future__ import annotations

import pytest

from orglife.orgs.models import Membership, Organization, User
from tests.query_counts import assert_constant_queries

pytestmark = pytest.mark.django_db


def _people(world):
    def grow(n: int) -> None:
        have = Membership.objects.filter(organization=world.branch_a).count()
        users = User.objects.bulk_create(
            [User(username=f"p{i}", name=f"党员{i}") for i in range(have, n)]
        )
        Membership.objects.bulk_create(
            [Membership(user=u, organization=world.branch_a, role="member") for u in users]
        )

    return grow


def _branches(world):
    def grow(n: int) -> None:
        have = Organization.objects.filter(parent=world.committee).count()
        for i in range(have, n):  # paths are derived on save
            Organization.objects.create(name=f"第{i}支部", parent=world.committee, kind="branch")

    return grow


def test_it_keeps_the_roster_at_constant_queries(world):
    c = world.client(world.secretary_a)
    assert_constant_queries(c, f"/orgs/{world.branch_a.pk}/", _people(world))


def test_it_keeps_the_org_tree_at_constant_queries(world):
    assert_constant_queries(world.client(world.reviewer), "/orgs/", _branches(world))


def test_it_keeps_the_api_org_list_at_constant_queries(world, api):
    assert_constant_queries(api(world.reviewer), "/api/orgs", _branches(world))


def test_it_keeps_the_reviewers_home_page_at_constant_queries(world):
    assert_constant_queries(world.client(world.reviewer), "/", _branches(world))


def test_it_pages_the_roster_and_counts_everyone(world):
    _people(world)(150)
    r = world.client(world.secretary_a).get(f"/orgs/{world.branch_a.pk}/?page=2")
    body = r.content.decode()
    assert r.status_code == 200 and "2 / 2" in body and "150 人" in body


def test_it_refuses_the_outsider_branch_a_s_roster(world):
    _people(world)(20)
    assert world.client(world.member_b).get(f"/orgs/{world.branch_a.pk}/?page=2").status_code == 404


def test_it_keeps_the_api_roster_at_constant_queries(world, api):
    url = f"/api/orgs/{world.branch_a.pk}/people"
    assert_constant_queries(api(world.secretary_a), url, _people(world))
