"""Password policy, forced change, expiry and the idle timeout."""

from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from orglife.orgs.models import User
from orglife.orgs.security import password_reset
from tests.factories import PASSWORD

GOOD = "Str0ng-enough-pass"


@pytest.mark.parametrize(
    "password",
    ["Ab1-short", "alllowercaseletters", "lowercase-and-symbols", "Upperlowerletters"],
)
def test_it_refuses_a_short_or_simple_password(db, password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_it_accepts_a_long_password_of_three_classes(db):
    validate_password(GOOD)


def test_it_reads_length_and_classes_from_settings(db, settings):
    settings.ORGLIFE_PASSWORD_MIN_LENGTH = 20
    with pytest.raises(ValidationError, match="20"):
        validate_password(GOOD)


def test_it_refuses_the_last_n_passwords(world, settings):
    settings.ORGLIFE_PASSWORD_HISTORY = 2
    user = world.member_a
    for p in ("First-pass-111", "Second-pass-22", "Third-pass-333"):
        validate_password(p, user)
        user.set_password(p)
        user.save()
    with pytest.raises(ValidationError, match="最近"):
        validate_password("Third-pass-333", user)
    with pytest.raises(ValidationError, match="最近"):
        validate_password("Second-pass-22", user)
    validate_password("First-pass-111", user)  # three back: allowed again with N = 2


def test_it_forces_a_reset_password_to_be_changed_first(world, seats):
    temporary = password_reset(user=world.member_a, actor=seats.security)
    world.member_a.refresh_from_db()
    c = world.client(world.member_a)
    r = c.get("/ledger/")
    assert r.status_code == 302 and r["Location"].startswith("/password/")
    r = c.post(
        "/password/",
        {"old_password": temporary, "new_password1": GOOD, "new_password2": GOOD},
    )
    assert r.status_code == 302
    world.member_a.refresh_from_db()
    assert not world.member_a.must_change_password
    assert c.get("/ledger/").status_code == 200


def test_it_forces_an_expired_password_to_be_changed(world, settings):
    settings.ORGLIFE_PASSWORD_MAX_AGE_DAYS = 30
    User.objects.filter(pk=world.member_a.pk).update(
        password_changed_at=timezone.now() - timedelta(days=31)
    )
    r = world.client(world.member_a).get("/")
    assert r.status_code == 302 and r["Location"].startswith("/password/")


def test_it_refuses_a_new_password_that_breaks_the_policy(world):
    c = world.client(world.member_a)
    r = c.post(
        "/password/", {"old_password": PASSWORD, "new_password1": "abc", "new_password2": "abc"}
    )
    assert r.status_code == 200
    assert "密码至少" in r.content.decode()


def test_it_ends_an_idle_session_after_the_setting():
    assert django_settings.ORGLIFE_IDLE_TIMEOUT_MINUTES == 30
    assert django_settings.SESSION_COOKIE_AGE == 30 * 60
    assert "orglife.orgs.middleware.IdleSessionMiddleware" in django_settings.MIDDLEWARE


def _session_writes(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return sum(
        1
        for q in ctx.captured_queries
        if "django_session" in q["sql"]
        and q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    )


def test_it_renews_an_active_session_at_most_once_a_minute(world):
    from orglife.orgs.middleware import RENEW_EVERY, TOUCHED

    c = world.client(world.member_a)
    c.get("/")
    assert _session_writes(c, "/") == 0  # renewed a moment ago: no write
    session = c.session
    session[TOUCHED] = int(session[TOUCHED]) - RENEW_EVERY  # a minute has passed
    session.save()
    assert _session_writes(c, "/") == 1
    assert _session_writes(c, "/healthz") == 0  # liveness never touches a session


def test_it_renews_the_session_on_each_request(world):
    c = world.client(world.member_a)
    c.get("/")
    first = c.cookies["sessionid"]["expires"]
    assert first  # a dated cookie: it dies with idleness, renewed on every request
