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
if DEBUG:  # noqa: F405
    raise ImproperlyConfigured("生产环境不得开启 DEBUG (DEBUG must be off in production)")

# No host is trusted by default: the deployment names its own.
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
