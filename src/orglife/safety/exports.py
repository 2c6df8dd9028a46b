"""The 隐患排查治理情况统计表 as .xlsx in the office layout (令第16号: quarterly by the 15th
of the next quarter, yearly by 31 January, signed by the principal person in charge).

A merged title, the unit and period, a header row, one row per key area with totals, the
report's due day (and whether it is late), then the 主要负责人签字 line. Bytes, not files.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from orglife.core import clock
from orglife.ledger.models import Category
from orglife.safety.selectors import Stats

COLUMNS = (
    ("序号", 6),
    ("领域", 16),
    ("排查隐患总数", 12),
    ("一般事故隐患", 12),
    ("重大事故隐患", 12),
    ("已整改销号", 12),
    ("未销号", 10),
    ("其中逾期", 10),
)
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
SIGNATURE = "主要负责人签字："
# Category labels, not only the safety areas: an edited hazard may carry another category.
LABELS = dict(Category.choices)


def stats_xlsx(stats: Stats) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "隐患排查治理统计"
    width = len(COLUMNS)
    title = f"{stats.org.name}{stats.period_label}生产安全事故隐患排查治理情况统计表"
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws["A1"].font = Font(name="宋体", size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30
    ws.append(
        [
            f"填报单位：{stats.org.name}    统计期间：{stats.first:%Y-%m-%d} 至 "
            f"{stats.last:%Y-%m-%d}    报送期限：{stats.due:%Y-%m-%d}"
            + ("（已逾期）" if stats.report_overdue else "")
        ]
    )
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    ws.append([h for h, _ in COLUMNS])
    header = ws.max_row
    for col, (_, w) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[ws.cell(header, col).column_letter].width = w
        cell = ws.cell(header, col)
        cell.font = Font(name="黑体", bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BOX
    totals = [0] * 6
    for n, (area, row) in enumerate(stats.rows.items(), start=1):
        values = [
            row["general"] + row["major"],
            row["general"],
            row["major"],
            row["closed"],
            row["open"],
            row["overdue"],
        ]
        totals = [a + b for a, b in zip(totals, values, strict=True)]
        ws.append([n, LABELS.get(area, area), *values])
    ws.append(["", "合计", *totals])
    for r in range(header + 1, ws.max_row + 1):
        for col in range(1, width + 1):
            cell = ws.cell(r, col)
            cell.border = BOX
            cell.alignment = Alignment(horizontal="center", vertical="center")
    ws.cell(ws.max_row, 2).font = Font(bold=True)
    ws.append([])
    ws.append([f"填表人：            填报日期：{clock.today():%Y年%m月%d日}"])
    ws.append([f"{SIGNATURE}                    （单位盖章）"])
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=width)
    ws.print_title_rows = f"{header}:{header}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def stats_filename(stats: Stats) -> str:
    return f"{stats.org.name}{stats.period_label}隐患排查治理统计表.xlsx"
