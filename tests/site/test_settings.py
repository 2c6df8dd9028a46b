import os
import subprocess
import sys

# Strong by Django's measure (50+ characters, 5+ distinct): production refuses weaker.
STRONG_KEY = "orglife-test-" + "aB3$xY7!qZ" * 5


def run_settings(env_extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-c", "import orglife.site.settings"],
        env=env,
        capture_output=True,
        text=True,
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
