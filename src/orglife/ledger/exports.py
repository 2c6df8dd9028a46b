"""The three lists (问题清单, 整改清单, 实效清单): three views of the same items (docs/domain.md).

``list_table`` gives headers and rows for the pages; ``write_list`` writes an .xlsx in the
layout offices print: a merged title row, a subtitle row, a header row that repeats on
every page, numbered rows, wrapped text with borders, A4 landscape fit to width. It writes
row by row (openpyxl write-only), and ``export_response`` reads the items in chunks into a
temporary file streamed from disk, so a ledger of any length takes the same memory.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import IO, Any

from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from orglife.core import audit, clock
from orglife.core.downloads import XLSX, spooled_download
from orglife.core.errors import Invalid
from orglife.core.formats import MONEY_XLSX_FORMAT, local_date, money
from orglife.documents.spreadsheet import cell_value
from orglife.ledger import selectors
from orglife.ledger.models import Evidence, RectificationItem
from orglife.orgs.models import Organization, User

Getter = Callable[[RectificationItem], object]


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    value: Getter
    center: bool = False
    money: bool = False  # an amount: "1,500.00 元" on a page, a number so formatted in Excel


def _name(user: User | None) -> str:
    return user.display_name if user else ""


def _deadline(item: RectificationItem) -> str:
    if item.deadline is None:
        return "长期坚持"
    text = item.deadline.isoformat()
    if item.original_deadline and item.original_deadline != item.deadline:
        text += f"（原定 {item.original_deadline.isoformat()}，已批准延期）"
    return text


def _evidence(item: RectificationItem) -> str:
    return "\n".join(e.original_name for e in item.evidence.all())


def _closed_on(item: RectificationItem) -> str:
    return timezone.localdate(item.closed_at).isoformat() if item.closed_at else ""


def _on_time(item: RectificationItem) -> str:
    if not item.closed_at:
        return "已逾期" if item.is_overdue else ""
    if item.deadline is None or timezone.localdate(item.closed_at) <= item.deadline:
        return "按期"
    return "逾期完成"


def _funds(item: RectificationItem) -> object:
    return item.funds if item.funds is not None else ""


NUMBER = Column("序号", 6, lambda i: "", center=True)  # filled with the row number
# The item's own number: the one on its page ("事项 N"), in the ledger list and the API id.
ITEM_ID = Column("事项编号", 8, lambda i: i.pk, center=True)
EVIDENCE = Column("佐证材料", 22, _evidence)

LISTS: dict[str, tuple[str, list[Column]]] = {
    "problems": (
        "问题清单",
        [
            NUMBER,
            Column("问题来源", 11, lambda i: i.get_source_display(), center=True),
            Column("问题类别", 11, lambda i: i.get_category_display(), center=True),
            Column("问题", 28, lambda i: i.title),
            Column("问题表现", 56, lambda i: i.description),
            Column("原因剖析", 40, lambda i: i.root_cause),
            Column("登记日期", 12, lambda i: local_date(i.created_at).isoformat(), center=True),
            ITEM_ID,
        ],
    ),
    "rectification": (
        "整改清单",
        [
            NUMBER,
            Column("问题", 26, lambda i: i.title),
            Column("整改措施", 50, lambda i: i.measures),
            Column("整改类型", 10, lambda i: i.get_kind_display(), center=True),
            Column("责任人", 10, lambda i: _name(i.owner), center=True),
            Column("责任领导", 10, lambda i: _name(i.leader), center=True),
            Column("完成时限", 14, _deadline, center=True),
            Column("整改标准", 30, lambda i: i.acceptance_criteria),
            Column("资金（元）", 13, _funds, center=True, money=True),
            Column("资金来源", 12, lambda i: i.funds_source),
            Column("预案", 24, lambda i: i.plan),
            Column("状态", 9, lambda i: i.get_status_display(), center=True),
            ITEM_ID,
        ],
    ),
    "effects": (
        "实效清单",
        [
            NUMBER,
            Column("问题", 26, lambda i: i.title),
            Column("整改措施", 40, lambda i: i.measures),
            EVIDENCE,
            Column("整改实效", 40, lambda i: i.effect),
            Column("验收人", 10, lambda i: _name(i.verified_by), center=True),
            Column("销号日期", 12, _closed_on, center=True),
            Column("完成情况", 10, lambda i: i.get_status_display(), center=True),
            Column("是否按期", 10, _on_time, center=True),
            ITEM_ID,
        ],
    ),
}


def list_spec(kind: str) -> tuple[str, list[Column]]:
    if kind not in LISTS:
        raise Invalid(
            "清单类型应为 problems（问题清单）、rectification（整改清单）或 effects（实效清单）",
            log=f"bad list {kind!r}",
        )
    return LISTS[kind]


def list_title(*, org: Organization, kind: str, year: int | None) -> str:
    name, _ = list_spec(kind)
    return f"{org.name}{year}年组织生活会{name}" if year else f"{org.name}整改台账{name}"


EvidenceOf = Callable[[RectificationItem], list[str]]


def _row(
    columns: list[Column],
    n: int,
    item: RectificationItem,
    *,
    for_sheet: bool,
    evidence_of: EvidenceOf | None = None,
) -> list:
    row: list[object] = []
    for c in columns:
        if c is NUMBER:
            value: object = n
        elif c is EVIDENCE and evidence_of is not None:
            value = "\n".join(evidence_of(item))
        else:
            value = c.value(item)
        if c.money and value != "":
            value = float(value) if for_sheet else money(value)  # type: ignore[arg-type]
        row.append(value)
    return row


def list_table(
    items: Iterable[RectificationItem],
    kind: str,
    *,
    start: int = 1,
    for_sheet: bool = False,
) -> tuple[list[str], list[list]]:
    """Headers and rows (numbered from ``start``: a page goes on from the one before).

    Amounts are text for a page ("1,500.00 元") and numbers for a sheet (formatted alike).
    """
    _, columns = list_spec(kind)
    rows = [_row(columns, n, item, for_sheet=for_sheet) for n, item in enumerate(items, start)]
    return [c.header for c in columns], rows


THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_ROW = 3
TITLE_FONT = Font(name="宋体", size=16, bold=True)
TITLE_ALIGN = Alignment(horizontal="center", vertical="center")
SUBTITLE_FONT = Font(name="宋体", size=10)
SUBTITLE_ALIGN = Alignment(horizontal="left", vertical="center")
HEADER_FONT = Font(name="黑体", size=11, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E7E6E6")
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
BODY_FONT = Font(name="宋体", size=10)
BODY_ALIGN = {
    True: Alignment(horizontal="center", vertical="top", wrap_text=True),
    False: Alignment(horizontal="left", vertical="top", wrap_text=True),
}
# Rows fetched per query while a sheet is written (and, for 实效清单, evidence per batch):
# memory stays flat however long the list; under SQLite's 999 query parameters.
CHUNK = 500

# What each list reads of an item and of its people, so an export loads nothing more.
USER_FIELDS = ("name", "first_name", "last_name", "username")
SHEET_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # list: (item fields, people)
    "problems": (
        ("source", "category", "title", "description", "root_cause", "created_at"),
        (),
    ),
    "rectification": (
        (
            "title",
            "measures",
            "kind",
            "deadline",
            "original_deadline",
            "acceptance_criteria",
            "funds",
            "funds_source",
            "plan",
            "status",
        ),
        ("owner", "leader"),
    ),
    "effects": (
        # status, kind, deadline, created_at, progress_interval_days, last_progress_on:
        # 是否按期 (is_overdue); a field left out here is read again per row
        (
            "title",
            "measures",
            "effect",
            "closed_at",
            "status",
            "kind",
            "deadline",
            "created_at",
            "progress_interval_days",
            "last_progress_on",
        ),
        ("verified_by",),
    ),
}


def _text_lines(value: object, width: float) -> int:
    """Lines a wrapped cell needs: a CJK character takes about two width units."""
    if value is None or value == "":
        return 1
    per_line = max(1, int(width) - 1)
    lines = 0
    for part in str(value).split("\n"):
        units = sum(2 if ord(ch) > 0x2E7F else 1 for ch in part)
        lines += max(1, -(-units // per_line))
    return lines


def _row_height(values: list[object], columns: list[Column]) -> float:
    # Excel does not grow rows for wrapped text written by a library: set it, so the
    # printed list shows every line.
    lines = max(_text_lines(v, c.width) for v, c in zip(values, columns, strict=True))
    return min(409.0, 14.0 * lines + 4)


class _Look:
    """Cells of one look for a write-only sheet: the style is set once and copied into each
    cell (setting font, border… on every cell hashes the style objects again: 2–3× slower)."""

    def __init__(self, ws: Any, **style: Any) -> None:
        self.ws = ws
        proto = Cell(ws, row=1, column=1)
        for name, value in style.items():
            setattr(proto, name, value)
        self.style = proto._style  # the style ids, copied by Cell(style_array=...)

    def __call__(self, value: object) -> Cell:
        return Cell(self.ws, row=1, column=1, value=value, style_array=self.style)


def write_list(
    out: IO[bytes],
    *,
    org: Organization,
    items: Iterable[RectificationItem],
    count: int,
    kind: str,
    year: int | None = None,
    evidence_of: EvidenceOf | None = None,
) -> None:
    """One list as an .xlsx into ``out``, ready to print, a row at a time (write-only).

    ``count`` is said in the subtitle, which is written before the rows; ``evidence_of``
    names an item's evidence (by default: ``item.evidence``, prefetched). The layout: a
    merged title row, a subtitle row, a header row repeated on every printed page,
    numbered rows with wrapped text and borders, A4 landscape fit to width.
    """
    name, columns = list_spec(kind)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(name)
    last = get_column_letter(len(columns))
    # A write-only sheet writes these with its first row: they are set before it.
    for i, c in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = c.width
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.merged_cells.add(f"A1:{last}1")
    ws.merged_cells.add(f"A2:{last}2")
    ws.row_dimensions[1].height = 32
    # Every user value goes through cell_value: it is never a live formula.
    title = _Look(ws, font=TITLE_FONT, alignment=TITLE_ALIGN)
    ws.append([title(cell_value(list_title(org=org, kind=kind, year=year)))])
    subtitle = _Look(ws, font=SUBTITLE_FONT, alignment=SUBTITLE_ALIGN)
    ws.append(
        [subtitle(f"填报单位：{org.name}　　导出日期：{clock.today():%Y-%m-%d}　　共 {count} 项")]
    )
    header = _Look(ws, font=HEADER_FONT, fill=HEADER_FILL, alignment=HEADER_ALIGN, border=BORDER)
    ws.append([header(cell_value(c.header)) for c in columns])
    body = [
        _Look(
            ws,
            font=BODY_FONT,
            alignment=BODY_ALIGN[c.center],
            border=BORDER,
            **({"number_format": MONEY_XLSX_FORMAT} if c.money else {}),
        )
        for c in columns
    ]
    for n, item in enumerate(items, start=1):
        row = _row(columns, n, item, for_sheet=True, evidence_of=evidence_of)
        values = [cell_value(v) for v in row]
        r = HEADER_ROW + n
        ws.row_dimensions[r].height = _row_height(values, columns)
        ws.append([look(v) for look, v in zip(body, values, strict=True)])
        del ws.row_dimensions[r]  # written with its row: the sheet keeps nothing per row
    # Printing: A4 landscape, all columns on one page width, the header on every page.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    wb.save(out)


def list_xlsx(
    *, org: Organization, items: Iterable[RectificationItem], kind: str, year: int | None = None
) -> bytes:
    """The bytes of one short list (one meeting's, for the pack) as an .xlsx."""
    rows = list(items)
    buf = io.BytesIO()
    write_list(buf, org=org, items=rows, count=len(rows), kind=kind, year=year)
    return buf.getvalue()


def export_items(
    *, user: User, org: Organization, kind: str, year: int | None = None
) -> QuerySet[RectificationItem]:
    """The items of one list this person may see under ``org``, with only what it shows."""
    list_spec(kind)
    fields, people = SHEET_FIELDS[kind]
    return (
        selectors.items_filtered(selectors.items_visible_to(user), org=org, year=year)
        .select_related(None)
        .select_related(*people)
        .only(*fields, *people, *(f"{p}__{f}" for p in people for f in USER_FIELDS))
        .order_by("org__path", "pk")
    )


def _in_chunks(
    items: QuerySet[RectificationItem], names: dict[int, list[str]]
) -> Iterator[RectificationItem]:
    """The items, read CHUNK at a time; ``names`` holds the current chunk's evidence names.

    One query of plain values per chunk instead of prefetch_related: prefetched evidence
    and its item refer to each other, and such cycles wait for the garbage collector, so
    a long list would pile up in memory.
    """
    rows = items.iterator(chunk_size=CHUNK)
    while chunk := list(islice(rows, CHUNK)):
        names.clear()
        evidence = (
            Evidence.objects.filter(item_id__in=[i.pk for i in chunk])
            .order_by("at", "pk")
            .values_list("item_id", "original_name")
        )
        for item_id, name in evidence:
            names.setdefault(item_id, []).append(name)
        yield from chunk


def export_name(*, org: Organization, kind: str, year: int | None = None) -> str:
    stamp = clock.today().strftime("%Y%m%d")
    return f"{list_title(org=org, kind=kind, year=year)}-{stamp}.xlsx"


def export_write(
    out: IO[bytes], *, user: User, org: Organization, kind: str, year: int | None = None
) -> None:
    """Write the list into ``out``: rows are read in chunks, never all at once."""
    items = export_items(user=user, org=org, kind=kind, year=year)
    count = items.count()
    if EVIDENCE not in list_spec(kind)[1]:
        rows = items.iterator(chunk_size=CHUNK)
        write_list(out, org=org, items=rows, count=count, kind=kind, year=year)
        return
    names: dict[int, list[str]] = {}
    write_list(
        out,
        org=org,
        items=_in_chunks(items, names),
        count=count,
        kind=kind,
        year=year,
        evidence_of=lambda item: names.get(item.pk, []),
    )


def export_for(
    *, user: User, org: Organization, kind: str, year: int | None = None
) -> tuple[bytes, str]:
    """One list of the items this person may see under ``org`` as bytes, and its file name."""
    buf = io.BytesIO()
    export_write(buf, user=user, org=org, kind=kind, year=year)
    return buf.getvalue(), export_name(org=org, kind=kind, year=year)


def export_response(
    request: Any, *, org: Organization, kind: str, year: int | None = None
) -> FileResponse:
    """The list written to a temporary file and streamed from it (memory stays flat), for
    the page and the API alike. Names of owners, leaders and verifiers leave the system:
    the export goes on the audit log."""
    list_spec(kind)  # an unknown list is refused before anything is written
    user = request.user
    response = spooled_download(
        lambda out: export_write(out, user=user, org=org, kind=kind, year=year),
        filename=export_name(org=org, kind=kind, year=year),
    )
    audit.record(
        audit.EXPORT,
        actor=user,
        target=list_title(org=org, kind=kind, year=year),
        detail={"org": org.pk, "list": kind, "year": year},
        request=request,
    )
    return response


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
