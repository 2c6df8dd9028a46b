"""The material list answers in a number of queries that does not grow with the list."""

from __future__ import annotations

import pytest

from orglife.materials.models import InspectionMaterial
from tests.query_counts import assert_constant_queries

pytestmark = pytest.mark.django_db


def _materials(world):
    def grow(n: int) -> None:
        have = InspectionMaterial.objects.count()
        InspectionMaterial.objects.bulk_create(
            [
                InspectionMaterial(
                    org=world.branch_a,
                    author=world.member_a if i % 2 else None,
                    uploaded_by=world.secretary_a,
                    kind="individual" if i % 2 else "branch",
                    year=2023,
                    title=f"对照检查材料{i}",
                    structure={"title": f"对照检查材料{i}", "sections": []},
                )
                for i in range(have, n)
            ]
        )

    return grow


@pytest.mark.parametrize("who", ["secretary_a", "reviewer"])
def test_it_keeps_the_material_list_at_constant_queries(world, who):
    c = world.client(getattr(world, who))
    assert_constant_queries(c, "/review/materials/", _materials(world))


def test_it_pages_the_material_list(world):
    _materials(world)(70)
    r = world.client(world.secretary_a).get("/review/materials/?page=2")
    assert r.status_code == 200 and "2 / 2" in r.content.decode()


def test_it_shows_the_outsider_none_of_branch_a_s_materials(world):
    _materials(world)(20)
    r = world.client(world.member_b).get("/review/materials/")
    assert r.status_code == 200 and "对照检查材料1" not in r.content.decode()
