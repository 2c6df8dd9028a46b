"""Suite-wide test configuration.

With ORGLIFE_DB_TESTS_ONLY=1 (``make test-postgres``) only the tests that touch the
database run: the pure core was already covered by the SQLite run.
"""

import os

import pytest

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
    """Sign-in failure counts live in the cache: no test sees another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_copycheck_index():
    """The copy check's per-process index follows one database: a test gets its own."""
    from orglife.copycheck import live

    live.reset()
    yield
    live.reset()
