# The ledger's fixtures: a temporary media root and a fixed today (2024-01-10).
from tests.ledger.conftest import media, today  # noqa: F401
