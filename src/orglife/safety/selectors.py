"""Reads of the safety records, always through what a person may see (STYLE.md, rule 3).

Visibility follows the organization tree (orgs selectors): a risk point, inspection or
hazard is visible to whoever sees its unit. Lists are filtered and counted in the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, Count, F, FloatField, IntegerField, Max, Q, QuerySet, Value, When
from django.db.models.lookups import GreaterThan, GreaterThanOrEqual

from orglife.core import clock
from orglife.core.errors import Invalid, NotFound
from orglife.ledger.deadlines import overdue_q
from orglife.ledger.models import Status
from orglife.orgs import selectors as org_selectors
from orglife.orgs.models import Organization, User
from orglife.safety import scoring
from orglife.safety.models import (
    AREA_LABELS,
    AREA_VALUES,
    Grade,
    HazardDetail,
    Inspection,
    Method,
    Report,
    RiskPoint,
    ls_bounds,
)

# A level as a number, so the database can take the highest of a place (low 0 … major 3).
LEVEL_RANK = {level: len(scoring.LEVELS) - 1 - i for i, level in enumerate(scoring.LEVELS)}
RANK_LEVEL = {rank: level for level, rank in LEVEL_RANK.items()}
# Scores are products of one-decimal inputs; SQLite multiplies them as floats.
_EPSILON = 1e-6


def risks_visible_to(user: User) -> QuerySet[RiskPoint]:
    return RiskPoint.objects.filter(org__in=org_selectors.orgs_visible_to(user)).select_related(
        "org", "owner"
    )


def risk_get(*, user: User, pk: int) -> RiskPoint:
    risk = risks_visible_to(user).filter(pk=pk).first()
    if risk is None:
        raise NotFound("风险点不存在或无权查看", log=f"risk {pk} not visible to {user}")
    return risk


def risks_filtered(
    qs: QuerySet[RiskPoint], *, org: Organization | None = None, area: str | None = None
) -> QuerySet[RiskPoint]:
    if org is not None:
        qs = qs.filter(org__path__startswith=org.path)
    if area:
        _check_area(area)
        qs = qs.filter(area=area)
    return qs


def level_rank() -> Case:
    """A risk point's level rank in SQL, by the same bands as ``scoring`` (the data file
    for LEC, ORGLIFE_SAFETY_LS_BANDS for LS): counts and the four-colour chart are
    aggregates over every risk, never a first page of them judged in Python."""
    score = {
        Method.LEC: F("l") * F("e") * F("c"),
        Method.LS: F("l") * F("s"),
    }
    bands = {Method.LEC: scoring.lec_bands(), Method.LS: scoring.ls_bands(ls_bounds())}
    whens = []
    for method, method_bands in bands.items():
        product = Case(When(method=method, then=score[method]), output_field=FloatField())
        for band in method_bands[:-1]:  # the lowest band catches the rest
            bound = float(band.min)
            holds = (
                GreaterThanOrEqual(product, Value(bound - _EPSILON))
                if band.inclusive
                else GreaterThan(product, Value(bound + _EPSILON))
            )
            whens.append(When(Q(method=method) & Q(holds), then=Value(LEVEL_RANK[band.level])))
        whens.append(When(method=method, then=Value(LEVEL_RANK[method_bands[-1].level])))
    return Case(*whens, default=Value(0), output_field=IntegerField())


def colour_counts(qs: QuerySet[RiskPoint]) -> dict[str, int]:
    """How many risk points of each colour (red, orange, yellow, blue), in one query."""
    counts = {colour: 0 for colour in scoring.COLOUR_LABELS}
    for row in qs.order_by().values(rank=level_rank()).annotate(n=Count("pk")):
        counts[scoring.COLOURS[RANK_LEVEL[row["rank"]]]] += row["n"]
    return counts


def colour_cells(qs: QuerySet[RiskPoint], limit: int) -> list[tuple[str, str, int]]:
    """The four-colour chart's cells: (area, place, highest level rank) of at most
    ``limit`` places, grouped in the database."""
    rows = (
        qs.order_by()
        .values("area", "place")
        .annotate(top=Max(level_rank()))
        .order_by("area", "place")[:limit]
    )
    return [(r["area"], r["place"], r["top"]) for r in rows]


def inspections_visible_to(user: User) -> QuerySet[Inspection]:
    return Inspection.objects.filter(org__in=org_selectors.orgs_visible_to(user)).select_related(
        "org"
    )


def inspection_get(*, user: User, pk: int) -> Inspection:
    inspection = inspections_visible_to(user).filter(pk=pk).first()
    if inspection is None:
        raise NotFound("排查记录不存在或无权查看", log=f"inspection {pk} not visible to {user}")
    return inspection


def hazards_visible_to(user: User) -> QuerySet[HazardDetail]:
    return HazardDetail.objects.filter(
        item__org__in=org_selectors.orgs_visible_to(user)
    ).select_related(
        "item", "item__org", "item__owner", "item__leader", "item__verified_by", "risk"
    )


def hazard_get(*, user: User, pk: int) -> HazardDetail:
    """The hazard whose ledger item has this id, or NotFound (404)."""
    hazard = hazards_visible_to(user).filter(pk=pk).first()
    if hazard is None:
        raise NotFound("隐患不存在或无权查看", log=f"hazard {pk} not visible to {user}")
    return hazard


def _check_area(area: str) -> None:
    if area not in AREA_VALUES:
        raise Invalid(f"未知领域“{area}”", log=f"bad area {area!r}")


def hazards_filtered(
    qs: QuerySet[HazardDetail],
    *,
    user: User,
    org: Organization | None = None,
    area: str | None = None,
    grade: str | None = None,
    status: str | None = None,
    overdue: bool | None = None,
) -> QuerySet[HazardDetail]:
    """Narrow in the database; overdue is the ledger's derived rule, applied as a subquery."""
    if org is not None:
        qs = qs.filter(item__org__path__startswith=org.path)
    if area:
        _check_area(area)
        qs = qs.filter(item__category=area)
    if grade:
        if grade not in Grade.values:
            raise Invalid(f"未知隐患等级“{grade}”", log=f"bad grade {grade!r}")
        qs = qs.filter(grade=grade)
    if status:
        if status not in Status.values:
            raise Invalid(f"未知状态“{status}”", log=f"bad status {status!r}")
        qs = qs.filter(item__status=status)
    if overdue is not None:
        late = overdue_q(clock.today(), prefix="item__")
        qs = qs.filter(late) if overdue else qs.exclude(late)
    return qs


