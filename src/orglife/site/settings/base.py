"""Settings shared by every environment, all from environment variables (DJANGO_ / ORGLIFE_).

On their own these are the local settings, safe for a laptop: SQLite file under ./var, a
development key, DEBUG off unless asked for. ``production`` adds the refusals and the secure
cookies; ``test`` puts every file in a temporary directory. Nothing here touches the disk:
``orglife.site`` creates the var directories when Django starts (``SiteConfig.ready``).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent
BASE_DIR = Path(os.environ.get("ORGLIFE_HOME", Path.cwd())).resolve()
VAR_DIR = Path(os.environ.get("ORGLIFE_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [v.strip() for v in os.environ.get(name, default).split(",") if v.strip()]


ENVIRONMENT = os.environ.get("DJANGO_ENV", "development")
PRODUCTION = False
# Off unless asked for: `orglife serve` is what users run, and a debug page is a traceback page.
DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "") or "orglife-development-only-not-secret"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "orglife.site",
    "orglife.orgs",
    "orglife.audit",
    "orglife.meetings",
    "orglife.materials",
    "orglife.copycheck",
    "orglife.ledger",
    "orglife.safety",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "orglife.orgs.middleware.IdleSessionMiddleware",
    "orglife.audit.middleware.AuditMiddleware",
    "orglife.orgs.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "orglife.site.middleware.ApiJsonErrorsMiddleware",
    "orglife.core.middleware.DomainErrorMiddleware",
    "orglife.site.middleware.RefuseNulMiddleware",
    "orglife.site.middleware.ContentSecurityPolicyMiddleware",
]

# A refused form (a tab opened before signing in again) gets the app's own page and a way back.
CSRF_FAILURE_VIEW = "orglife.site.views.csrf_failure"
ROOT_URLCONF = "orglife.site.urls"
WSGI_APPLICATION = "orglife.site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "orglife.site.context.navigation",
            ],
            "builtins": ["orglife.core.formats"],
        },
    }
]

DEFAULT_SQLITE = f"sqlite:///{VAR_DIR / 'orglife.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or DEFAULT_SQLITE,
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "0")),
        conn_health_checks=True,  # a kept connection the server dropped is reopened, not a 500
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Waiting on a lock beats "database is locked" when two requests write at once.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# "shared": what every gunicorn worker must see alike, in the database (created by migrate,
# site.apps): sign-in failure counts (orgs.throttle) and remembered figures over large lists
# (core.remember). "default" is per process.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "orglife_cache",
        "TIMEOUT": 600,  # bounds a figure whose change bypassed the model signals
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
}
ORGLIFE_REMEMBER = env_bool("ORGLIFE_REMEMBER", True)
AUTH_USER_MODEL = "orgs.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Password policy (等保 2.0 身份鉴别), all settings: length and character classes, no reuse of
# the last N, expiry (0 = never); a password set by someone else must be changed first.
ORGLIFE_PASSWORD_MIN_LENGTH = int(os.environ.get("ORGLIFE_PASSWORD_MIN_LENGTH", "10"))
ORGLIFE_PASSWORD_MIN_CLASSES = int(os.environ.get("ORGLIFE_PASSWORD_MIN_CLASSES", "3"))
ORGLIFE_PASSWORD_HISTORY = int(os.environ.get("ORGLIFE_PASSWORD_HISTORY", "5"))
ORGLIFE_PASSWORD_MAX_AGE_DAYS = int(os.environ.get("ORGLIFE_PASSWORD_MAX_AGE_DAYS", "90"))
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "orglife.orgs.passwords.ComplexityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "orglife.orgs.passwords.HistoryValidator"},
]
# Idle sessions end after this many minutes: activity renews the cookie's age, at most once a
# minute (orgs.middleware.IdleSessionMiddleware; not a database write per request).
ORGLIFE_IDLE_TIMEOUT_MINUTES = int(os.environ.get("ORGLIFE_IDLE_TIMEOUT_MINUTES", "30"))
SESSION_COOKIE_AGE = ORGLIFE_IDLE_TIMEOUT_MINUTES * 60

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
# Media (evidence files) is never served as static: views check permissions first.

# Uploads: 20 MB by default for evidence and materials (a setting, docs/domain.md).
ORGLIFE_UPLOAD_MAX_BYTES = int(os.environ.get("ORGLIFE_UPLOAD_MAX_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# An oversized upload is refused before it is read in full (site/uploads.py).
FILE_UPLOAD_HANDLERS = [
    "orglife.core.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Default rectification deadline after the meeting, in days (local rules say 15).
ORGLIFE_DEFAULT_DEADLINE_DAYS = int(os.environ.get("ORGLIFE_DEFAULT_DEADLINE_DAYS", "15"))
# The meeting report goes to the committee within this many days of the meeting (local rule).
ORGLIFE_REPORT_DUE_DAYS = int(os.environ.get("ORGLIFE_REPORT_DUE_DAYS", "15"))
# 没有组织集中学习的，不得召开组织生活会: on by default, a local rule.
ORGLIFE_REQUIRE_STUDY = env_bool("ORGLIFE_REQUIRE_STUDY", True)
# Categories whose items need a file (佐证材料) to be submitted; any other item may be
# submitted with a written account of the effect (2024 减负: no 拍照留痕 for its own sake).
ORGLIFE_EVIDENCE_REQUIRED_CATEGORIES = env_list(
    "ORGLIFE_EVIDENCE_REQUIRED_CATEGORIES",
    "fire,electricity,gas,hazardous_chemicals,hot_work,confined_space,special_equipment,"
    "contractors,safety_management",
)
ORGLIFE_REMIND_WITHIN_DAYS = int(os.environ.get("ORGLIFE_REMIND_WITHIN_DAYS", "7"))
# LS risk matrix (R = L × S): lower bounds of 重大, 较大 and 一般 (sources differ).
ORGLIFE_SAFETY_LS_BANDS = tuple(int(v) for v in env_list("ORGLIFE_SAFETY_LS_BANDS", "20,15,9"))
# Sign-in throttle (orgs/throttle.py), for the page, /admin/login/ and the API token:
# failures per account before it must wait, the first wait (doubled per further failure),
# its cap, how long failures are remembered, and how long a device cookie lasts.
AUTHENTICATION_BACKENDS = ["orglife.orgs.throttle.ThrottledModelBackend"]
ORGLIFE_SIGNIN_MAX_FAILURES = int(os.environ.get("ORGLIFE_SIGNIN_MAX_FAILURES", "5"))
ORGLIFE_SIGNIN_DELAY_SECONDS = int(os.environ.get("ORGLIFE_SIGNIN_DELAY_SECONDS", "5"))
ORGLIFE_SIGNIN_MAX_DELAY_SECONDS = int(os.environ.get("ORGLIFE_SIGNIN_MAX_DELAY_SECONDS", "300"))
ORGLIFE_SIGNIN_FORGET_SECONDS = int(os.environ.get("ORGLIFE_SIGNIN_FORGET_SECONDS", "86400"))
ORGLIFE_SIGNIN_DEVICE_DAYS = int(os.environ.get("ORGLIFE_SIGNIN_DEVICE_DAYS", "90"))
ORGLIFE_API_TOKEN_DAYS = int(os.environ.get("ORGLIFE_API_TOKEN_DAYS", "30"))
# 审计日志 are kept this many days, never fewer than 180 (网络安全法 第二十一条: six months).
ORGLIFE_AUDIT_RETENTION_DAYS = int(os.environ.get("ORGLIFE_AUDIT_RETENTION_DAYS", "180"))
if ORGLIFE_AUDIT_RETENTION_DAYS < 180:
    raise ImproperlyConfigured(
        "审计日志保存期限不得少于 180 天 (ORGLIFE_AUDIT_RETENTION_DAYS must be at least 180)"
    )

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "orglife@localhost")

# Background tasks (the copy check's fingerprinting): immediate by default; in production
# "django_tasks_db.DatabaseBackend" with `orglife worker` running beside the web app.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "ORGLIFE_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Content-Security-Policy (site/middleware.py): every asset is vendored, so only 'self'.
ORGLIFE_CSP = os.environ.get(
    "ORGLIFE_CSP",
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'",
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}

# Static files come from the app's own folders through whitenoise even without collectstatic,
# so `orglife serve` works on a fresh checkout; production may still run collectstatic.
WHITENOISE_USE_FINDERS = True
