"""Sign-in throttling: after repeated failures for one account from one address, wait.

Counts live in Django's cache (per process with the default local-memory cache; configure
a shared cache such as the database cache when several workers serve the site).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def _key(request: HttpRequest, username: str) -> str:
    ip = request.META.get("REMOTE_ADDR", "")
    raw = f"{username.strip().lower()}|{ip}".encode()
    return "orglife:signin-fail:" + hashlib.sha256(raw).hexdigest()


def is_locked(request: HttpRequest, username: str) -> bool:
    """True when this account has failed too often from this address lately."""
    return cache.get(_key(request, username), 0) >= settings.ORGLIFE_SIGNIN_MAX_FAILURES


def record_failure(request: HttpRequest, username: str) -> None:
    key = _key(request, username)
    try:
        cache.incr(key)
    except ValueError:  # not there yet
        cache.set(key, 1, settings.ORGLIFE_SIGNIN_LOCK_SECONDS)


def clear(request: HttpRequest, username: str) -> None:
    cache.delete(_key(request, username))


LOCKED_MESSAGE = "登录失败次数过多，请稍后再试"
