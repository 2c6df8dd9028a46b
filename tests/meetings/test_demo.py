import io

import pytest

from orglife.ledger.models import ItemEvent, RectificationItem
from orglife.materials.models import InspectionMaterial
from orglife.meetings.models import LifeMeeting, MeetingReport, PlanEvent
from orglife.meetings.selectors import talk_coverage
from orglife.meetings.stages import meeting_stage
from orglife.site.demo import load_demo

pytestmark = pytest.mark.django_db


def test_it_loads_both_demo_meetings_once(monkeypatch):
    monkeypatch.setenv("ORGLIFE_DEMO_PASSWORD", "demo-pass-2026")
    out = io.StringIO()
    load_demo(out=out)
    a = LifeMeeting.objects.get(org__name="第一党支部", year=2023)
    b = LifeMeeting.objects.get(org__name="第二党支部", year=2026)
    # Branch A's meeting told to the end (part 2): held, judged, ledger taken, report accepted.
    assert meeting_stage(a) == "reported" and meeting_stage(b) == "planning"
    assert a.studies.count() == 2
    cov = talk_coverage(a)
    assert cov.required - cov.done == 1 and len(cov.missing) == 1
    statuses = set(InspectionMaterial.objects.filter(meeting=a).values_list("status", flat=True))
    assert statuses == {"draft", "submitted", "returned", "approved"}

    def counts():
        return (
            PlanEvent.objects.count(),
            a.talks.count(),
            a.opinions.count(),
            RectificationItem.objects.count(),
            ItemEvent.objects.count(),
            MeetingReport.objects.get(meeting=a).status,
        )

    before = counts()
    load_demo(out=io.StringIO())
    assert counts() == before
    assert LifeMeeting.objects.count() == 2
