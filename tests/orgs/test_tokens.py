"""Issue 10.12: API tokens die with the password, can be revoked, and do not pile up."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from orglife.orgs.models import ApiToken
from tests.conftest_personas import api_token


def _me(key: str):
    return Client(headers={"Authorization": f"Bearer {key}"}).get("/api/me")


@pytest.mark.parametrize("how", ["set_password", "admin", "password_change_page"])
def test_it_revokes_tokens_when_the_password_changes(world, how):
    key = api_token(Client(), "member_a")
    assert _me(key).status_code == 200
    if how == "set_password":
        world.member_a.set_password("a-new-pass-5521")
        world.member_a.save()
    elif how == "admin":
        r = world.client(world.admin).post(
            f"/admin/orgs/user/{world.member_a.pk}/password/",
            {
                "password1": "a-new-pass-5521",
                "password2": "a-new-pass-5521",
                "usable_password": "true",
            },
        )
        assert r.status_code == 302, r.content[:500]
    else:
        world.member_a.refresh_from_db()
        world.member_a.set_unusable_password()
        world.member_a.save()
    assert _me(key).status_code == 401


def test_it_keeps_tokens_while_the_password_stays(world):
    key = api_token(Client(), "member_a")
    world.member_a.name = "改名"
    world.member_a.save()
    assert _me(key).status_code == 200


def test_it_lets_the_owner_revoke_the_token_in_use(world):
    key = api_token(Client(), "member_a")
    other = api_token(Client(), "member_a")
    r = Client(headers={"Authorization": f"Bearer {key}"}).delete("/api/auth/token")
    assert r.status_code == 204
    assert _me(key).status_code == 401 and _me(other).status_code == 200


def test_it_lets_the_owner_revoke_every_token(world):
    keys = [api_token(Client(), "member_a") for _ in range(3)]
    theirs = api_token(Client(), "secretary_a")
    r = world.client(world.member_a).delete("/api/auth/token?all=true")
    assert r.status_code == 204
    assert all(_me(k).status_code == 401 for k in keys)
    assert _me(theirs).status_code == 200


def test_it_refuses_revocation_without_sign_in(db):
    assert Client().delete("/api/auth/token").status_code == 401


def test_it_cleans_expired_tokens_on_issue_and_by_command(world):
    api_token(Client(), "member_a")
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    api_token(Client(), "secretary_a")
    assert ApiToken.objects.count() == 1
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    call_command("api_tokens_clean")
    assert ApiToken.objects.count() == 0
