"""Issue 13: a ledger export of any length is written row by row and streamed from disk.

The three lists answer in the same number of queries at 10 and at 200 items, are read in
chunks (never the whole ledger at once), written by a write-only workbook, sent as a
FileResponse, and every export and evidence download is on the audit log.
"""

from __future__ import annotations

import io
import math

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook

from orglife.audit.models import AuditEntry
from orglife.ledger import exports
from orglife.ledger.models import Evidence, RectificationItem
from tests.downloads import streamed
from tests.ledger.factories import make_item, upload
from tests.ledger.test_query_counts import _items
from tests.query_counts import assert_constant_queries

pytestmark = pytest.mark.django_db
KINDS = sorted(exports.LISTS)


def _with_evidence(world):
    """grow(n): n items (mixed statuses, people, kinds), each with one piece of evidence."""
    grow_items = _items(world)

    def grow(n: int) -> None:
        grow_items(n)
        Evidence.objects.bulk_create(
            [
                Evidence(
                    item=item,
                    file=f"ledger/evidence/{item.pk}/e.png",
                    original_name=f"佐证{item.pk}.png",
                    content_type="image/png",
                    size=1,
                    uploaded_by=world.member_a,
                )
                for item in RectificationItem.objects.filter(evidence__isnull=True)
            ]
        )

    return grow


def _url(world, via: str, kind: str) -> str:
    if via == "api":
        return f"/api/ledger/export?org={world.branch_a.pk}&list={kind}"
    return f"/ledger/export.xlsx?org={world.branch_a.pk}&list={kind}"


@pytest.mark.parametrize("via", ["page", "api"])
@pytest.mark.parametrize("kind", KINDS)
def test_it_exports_each_list_in_constant_queries(world, api, via, kind):
    client = api(world.secretary_a) if via == "api" else world.client(world.secretary_a)
    assert_constant_queries(client, _url(world, via, kind), _with_evidence(world))
    # ... and the 200 rows are all there, numbered, each with its evidence.
    ws = load_workbook(io.BytesIO(streamed(client.get(_url(world, via, kind))))).active
    assert ws.max_row == exports.HEADER_ROW + 200
    assert ws.cell(row=exports.HEADER_ROW + 200, column=1).value == 200
    assert ws["A2"].value.endswith("共 200 项")
    if kind == "effects":
        headers = [c.value for c in ws[exports.HEADER_ROW]]
        first = RectificationItem.objects.order_by("pk").first()
        assert first is not None
        cell = ws.cell(row=exports.HEADER_ROW + 1, column=headers.index("佐证材料") + 1)
        assert cell.value == f"佐证{first.pk}.png"


def test_it_reads_the_items_in_chunks_into_a_write_only_workbook(world, api, monkeypatch):
    made: list[Workbook] = []

    def spy(*args, **kwargs):
        made.append(Workbook(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(exports, "Workbook", spy)
    monkeypatch.setattr(exports, "CHUNK", 7)
    _with_evidence(world)(30)
    with CaptureQueriesContext(connection) as ctx:
        r = api(world.secretary_a).get(_url(world, "api", "effects"))
    data = streamed(r)
    assert [wb.write_only for wb in made] == [True]
    # The evidence is fetched once per chunk of items: the ledger is never loaded whole.
    evidence_reads = [q for q in ctx.captured_queries if 'FROM "ledger_evidence"' in q["sql"]]
    assert len(evidence_reads) == math.ceil(30 / 7)
    ws = load_workbook(io.BytesIO(data)).active
    assert ws.max_row == exports.HEADER_ROW + 30


def test_it_sends_the_file_with_its_length_and_name(world, api):
    make_item(world)
    r = api(world.secretary_a).get(_url(world, "api", "problems"))
    data = streamed(r)
    assert int(r["Content-Length"]) == len(data)
    assert r["Content-Type"] == exports.XLSX
    assert (
        r["Content-Disposition"].startswith("attachment;") and ".xlsx" in r["Content-Disposition"]
    )


@pytest.mark.parametrize("via", ["page", "api"])
def test_it_puts_each_export_on_the_audit_log(world, api, via):
    make_item(world)
    client = api(world.member_a) if via == "api" else world.client(world.member_a)
    streamed(client.get(_url(world, via, "rectification") + "&year=2023"))
    [entry] = AuditEntry.objects.filter(action="export")
    assert entry.actor == "member_a"
    assert entry.target == "第一党支部2023年组织生活会整改清单"
    assert entry.detail == {"org": world.branch_a.pk, "list": "rectification", "year": 2023}


@pytest.mark.parametrize("via", ["page", "api"])
def test_it_logs_no_export_that_was_refused(world, api, via):
    client = api(world.member_a) if via == "api" else world.client(world.member_a)
    assert client.get(_url(world, via, "bogus")).status_code == 422
    outsider = api(world.member_b) if via == "api" else world.client(world.member_b)
    assert outsider.get(_url(world, via, "problems")).status_code == 404
    assert not AuditEntry.objects.filter(action="export").exists()


def test_it_puts_each_evidence_download_on_the_audit_log(world, api):
    item = make_item(world)
    r = api(world.member_a).post(
        f"/api/ledger/items/{item.pk}/evidence", {"file": upload("会议记录.png"), "note": "记录"}
    )
    assert r.status_code == 201, r.content
    evidence_id = r.json()["id"]
    got = world.client(world.secretary_a).get(f"/ledger/evidence/{evidence_id}/")
    assert streamed(got).startswith(b"\x89PNG")
    [entry] = AuditEntry.objects.filter(action="download")
    assert entry.actor == "secretary_a"
    assert entry.target == f"整改事项 {item.pk} 佐证材料 会议记录.png"
    assert entry.detail == {"item": item.pk, "evidence": evidence_id}
    # Someone who may not see the item gets a 404 and leaves no entry.
    assert world.client(world.member_b).get(f"/ledger/evidence/{evidence_id}/").status_code == 404
    assert AuditEntry.objects.filter(action="download").count() == 1
