import io
from datetime import date

import pytest

from orglife.core import clock
from orglife.ledger.models import ItemEvent, RectificationItem
from orglife.materials.models import InspectionMaterial, MaterialVersion
from orglife.meetings.models import LifeMeeting, MeetingReport, PlanEvent
from orglife.meetings.selectors import talk_coverage
from orglife.meetings.stages import meeting_stage
from orglife.site.demo import load_demo

pytestmark = pytest.mark.django_db
DAY = date(2026, 12, 1)


def test_it_loads_every_demo_meeting_once(monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(clock, "today", lambda: DAY)
    monkeypatch.setenv("ORGLIFE_DEMO_PASSWORD", "demo-pass-2026")
    load_demo(out=io.StringIO())
    archive = LifeMeeting.objects.get(org__name="第一党支部", year=2023)
    last = LifeMeeting.objects.get(org__name="第一党支部", year=2025)
    this = LifeMeeting.objects.get(org__name="第一党支部", year=2026)
    b = LifeMeeting.objects.get(org__name="第二党支部", year=2026)
    # The archive and last year's meeting told to the end: held, judged, ledger, report.
    assert meeting_stage(archive) == meeting_stage(last) == "reported"
    assert meeting_stage(this) == "preparing" and meeting_stage(b) == "planning"
    assert this.studies.count() == 2
    cov = talk_coverage(this)
    assert cov.required - cov.done == 1 and len(cov.missing) == 1
    assert not talk_coverage(last).missing
    statuses = set(InspectionMaterial.objects.filter(meeting=this).values_list("status", flat=True))
    assert statuses == {"draft", "submitted", "approved"}
    # member_a's material was returned, then sent again as version 2.
    member = InspectionMaterial.objects.get(meeting=this, author__username="member_a")
    assert member.version == 2 and member.events.filter(action="return").exists()
    assert MaterialVersion.objects.filter(material=member).count() == 2
    assert set(
        InspectionMaterial.objects.filter(meeting=last).values_list("status", flat=True)
    ) == {"approved"}
    # Last year's branch material starts with sections 一 and 二 from the drafting helper.
    branch = InspectionMaterial.objects.get(meeting=last, kind="branch")
    assert "针对2023年组织生活会查摆出来的9个问题" in "".join(branch.source_lines)

    def counts():
        return (
            PlanEvent.objects.count(),
            this.talks.count(),
            this.opinions.count(),
            RectificationItem.objects.count(),
            ItemEvent.objects.count(),
            MeetingReport.objects.get(meeting=last).status,
        )

    before = counts()
    load_demo(out=io.StringIO())
    assert counts() == before
    # Loaded again a year later, the story already told stays as it is.
    monkeypatch.setattr(clock, "today", lambda: date(2027, 12, 1))
    load_demo(out=io.StringIO())
    assert counts() == before
    assert LifeMeeting.objects.count() == 4
