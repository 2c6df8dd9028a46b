"""The 系统管理员 seat keeps organizations and accounts: it opens every organization's roster
and imports people, but sees no branch's work (ledger, materials, meetings) and no unmasked
personal data."""

from __future__ import annotations

from orglife.orgs.models import Membership
from tests.ledger.factories import make_item
from tests.orgs.test_roster import xlsx
from tests.orgs.test_roster_scope import HEAD, _post


def test_the_system_seat_imports_a_roster_into_any_branch(world, seats):
    client = world.client(seats.system)
    assert client.get(f"/orgs/{world.branch_b.pk}/").status_code == 200
    assert client.get(f"/orgs/{world.branch_a.pk}/import/").status_code == 200
    data = xlsx([HEAD, ["王新", "女", "1990-01-02", "", "13811112222", "党员", ""]])
    response = _post(world, seats.system, world.branch_a, data)
    assert response.status_code == 302, response.content.decode()[:500]
    assert Membership.objects.filter(organization=world.branch_a, user__name="王新").exists()


def test_the_system_seat_sees_the_tree_but_not_the_branch_work(world, seats):
    client = world.client(seats.system)
    tree = client.get("/orgs/").content.decode()
    assert world.branch_a.name in tree and world.branch_b.name in tree
    item = make_item(world)
    assert client.get(f"/ledger/{item.pk}/").status_code == 404
    assert world.branch_a.name not in client.get("/ledger/").content.decode()


def test_the_system_seat_sees_phone_numbers_masked(world, seats):
    world.member_a.phone = "13912345678"
    world.member_a.save()
    page = world.client(seats.system).get(f"/orgs/{world.branch_a.pk}/?reveal=1")
    assert "13912345678" not in page.content.decode()


def test_the_home_page_names_the_administrator_seat(world, seats):
    page = world.client(seats.security).get("/").content.decode()
    assert "安全管理员" in page
