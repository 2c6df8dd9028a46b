"""三员分立: each administrator seat does its own work and is refused the others'."""

import pytest

from orglife.core.errors import Forbidden, Invalid
from orglife.orgs.models import User
from orglife.orgs.seats import Seat, holds, seat_assign, seat_of


def test_it_gives_each_seat_holder_exactly_one_seat(seats):
    assert seat_of(seats.system) == Seat.SYSTEM
    assert seat_of(seats.security) == Seat.SECURITY
    assert seat_of(seats.audit) == Seat.AUDIT


def test_it_replaces_a_seat_rather_than_adding_a_second(world, seats):
    seat_assign(user=seats.audit, seat=Seat.SYSTEM, actor=seats.security)
    assert seat_of(seats.audit) == Seat.SYSTEM
    assert seats.audit.groups.count() == 1


def test_it_lets_only_the_system_administrator_into_the_django_admin(seats):
    for u in (seats.system, seats.security, seats.audit):
        u.refresh_from_db()
    assert (seats.system.is_staff, seats.security.is_staff, seats.audit.is_staff) == (
        True,
        False,
        False,
    )


# -- the system administrator: organizations and accounts, nothing more --------------------


def test_it_lets_the_system_administrator_run_organizations_and_accounts(world, seats):
    c = world.client(seats.system)
    assert c.get("/admin/orgs/organization/").status_code == 200
    assert c.get("/admin/orgs/organization/add/").status_code == 200
    assert c.get(f"/admin/orgs/user/{world.member_a.pk}/change/").status_code == 200


def test_it_hides_seat_and_permission_fields_from_the_system_administrator(world, seats):
    r = world.client(seats.system).get(f"/admin/orgs/user/{world.member_a.pk}/change/")
    page = r.content.decode()
    assert 'name="is_superuser"' not in page and 'name="groups"' not in page
    assert 'name="is_staff"' not in page and 'name="user_permissions"' not in page


def test_it_refuses_the_system_administrator_seats_and_the_audit_log(world, seats):
    c = world.client(seats.system)
    assert c.get("/admin/auth/group/").status_code == 403
    assert c.get("/admin/audit/auditentry/").status_code == 403
    assert c.get("/security/").status_code == 403
    assert c.post(f"/security/{world.member_a.pk}/reset/").status_code == 403
    assert c.get("/audit/").status_code == 403
    with pytest.raises(Forbidden):
        seat_assign(user=world.member_a, seat=Seat.AUDIT, actor=seats.system)


# -- the security administrator: seats, passwords, lock-outs -------------------------------


def test_it_lets_the_security_administrator_reset_lock_and_seat(world, seats):
    c = world.client(seats.security)
    assert c.get("/security/").status_code == 200
    assert c.post(f"/security/{world.member_a.pk}/reset/").status_code == 302
    world.member_a.refresh_from_db()
    assert world.member_a.must_change_password
    assert c.post(f"/security/{world.member_a.pk}/lock/", {"locked": "1"}).status_code == 302
    world.member_a.refresh_from_db()
    assert not world.member_a.is_active
    c.post(f"/security/{world.member_a.pk}/lock/", {"locked": "0"})
    world.member_a.refresh_from_db()
    assert world.member_a.is_active
    assert (
        c.post(f"/security/{world.member_b.pk}/seat/", {"seat": "audit_admin"}).status_code == 302
    )
    assert holds(world.member_b, Seat.AUDIT)


def test_it_refuses_the_security_administrator_organizations_and_the_audit_log(world, seats):
    c = world.client(seats.security)
    r = c.get("/admin/orgs/organization/add/")
    assert r.status_code == 302 and "/admin/login/" in r["Location"]
    assert c.get("/audit/").status_code == 403


def test_it_refuses_the_security_administrator_their_own_seat(seats):
    with pytest.raises(Forbidden):
        seat_assign(user=seats.security, seat=Seat.AUDIT, actor=seats.security)
    c_seat = seat_of(seats.security)
    assert c_seat == Seat.SECURITY


def test_it_never_puts_the_superuser_in_a_seat_or_lets_the_security_seat_touch_it(world, seats):
    with pytest.raises(Invalid):
        seat_assign(user=world.admin, seat=Seat.AUDIT, actor=seats.security)
    c = world.client(seats.security)
    assert c.post(f"/security/{world.admin.pk}/reset/").status_code == 404


# -- the audit administrator: reads the log, changes nothing -------------------------------


def test_it_refuses_the_audit_administrator_every_change(world, seats):
    c = world.client(seats.audit)
    assert c.get("/audit/").status_code == 200
    r = c.get("/admin/orgs/organization/")
    assert r.status_code == 302 and "/admin/login/" in r["Location"]
    assert c.get("/security/").status_code == 403
    assert c.post(f"/security/{world.member_a.pk}/lock/", {"locked": "1"}).status_code == 403
    assert (
        c.post(f"/security/{world.member_a.pk}/seat/", {"seat": "audit_admin"}).status_code == 403
    )
    world.member_a.refresh_from_db()
    assert world.member_a.is_active and seat_of(world.member_a) is None


@pytest.mark.parametrize("who", ["secretary_a", "reviewer", "member_a"])
def test_it_refuses_the_security_pages_to_people_without_a_seat(world, who):
    c = world.client(getattr(world, who))
    assert c.get("/security/").status_code == 403
    assert c.post(f"/security/{world.member_b.pk}/reset/").status_code == 403


def test_it_sends_anonymous_visitors_of_the_security_pages_to_sign_in(db):
    from django.test import Client

    assert Client().get("/security/").status_code == 302
    assert not User.objects.filter(must_change_password=True).exists()
