"""The demo ledger: branch A's 2023 items from the seed's problems and measures."""

import io

import pytest

from orglife.ledger import demo
from orglife.ledger.models import Evidence, ItemEvent, RectificationItem
from orglife.site.demo import load_demo


@pytest.fixture
def loaded(db, monkeypatch, today):
    monkeypatch.setenv("ORGLIFE_DEMO_PASSWORD", "demo-pass-2026")
    out = io.StringIO()
    orgs = load_demo(out=out)
    return orgs, out.getvalue()


def test_it_builds_branch_as_ledger_from_the_seed(loaded):
    orgs, out = loaded
    items = list(RectificationItem.objects.filter(org=orgs["a"], meeting_year=2023))
    assert len(items) == 6
    assert {i.category for i in items} == set(demo.MEASURE_FOR)
    theory = next(i for i in items if i.category == "theory_study")
    assert theory.title == "理论学习：理论学习不够全面透彻"
    assert theory.description.startswith("理论学习不够全面透彻，深度和广度不够")
    assert theory.measures.startswith("持之以恒把牢理论总开关")
    assert theory.root_cause.startswith("理论武装有所松懈")
    assert "整改台账" in out


def test_it_has_closed_open_overdue_and_long_term_items(loaded):
    orgs, _ = loaded
    items = list(RectificationItem.objects.filter(org=orgs["a"]))
    closed = [i for i in items if i.is_closed]
    assert len(closed) == 2
    assert all(Evidence.objects.filter(item=i).count() == 2 and i.effect for i in closed)
    assert all(i.verified_by != i.owner for i in closed)
    assert len([i for i in items if not i.is_closed]) == 4
    assert len([i for i in items if i.is_overdue]) == 1
    assert len([i for i in items if i.is_long_term]) == 1
    assert ItemEvent.objects.filter(item__in=items, action="verify").count() == 2


def test_it_stores_evidence_that_passes_its_own_checks(loaded):
    from orglife.ledger.evidence import sniff

    ev = Evidence.objects.first()
    assert sniff(ev.file.read()) in {"pdf", "png"}


def test_it_changes_nothing_when_run_again(loaded):
    orgs, _ = loaded
    before = (RectificationItem.objects.count(), ItemEvent.objects.count())
    assert demo.load(orgs=orgs, out=io.StringIO()) == []
    load_demo(out=io.StringIO())
    assert (RectificationItem.objects.count(), ItemEvent.objects.count()) == before


def test_it_reads_every_aspect_measure_and_cause_of_the_seed():
    problems, measures, causes = demo.read_seed()
    assert set(problems) == set(demo.MEASURE_FOR) == set(demo.CAUSE_FOR)
    assert measures["五"][0] == "持之以恒筑牢廉洁防火墙，全面从严治党"
    assert causes["三"][0] == "宗旨意识有所减弱"
