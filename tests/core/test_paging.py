from __future__ import annotations

import pytest
from django.http import QueryDict

from orglife.core.paging import MAX_PER_PAGE, paginate

ROWS = list(range(1, 124))


@pytest.mark.parametrize(
    "query",
    [
        "page=²",
        "page=999999999999",
        "page=" + "9" * 5000,
        "page=-3",
        "page=",
        "page=abc",
        "page=1e3",
        "page=٣",
    ],
)
def test_it_lands_any_page_number_on_a_real_page(query):
    page = paginate(ROWS, QueryDict(query), per_page=50)
    assert 1 <= page.number <= 3
    assert page.items


def test_it_clamps_a_page_past_the_end_to_the_last_one():
    page = paginate(ROWS, QueryDict("page=99"), per_page=50)
    assert page.number == 3 and page.items == list(range(101, 124))
    assert page.next_query is None and page.previous_query == "?page=2"


def test_it_bounds_per_page():
    page = paginate(list(range(1000)), QueryDict("per_page=100000"))
    assert page.per_page == MAX_PER_PAGE and len(page.items) == MAX_PER_PAGE
    assert paginate(ROWS, QueryDict("per_page=0")).per_page == 1


def test_it_keeps_the_filters_in_the_next_link():
    page = paginate(ROWS, QueryDict("status=open&page=1&org=3"), per_page=50)
    assert page.count == 123 and page.num_pages == 3
    assert page.next_query == "?status=open&org=3&page=2"
    assert page.start_index == 1


def test_it_counts_an_empty_list_as_one_page():
    page = paginate([], QueryDict("page=5"))
    assert page.count == 0 and page.number == 1 and not page.has_next and page.start_index == 0


@pytest.mark.django_db
def test_it_slices_a_queryset_in_the_database(django_assert_num_queries):
    from orglife.orgs.models import User

    User.objects.bulk_create([User(username=f"u{i}") for i in range(30)])
    with django_assert_num_queries(2):  # one count, one page
        page = paginate(User.objects.order_by("username"), QueryDict("page=2"), per_page=10)
    assert page.count == 30 and page.items[0].username == "u18"


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "page=2&per_page=7", "page=99&per_page=10"])
def test_it_pages_by_keys_first_as_it_pages_the_rows(query):
    """keys_first reads the page's keys, then those rows: the same page, in the same order."""
    from orglife.orgs.models import Organization

    top = Organization.objects.create(name="党委", kind="committee")
    for i in range(25):
        Organization.objects.create(name=f"支部{i % 4}-{i}", parent=top, kind="branch")
    rows = Organization.objects.filter(parent=top).select_related("parent").order_by("-name", "pk")
    plain = paginate(rows, QueryDict(query))
    keyed = paginate(rows, QueryDict(query), keys_first=True)
    assert [o.pk for o in keyed.items] == [o.pk for o in plain.items]
    assert (keyed.count, keyed.number) == (plain.count, plain.number) and keyed.items
    assert all(o.parent == top for o in keyed.items)
