"""Every file that carries people's data goes on the audit log when someone takes it away:
the meeting's documents and tables (pages and API), a material as Word, the board and the
safety statistics (issue 17). The ledger's export and evidence are recorded by the ledger."""

from __future__ import annotations

from pathlib import Path

import pytest

from orglife.audit.models import AuditEntry
from orglife.materials.models import InspectionMaterial
from tests.meetings.after_helpers import held

SEED_TEXT = (
    Path(__file__).resolve().parents[2] / "src/orglife/site/data/2023-branch-self-inspection.txt"
).read_text(encoding="utf-8")

# (path under the meeting, who asks, the action it is logged as)
MEETING_FILES = [
    ("/api/meetings/{pk}/plan.docx", "member_a", "download"),
    ("/meetings/{pk}/plan.docx", "member_a", "download"),
    ("/api/meetings/{pk}/record.docx", "secretary_a", "download"),
    ("/api/meetings/{pk}/report.docx", "secretary_a", "download"),
    ("/api/meetings/{pk}/evaluation.xlsx", "secretary_a", "export"),
    ("/api/meetings/{pk}/evaluation.docx", "secretary_a", "export"),
    ("/api/meetings/{pk}/pack", "reviewer", "export"),
]


def _new_entries(before: int) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(pk__gt=before, action__in=["download", "export"]))


def _last_pk() -> int:
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.mark.parametrize(("path", "who", "action"), MEETING_FILES)
def test_it_records_each_file_of_a_meeting(world, path, who, action):
    meeting = held(world)
    before = _last_pk()
    r = world.client(getattr(world, who)).get(path.format(pk=meeting.pk))
    assert r.status_code == 200, r.content[:300]
    [e] = _new_entries(before)
    assert (e.action, e.actor, e.detail["meeting"]) == (action, who, meeting.pk)
    assert e.target == e.detail["file"] and e.target.endswith((".docx", ".xlsx", ".zip"))


def test_it_records_the_file_through_a_token_too(world, api):
    meeting = held(world)
    before = _last_pk()
    assert api(world.secretary_a).get(f"/api/meetings/{meeting.pk}/record.docx").status_code == 200
    [e] = _new_entries(before)
    assert (e.action, e.actor) == ("download", "secretary_a")


def test_it_records_the_draft_of_the_branch_material(world, meeting_a):
    before = _last_pk()
    r = world.client(world.secretary_a).post(
        f"/meetings/{meeting_a.pk}/drafting/", {"text": "一、上一次组织生活会问题整改落实情况"}
    )
    assert r.status_code == 200
    [e] = _new_entries(before)
    assert (e.action, e.actor, e.detail["meeting"]) == ("download", "secretary_a", meeting_a.pk)


def test_it_records_nothing_for_a_refused_download(world):
    meeting = held(world)
    before = _last_pk()
    assert world.client(world.member_b).get(f"/api/meetings/{meeting.pk}/pack").status_code == 404
    assert _new_entries(before) == []


def test_it_records_a_material_downloaded_as_word(world):
    world.client(world.member_a).post(
        "/review/", {"text": SEED_TEXT, "save": "1", "org": world.branch_a.pk, "kind": "individual"}
    )
    material = InspectionMaterial.objects.get()
    before = _last_pk()
    r = world.client(world.secretary_a).get(f"/review/materials/{material.pk}/official.docx")
    assert r.status_code == 200
    [e] = _new_entries(before)
    assert (e.action, e.actor, e.detail["material"]) == ("download", "secretary_a", material.pk)


@pytest.mark.parametrize("path", ["/meetings/board/?format=xlsx", "/api/meetings-board.xlsx"])
def test_it_records_the_board_table(world, path):
    held(world)
    before = _last_pk()
    assert world.client(world.reviewer).get(path).status_code == 200
    [e] = _new_entries(before)
    assert (e.action, e.actor) == ("download", "reviewer")


@pytest.mark.parametrize(
    "path",
    [
        "/safety/stats/?org={org}&year=2024&quarter=1&format=xlsx",
        "/api/safety/stats?org={org}&year=2024&quarter=1&format=xlsx",
    ],
)
def test_it_records_the_safety_statistics_report(world, path):
    before = _last_pk()
    r = world.client(world.secretary_a).get(path.format(org=world.branch_a.pk))
    assert r.status_code == 200, r.content[:300]
    [e] = _new_entries(before)
    assert (e.action, e.actor, e.detail["org"]) == ("download", "secretary_a", world.branch_a.pk)
