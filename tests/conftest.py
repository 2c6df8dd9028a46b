"""Suite-wide test configuration.

With ORGLIFE_DB_TESTS_ONLY=1 (``make test-postgres``) only the tests that touch the
database run: the pure core was already covered by the SQLite run.

With ORGLIFE_CI=1 (set by ``.ci/run``) or CI set, property tests run derandomized: the
same examples every run, so CI passes or fails on the code, never on a lucky draw.
Local runs keep drawing fresh examples (and keep failures in ``.hypothesis/``), which is
how new counterexamples are found; pin each one as a named test.
"""

import os

import pytest
from hypothesis import HealthCheck, settings

# Registered here, before any test module builds its @settings: those inherit this profile.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
if os.environ.get("ORGLIFE_CI") == "1" or os.environ.get("CI"):
    settings.load_profile("ci")

DB_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


def _uses_db(item: pytest.Item) -> bool:
    if item.get_closest_marker("django_db"):
        return True
    return bool(DB_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("ORGLIFE_DB_TESTS_ONLY") != "1":
        return
    keep = [i for i in items if _uses_db(i)]
    deselected = [i for i in items if not _uses_db(i)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
    items[:] = keep


pytest_plugins = ["tests.conftest_personas", "tests.conftest_meetings"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Sign-in failure counts and remembered figures live in caches: no test sees another's."""
    from django.core.cache import caches

    for alias in ("default", "shared"):
        caches[alias].clear()
    yield
    for alias in ("default", "shared"):
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _fresh_copycheck_index():
    """The copy check's per-process index follows one database: a test gets its own."""
    from orglife.copycheck import live

    live.reset()
    yield
    live.reset()
