from datetime import datetime, time

import pytest
from django.utils import timezone

from orglife.core import clock
from tests.ledger.factories import FIXED_TODAY


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Evidence files go to a temporary media root."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """Fix the ledger's today (no sleeping, no real clock); call it to move the day."""

    def set_today(d=FIXED_TODAY):
        monkeypatch.setattr(clock, "today", lambda: d)
        noon = timezone.make_aware(datetime.combine(d, time(12, 0)))
        monkeypatch.setattr(clock, "now", lambda: noon)
        return d

    set_today()
    return set_today
