"""Issue 10.14: Content-Security-Policy, HSTS/SSL redirect and a strong key in production,
and the API docs behind sign-in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

import orglife
from tests.ledger.factories import make_item

PACKAGE = Path(orglife.__file__).parent
TEMPLATES = sorted(PACKAGE.glob("*/templates/**/*.html"))
STRONG_KEY = "k3y-" + "".join(chr(65 + i % 26) + str(i % 10) for i in range(40))


@pytest.mark.parametrize(
    "path", ["/", "/login/", "/ledger/", "/ledger/summary/", "/orgs/", "/review/", "/api/me"]
)
def test_it_sends_a_self_only_content_security_policy(world, path):
    r = world.client(world.secretary_a).get(path)
    policy = r["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "http:" not in policy and "https:" not in policy


def test_it_renders_pages_without_inline_scripts_or_styles(world):
    item = make_item(world)
    c = world.client(world.secretary_a)
    for path in ["/", "/ledger/", f"/ledger/{item.pk}/", f"/ledger/{item.pk}/edit/",
                 "/ledger/summary/", "/ledger/lists/problems/", "/orgs/", "/review/"]:  # fmt: skip
        html = c.get(path).content.decode()
        assert " style=" not in html, path
        assert "<style" not in html, path
        scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html)
        assert scripts == [], (path, scripts)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_it_keeps_templates_free_of_inline_code(template):
    text = template.read_text(encoding="utf-8")
    assert " style=" not in text and "<style" not in text
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", text)
    assert not re.search(r"\son[a-z]+=", text)  # onclick= and friends


def test_it_requires_sign_in_for_the_api_docs(world):
    r = Client().get("/api/docs")
    assert r.status_code == 302 and "/login/" in r["Location"]
    assert world.client(world.member_a).get("/api/docs").status_code == 200


def _settings(monkeypatch, tmp_path, **env) -> dict:
    """The settings module ``orglife.site.settings`` selects, imported afresh under ``env``."""
    import importlib
    import sys

    for key in ["DJANGO_SECRET_KEY", "DJANGO_HTTPS", "DJANGO_SECURE_SSL_REDIRECT", "DJANGO_DEBUG"]:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("ORGLIFE_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("DJANGO_STATIC_ROOT", str(tmp_path / "static"))
    monkeypatch.setenv("DJANGO_MEDIA_ROOT", str(tmp_path / "media"))
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    for name in [n for n in sys.modules if n.startswith("orglife.site.settings")]:
        monkeypatch.delitem(sys.modules, name)  # restored after the test
    module = importlib.import_module("orglife.site.settings")
    return vars(module)


@pytest.mark.parametrize(
    "key",
    [
        "secret",
        "x" * 60,
        "abcd" * 20,
        "django-insecure-" + STRONG_KEY,
        "orglife-development-only-not-secret",
        STRONG_KEY[:49],
    ],
)
def test_it_refuses_a_weak_secret_key_in_production(monkeypatch, tmp_path, key):
    with pytest.raises(ImproperlyConfigured, match="太弱"):
        _settings(monkeypatch, tmp_path, DJANGO_ENV="production", DJANGO_SECRET_KEY=key)


def test_it_turns_on_hsts_and_the_https_redirect_in_production(monkeypatch, tmp_path):
    s = _settings(monkeypatch, tmp_path, DJANGO_ENV="production", DJANGO_SECRET_KEY=STRONG_KEY)
    assert s["SECURE_SSL_REDIRECT"] is True and s["SECURE_HSTS_SECONDS"] >= 31536000
    assert s["SESSION_COOKIE_SECURE"] and s["CSRF_COOKIE_SECURE"]


def test_it_serves_a_plain_http_intranet_by_explicit_choice(monkeypatch, tmp_path):
    s = _settings(
        monkeypatch,
        tmp_path,
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_HTTPS="0",
    )
    assert s["SECURE_SSL_REDIRECT"] is False and s["SECURE_HSTS_SECONDS"] == 0
    assert not s["SESSION_COOKIE_SECURE"]


def test_it_keeps_development_on_http(monkeypatch, tmp_path):
    s = _settings(monkeypatch, tmp_path, DJANGO_ENV="development")
    assert not s.get("SECURE_SSL_REDIRECT") and not s.get("SECURE_HSTS_SECONDS")
