"""The copy-check fixtures shared by its test modules."""

from tests.copycheck.test_copycheck import materials  # noqa: F401
