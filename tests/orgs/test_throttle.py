"""Issue 10.3: one sign-in throttle for the page, /admin/login/ and the API token, keyed on
the account as Django normalises it, counted per account, growing instead of locking, and
never a way to keep the account's owner out."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from orglife.orgs import throttle
from tests.factories import PASSWORD

WAYS = ["page", "admin", "api"]
VARIANTS = ["admin", "ａｄｍｉｎ", "𝐚𝐝𝐦𝐢𝐧", "𝒂𝒅𝒎𝒊𝒏", "ADMIN", "Admin", " admin "]


@pytest.fixture
def clock(monkeypatch):
    now = {"t": 1_000_000.0}
    monkeypatch.setattr(throttle, "_now", lambda: now["t"])
    return now


def sign_in(way: str, username: str, password: str, client: Client | None = None, ip="10.0.0.1"):
    """(signed in?, response) for one attempt through one way in."""
    c = client or Client(REMOTE_ADDR=ip)
    if way == "api":
        r = c.post(
            "/api/auth/token",
            {"username": username, "password": password},
            content_type="application/json",
            REMOTE_ADDR=ip,
        )
        return r.status_code == 200, r
    url = "/login/" if way == "page" else "/admin/login/"
    r = c.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)
    return "_auth_user_id" in c.session, r


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("then", WAYS)
@pytest.mark.parametrize("variant", VARIANTS)
def test_it_throttles_every_way_in_on_the_normalised_account(world, clock, way, then, variant):
    for _ in range(5):
        ok, _ = sign_in(way, variant, "wrong")
        assert not ok
    ok, r = sign_in(then, "admin", PASSWORD)
    assert not ok
    if then != "admin":
        assert r.status_code == 429
    assert "登录失败次数过多" in r.content.decode() or "登录失败次数过多" in str(r.json())


@pytest.mark.parametrize("way", WAYS)
def test_it_counts_failures_per_account_whatever_the_address(world, clock, way):
    for n in range(5):
        sign_in(way, "reviewer", "wrong", ip=f"10.0.{n}.9")
    ok, _ = sign_in(way, "reviewer", PASSWORD, ip="192.168.1.1")
    assert not ok


def test_it_grows_the_wait_and_caps_it(world, clock, settings):
    settings.ORGLIFE_SIGNIN_MAX_FAILURES = 2
    settings.ORGLIFE_SIGNIN_DELAY_SECONDS = 5
    settings.ORGLIFE_SIGNIN_MAX_DELAY_SECONDS = 60
    waits = []
    for _ in range(8):
        sign_in("api", "member_a", "wrong")
        waits.append(throttle.wait_seconds(None, "member_a"))
        clock["t"] += waits[-1]  # wait it out, then fail again
    assert waits == [0, 5, 10, 20, 40, 60, 60, 60]
    ok, _ = sign_in("page", "member_a", PASSWORD)
    assert ok


def test_it_does_not_check_the_password_while_waiting(world, clock):
    for _ in range(5):
        sign_in("api", "member_a", "wrong")
    assert not sign_in("api", "member_a", PASSWORD)[0]
    clock["t"] += 3600
    assert sign_in("api", "member_a", PASSWORD)[0]


def test_it_lets_a_browser_that_signed_in_before_through_a_strangers_guessing(world, clock):
    own = Client()
    assert sign_in("page", "reviewer", PASSWORD, client=own)[0]
    own.post("/logout/")  # a real sign-out keeps the device cookie
    for _ in range(30):
        sign_in("page", "reviewer", "guess")
        sign_in("api", "reviewer", "guess")
    assert not sign_in("page", "reviewer", PASSWORD)[0]  # a stranger's browser waits
    assert sign_in("page", "reviewer", PASSWORD, client=own)[0]  # the reviewer does not


def test_it_does_not_trust_a_device_cookie_of_another_account(world, clock):
    own = Client()
    assert sign_in("page", "member_a", PASSWORD, client=own)[0]
    own.post("/logout/")  # a real sign-out keeps the device cookie
    for _ in range(5):
        sign_in("page", "reviewer", "guess")
    assert not sign_in("page", "reviewer", PASSWORD, client=own)[0]


def test_it_lets_the_administrator_lift_the_wait_by_command(world, clock):
    for _ in range(6):
        sign_in("page", "reviewer", "wrong")
    call_command("signin_unlock", "ＲＥＶＩＥＷＥＲ")
    assert sign_in("page", "reviewer", PASSWORD)[0]


def test_it_lets_the_administrator_lift_the_wait_in_the_admin(world, clock):
    for _ in range(6):
        sign_in("api", "reviewer", "wrong")
    admin = world.client(world.admin)
    r = admin.post(
        "/admin/orgs/user/",
        {"action": "unlock_signin", "_selected_action": [world.reviewer.pk]},
    )
    assert r.status_code == 302
    assert sign_in("api", "reviewer", PASSWORD)[0]
