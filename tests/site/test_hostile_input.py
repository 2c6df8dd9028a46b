"""Issue 10.8: hostile values sent to every ledger, orgs and auth endpoint never answer 5xx,
and every error under /api/ is JSON. Runs on SQLite and PostgreSQL (NUL bytes, numbers past
a column's range and "²"-like digits are what broke PostgreSQL and ``int``)."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import PASSWORD
from tests.ledger.factories import make_item

# Values the audit used, then anything hypothesis finds.
ATTACKS = [
    "\x00",
    "a\x00b",
    "²",
    "m²",
    "①",
    "٣",
    "1e400",
    "-1",
    "0",
    "99999999999999999999999999",
    "9" * 400,
    " 12 ",
    "1_000",
    "",
    "长" * 3000,
    '=HYPERLINK("x")',
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "'; DROP TABLE x; --",
    "null",
]
RAW_NUMBERS = ["1e400", "-1e400", "1e-400", "99999999999999999999999999", "-0", "1.5"]
_RAW = "\ue000raw:"  # a marker replaced by a bare JSON number literal


def _raw(literal: str) -> str:
    return _RAW + literal


def _dumps(body: object) -> str:
    text = json.dumps(body, ensure_ascii=False)
    for literal in RAW_NUMBERS:
        text = text.replace(json.dumps(_raw(literal), ensure_ascii=False), literal)
    return text


scalar = st.one_of(
    st.sampled_from(ATTACKS),
    st.sampled_from([_raw(n) for n in RAW_NUMBERS]),
    st.text(max_size=30),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.booleans(),
    st.none(),
    st.lists(st.sampled_from(ATTACKS), max_size=2),
    st.dictionaries(st.sampled_from(["a", "\x00"]), st.sampled_from(ATTACKS), max_size=2),
)
query_value = st.one_of(st.sampled_from(ATTACKS), st.text(max_size=20))

ITEM_FIELDS = [
    "org", "title", "description", "category", "source", "kind", "owner", "leader",
    "measures", "root_cause", "deadline", "funds", "funds_source", "plan", "meeting_year",
    "progress_interval_days", "version", "note",
]  # fmt: skip
# (method, path, body fields or None for a query) — {item} and {ext} are real ids.
API = [
    ("post", "/api/auth/token", ["username", "password"]),
    ("get", "/api/me", []),
    ("get", "/api/orgs", []),
    ("get", "/api/ledger/items", ["org", "status", "overdue", "category", "owner", "due_within", "year"]),
    ("post", "/api/ledger/items", ITEM_FIELDS),
    ("get", "/api/ledger/items/{item}", []),
    ("patch", "/api/ledger/items/{item}", ITEM_FIELDS),
    ("post", "/api/ledger/items/{item}/transitions", ["action", "note"]),
    ("get", "/api/ledger/items/{item}/history", []),
    ("get", "/api/ledger/items/{item}/evidence", []),
    ("post", "/api/ledger/items/{item}/progress", ["text", "on"]),
    ("post", "/api/ledger/items/{item}/extensions", ["new_deadline", "reason"]),
    ("post", "/api/ledger/extensions/{ext}/decision", ["approve", "note"]),
    ("get", "/api/ledger/export", ["org", "list", "year"]),
]  # fmt: skip
PAGES = [
    ("get", "/ledger/", ["org", "status", "category", "owner", "overdue", "due", "year"]),
    ("get", "/ledger/lists/problems/", ["org", "year"]),
    ("get", "/ledger/export.xlsx", ["org", "list", "year"]),
    ("get", "/ledger/summary/", ["org", "year"]),
    ("get", "/ledger/reminders/", ["org", "mine"]),
    ("get", "/ledger/carry-forward/", ["org", "year"]),
    ("post", "/ledger/new/", ITEM_FIELDS),
    ("post", "/ledger/{item}/edit/", ITEM_FIELDS),
    ("post", "/ledger/{item}/transition/", ["action", "note"]),
    ("post", "/ledger/{item}/progress/", ["text", "on"]),
    ("post", "/ledger/{item}/extension/", ["new_deadline", "reason"]),
    ("post", "/ledger/extension/{ext}/decide/", ["decision", "note"]),
    ("post", "/review/", ["text", "save", "org", "kind", "profile"]),
    ("get", "/review/similar/", ["year", "org", "threshold"]),
    ("get", "/orgs/", []),
    ("post", "/login/", ["username", "password"]),
]
SETTINGS = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def ids(world):
    from orglife.ledger import services

    item = make_item(world)
    ext = services.item_extension_request(
        item=item, actor=world.member_a, new_deadline="2024-03-01", reason="需要时间"
    )
    return {"item": item.pk, "ext": ext.pk}


def _clean_ok(r, path: str) -> None:
    assert r.status_code < 500, (path, r.status_code, r.content[:300])
    if path.startswith("/api/") and r.status_code >= 400:
        assert r["Content-Type"].startswith("application/json"), (path, r.content[:200])
        assert "detail" in r.json()


def _send(client: Client, method: str, path: str, fields, values, as_json: bool):
    data = dict(zip(fields, values, strict=False))
    if method in ("get",):
        query = {k: (v if isinstance(v, str) else json.dumps(v)) for k, v in data.items()}
        return client.get(path, {k: v.replace(_RAW, "") for k, v in query.items()})
    if as_json:
        return getattr(client, method)(path, _dumps(data), content_type="application/json")
    form = {
        k: (v if isinstance(v, str) else json.dumps(v)).replace(_RAW, "") for k, v in data.items()
    }
    return getattr(client, method)(path, form)


@pytest.mark.parametrize(("method", "template", "fields"), API, ids=[f"{m} {p}" for m, p, _ in API])
@SETTINGS
@given(data=st.data())
def test_it_never_answers_5xx_on_the_api(world, api, ids, method, template, fields, data):
    who = data.draw(st.sampled_from(["secretary_a", "member_a", "secretary_b"]))
    client = api(getattr(world, who)) if "auth/token" not in template else Client()
    path = template.format(**ids)
    values = [data.draw(query_value if method == "get" else scalar) for _ in fields]
    _clean_ok(_send(client, method, path, fields, values, as_json=True), path)


@pytest.mark.parametrize(
    "segment", ["²", "m²", "99999999999999999999", "9223372036854775808", "-1", "0", "%00"]
)
@pytest.mark.parametrize("template", [p for _, p, _ in API if "{" in p])
def test_it_answers_hostile_ids_in_paths_without_5xx(world, api, template, segment):
    path = template.replace("{item}", segment).replace("{ext}", segment)
    c = api(world.secretary_a)
    _clean_ok(c.get(path), path)
    for method in ("post", "patch"):
        _clean_ok(getattr(c, method)(path, "{}", content_type="application/json"), path)


@pytest.mark.parametrize(
    ("method", "template", "fields"), PAGES, ids=[f"{m} {p}" for m, p, _ in PAGES]
)
@SETTINGS
@given(data=st.data())
def test_it_never_answers_5xx_on_the_pages(world, ids, method, template, fields, data):
    who = data.draw(st.sampled_from(["secretary_a", "member_a", "reviewer"]))
    client = world.client(getattr(world, who)) if template != "/login/" else Client()
    path = template.format(**ids)
    values = [data.draw(query_value if method == "get" else scalar) for _ in fields]
    _clean_ok(_send(client, method, path, fields, values, as_json=False), path)


NUL_BODIES = [
    ("post", "/api/auth/token", {"username": "admin\x00", "password": PASSWORD}),
    ("post", "/api/ledger/items", {"org": 1, "title": "标题\x00"}),
    ("patch", "/api/ledger/items/{item}", {"version": 1, "note": "\x00"}),
    ("post", "/api/ledger/items/{item}/transitions", {"action": "start\x00", "note": "x"}),
    ("post", "/api/ledger/items/{item}/progress", {"text": "进展\x00"}),
    ("post", "/api/ledger/items/{item}/extensions", {"new_deadline": "2024-03-01", "reason": "\x00"}),
    ("post", "/api/ledger/extensions/{ext}/decision", {"approve": False, "note": "\x00"}),
    ("post", "/api/ledger/items", {"org": 1, "title": "t", "nested": {"\x00": ["\x00"]}}),
]  # fmt: skip


@pytest.mark.parametrize(("method", "template", "body"), NUL_BODIES)
def test_it_refuses_a_nul_in_any_json_string_with_a_chinese_422(
    world, api, ids, method, template, body
):
    path = template.format(**ids)
    client = api(world.secretary_a) if "token" not in path else Client()
    r = getattr(client, method)(path, json.dumps(body), content_type="application/json")
    assert r.status_code == 422 and "空字符" in r.json()["detail"]


@pytest.mark.parametrize("path", ["/ledger/?year=\x00", "/ledger/?owner=a%00b"])
def test_it_refuses_a_nul_in_a_page_query_with_a_chinese_422(world, path):
    r = world.client(world.member_a).get(path)
    assert r.status_code == 422 and "空字符" in r.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [("year=²", 200), ("year=①", 200), ("org=²", 404), ("org=m²", 404)],
)
def test_it_treats_unicode_digits_as_bad_input_not_a_crash(world, query, expected):
    r = world.client(world.member_a).get(f"/ledger/?{query}")
    assert r.status_code in (expected, 422)


@pytest.mark.parametrize("funds", ["1e400", "1e12", "-1e400", "NaN", "Infinity"])
def test_it_refuses_funds_out_of_range_with_422(world, api, funds):
    r = api(world.secretary_a).post(
        "/api/ledger/items",
        f'{{"org": {world.branch_a.pk}, "title": "t", "funds": {json.dumps(funds) if funds[0].isalpha() else funds}}}',
        content_type="application/json",
    )
    assert r.status_code == 422, r.content


@pytest.mark.parametrize("days", ["99999999999", "4000", "-1"])
def test_it_refuses_a_huge_due_within_with_422(world, api, days):
    r = api(world.member_a).get(f"/api/ledger/items?due_within={days}")
    assert r.status_code == 422 and r.json()["detail"]


@pytest.mark.parametrize(
    "post",
    [
        {"text": "材料", "save": "1", "org": "²", "kind": "individual"},
        {"text": "材料", "save": "1", "org": "abc", "kind": "individual"},
        {"text": "材料", "save": "1", "org": "99999999999999999999", "kind": "individual"},
        {"text": "材料", "save": "1", "org": "{org}", "kind": "bogus"},
    ],
)
def test_it_refuses_an_unknown_kind_or_org_on_review_with_4xx(world, post):
    post = {k: v.replace("{org}", str(world.branch_a.pk)) for k, v in post.items()}
    r = world.client(world.secretary_a).post("/review/", post)
    assert 400 <= r.status_code < 500 and 'class="alert alert-danger"' in r.content.decode()


def test_it_finds_no_document_for_a_unicode_digit_id(world):
    from orglife.copycheck.copycheck import visible_document

    for doc_id in ["m²", "r²", "m①", "m99999999999999999999999", "m-1"]:
        assert visible_document(world.reviewer, doc_id) is None


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["²", "m²", "9" * 40, "-1"])
def test_it_answers_the_board_and_criticism_steps_without_a_500(world, value):
    """Numbers that isdigit() accepts but int() refuses, or too large for a column."""
    from orglife.meetings.models import LifeMeeting

    reviewer = world.client(world.reviewer)
    for key in ("year", "org", "page"):
        r = reviewer.get(f"/meetings/board/?{key}={value}")
        assert r.status_code == 200, (key, r.status_code)
    meeting = LifeMeeting.objects.create(org=world.branch_a, year=2026, title="2026年组织生活会")
    r = world.client(world.secretary_a).post(
        f"/meetings/{meeting.pk}/criticisms/add/",
        {"to": "member_a", "text": "自我批评", "n": value, "then": "next"},
    )
    assert r.status_code < 500
