"""The three lists (问题清单, 整改清单, 实效清单): three views of the same items (docs/domain.md).

``list_table`` gives headers and rows for the pages; ``list_xlsx`` gives the bytes of an
.xlsx in the layout offices print: a merged title row, a subtitle row, a header row that
repeats on every page, numbered rows, wrapped text with borders, A4 landscape fit to width.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from orglife.core import clock
from orglife.core.errors import Invalid
from orglife.core.formats import MONEY_XLSX_FORMAT, local_date, money
from orglife.documents.spreadsheet import cell_value
from orglife.ledger import selectors
from orglife.ledger.models import RectificationItem
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
            Column("佐证材料", 22, _evidence),
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
    rows = []
    for n, item in enumerate(items, start=start):
        row: list[object] = []
        for c in columns:
            value = n if c is NUMBER else c.value(item)
            if c.money and value != "":
                value = float(value) if for_sheet else money(value)  # type: ignore[arg-type]
            row.append(value)
        rows.append(row)
    return [c.header for c in columns], rows


THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_ROW = 3


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


def _row_height(ws: Worksheet, row: int, columns: list[Column]) -> float:
    # Excel does not grow rows for wrapped text written by a library: set it, so the
    # printed list shows every line.
    lines = max(
        _text_lines(ws.cell(row=row, column=i).value, c.width)
        for i, c in enumerate(columns, start=1)
    )
    return min(409.0, 14.0 * lines + 4)


def _layout(ws: Worksheet, columns: list[Column], n_rows: int) -> None:
    last = get_column_letter(len(columns))
    for i, c in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = c.width
    ws.merge_cells(f"A1:{last}1")
    ws.merge_cells(f"A2:{last}2")
    ws["A1"].font = Font(name="宋体", size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 32
    ws["A2"].font = Font(name="宋体", size=10)
    ws["A2"].alignment = Alignment(horizontal="left", vertical="center")
    for i in range(1, len(columns) + 1):
        cell = ws.cell(row=HEADER_ROW, column=i)
        cell.font = Font(name="黑体", size=11, bold=True)
        cell.fill = PatternFill("solid", fgColor="E7E6E6")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BORDER
    for r in range(HEADER_ROW + 1, HEADER_ROW + 1 + n_rows):
        ws.row_dimensions[r].height = _row_height(ws, r, columns)
        for i, c in enumerate(columns, start=1):
            cell = ws.cell(row=r, column=i)
            cell.font = Font(name="宋体", size=10)
            cell.alignment = Alignment(
                horizontal="center" if c.center else "left", vertical="top", wrap_text=True
            )
            cell.border = BORDER
            if c.money:
                cell.number_format = MONEY_XLSX_FORMAT
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    # Printing: A4 landscape, all columns on one page width, the header on every page.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def list_xlsx(
    *, org: Organization, items: Iterable[RectificationItem], kind: str, year: int | None = None
) -> bytes:
    """The bytes of one list as an .xlsx, ready to print."""
    name, columns = list_spec(kind)
    headers, rows = list_table(items, kind, for_sheet=True)
    wb = Workbook()
    ws = wb.active
    ws.title = name
    # Every value goes through cell_value: user text is never a live formula.
    ws["A1"] = cell_value(list_title(org=org, kind=kind, year=year))
    ws["A2"] = f"填报单位：{org.name}　　导出日期：{clock.today():%Y-%m-%d}　　共 {len(rows)} 项"
    for i, h in enumerate(headers, start=1):
        ws.cell(row=HEADER_ROW, column=i, value=cell_value(h))
    for r, row in enumerate(rows, start=HEADER_ROW + 1):
        for i, value in enumerate(row, start=1):
            ws.cell(row=r, column=i, value=cell_value(value))
    _layout(ws, columns, len(rows))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def export_for(
    *, user: User, org: Organization, kind: str, year: int | None = None
) -> tuple[bytes, str]:
    """One list of the items this person may see under ``org``, and its file name."""
    list_spec(kind)
    items = (
        selectors.items_filtered(selectors.items_visible_to(user), org=org, year=year)
        .prefetch_related("evidence")
        .order_by("org__path", "pk")
    )
    data = list_xlsx(org=org, items=items, kind=kind, year=year)
    stamp = clock.today().strftime("%Y%m%d")
    return data, f"{list_title(org=org, kind=kind, year=year)}-{stamp}.xlsx"


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
