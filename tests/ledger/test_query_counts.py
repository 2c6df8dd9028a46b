"""Every ledger list answers in a number of queries that does not grow with the list."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from orglife.ledger.models import (
    Evidence,
    ItemEvent,
    ProgressEntry,
    RectificationItem,
    Status,
    refresh_last_progress,
)
from orglife.orgs import selectors as org_selectors
from tests.ledger.factories import make_item
from tests.query_counts import assert_constant_queries

pytestmark = pytest.mark.django_db


def _items(world):
    """grow(n): bring branch A's ledger to n items, mixed kinds, statuses and people."""

    def grow(n: int) -> None:
        have = RectificationItem.objects.count()
        statuses = [Status.OPEN, Status.IN_PROGRESS, Status.SUBMITTED, Status.CLOSED]
        RectificationItem.objects.bulk_create(
            [
                RectificationItem(
                    org=world.branch_a,
                    title=f"问题{i}",
                    category="theory_study" if i % 2 else "work_style",
                    kind="long_term" if i % 7 == 0 else "deadline",
                    owner=world.member_a,
                    leader=world.committee_a,
                    verified_by=world.secretary_a if i % 4 == 3 else None,
                    deadline=None if i % 7 == 0 else date(2024, 1, 1) + timedelta(days=i % 60),
                    closed_at=timezone.now() if i % 4 == 3 else None,
                    status=statuses[i % 4],
                    meeting_year=2023,
                )
                for i in range(have, n)
            ]
        )
        # 长期坚持 items report progress; bulk_create skips ProgressEntry.save, so the
        # items' last_progress_on is refreshed as the model's note says.
        long_term = list(
            RectificationItem.objects.filter(kind="long_term", progress_entries__isnull=True)
        )
        ProgressEntry.objects.bulk_create(
            [
                ProgressEntry(item=item, on=date(2023, 12, 1) + timedelta(days=k % 60), text="进展")
                for k, item in enumerate(long_term)
            ]
        )
        refresh_last_progress([item.pk for item in long_term])

    return grow


@pytest.mark.parametrize(
    "url",
    [
        "/ledger/",
        "/ledger/?status=open",
        "/ledger/?overdue=1",
        "/ledger/?due=1&category=theory_study",
        "/ledger/lists/problems/",
        "/ledger/lists/rectification/",
        "/ledger/lists/effects/",
        "/ledger/summary/",
        "/ledger/reminders/",
        "/ledger/reminders/?mine=1",
    ],
)
def test_it_keeps_ledger_pages_at_constant_queries(world, url):
    c = world.client(world.secretary_a)
    sep = "&" if "?" in url else "?"
    assert_constant_queries(c, f"{url}{sep}org={world.branch_a.pk}", _items(world))


def test_it_keeps_the_reviewers_summary_at_constant_queries(world):
    c = world.client(world.reviewer)
    assert_constant_queries(c, f"/ledger/summary/?org={world.committee.pk}", _items(world))


def test_it_keeps_the_home_page_at_constant_queries(world):
    assert_constant_queries(world.client(world.secretary_a), "/", _items(world))


@pytest.mark.parametrize(
    "query",
    ["", "?overdue=true", "?overdue=false&category=theory_study", "?due_within=30&year=2023"],
)
def test_it_keeps_the_api_list_at_constant_queries(world, api, today, query):
    assert_constant_queries(api(world.reviewer), f"/api/ledger/items{query}", _items(world))


@pytest.mark.parametrize("who", ["secretary_a", "committee_a", "reviewer", "admin"])
def test_it_keeps_the_list_at_constant_queries_for_every_seat(world, who):
    """The list asks where the person may register items once, not branch by branch."""
    c = world.client(getattr(world, who))
    assert_constant_queries(c, "/ledger/", _items(world))


