"""Overdue is derived from dates (fixed here), never stored."""

from datetime import date

from orglife.ledger import services
from orglife.ledger.models import RectificationItem
from orglife.ledger.selectors import dashboard_for, items_filtered, items_visible_to
from tests.ledger.factories import closed_item, make_item


def _overdue_ids(user):
    return set(items_filtered(items_visible_to(user), overdue=True).values_list("pk", flat=True))


def test_it_is_not_overdue_on_the_deadline_day(world, today):
    item = make_item(world, deadline=date(2024, 1, 20))
    today(date(2024, 1, 20))
    assert not RectificationItem.objects.get(pk=item.pk).is_overdue
    today(date(2024, 1, 21))
    assert RectificationItem.objects.get(pk=item.pk).is_overdue
    assert _overdue_ids(world.member_a) == {item.pk}


def test_it_is_never_overdue_once_closed(world, today):
    item = closed_item(world, deadline=date(2024, 1, 5))
    today(date(2024, 6, 1))
    assert not RectificationItem.objects.get(pk=item.pk).is_overdue
    assert _overdue_ids(world.member_a) == set()


def test_it_stores_no_overdue_column():
    assert "overdue" not in {f.name for f in RectificationItem._meta.get_fields()}


def test_it_judges_a_long_term_item_by_its_last_progress_entry(world, today):
    item = make_item(world, kind="long_term", deadline=None, progress_interval_days=30)
    services.item_progress_add(
        item=item, actor=world.member_a, text="第一次进展", on=date(2024, 1, 1)
    )
    today(date(2024, 1, 31))
    assert not items_visible_to(world.member_a).get(pk=item.pk).is_overdue
    assert _overdue_ids(world.member_a) == set()
    today(date(2024, 2, 1))
    assert items_visible_to(world.member_a).get(pk=item.pk).is_overdue
    assert _overdue_ids(world.member_a) == {item.pk}
    services.item_progress_add(item=item, actor=world.member_a, text="第二次进展")
    assert not items_visible_to(world.member_a).get(pk=item.pk).is_overdue


def test_it_answers_overdue_in_the_api(world, api, today):
    item = make_item(world, deadline=date(2024, 1, 9))
    assert api(world.member_a).get(f"/api/ledger/items/{item.pk}").json()["overdue"] is True


def test_it_gives_the_home_page_its_counts_and_attention_list(world, today):
    late = make_item(world, title="逾期", deadline=date(2024, 1, 5))
    soon = make_item(world, title="一周内", deadline=date(2024, 1, 15))
    make_item(world, title="还早", deadline=date(2024, 3, 1))
    closed_item(world, title="已销号", deadline=date(2024, 1, 5))
    d = dashboard_for(world.secretary_a)
    assert d["by_org"] == {world.branch_a.pk: (3, 1)}
    assert [i.pk for i in d["attention"]] == [late.pk, soon.pk]
    assert dashboard_for(world.member_b) == {"by_org": {}, "attention": []}


def test_it_shows_the_counts_on_the_home_page(world, today):
    make_item(world, title="逾期事项", deadline=date(2024, 1, 5))
    r = world.client(world.secretary_a).get("/")
    assert r.status_code == 200 and "逾期事项" in r.content.decode()


def test_it_judges_overdue_in_sql_as_each_item_judges_itself(world, today):
    """The SQL rule (filters, counts) and the Python rule (pages, API) agree item by item,
    across month and year ends, leap days and a registration just after local midnight."""
    from datetime import UTC, datetime, timedelta

    from orglife.ledger.models import ProgressEntry

    # 2024-02-28 16:30 UTC is 2024-02-29 00:30 in Beijing: registered on the leap day.
    created = [
        datetime(2023, 12, 31, 15, 0),
        datetime(2024, 2, 28, 16, 30),
        datetime(2024, 1, 30, 12, 0),
    ]
    items = []
    for k, at in enumerate(created):
        for interval in (None, 1, 29, 31):
            item = make_item(
                world, kind="long_term", deadline=None, progress_interval_days=interval
            )
            RectificationItem.objects.filter(pk=item.pk).update(created_at=at.replace(tzinfo=UTC))
            if k == 2:  # this one has reported, on the last day of January
                ProgressEntry.objects.create(item=item, on=date(2024, 1, 31), text="进展")
            items.append(item.pk)
    items.append(make_item(world, deadline=date(2024, 2, 29)).pk)
    for day in range(0, 75, 1):
        today(date(2024, 1, 1) + timedelta(days=day))
        in_python = {i.pk for i in RectificationItem.objects.filter(pk__in=items) if i.is_overdue}
        assert _overdue_ids(world.member_a) == in_python, today()


def test_it_keeps_the_last_progress_date_with_the_entries(world):
    from orglife.ledger.models import ProgressEntry

    item = make_item(world, kind="long_term", deadline=None)
    first = ProgressEntry.objects.create(item=item, on=date(2024, 1, 3), text="一")
    second = ProgressEntry.objects.create(item=item, on=date(2024, 1, 8), text="二")
    ProgressEntry.objects.create(item=item, on=date(2024, 1, 5), text="补报")
    assert RectificationItem.objects.get(pk=item.pk).last_progress_on == date(2024, 1, 8)
    second.delete()
    assert RectificationItem.objects.get(pk=item.pk).last_progress_on == date(2024, 1, 5)
    ProgressEntry.objects.filter(item=item).delete()  # a queryset (an admin action) too
    assert RectificationItem.objects.get(pk=item.pk).last_progress_on is None
    assert not ProgressEntry.objects.filter(pk=first.pk).exists()
