"""Demo materials: branch A's 2023 meeting with the seed as its branch material.

2023 is the archive year of the demo's story (``core.demo_story``): the seed stays what it
is, the material of an older meeting. The materials of last year's and this year's
meetings are filed by the meetings demo, which tells those meetings.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TextIO

from django.apps import apps

from orglife.core import clock
from orglife.core.demo_story import ARCHIVE_YEAR, story
from orglife.materials.models import InspectionMaterial
from orglife.orgs.models import Membership

SEED = Path(__file__).resolve().parent.parent / "site" / "data" / "2023-branch-self-inspection.txt"
DATA = Path(__file__).resolve().parent / "data"
MEETING_TITLE = "2023年主题教育专题组织生活会"


def load(*, orgs: dict, out: TextIO) -> list[str]:
    branch = orgs["a"]
    # By name: meetings sits above materials (it imports materials, never the reverse).
    LifeMeeting = apps.get_model("meetings", "LifeMeeting")
    filed = story().archive_held - timedelta(days=25)
    with clock.as_of(filed - timedelta(days=20)):
        meeting, _ = LifeMeeting.objects.get_or_create(
            org=branch, year=ARCHIVE_YEAR, title=MEETING_TITLE, defaults={"theme_profile": ""}
        )
    if meeting.materials.exists():
        return []
    secretary = (
        Membership.objects.filter(organization=branch, role=Membership.Role.SECRETARY)
        .select_related("user")
        .first()
    )
    if secretary is None:
        return []
    from orglife.materials.services import material_create, material_parse

    # Through the same service as an upload: parsed, source lines kept, fingerprinted.
    upload = material_parse(data=SEED.read_bytes(), filename=SEED.name)
    with clock.as_of(filed):
        material_create(
            actor=secretary.user,
            org=branch,
            material=upload.material,
            source_name=SEED.name,
            source_lines=upload.lines,
            kind=InspectionMaterial.Kind.BRANCH,
            meeting=meeting,
        )
    return [f"演示材料：{branch.name} {MEETING_TITLE}（{ARCHIVE_YEAR}年，已归档）班子材料"]