# -- statistics ------------------------------------------------------------------------------


def period(year: int, quarter: int | None) -> tuple[date, date, date]:
    """First and last day of a quarter (or the year) and the day its report is due.

    Quarterly: by the 15th of the next quarter's first month; yearly: by 31 January.
    """
    if not 2000 <= year <= 2100:
        raise Invalid("年度应为四位数年份", log=f"bad year {year!r}")
    if quarter is None:
        return date(year, 1, 1), date(year, 12, 31), date(year + 1, 1, 31)
    if quarter not in (1, 2, 3, 4):
        raise Invalid("季度应为 1～4", log=f"bad quarter {quarter!r}")
    first = date(year, 3 * quarter - 2, 1)
    nxt = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    last = date.fromordinal(nxt.toordinal() - 1)
    return first, last, nxt.replace(day=15)


@dataclass
class Stats:
    org: Organization
    year: int
    quarter: int | None
    first: date
    last: date
    due: date
    total: int
    by_area: dict[str, int]
    by_grade: dict[str, int]
    by_status: dict[str, int]
    # Rows of the report: area → {"general", "major", "closed", "open", "overdue"}.
    rows: dict[str, dict[str, int]]
    overdue_hazards: int
    submitted_on: date | None
    report_overdue: bool

    @property
    def period_label(self) -> str:
        if self.quarter is None:
            return f"{self.year}年度"
        return f"{self.year}年第{'一二三四'[self.quarter - 1]}季度"


def stats_for(*, user: User, org: Organization, year: int, quarter: int | None) -> Stats:
    """Hazards found in the period in ``org``'s subtree, counted by aggregate queries."""
    first, last, due = period(year, quarter)
    qs = hazards_visible_to(user).filter(
        item__org__path__startswith=org.path, found_on__gte=first, found_on__lte=last
    )
    by_area = {a: 0 for a in AREA_VALUES}
    by_grade = {g: 0 for g in Grade.values}
    by_status = {s: 0 for s in Status.values}
    rows = {
        a: {"general": 0, "major": 0, "closed": 0, "open": 0, "overdue": 0} for a in AREA_VALUES
    }
    for r in qs.values("item__category", "grade", "item__status").annotate(n=Count("pk")):
        area, grade, status, n = r["item__category"], r["grade"], r["item__status"], r["n"]
        by_area[area] = by_area.get(area, 0) + n
        by_grade[grade] += n
        by_status[status] += n
        row = rows.setdefault(
            area, {"general": 0, "major": 0, "closed": 0, "open": 0, "overdue": 0}
        )
        row[grade] += n
        row["closed" if status == Status.CLOSED else "open"] += n
    late = hazards_filtered(qs, user=user, overdue=True)
    overdue = 0
    for late_row in late.values("item__category").annotate(n=Count("pk")):
        rows[late_row["item__category"]]["overdue"] += late_row["n"]
        overdue += late_row["n"]
    report = Report.objects.filter(org=org, year=year, quarter=quarter or 0).first()
    submitted_on = report.submitted_on if report else None
    today = clock.today()
    # Late when sent after the due day, or not sent and the due day has passed.
    report_overdue = (submitted_on or today) > due
    return Stats(
        org=org,
        year=year,
        quarter=quarter,
        first=first,
        last=last,
        due=due,
        total=sum(by_grade.values()),
        by_area=by_area,
        by_grade=by_grade,
        by_status=by_status,
        rows=rows,
        overdue_hazards=overdue,
        submitted_on=submitted_on,
        report_overdue=report_overdue,
    )


def area_label(area: str) -> str:
    return AREA_LABELS.get(area, area)
