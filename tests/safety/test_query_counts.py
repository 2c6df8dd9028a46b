"""Every safety list answers in a number of queries that does not grow with the list."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from unittest.mock import patch

import pytest
from django.utils import timezone

from orglife.ledger.models import RectificationItem, Source, Status
from orglife.safety import views
from orglife.safety.models import Finding, HazardDetail, Inspection, RiskPoint
from tests.query_counts import assert_constant_queries

pytestmark = pytest.mark.django_db

LEC = [(3, 6, 7), (3, 6, 15), (1, 1, 1), (6, 10, 40)]  # yellow, orange, blue, red


def _risks(world):
    def grow(n: int) -> None:
        have = RiskPoint.objects.count()
        rows = []
        for i in range(have, n):
            l, e, c = LEC[i % len(LEC)]  # noqa: E741
            ls = i % 5 == 4
            rows.append(
                RiskPoint(
                    org=world.branch_a,
                    place=f"场所{i % 17}",
                    area="fire" if i % 2 else "electricity",
                    hazard="线路老化",
                    method="ls" if ls else "lec",
                    l=Decimal(4 if ls else l),
                    e=None if ls else Decimal(e),
                    c=None if ls else Decimal(c),
                    s=5 if ls else None,
                    owner=world.member_a,
                    next_review=date(2024, 1, 1) + timedelta(days=i % 30),
                )
            )
        RiskPoint.objects.bulk_create(rows)

    return grow


def _hazards(world):
    def grow(n: int) -> None:
        have = HazardDetail.objects.count()
        statuses = [Status.OPEN, Status.IN_PROGRESS, Status.SUBMITTED, Status.CLOSED]
        items = RectificationItem.objects.bulk_create(
            [
                RectificationItem(
                    org=world.branch_a,
                    source=Source.HAZARD,
                    category="fire" if i % 2 else "gas",
                    title=f"隐患{i}",
                    owner=world.member_a,
                    leader=world.committee_a,
                    deadline=date(2024, 1, 1) + timedelta(days=i % 30),
                    status=statuses[i % 4],
                    verified_by=world.secretary_a if i % 4 == 3 else None,
                    closed_at=timezone.now() if i % 4 == 3 else None,
                )
                for i in range(have, n)
            ]
        )
        HazardDetail.objects.bulk_create(
            [
                HazardDetail(
                    item=item,
                    grade="major" if k % 3 == 0 else "general",
                    place="配电室",
                    found_on=date(2024, 1, 5),
                )
                for k, item in enumerate(items)
            ]
        )

    return grow


def _inspections(world):
    def grow(n: int) -> None:
        have = Inspection.objects.count()
        made = Inspection.objects.bulk_create(
            [
                Inspection(
                    org=world.branch_a,
                    held_on=date(2024, 1, 1 + i % 28),
                    place=f"场所{i}",
                    area="gas",
                    created_by=world.secretary_a,
                )
                for i in range(have, n)
            ]
        )
        through = Inspection.inspectors.through
        through.objects.bulk_create(
            [through(inspection_id=i.pk, user_id=world.member_a.pk) for i in made]
        )
        Finding.objects.bulk_create([Finding(inspection=i, text="软管老化") for i in made])

    return grow


@pytest.mark.parametrize("url", ["/safety/", "/safety/?area=fire"])
@pytest.mark.parametrize("who", ["secretary_a", "reviewer"])
def test_it_keeps_the_risk_register_at_constant_queries(world, today, url, who):
    assert_constant_queries(world.client(getattr(world, who)), url, _risks(world))


def test_it_keeps_the_api_risk_list_at_constant_queries(world, api, today):
    assert_constant_queries(api(world.reviewer), "/api/safety/risks?limit=200", _risks(world))


@pytest.mark.parametrize(
    "url", ["/safety/hazards/", "/safety/hazards/?overdue=1", "/safety/hazards/?grade=major"]
)
def test_it_keeps_the_hazard_list_at_constant_queries(world, today, url):
    assert_constant_queries(world.client(world.secretary_a), url, _hazards(world))


@pytest.mark.parametrize("tail", ["", "&overdue=true"])
def test_it_keeps_the_api_hazard_list_at_constant_queries(world, api, today, tail):
    url = f"/api/safety/hazards?limit=200{tail}"
    assert_constant_queries(api(world.reviewer), url, _hazards(world))


def test_it_keeps_the_inspection_calendar_at_constant_queries(world, today):
    url = "/safety/inspections/?year=2024&month=1"
    assert_constant_queries(world.client(world.secretary_a), url, _inspections(world))


def test_it_keeps_the_api_inspection_list_at_constant_queries(world, api, today):
    url = "/api/safety/inspections?limit=200"
    assert_constant_queries(api(world.reviewer), url, _inspections(world))


def test_it_keeps_the_statistics_at_constant_queries(world, today):
    url = f"/safety/stats/?org={world.branch_a.pk}&year=2024&quarter=1"
    assert_constant_queries(world.client(world.secretary_a), url, _hazards(world))


def test_it_counts_the_register_s_colours_over_every_risk_not_a_first_page(world, today):
    _risks(world)(40)
    with patch.object(views, "CHART_LIMIT", 5), patch.object(views, "PAGE_SIZE", 5):
        counts = world.client(world.secretary_a).get("/safety/").context["counts"]
    # The colours as scoring.py rates each risk, one by one.
    expected = Counter(r.colour for r in RiskPoint.objects.all())
    assert counts == dict(expected) and len(expected) == 4 and sum(counts.values()) == 40
