import os
import subprocess
import sys
import tempfile
from pathlib import Path

# Strong by Django's measure (50+ characters, 5+ distinct): production refuses weaker.
STRONG_KEY = "orglife-test-" + "aB3$xY7!qZ" * 5


def run_settings(env_extra, code="import orglife.site.settings", cwd=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ORGLIFE_"))}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        cwd=cwd,
    )


def test_it_refuses_production_without_a_secret_key():
    r = run_settings({"DJANGO_ENV": "production", "DJANGO_DEBUG": "0"})
    assert r.returncode != 0 and "DJANGO_SECRET_KEY" in r.stderr


def test_it_refuses_production_with_debug_on():
    r = run_settings(
        {"DJANGO_ENV": "production", "DJANGO_SECRET_KEY": STRONG_KEY, "DJANGO_DEBUG": "1"}
    )
    assert r.returncode != 0 and "DEBUG" in r.stderr


def test_it_starts_in_production_when_configured():
    r = run_settings({"DJANGO_ENV": "production", "DJANGO_SECRET_KEY": STRONG_KEY})
    assert r.returncode == 0, r.stderr


def test_it_speaks_chinese_in_shanghai_time():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "zh-hans" and settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.AUTH_USER_MODEL == "orgs.User"


def test_it_selects_production_settings_by_django_env():
    code = "from orglife.site import settings as s; print(s.PRODUCTION, s.SESSION_COOKIE_SECURE)"
    r = run_settings({"DJANGO_ENV": "production", "DJANGO_SECRET_KEY": STRONG_KEY}, code)
    assert r.stdout.split() == ["True", "True"], r.stderr
    r = run_settings({}, code.replace(", s.SESSION_COOKIE_SECURE", ""))
    assert r.stdout.split() == ["False"], r.stderr


def test_it_writes_nothing_when_settings_are_imported(tmp_path):
    r = run_settings({}, "import orglife.site.settings", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert list(tmp_path.iterdir()) == []


def test_it_keeps_every_file_of_the_tests_in_a_temporary_directory():
    from django.conf import settings

    tmp = Path(tempfile.gettempdir()).resolve()
    for path in (settings.MEDIA_ROOT, settings.STATIC_ROOT, settings.VAR_DIR):
        assert Path(path).resolve().is_relative_to(tmp)
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]
