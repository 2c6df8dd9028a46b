"""Sign-in throttling: one throttle for every way in (page, /admin/login/, API token).

It is enforced in the authentication backend (``ThrottledModelBackend``), which every way
in goes through, and keyed on the account as Django finds it: the username normalised
with NFKC (``AbstractBaseUser.normalize_username``, as the sign-in form does) and case
folded, so full-width or mathematical-letter variants count as the same account.

Failures are counted per account, whatever the address (behind a proxy everyone shares
one). After ``ORGLIFE_SIGNIN_MAX_FAILURES`` free failures each further one makes the
account wait longer — ``ORGLIFE_SIGNIN_DELAY_SECONDS`` doubled per failure, capped at
``ORGLIFE_SIGNIN_MAX_DELAY_SECONDS`` — instead of a long hard lock. A browser that signed
in to the account before carries a signed device cookie and has its own count, so a
stranger's guessing cannot keep the account's owner out (OWASP "device cookies"). The
administrator lifts a wait with ``orglife-manage signin_unlock USERNAME`` or the admin
action on people.

Counts live in the "shared" cache (the database cache): every gunicorn worker sees the same
count, so more workers do not mean more guesses.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
import unicodedata

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core import signing
from django.core.cache import caches
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import get_random_string

log = logging.getLogger(__name__)

DEVICE_COOKIE = "orglife_device"
_SALT = "orglife.signin.device"
_PREFIX = "orglife:signin:"


def normalise(username: str) -> str:
    """The account a typed username reaches, as a throttle key (NFKC, case folded)."""
    return unicodedata.normalize("NFKC", username or "").strip().casefold()


def _now() -> float:
    return time.time()


def _device(request: HttpRequest | None, account: str) -> str:
    """The device id of a browser that signed in to this account before, or ""."""
    if request is None:
        return ""
    raw = request.COOKIES.get(DEVICE_COOKIE, "")
    if not raw:
        return ""
    try:
        max_age = settings.ORGLIFE_SIGNIN_DEVICE_DAYS * 86400
        value = signing.loads(raw, salt=_SALT, max_age=max_age)
    except signing.BadSignature:
        return ""
    if not isinstance(value, dict) or value.get("a") != account:
        return ""
    return str(value.get("d", ""))


def _key(request: HttpRequest | None, username: str) -> str:
    account = normalise(username)
    device = _device(request, account)
    raw = f"{account}|{device}".encode()
    return _PREFIX + hashlib.sha256(raw).hexdigest()


def _state(key: str) -> tuple[int, float]:
    failures, until = caches["shared"].get(key, (0, 0.0))
    return int(failures), float(until)


def wait_seconds(request: HttpRequest | None, username: str) -> int:
    """Seconds this account must wait before its password is checked again (0: go)."""
    _, until = _state(_key(request, username))
    return max(0, math.ceil(until - _now()))


def delay_after(failures: int) -> int:
    """The wait after ``failures`` failures in a row: none, then doubling up to the cap."""
    free = settings.ORGLIFE_SIGNIN_MAX_FAILURES
    if failures < free:
        return 0
    step = min(failures - free, 30)  # 2**30 is past any cap already
    cap = settings.ORGLIFE_SIGNIN_MAX_DELAY_SECONDS
    return int(min(settings.ORGLIFE_SIGNIN_DELAY_SECONDS * 2**step, cap))


def record_failure(request: HttpRequest | None, username: str) -> None:
    key = _key(request, username)
    failures, _ = _state(key)
    failures += 1
    wait = delay_after(failures)
    caches["shared"].set(key, (failures, _now() + wait), settings.ORGLIFE_SIGNIN_FORGET_SECONDS)
    if wait:
        log.warning("sign-in: %d failures for %r, next try in %ds", failures, username, wait)


def clear(request: HttpRequest | None, username: str) -> None:
    caches["shared"].delete(_key(request, username))


def unlock(username: str) -> None:
    """Lift the wait for strangers on this account (the administrator's command)."""
    caches["shared"].delete(_key(None, username))


def remember_device(request: HttpRequest, response: HttpResponse, username: str) -> None:
    """After a good sign-in: this browser keeps its own count for this account."""
    account = normalise(username)
    device = _device(request, account) or get_random_string(16)
    response.set_cookie(
        DEVICE_COOKIE,
        signing.dumps({"a": account, "d": device}, salt=_SALT),
        max_age=settings.ORGLIFE_SIGNIN_DEVICE_DAYS * 86400,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def locked_message(seconds: int) -> str:
    return f"登录失败次数过多，请 {seconds} 秒后再试"


LOCKED_MESSAGE = "登录失败次数过多，请稍后再试"


class ThrottledModelBackend(ModelBackend):
    """Django's model backend behind the throttle: every way in goes through here."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get("username")
        if username is None or password is None:
            return None
        if wait_seconds(request, username) > 0:
            # Stops every backend: the password is not even checked while waiting.
            raise PermissionDenied(LOCKED_MESSAGE)
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            record_failure(request, username)
        else:
            clear(request, username)
        return user


class ThrottledFormMixin:
    """For Django's sign-in forms (page and admin): say how long to wait, in Chinese."""

    request: HttpRequest | None

    def clean(self):
        username = self.data.get("username", "")  # type: ignore[attr-defined]
        wait = wait_seconds(self.request, username)
        if wait:
            from django.core.exceptions import ValidationError

            raise ValidationError(locked_message(wait), code="throttled")
        return super().clean()  # type: ignore[misc]
