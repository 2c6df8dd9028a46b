"""Page numbers for every list: parse ``page``/``per_page`` safely and slice in the database.

Any ``page`` a person or a script can type (``²``, ``-3``, ``999999999999``, empty) lands on
a real page instead of a 500: out-of-range numbers clamp to the last page and ``per_page``
is bounded, so no request can ask for a whole table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from orglife.core import remember

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200


def _int(raw: object, default: int) -> int:
    # str.isdigit() accepts "²" and other Unicode digits int() refuses: ASCII digits only.
    # A very long number means "far past the end" (and int() of 5,000 digits raises).
    s = str(raw or "").strip()
    if not s or not s.isascii() or not s.isdigit():
        return default
    return int(s) if len(s) <= 9 else 10**9


@dataclass
class Page:
    """One page of a list: its rows, the total and where the neighbours are."""

    items: list[Any]
    count: int
    number: int
    per_page: int
    params: dict[str, str]

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_number(self) -> int | None:
        return self.number + 1 if self.has_next else None

    @property
    def previous_number(self) -> int | None:
        return self.number - 1 if self.has_previous else None

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.count else 0

    def query(self, number: int | None) -> str | None:
        """The query string (``?…``) of page ``number``, keeping the list's filters."""
        if number is None:
            return None
        params = {**self.params, "page": str(number)}
        if self.per_page != DEFAULT_PER_PAGE:
            params["per_page"] = str(self.per_page)
        return "?" + urlencode(params)

    @property
    def next_query(self) -> str | None:
        return self.query(self.next_number)

    @property
    def previous_query(self) -> str | None:
        return self.query(self.previous_number)

    def __iter__(self):  # templates loop over the page as they looped over the list
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


def paginate(
    rows: Any,
    params: Mapping[str, Any],
    *,
    per_page: int = DEFAULT_PER_PAGE,
    max_per_page: int = MAX_PER_PAGE,
    keys_first: bool = False,
    remember_figures: bool = False,
) -> Page:
    """The requested page of ``rows`` (a queryset, sliced in the database, or a sequence).

    ``params`` is ``request.GET`` (or any mapping); ``page`` starts at 1.

    ``keys_first`` (a queryset whose order the database cannot read from an index, over
    many rows): the page's primary keys are chosen first, without the joins of
    ``select_related``, then only those rows are read with them. One more query, but the
    database sorts narrow rows instead of joining every row of the list before the LIMIT.

    ``remember_figures`` (a list that can span a whole committee): the total, and with
    ``keys_first`` the page's keys, come from ``core.remember`` until the list's data
    changes, instead of a count and a sort of every row on every request.
    """
    size = min(max(1, _int(params.get("per_page"), per_page)), max_per_page)
    if isinstance(rows, Sequence):
        count = len(rows)
    elif remember_figures:
        count = remember.count(rows)
    else:
        count = rows.count()
    last = max(1, -(-count // size))
    number = min(max(1, _int(params.get("page"), 1)), last)
    start = (number - 1) * size
    if keys_first:
        chosen = rows.values_list("pk", flat=True)[start : start + size]
        keys = remember.remembered(chosen, list, tag="keys") if remember_figures else list(chosen)
        found = {row.pk: row for row in rows.filter(pk__in=keys).order_by()}
        items = [found[k] for k in keys if k in found]
    else:
        items = list(rows[start : start + size])
    kept = {}
    for key in params:  # a QueryDict's .get gives the last value, as the view reads it
        value = params.get(key)
        if key not in ("page", "per_page") and value not in (None, ""):
            kept[key] = str(value)
    return Page(items=items, count=count, number=number, per_page=size, params=kept)


def api_envelope(page: Page, items: Sequence[Any], path: str) -> dict[str, Any]:
    """``{"items", "count", "next"}`` for an API list; ``next`` is the next page's URL or null."""
    nxt = page.next_query
    return {"items": list(items), "count": page.count, "next": path + nxt if nxt else None}


def set_page_headers(response: Any, page: Page, path: str) -> None:
    """Where an API list answers a plain JSON list (its contract), the page is in headers.

    ``X-Total-Count`` is the count; ``Link: <…>; rel="next"`` the next page (RFC 8288).
    """
    response["X-Total-Count"] = str(page.count)
    nxt = page.next_query
    if nxt:
        response["Link"] = f'<{path}{nxt}>; rel="next"'
