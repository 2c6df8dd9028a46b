"""Every page and endpoint refuses an anonymous visitor, except the few that are public.

A guard over the whole URL map, so a view added later without a login check fails here
even if its own tests forget the anonymous case.
"""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC = {
    "healthz",
    "login/",
    "logout/",
    "api/",
    "api/auth/token",
    "api/openapi.json",
    "api/docs",
}


def walk(patterns, prefix=""):
    for p in patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            if route.startswith("admin/"):
                continue  # Django's admin guards itself (staff only), tested in test_views
            yield from walk(p.url_patterns, route)
        elif isinstance(p, URLPattern):
            yield route


def concrete(route: str) -> str:
    route = route.lstrip("^").rstrip("$")
    route = re.sub(r"<int:\w+>", "1", route)
    route = re.sub(r"<(str:)?\w+>", "m1", route)
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
    return "/" + route.replace("\\", "")


ROUTES = sorted({concrete(r) for r in walk(get_resolver().url_patterns)})


def test_it_found_the_url_map():
    assert "/ledger/" in ROUTES and "/review/" in ROUTES and "/api/me" in ROUTES


@pytest.mark.parametrize("path", [r for r in ROUTES if r.lstrip("/") not in PUBLIC])
def test_it_refuses_anonymous_visitors(db, path):
    r = Client().get(path)
    if r.status_code == 405:  # a route that takes no GET says so before anything else
        assert "GET" not in r.get("Allow", ""), (path, r.get("Allow"))
    elif path.startswith("/api/"):
        assert r.status_code == 401, (path, r.status_code)
    else:
        assert r.status_code == 302, (path, r.status_code)
        assert r.url.startswith("/login/"), (path, r.url)
