"""The API keeps the forced password change of the pages: a first, reset or expired password
gets no token and no answer until it is changed on the web (403, a Chinese reason)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from orglife.orgs.models import User
from orglife.orgs.security import password_reset
from tests.conftest_personas import api_token
from tests.factories import PASSWORD

CHANGE_FIRST = "请先修改初始密码"


def _token(username: str, password: str = PASSWORD):
    return Client().post(
        "/api/auth/token",
        {"username": username, "password": password},
        content_type="application/json",
    )


def _must_change(user: User) -> None:
    User.objects.filter(pk=user.pk).update(must_change_password=True)


def _refused(r) -> None:
    assert r.status_code == 403, r.content
    assert r["Content-Type"].startswith("application/json")
    assert r.json()["detail"].startswith(CHANGE_FIRST)


def test_it_issues_no_token_for_a_reset_password(world, seats):
    temporary = password_reset(user=world.member_a, actor=seats.security)
    _refused(_token("member_a", temporary))


def test_it_still_answers_401_for_a_wrong_password(world):
    _must_change(world.member_a)
    assert _token("member_a", "wrong-password-1A").status_code == 401


def test_it_refuses_a_token_issued_before_the_password_had_to_change(world):
    key = api_token(Client(), "member_a")
    _must_change(world.member_a)
    c = Client(headers={"Authorization": f"Bearer {key}"})
    _refused(c.get("/api/me"))
    _refused(c.get("/api/ledger/items"))
    _refused(c.post("/api/ledger/items", {"title": "x"}, content_type="application/json"))


def test_it_refuses_a_session_that_must_change_the_password_first(world):
    _must_change(world.member_a)
    world.member_a.refresh_from_db()
    _refused(world.client(world.member_a).get("/api/me"))


def test_it_refuses_an_expired_password(world, settings):
    key = api_token(Client(), "member_a")
    settings.ORGLIFE_PASSWORD_MAX_AGE_DAYS = 30
    User.objects.filter(pk=world.member_a.pk).update(
        password_changed_at=timezone.now() - timedelta(days=31)
    )
    _refused(Client(headers={"Authorization": f"Bearer {key}"}).get("/api/me"))
    _refused(_token("member_a"))


def test_it_still_lets_such_a_person_revoke_a_token(world):
    key = api_token(Client(), "member_a")
    _must_change(world.member_a)
    r = Client(headers={"Authorization": f"Bearer {key}"}).delete("/api/auth/token")
    assert r.status_code == 204


@pytest.mark.parametrize("who", ["member_a", "admin"])
def test_it_serves_everyone_else_as_before(world, who):
    key = api_token(Client(), who)
    assert Client(headers={"Authorization": f"Bearer {key}"}).get("/api/me").status_code == 200


def test_it_serves_the_api_again_once_the_password_is_changed(world, seats):
    temporary = password_reset(user=world.member_a, actor=seats.security)
    c = Client()
    assert c.post("/login/", {"username": "member_a", "password": temporary}).status_code == 302
    new = "Brand-new-pass-2026"
    r = c.post(
        "/password/", {"old_password": temporary, "new_password1": new, "new_password2": new}
    )
    assert r.status_code == 302
    assert _token("member_a", new).status_code == 200
    assert c.get("/api/me").status_code == 200
