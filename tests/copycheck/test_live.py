"""The per-process index: rebuilt from stored rows, caught up with what others filed."""

from __future__ import annotations

import pytest

from orglife.copycheck import copycheck, live
from orglife.copycheck.models import ReferenceText, SimilarityDocument
from orglife.materials.models import InspectionMaterial
from tests.copycheck.test_copycheck import body, file, text
from tests.query_counts import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_it_builds_the_index_from_the_stored_rows_without_texts(materials, monkeypatch):
    def no_text(*args, **kwargs):
        raise AssertionError("the index is built from the rows, not from the texts")

    monkeypatch.setattr(copycheck, "material_text", no_text)
    index = live.current()
    assert sorted(index.ids) == sorted(f"m{m.pk}" for m in InspectionMaterial.objects.all())


def test_it_catches_up_with_rows_another_worker_stored(world, materials):
    index = live.current()
    before = len(index)
    # Another process files a material: only its row reaches this one.
    later = file(world, world.member_a, world.branch_a, text(5, "2024年个人对照检查材料"), 2024)
    assert len(live.current()) == before + 1 and f"m{later.pk}" in live.current()


def test_it_rebuilds_when_a_material_is_withdrawn(materials):
    live.current()
    # A material with a review history is PROTECTed (its rows are hash-chained): only a data
    # repair that removes the history first takes a material away. The index must follow.
    materials["other"].events.all().delete()
    materials["other"].delete()
    assert f"m{materials['other'].pk}" not in live.current()


def test_it_never_pairs_across_what_the_person_may_not_see(world, materials):
    # branch B's secretary sees only branch B: the copied pair of branch A is not found.
    pairs = copycheck.suspect_pairs(
        user=world.secretary_b, materials=InspectionMaterial.objects.filter(org=world.branch_b)
    )
    assert pairs == []
    pairs = copycheck.suspect_pairs(
        user=world.secretary_a, materials=InspectionMaterial.objects.filter(org=world.branch_a)
    )
    assert len(pairs) == 1 and {pairs[0].a.material, pairs[0].b.material} == {
        materials["source"],
        materials["copy"],
    }


def test_it_stores_one_row_per_material(materials):
    assert SimilarityDocument.objects.filter(material=materials["copy"]).count() == 1


def _references(world):
    def grow(n: int) -> None:
        have = ReferenceText.objects.count()
        ReferenceText.objects.bulk_create(
            [
                ReferenceText(title=f"范文{i}", text="范文正文", uploaded_by=world.admin)
                for i in range(have, n)
            ]
        )

    return grow


def test_it_keeps_the_reference_list_at_constant_queries(world):
    assert_constant_queries(
        world.client(world.admin), "/review/similar/references/", _references(world)
    )


def test_it_keeps_the_pair_page_at_constant_queries(world):
    def grow(n: int) -> None:
        have = InspectionMaterial.objects.count()
        for i in range(have, n):  # each copies a paragraph of the next one's: many pairs
            who = world.member_a if i % 2 else world.committee_a
            copied = text(i % 12, "2024年个人对照检查材料") + "\n" + body((i + 1) % 12)[3]
            file(world, who, world.branch_a, copied, 2024)

    # 10 and 24 materials here (each is filed and fingerprinted through the service).
    c = world.client(world.reviewer)
    url = "/review/similar/?year=2024&per_page=200"
    from tests.query_counts import queries_for

    grow(10)
    queries_for(c, url)
    small = queries_for(c, url)
    assert "对照查看" in c.get(url).content.decode()  # pairs are listed
    grow(24)
    queries_for(c, url)  # the first check after filing renders the new texts once
    assert queries_for(c, url) == small
