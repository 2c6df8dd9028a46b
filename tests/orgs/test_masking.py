"""Phone numbers and birth dates on the roster: masked, except for those whose role needs them."""

from datetime import date

import pytest

from orglife.audit.models import AuditEntry
from orglife.orgs.models import User

PHONE, MASKED_PHONE = "13812341234", "138****1234"


@pytest.fixture
def personal(world):
    User.objects.filter(pk=world.member_a.pk).update(phone=PHONE, birth_date=date(1988, 3, 7))


def roster(client, branch, **params):
    r = client.get(f"/orgs/{branch.pk}/", params)
    assert r.status_code == 200
    return r.content.decode()


@pytest.mark.parametrize("who", ["secretary_a", "reviewer", "committee_a", "member_a", "admin"])
def test_it_masks_the_roster_by_default(world, personal, who):
    page = roster(world.client(getattr(world, who)), world.branch_a)
    assert "1988-03-07" not in page and PHONE not in page
    assert "1988-**-**" in page


def test_it_shows_the_reviewer_a_masked_phone(world, personal):
    page = roster(world.client(world.reviewer), world.branch_a)
    assert MASKED_PHONE in page


def test_it_unmasks_for_the_branch_secretary_on_request_and_audits_it(world, personal):
    page = roster(world.client(world.secretary_a), world.branch_a, reveal="1")
    assert PHONE in page and "1988-03-07" in page
    [e] = AuditEntry.objects.filter(action="unmask")
    assert (e.actor, e.target) == ("secretary_a", "第一党支部 花名册")


@pytest.mark.parametrize("who", ["reviewer", "committee_a", "member_a", "admin"])
def test_it_does_not_unmask_for_anyone_else(world, personal, who):
    page = roster(world.client(getattr(world, who)), world.branch_a, reveal="1")
    assert PHONE not in page and "1988-03-07" not in page
    assert not AuditEntry.objects.filter(action="unmask").exists()


def test_it_refuses_the_roster_to_another_branch(world, personal):
    assert world.client(world.secretary_b).get(f"/orgs/{world.branch_a.pk}/").status_code == 404


def test_it_unmasks_for_the_system_administrator(world, seats, personal):
    from orglife.orgs.selectors import may_see_personal_data

    assert may_see_personal_data(seats.system, world.branch_a)
    assert not may_see_personal_data(seats.audit, world.branch_a)
    assert not may_see_personal_data(seats.security, world.branch_a)
    assert not may_see_personal_data(world.secretary_b, world.branch_a)
