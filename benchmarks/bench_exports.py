"""Time and peak memory of a large ledger export (issue 13): the old way against the new.

Baseline, same run: the export as it was before (kept inline below): every item loaded at
once with its evidence, a normal openpyxl workbook holding every cell, styled cell by cell
afterwards, saved into memory. New: ``ledger.exports.export_write`` — items read in chunks,
a write-only workbook written row by row into a temporary file (what the page and the API
stream from disk). Both write the same list of the same items. Each side runs twice: once
timed, once under tracemalloc for the peak of Python's own allocations during the export
(tracemalloc slows what it watches, so it is kept out of the timed run). Ratios > 1 mean
the baseline costs more.

    .venv/bin/python benchmarks/bench_exports.py                    # 5,000 items (~1 min)
    .venv/bin/python benchmarks/bench_exports.py --items 50000      # the issue's size
    .venv/bin/python benchmarks/bench_exports.py --list effects

Runs on SQLite in a temporary directory (DATABASE_URL is ignored). No thresholds are
asserted: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
BATCH = 5000


def _setup(var_dir: Path) -> None:
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("DJANGO_ENV", None)
    var_dir.mkdir(parents=True, exist_ok=True)
    os.environ["ORGLIFE_VAR_DIR"] = str(var_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "orglife.site.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def generate(n: int):
    """A branch with a secretary, 50 members and ``n`` items (a third with evidence)."""
    from django.utils import timezone

    from orglife.ledger.models import Evidence, RectificationItem
    from orglife.orgs.models import Membership, Organization, User

    branch = Organization.objects.create(name="第一党支部", kind="branch")
    secretary = User.objects.create(username="secretary", name="书记")
    Membership.objects.create(user=secretary, organization=branch, role="secretary")
    people = User.objects.bulk_create([User(username=f"p{i}", name=f"党员{i}") for i in range(50)])
    statuses = ["open", "in_progress", "submitted", "closed"]
    text = "支部集中学习侧重文件传达，结合本单位实际交流研讨较少，学习成效不够明显。"
    for start in range(0, n, BATCH):
        items = RectificationItem.objects.bulk_create(
            [
                RectificationItem(
                    org=branch,
                    title=f"整改问题{i}：理论学习不够深入",
                    description=text * 3,
                    root_cause=text,
                    measures=text * 2,
                    acceptance_criteria="每月研讨有记录",
                    category="theory_study",
                    kind="long_term" if i % 11 == 0 else "deadline",
                    owner=people[i % 50],
                    leader=secretary,
                    deadline=None if i % 11 == 0 else date(2024, 1, 1) + timedelta(i % 365),
                    funds=1500 if i % 5 == 0 else None,
                    status=statuses[i % 4],
                    effect=text if i % 4 == 3 else "",
                    verified_by=secretary if i % 4 == 3 else None,
                    closed_at=timezone.now() if i % 4 == 3 else None,
                    meeting_year=2023,
                )
                for i in range(start, min(n, start + BATCH))
            ]
        )
        Evidence.objects.bulk_create(
            [
                Evidence(
                    item=item,
                    file=f"ledger/evidence/{item.pk}/photo.png",
                    original_name=f"整改照片{item.pk}.png",
                    content_type="image/png",
                    size=1,
                    uploaded_by=item.owner,
                )
                for item in items[::3]
            ]
        )
    return secretary, branch


# -- the baseline: the export as it was before issue 13 (in memory, whole) -------------------


def baseline_xlsx(*, user, org, kind: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    from orglife.core import clock
    from orglife.core.formats import MONEY_XLSX_FORMAT
    from orglife.documents.spreadsheet import cell_value
    from orglife.ledger import selectors
    from orglife.ledger.exports import _text_lines, list_spec, list_table, list_title

    items = (
        selectors.items_filtered(selectors.items_visible_to(user), org=org)
        .prefetch_related("evidence")
        .order_by("org__path", "pk")
    )
    name, columns = list_spec(kind)
    headers, rows = list_table(items, kind, for_sheet=True)
    wb = Workbook()
    ws = wb.active
    ws.title = name
    ws["A1"] = cell_value(list_title(org=org, kind=kind, year=None))
    ws["A2"] = f"填报单位：{org.name}　　导出日期：{clock.today():%Y-%m-%d}　　共 {len(rows)} 项"
    for i, h in enumerate(headers, start=1):
        ws.cell(row=3, column=i, value=cell_value(h))
    for r, row in enumerate(rows, start=4):
        for i, value in enumerate(row, start=1):
            ws.cell(row=r, column=i, value=cell_value(value))
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
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
        cell = ws.cell(row=3, column=i)
        cell.font = Font(name="黑体", size=11, bold=True)
        cell.fill = PatternFill("solid", fgColor="E7E6E6")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    for r in range(4, 4 + len(rows)):
        lines = max(
            _text_lines(ws.cell(row=r, column=i).value, c.width)
            for i, c in enumerate(columns, start=1)
        )
        ws.row_dimensions[r].height = min(409.0, 14.0 * lines + 4)
        for i, c in enumerate(columns, start=1):
            cell = ws.cell(row=r, column=i)
            cell.font = Font(name="宋体", size=10)
            cell.alignment = Alignment(
                horizontal="center" if c.center else "left", vertical="top", wrap_text=True
            )
            cell.border = border
            if c.money:
                cell.number_format = MONEY_XLSX_FORMAT
    ws.freeze_panes = "A4"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "3:3"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def measure(run: Callable[[], int]) -> tuple[float, int, int]:
    """(seconds, peak bytes allocated, file bytes) of one export: timed, then traced."""
    gc.collect()
    t = time.perf_counter()
    size = run()
    seconds = time.perf_counter() - t
    gc.collect()
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak, size


def rows_of(data: bytes | Path) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data) if isinstance(data, bytes) else data, read_only=True)
    return sum(1 for _ in wb.active.iter_rows(values_only=True))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--items", type=int, default=5_000)
    ap.add_argument("--list", choices=["problems", "rectification", "effects"], default="effects")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-exports-") as tmp:
        _setup(Path(tmp) / "var")
        t = time.perf_counter()
        user, org = generate(args.items)
        print(f"generated {args.items:,} items in {time.perf_counter() - t:.1f} s", flush=True)
        from orglife.ledger.exports import export_write

        out_path = Path(tmp) / "new.xlsx"
        old_data: list[bytes] = []

        def new() -> int:
            with out_path.open("wb") as out:
                export_write(out, user=user, org=org, kind=args.list)
            return out_path.stat().st_size

        def old() -> int:
            old_data.append(baseline_xlsx(user=user, org=org, kind=args.list))
            return len(old_data[-1])

        results = {}
        for name, run in (("new (write-only, streamed)", new), ("old (in memory)", old)):
            seconds, peak, size = measure(run)
            results[name] = (seconds, peak)
            print(
                f"{name:28} {seconds:7.2f} s   peak {peak / 2**20:8.1f} MiB   "
                f"file {size / 2**20:6.1f} MiB",
                flush=True,
            )
        rows = (rows_of(old_data[-1]), rows_of(out_path))
        same = rows[0] == rows[1] == args.items + 3  # title, subtitle, header
        print(f"rows in the files (old, new): {rows}")
        (t_new, m_new), (t_old, m_old) = results.values()
        print(
            f"{args.list}, {args.items:,} items: old/new time ×{t_old / t_new:.2f}, "
            f"peak memory ×{m_old / m_new:.1f}"
        )
        return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
