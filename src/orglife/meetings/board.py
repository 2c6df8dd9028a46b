"""The committee's board (机关党委看板): every branch's meeting in one table.

Aggregates are computed in the database (subqueries per meeting), the list is paginated,
and the number of queries does not grow with the number of branches.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import IO

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import FileResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from orglife.core import clock
from orglife.core.downloads import spooled_download
from orglife.documents.spreadsheet import cell_value
from orglife.ledger.models import RectificationItem, Status
from orglife.materials.models import InspectionMaterial
from orglife.meetings.models import LifeMeeting, MeetingPlan, PlanStatus, ReportStatus, StudySession
from orglife.meetings.selectors import Coverage, talk_coverages
from orglife.meetings.selectors_after import quorum_rule
from orglife.orgs.models import User
from orglife.orgs.selectors import orgs_visible_to

PAGE_SIZE = 50
SENT = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
REPORT_FILTERS = {
    "pending": "未报送",
    "overdue": "逾期未报",
    "late": "逾期报送",
    "on_time": "按时报送",
}
MaterialStatus = InspectionMaterial.Status
# A material "submitted" is with its reviewer or past them; a returned one is not (yet again).
MATERIALS_SUBMITTED = (MaterialStatus.SUBMITTED, MaterialStatus.APPROVED)


def _count(model, **filters) -> Coalesce:
    sub = (
        model.objects.filter(meeting=OuterRef("pk"), **filters)
        .order_by()
        .values("meeting")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))


def board_queryset(
    user: User,
    *,
    year: int | None = None,
    org: int | None = None,
    report: str | None = None,
    today: date | None = None,
) -> QuerySet[LifeMeeting]:
    today = today or clock.today()
    qs = LifeMeeting.objects.filter(org__in=orgs_visible_to(user))
    if year:
        qs = qs.filter(year=year)
    if org:
        qs = qs.filter(org__path__contains=f"/{int(org)}/")
    due_days = timedelta(days=settings.ORGLIFE_REPORT_DUE_DAYS)
    sent = Q(report__status__in=SENT)
    if report == "pending":
        qs = qs.exclude(sent)
    elif report == "overdue":
        qs = qs.filter(held_on__lt=today - due_days).exclude(sent)
    elif report in ("late", "on_time"):
        due = ExpressionWrapper(F("held_on") + due_days, output_field=DateField())
        qs = qs.annotate(_due=due).filter(sent)
        late = Q(report__submitted_at__date__gt=F("_due"))
        qs = qs.filter(late) if report == "late" else qs.exclude(late)
    return (
        qs.select_related("org", "record", "report")
        .annotate(
            materials_n=_count(InspectionMaterial),
            materials_submitted=_count(InspectionMaterial, status__in=MATERIALS_SUBMITTED),
            materials_approved=_count(InspectionMaterial, status=MaterialStatus.APPROVED),
            studies_n=_count(StudySession),
            plan_approved=Exists(
                MeetingPlan.objects.filter(meeting=OuterRef("pk"), status=PlanStatus.APPROVED)
            ),
            items_n=_count(RectificationItem),
            items_closed=_count(RectificationItem, status=Status.CLOSED),
        )
        .order_by("-year", "org__path", "pk")
    )


@dataclass
class BoardRow:
    meeting: LifeMeeting
    branch: str
    held_on: date | None
    quorum: str
    quorum_met: bool | None
    report: str
    report_flag: str  # on_time | late | overdue | pending | ""
    materials: int
    items: int
    items_closed: int
    plan_approved: bool
    studies: int
    materials_submitted: int
    materials_approved: int
    talk_coverage: str  # "done/required" pairs of the talk rule

    @property
    def completion(self) -> int:
        return round(100 * self.items_closed / self.items) if self.items else 0


def _row(m: LifeMeeting, today: date, coverage: Coverage) -> BoardRow:
    record = getattr(m, "record", None) if _has(m, "record") else None
    report = getattr(m, "report", None) if _has(m, "report") else None
    due = m.report_due
    status = report.status if report else ReportStatus.DRAFT
    submitted = timezone.localdate(report.submitted_at) if report and report.submitted_at else None
    if status in SENT and submitted and due:
        flag = "late" if submitted > due else "on_time"
    elif due and today > due:
        flag = "overdue"
    elif due:
        flag = "pending"
    else:
        flag = ""
    quorum_met = None
    quorum = ""
    if record:
        quorum_met = quorum_rule(m).met(due=record.quorum_due, present=record.quorum_present)
        quorum = f"{record.quorum_present}/{record.quorum_due}"
    return BoardRow(
        meeting=m,
        branch=m.org.name,
        held_on=m.held_on,
        quorum=quorum,
        quorum_met=quorum_met,
        report=dict(ReportStatus.choices)[status],
        report_flag=flag,
        materials=m.materials_n,  # type: ignore[attr-defined]
        items=m.items_n,  # type: ignore[attr-defined]
        items_closed=m.items_closed,  # type: ignore[attr-defined]
        plan_approved=m.plan_approved,  # type: ignore[attr-defined]
        studies=m.studies_n,  # type: ignore[attr-defined]
        materials_submitted=m.materials_submitted,  # type: ignore[attr-defined]
        materials_approved=m.materials_approved,  # type: ignore[attr-defined]
        talk_coverage=f"{coverage.done}/{coverage.required}",
    )


def _rows(meetings: list[LifeMeeting], today: date) -> list[BoardRow]:
    # Talk coverage depends on each roster, not one aggregate: two queries per batch of rows.
    coverage = talk_coverages(meetings)
    return [_row(m, today, coverage[m.pk]) for m in meetings]


def _has(m: LifeMeeting, name: str) -> bool:
    try:
        getattr(m, name)
    except ObjectDoesNotExist:  # the reverse one-to-one is absent
        return False
    return True


def board_page(
    user: User,
    *,
    page: int = 1,
    year: int | None = None,
    org: int | None = None,
    report: str | None = None,
) -> tuple[Page, list[BoardRow]]:
    today = clock.today()
    qs = board_queryset(user, year=year, org=org, report=report, today=today)
    pages = Paginator(qs, PAGE_SIZE)
    current = pages.get_page(page)
    return current, _rows(list(current.object_list), today)


FLAG_LABELS = {
    "on_time": "按时",
    "late": "逾期报送",
    "overdue": "逾期未报",
    "pending": "未到期",
    "": "",
}
XLSX_HEADERS = [
    "党支部",
    "年度",
    "会议",
    "方案审批",
    "集中学习",
    "谈心谈话覆盖",
    "材料提交",
    "材料审核",
    "召开日期",
    "到会（实到/应到）",
    "情况报告",
    "报送时限",
    "整改事项",
    "已销号",
    "完成率",
]


def write_board_xlsx(out: IO[bytes], user: User, **filters) -> None:
    """The whole board (every page) as an .xlsx into ``out``, a row at a time (write-only)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("组织生活会看板")
    bold = Font(bold=True)

    def header(value: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(ws, value=value)
        cell.font = bold
        return cell

    ws.append([header(h) for h in XLSX_HEADERS])
    today = clock.today()
    batch: list[LifeMeeting] = []
    for m in board_queryset(user, today=today, **filters).iterator(chunk_size=200):
        batch.append(m)
        if len(batch) == 200:
            _append(ws, _rows(batch, today))
            batch = []
    _append(ws, _rows(batch, today))
    wb.save(out)


def board_download(user: User, filename: str, **filters) -> FileResponse:
    """The board's .xlsx written to a temporary file and streamed from it."""
    return spooled_download(lambda out: write_board_xlsx(out, user, **filters), filename=filename)


def _append(ws, rows: list[BoardRow]) -> None:
    for r in rows:
        m = r.meeting
        # Names and titles are typed by people: written as text, never as a formula.
        ws.append(
            [
                cell_value(r.branch),
                m.year,
                cell_value(m.title),
                "已批准" if r.plan_approved else "未批准",
                r.studies,
                r.talk_coverage,
                r.materials_submitted,
                r.materials_approved,
                r.held_on.isoformat() if r.held_on else "",
                r.quorum,
                r.report,
                FLAG_LABELS[r.report_flag],
                r.items,
                r.items_closed,
                f"{r.completion}%",
            ]
        )


def chart_data(rows: list[BoardRow]) -> dict:
    """What the page's ECharts draw: report timeliness and ledger completion per branch."""
    flags: dict[str, int] = {}
    for r in rows:
        label = FLAG_LABELS[r.report_flag] or "未召开"
        flags[label] = flags.get(label, 0) + 1
    return {
        "report": [{"name": k, "value": v} for k, v in flags.items()],
        "branches": [r.branch for r in rows],
        "completion": [r.completion for r in rows],
    }
