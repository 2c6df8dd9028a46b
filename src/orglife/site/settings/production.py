"""Production settings (DJANGO_ENV=production): refuse to start without a secret key or with
DEBUG on; secure cookies and hashed static file names."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from orglife.site.settings.base import *  # noqa: F403
from orglife.site.settings.base import env_bool, env_list

PRODUCTION = True
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("生产环境必须设置 DJANGO_SECRET_KEY (DJANGO_SECRET_KEY is required)")


def weak_secret_key(key: str) -> bool:
    """Django's own test (check security.W009): short, few distinct characters, a sample."""
    return (
        len(key) < 50
        or len(set(key)) < 5
        or key.startswith("django-insecure-")
        or key == "orglife-development-only-not-secret"
    )


if weak_secret_key(SECRET_KEY):
    raise ImproperlyConfigured(
        "生产环境的 DJANGO_SECRET_KEY 太弱：至少 50 个字符、5 种以上不同字符，可用 "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'` 生成 "
        "(DJANGO_SECRET_KEY is too weak: at least 50 characters, 5 distinct)"
    )
if DEBUG:  # noqa: F405
    raise ImproperlyConfigured("生产环境不得开启 DEBUG (DEBUG must be off in production)")

# No host is trusted by default: the deployment names its own.
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS unless the site is served on a plain-http intranet (DJANGO_HTTPS=0): then no HSTS,
# no redirect to https and no secure-only cookies, by an explicit choice.
HTTPS = env_bool("DJANGO_HTTPS", True)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", HTTPS)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = int(
    os.environ.get("DJANGO_SECURE_HSTS_SECONDS", str(365 * 86400 if HTTPS else 0))
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto.
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# /healthz answers on plain http for the load balancer's probe.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
