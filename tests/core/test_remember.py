"""core.remember: figures over large lists are read from the shared cache until their data
changes, and never outlive a committed change to the models they depend on."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from orglife.core import remember
from orglife.ledger import selectors
from orglife.ledger.models import refresh_last_progress
from orglife.materials.models import InspectionMaterial
from orglife.orgs.models import Membership
from tests.ledger.factories import make_item

pytestmark = pytest.mark.django_db

ON = override_settings(ORGLIFE_REMEMBER=True)
DATABASE_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "orglife_cache",
    },
}


def _items_of(user):
    return selectors.items_visible_to(user).order_by()


def _count_queries(fn) -> tuple[object, int]:
    with CaptureQueriesContext(connection) as ctx:
        value = fn()
    return value, sum("COUNT(" in q["sql"].upper() for q in ctx.captured_queries)


@pytest.fixture
def on(django_capture_on_commit_callbacks):
    """Remembering on; the generations a commit would change are changed at once."""
    with ON:

        def committed(fn):
            with django_capture_on_commit_callbacks(execute=True):
                return fn()

        yield committed


def test_a_count_is_counted_once_then_remembered(world, on):
    on(lambda: make_item(world))
    rows = _items_of(world.reviewer)
    assert _count_queries(lambda: remember.count(rows)) == (1, 1)
    assert _count_queries(lambda: remember.count(_items_of(world.reviewer))) == (1, 0)


def test_a_committed_save_makes_it_count_again(world, on):
    on(lambda: make_item(world))
    assert remember.count(_items_of(world.reviewer)) == 1
    on(lambda: make_item(world, title="第二项"))
    assert _count_queries(lambda: remember.count(_items_of(world.reviewer))) == (2, 1)


def test_a_change_not_yet_committed_is_not_taken_for_the_new_generation(world):
    with ON:
        make_item(world)  # its generation changes only on commit (never, in this test)
        assert remember.count(_items_of(world.reviewer)) == 1
        make_item(world, title="第二项")
        # Another worker counting now sees the old rows: the old figure is still right.
        assert remember.count(_items_of(world.reviewer)) == 1


def test_each_scope_is_remembered_apart(world, on):
    on(lambda: make_item(world))
    assert remember.count(_items_of(world.reviewer)) == 1
    assert remember.count(_items_of(world.secretary_b)) == 0  # branch B sees none of A's


def test_a_new_or_removed_seat_changes_what_is_remembered(world, on):
    from orglife.materials.selectors import materials_visible_to

    on(
        lambda: InspectionMaterial.objects.create(
            org=world.branch_a,
            uploaded_by=world.secretary_a,
            kind="branch",
            year=2024,
            title="支部对照检查材料",
            structure={"title": "材料", "sections": []},
        )
    )
    # Where the scope is a subquery on the seats the SQL stays the same: the seats'
    # generation is what tells the remembered figure apart from the new answer.
    assert remember.count(materials_visible_to(world.member_b).order_by()) == 0
    seat = on(lambda: Membership.objects.create(user=world.member_b, organization=world.branch_a))
    assert remember.count(materials_visible_to(world.member_b).order_by()) == 1
    on(seat.delete)
    assert remember.count(materials_visible_to(world.member_b).order_by()) == 0


def test_an_update_that_sends_no_signal_changes_the_generation_itself(world, on):
    from django.core.cache import caches

    item = on(lambda: make_item(world))
    remember.count(_items_of(world.reviewer))  # the generations exist now
    before = caches[remember.CACHE].get("gen:ledger.rectificationitem")
    on(lambda: refresh_last_progress([item.pk]))  # update(): no post_save
    assert caches[remember.CACHE].get("gen:ledger.rectificationitem") not in (None, before)


def test_a_lost_generation_never_revives_an_old_figure(world, on):
    on(lambda: make_item(world))
    assert remember.count(_items_of(world.reviewer)) == 1
    on(lambda: make_item(world, title="第二项"))
    from django.core.cache import caches

    caches[remember.CACHE].delete("gen:ledger.rectificationitem")  # culled
    assert remember.count(_items_of(world.reviewer)) == 2


def test_off_it_always_computes(world):
    make_item(world)
    rows = _items_of(world.reviewer)
    assert _count_queries(lambda: remember.count(rows)) == (1, 1)
    assert _count_queries(lambda: remember.count(rows)) == (1, 1)


def test_the_summary_follows_a_new_item(world, on):
    on(lambda: make_item(world))

    def total() -> int:
        return selectors.summaries_for(user=world.reviewer, orgs=[world.committee])[0].total

    assert total() == 1
    on(lambda: make_item(world, title="第二项"))
    assert total() == 2


@pytest.mark.django_db(transaction=True)
def test_on_the_database_cache_workers_share_figures_and_sign_in_counts(world):
    """The production cache (a table, created by migrate) on SQLite and PostgreSQL."""
    from django.core.cache import caches

    from orglife.orgs import throttle

    with override_settings(CACHES=DATABASE_CACHE, ORGLIFE_REMEMBER=True):
        call_command("createcachetable", verbosity=0)
        caches[remember.CACHE].clear()
        try:
            make_item(world)  # autocommit: the generation changes at once
            assert remember.count(_items_of(world.reviewer)) == 1
            assert _count_queries(lambda: remember.count(_items_of(world.reviewer)))[1] == 0
            make_item(world, title="第二项")
            assert remember.count(_items_of(world.reviewer)) == 2
            throttle.record_failure(None, "member_a")
            with connection.cursor() as c:  # the count is in the table every worker reads
                c.execute("SELECT COUNT(*) FROM orglife_cache")
                assert c.fetchone()[0] >= 3
        finally:
            caches[remember.CACHE].clear()


@pytest.mark.django_db(transaction=True)
def test_migrate_creates_the_shared_cache_table():
    with override_settings(CACHES=DATABASE_CACHE):
        with connection.cursor() as c:
            c.execute("DROP TABLE IF EXISTS orglife_cache")
        call_command("migrate", verbosity=0)
        assert "orglife_cache" in connection.introspection.table_names()


REMEMBERING_PAGES = [
    "/",
    "/ledger/",
    "/ledger/?overdue=1",
    "/ledger/reminders/",
    "/ledger/summary/",
    "/review/materials/",
    "/safety/hazards/",
    "/api/ledger/items",
]


@pytest.mark.parametrize("url", REMEMBERING_PAGES)
@pytest.mark.parametrize("who", ["reviewer", "seatless"])
def test_pages_that_remember_answer_with_remembering_on(world, on, url, who):
    """The suite runs with remembering off: these pages run with it on, twice (computed,
    then read back), for a person with seats and for one whose scope is empty (an empty
    query cannot be turned into SQL, so there is nothing to remember)."""
    from django.test import Client

    from tests.conftest_personas import api_token
    from tests.factories import UserFactory

    on(lambda: make_item(world))
    user = world.reviewer if who == "reviewer" else UserFactory(username="seatless")
    if url.startswith("/api/"):
        client = Client(headers={"Authorization": f"Bearer {api_token(Client(), user.username)}"})
    else:
        client = Client()
        client.force_login(user)
    first = client.get(url)
    again = client.get(url)
    # The summary has no organization to show someone without a seat: a 404, as before.
    expected = 404 if (who, url) == ("seatless", "/ledger/summary/") else 200
    assert first.status_code == again.status_code == expected, (
        first.status_code,
        again.status_code,
    )
    if who == "reviewer" and url.startswith("/api/"):
        assert first["X-Total-Count"] == again["X-Total-Count"] == "1"
