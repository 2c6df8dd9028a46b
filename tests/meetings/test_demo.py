import io

import pytest

from orglife.materials.models import InspectionMaterial
from orglife.meetings.models import LifeMeeting, PlanEvent
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
    assert meeting_stage(a) == "preparing" and meeting_stage(b) == "planning"
    assert a.studies.count() == 2
    cov = talk_coverage(a)
    assert cov.required - cov.done == 1 and len(cov.missing) == 1
    statuses = set(InspectionMaterial.objects.filter(meeting=a).values_list("status", flat=True))
    assert statuses == {"draft", "submitted", "returned", "approved"}
    counts = (PlanEvent.objects.count(), a.talks.count(), a.opinions.count())
    load_demo(out=io.StringIO())
    assert (PlanEvent.objects.count(), a.talks.count(), a.opinions.count()) == counts
    assert LifeMeeting.objects.count() == 2