def test_it_asks_the_branches_one_may_register_in_in_a_fixed_number_of_queries(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from orglife.ledger.permissions import may_register_in
    from orglife.ledger.selectors import branches_editable_by
    from orglife.orgs.models import Organization

    def counted(user):
        with CaptureQueriesContext(connection) as ctx:
            branches = branches_editable_by(user)
        return len(ctx.captured_queries), branches

    few, _ = counted(world.reviewer)
    for i in range(30):
        Organization.objects.create(name=f"支部{i}", parent=world.committee, kind="branch")
    many, _ = counted(world.reviewer)
    assert few == many <= 3
    for user in (world.reviewer, world.secretary_a, world.committee_a, world.member_a, world.admin):
        expected = [
            b for b in Organization.objects.filter(kind="branch") if may_register_in(user, b)
        ]
        visible = {b.pk for b in org_selectors.branches_visible_to(user)}
        assert counted(user)[1] == sorted(
            (b for b in expected if b.pk in visible), key=lambda b: b.path
        )


def test_it_pages_the_api_list_with_count_and_next_in_headers(world, api):
    _items(world)(120)
    r = api(world.reviewer).get("/api/ledger/items?status=open&per_page=50")
    assert r.status_code == 200 and len(r.json()) == 30
    assert r["X-Total-Count"] == "30" and "Link" not in r
    r = api(world.reviewer).get("/api/ledger/items")
    assert len(r.json()) == 50 and r["X-Total-Count"] == "120"
    assert r["Link"] == '</api/ledger/items?page=2>; rel="next"'
    last = api(world.reviewer).get("/api/ledger/items?page=999999999999")
    assert last.status_code == 200 and len(last.json()) == 20
    assert api(world.reviewer).get("/api/ledger/items?page=²").status_code == 200


def test_it_pages_the_list_page_with_a_pager(world):
    _items(world)(120)
    c = world.client(world.secretary_a)
    r = c.get("/ledger/?page=2")
    body = r.content.decode()
    assert r.status_code == 200 and "2 / 3" in body and 'rel="next"' in body
    assert c.get("/ledger/?page=²").status_code == 200


def test_it_refuses_the_outsider_a_page_of_branch_a(world, api):
    _items(world)(60)
    assert api(world.member_b).get("/api/ledger/items?page=2").json() == []
    assert world.client(world.member_b).get(f"/ledger/?org={world.branch_a.pk}").status_code == 404


def _history(world):
    item = make_item(world)

    def grow(n: int) -> None:
        have = item.events.count()
        ItemEvent.objects.bulk_create(
            [
                ItemEvent(item=item, actor=world.secretary_a, action="update", note=f"{i}")
                for i in range(have, n)
            ]
        )
        Evidence.objects.bulk_create(
            [
                Evidence(
                    item=item,
                    file=f"ledger/evidence/{item.pk}/{i}.png",
                    original_name=f"{i}.png",
                    content_type="image/png",
                    size=1,
                    uploaded_by=world.member_a,
                )
                for i in range(item.evidence.count(), n)
            ]
        )

    return item, grow


@pytest.mark.parametrize("tail", ["history", "evidence"])
def test_it_keeps_item_sublists_at_constant_queries(world, api, tail):
    item, grow = _history(world)
    assert_constant_queries(api(world.secretary_a), f"/api/ledger/items/{item.pk}/{tail}", grow)


def test_it_keeps_the_item_page_at_constant_queries(world):
    item, grow = _history(world)
    assert_constant_queries(world.client(world.secretary_a), f"/ledger/{item.pk}/", grow)


def test_it_keeps_the_carry_forward_page_at_constant_queries(world):
    """上一次整改落实情况 reads each item's rejections, extensions and evidence in bulk."""
    from orglife.ledger.models import ExtensionRequest

    items = _items(world)

    def grow(n: int) -> None:
        items(n)
        fresh = list(RectificationItem.objects.filter(events__isnull=True))
        ItemEvent.objects.bulk_create(
            [
                ItemEvent(item=i, actor=world.secretary_a, action="reject", note="未见实效")
                for i in fresh
            ]
        )
        ExtensionRequest.objects.bulk_create(
            [
                ExtensionRequest(
                    item=i,
                    new_deadline=date(2024, 6, 1),
                    reason="需协调外单位",
                    status="approved",
                    requested_by=world.member_a,
                    decided_by=world.secretary_a,
                    decided_at=timezone.now(),
                )
                for i in fresh
            ]
        )
        Evidence.objects.bulk_create(
            [
                Evidence(
                    item=i,
                    file=f"ledger/evidence/{i.pk}/e.png",
                    original_name="e.png",
                    content_type="image/png",
                    size=1,
                    uploaded_by=world.member_a,
                )
                for i in fresh
            ]
        )

    c = world.client(world.secretary_a)
    url = f"/ledger/carry-forward/?org={world.branch_a.pk}&year=2024"
    assert_constant_queries(c, url, grow)
    text = c.get(url).content.decode()
    assert "验收时被退回，原因是未见实效" in text and "延期理由是需协调外单位" in text
