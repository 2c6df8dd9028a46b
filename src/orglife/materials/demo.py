"""Demo materials: branch A's 2023 meeting with the seed as its branch material."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from django.apps import apps

from orglife.materials.models import InspectionMaterial
from orglife.orgs.models import Membership

SEED = Path(__file__).resolve().parent.parent / "site" / "data" / "2023-branch-self-inspection.txt"
DATA = Path(__file__).resolve().parent / "data"
# Two members' materials for the same meeting; member_a lifted a paragraph from committee_a,
# so the copy check has something real to show.
INDIVIDUAL = ["committee_a", "member_a"]
MEETING_TITLE = "2023年主题教育专题组织生活会"


def load(*, orgs: dict, out: TextIO) -> list[str]:
    branch = orgs["a"]
    # By name: meetings sits above materials (it imports materials, never the reverse).
    LifeMeeting = apps.get_model("meetings", "LifeMeeting")
    meeting, _ = LifeMeeting.objects.get_or_create(
        org=branch, year=2023, title=MEETING_TITLE, defaults={"theme_profile": ""}
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

    def file(path: Path, user, kind: str) -> None:
        # Through the same service as an upload: parsed, source lines kept, fingerprinted.
        upload = material_parse(data=path.read_bytes(), filename=path.name)
        material_create(
            actor=user,
            org=branch,
            material=upload.material,
            source_name=path.name,
            source_lines=upload.lines,
            kind=kind,
            meeting=meeting,
        )

    file(SEED, secretary.user, InspectionMaterial.Kind.BRANCH)
    for username in INDIVIDUAL:
        seat = Membership.objects.filter(organization=branch, user__username=username).first()
        if seat is not None:
            file(
                DATA / f"demo-individual-{username}.txt",
                seat.user,
                InspectionMaterial.Kind.INDIVIDUAL,
            )
    return [f"演示材料：{branch.name} {MEETING_TITLE} 班子材料和 {len(INDIVIDUAL)} 份个人材料"]
