"""Test settings (pytest uses these): every file a test writes goes to a temporary directory.

The database, uploaded files and collected static files live under a fresh directory that is
removed when the process ends; passwords hash fast; mail stays in memory; tasks run at once.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from orglife.site.settings.base import *  # noqa: F403

_TMP = Path(tempfile.mkdtemp(prefix="orglife-test-"))
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)

VAR_DIR = _TMP / "var"
MEDIA_ROOT = _TMP / "media"
STATIC_ROOT = _TMP / "static"
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["NAME"] = str(VAR_DIR / "orglife.sqlite3")  # noqa: F405

# PBKDF2 is deliberately slow; tests create many users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# The shared cache in memory: tests/conftest.py empties it around each test without a database.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"},
}
# Figures are computed afresh: a test writing inside one transaction sees its own writes
# (tests/core/test_remember.py turns remembering on where it is the subject).
ORGLIFE_REMEMBER = False
