"""A meeting of branch A with the seed as its branch material and one member's material."""

from pathlib import Path

from orglife.documents.parse import parse_text
from orglife.materials.services import material_create

ROOT = Path(__file__).resolve().parents[2] / "src/orglife"
SEED = (ROOT / "site/data/2023-branch-self-inspection.txt").read_text(encoding="utf-8")
MEMBER_A = (ROOT / "materials/data/demo-individual-member_a.txt").read_text(encoding="utf-8")


def with_materials(world, meeting):
    branch = material_create(
        actor=world.secretary_a,
        org=meeting.org,
        material=parse_text(SEED),
        kind="branch",
        meeting=meeting,
    )
    individual = material_create(
        actor=world.member_a,
        org=meeting.org,
        material=parse_text(MEMBER_A),
        kind="individual",
        meeting=meeting,
    )
    return branch, individual
