"""Reads of the ledger, always through what a person may see (STYLE.md, rule 3).

Anyone who can see an item's branch can see the item; nothing else is visible. Who may
do what to a visible item is ``permissions.py``'s business.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet

from orglife.core import clock, remember
from orglife.core.errors import Invalid, NotFound
from orglife.core.inputs import query_id, query_int
from orglife.ledger.deadlines import open_q, overdue_q, past_deadline_q, progress_late_q
from orglife.ledger.models import Category, RectificationItem, Status
from orglife.ledger.permissions import orgs_registrable_by
from orglife.orgs import selectors as org_selectors
from orglife.orgs.models import Organization, User

# A deadline filter further ahead than ten years answers nothing new.
MAX_DUE_WITHIN_DAYS = 3660


def items_visible_to(user: User) -> QuerySet[RectificationItem]:
    """Every item of an organization this person may see, with what lists need.

    No aggregate here: every list and count starts from it, and a GROUP BY over the whole
    ledger is what made lists slow (``last_progress_on`` is a column)."""
    return RectificationItem.objects.filter(
        org__in=org_selectors.orgs_visible_to(user)
    ).select_related("org", "owner", "leader", "verified_by")


def item_get(*, user: User, pk: int) -> RectificationItem:
    """The item, or NotFound (404) when it does not exist or this person may not see it."""
    item = items_visible_to(user).filter(pk=pk).first()
    if item is None:
        raise NotFound("整改事项不存在或无权查看", log=f"item {pk} not visible to {user}")
    return item


def org_get(*, user: User, pk: int | str | None) -> Organization:
    """A visible organization by id, or NotFound (an id reveals nothing)."""
    try:
        pk_int = query_id(pk, label="党组织")
    except Invalid:
        raise Invalid("请选择党组织", log=f"bad org id {str(pk)[:40]!r}") from None
    if pk_int is None:
        raise Invalid("请选择党组织", log="no org id")
    org = org_selectors.orgs_visible_to(user).filter(pk=pk_int).first()
    if org is None:
        raise NotFound("党组织不存在或无权查看", log=f"org {pk} not visible to {user}")
    return org


def _registrable_branches(user: User) -> QuerySet[Organization]:
    """The visible branches where this person may register items (the same rule as
    ``permissions.may_register_in``, asked of every branch at once)."""
    return org_selectors.branches_visible_to(user).filter(
        pk__in=orgs_registrable_by(user).values("pk")
    )


def may_register_somewhere(user: User) -> bool:
    """Whether the list offers 登记整改事项: one EXISTS, not the branches themselves."""
    return _registrable_branches(user).exists()


def branches_editable_by(user: User) -> list[Organization]:
    """The branches where this person may register items, in tree order."""
    return list(_registrable_branches(user).order_by("path"))


def people_for(org: Organization) -> QuerySet[User]:
    """Who can be 责任人/责任领导: people seated in the branch or in an organization above."""
    ids = [org.pk, *(a.pk for a in org.ancestors())]
    return (
        User.objects.filter(
            Q(memberships__organization__path__startswith=org.path)
            | Q(memberships__organization__in=ids)
        )
        .distinct()
        .order_by("username")
    )


def person_for(*, org: Organization, username: str | None, label: str) -> User | None:
    """A person by username for an item of this branch, or Invalid with a Chinese reason."""
    if not username:
        return None
    user = people_for(org).filter(username=username).first()
    if user is None:
        raise Invalid(f"{label}“{username}”不是本支部或上级组织的人员", log=f"{label} {username}")
    return user


# -- filters -------------------------------------------------------------------------------


def items_filtered(
    qs: QuerySet[RectificationItem],
    *,
    org: Organization | None = None,
    status: str | None = None,
    category: str | None = None,
    owner: str | None = None,
    overdue: bool | None = None,
    due_within: int | None = None,
    year: int | None = None,
    today: date | None = None,
) -> QuerySet[RectificationItem]:
    """Narrow a visible queryset; an organization includes the branches below it."""
    today = today or clock.today()
    if org is not None:
        qs = qs.filter(org__path__startswith=org.path)
    if status:
        if status not in Status.values:
            raise Invalid(f"未知状态“{status}”", log=f"bad status {status!r}")
        qs = qs.filter(status=status)
    if category:
        if category not in Category.values:
            raise Invalid(f"未知问题类别“{category}”", log=f"bad category {category!r}")
        qs = qs.filter(category=category)
    if owner:
        qs = qs.filter(owner__username=owner)
    if year:
        query_int(year, label="年度", minimum=1900, maximum=2200)
        qs = qs.filter(meeting_year=year)
    if overdue is not None:
        q = overdue_q(today)
        qs = qs.filter(q) if overdue else qs.exclude(q)
    if due_within is not None:
        query_int(due_within, label="到期天数", minimum=0, maximum=MAX_DUE_WITHIN_DAYS)
        qs = qs.exclude(status=Status.CLOSED).filter(
            deadline__gte=today, deadline__lte=today + timedelta(days=due_within)
        )
    return qs


def item_history(item: RectificationItem):
    return item.events.select_related("actor").order_by("at", "pk")


# -- dashboards and summaries ---------------------------------------------------------------


def dashboard_for(user: User, *, org_ids: list[int] | None = None) -> dict:
    """For the home page: open and overdue counts per branch (only ``org_ids``, the
    branches on the page, when given), and the 20 items needing attention most.

    Counts by aggregate queries; at most 20 items are read.
    """
    today = clock.today()
    within = settings.ORGLIFE_REMIND_WITHIN_DAYS
    late = overdue_q(today)
    plain = RectificationItem.objects.filter(org__in=org_selectors.orgs_visible_to(user))
    counted = plain.exclude(status=Status.CLOSED)
    if org_ids is not None:
        counted = counted.filter(org__in=org_ids)
    grouped = counted.values("org_id").annotate(n=Count("pk"), late=Count("pk", filter=late))
    by_org: dict[int, tuple[int, int]] = {
        row["org_id"]: (row["n"], row["late"])
        for row in remember.remembered(grouped.order_by(), list, tag="dashboard")
    }
    # The 20 most urgent: past their deadline (oldest first), then 长期坚持 items missing a
    # progress entry, then due within the reminder window. Three small queries that each
    # stop at 20 rows on an index, instead of sorting every open item of the committee.
    first: list[int] = []
    for part, order in (
        (past_deadline_q(today), ("deadline", "pk")),
        (progress_late_q(today), ("pk",)),
        (
            open_q() & Q(deadline__gte=today, deadline__lte=today + timedelta(days=within)),
            ("deadline", "pk"),
        ),
    ):
        first += plain.filter(part).order_by(*order).values_list("pk", flat=True)[:20]
    first = first[:20]
    rows = {i.pk: i for i in items_visible_to(user).filter(pk__in=first)}
    attention = [rows[pk] for pk in first if pk in rows]
    return {"by_org": by_org, "attention": attention}


@dataclass
class Summary:
    org: Organization
    total: int = 0
    open: int = 0
    overdue: int = 0
    closed: int = 0
    closed_on_time: int = 0
    closed_late: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, tuple[int, int]] = field(default_factory=dict)  # label: (all, closed)

    @property
    def completion_rate(self) -> float:
        return round(100 * self.closed / self.total, 1) if self.total else 0.0

    @property
    def on_time_rate(self) -> float:
        return round(100 * self.closed_on_time / self.closed, 1) if self.closed else 0.0


def summary_for(*, user: User, org: Organization, year: int | None = None) -> Summary:
    """Open, overdue, closed on time and completion rate for a branch (or a subtree)."""
    return summaries_for(user=user, orgs=[org], year=year)[0]


def summaries_for(
    *, user: User, orgs: list[Organization], year: int | None = None
) -> list[Summary]:
    """One summary per organization (its subtree), from a fixed number of aggregate queries
    whatever the number of items or organizations."""
    today = clock.today()
    if not orgs:
        return []
    labels = dict(Category.choices)
    status_labels = dict(Status.choices)
    # The subtrees to count: an organization below another of the list adds nothing.
    roots = [o for o in orgs if not any(o.path.startswith(p.path) and p != o for p in orgs)]
    scope = Q()
    for o in roots:
        scope |= Q(org__path__startswith=o.path)
    visible = items_filtered(
        RectificationItem.objects.filter(org__in=org_selectors.orgs_visible_to(user)), year=year
    ).filter(scope)
    closed = Q(status=Status.CLOSED)
    on_time = closed & (Q(deadline__isnull=True) | Q(closed_at__date__lte=F("deadline")))
    # Grouped by the item's own org_id (no join to the organizations in the GROUP BY); the
    # few paths are read apart.
    grouped = (
        visible.values("org_id", "status", "category")
        .annotate(
            n=Count("pk"),
            on_time=Count("pk", filter=on_time),
            late=Count("pk", filter=overdue_q(today)),
        )
        .order_by()
    )
    # A scan of every item in scope (0.9 s at 600,000): remembered until the ledger changes.
    rows = remember.remembered(grouped, list, tag="summary")
    paths = dict(
        Organization.objects.filter(pk__in={r["org_id"] for r in rows}).values_list("pk", "path")
    )
    out = [Summary(org=o, by_status={label: 0 for label in Status.labels}) for o in orgs]
    by_pk: dict[int, list[Summary]] = {}
    for summary in out:
        by_pk.setdefault(summary.org.pk, []).append(summary)
    for row in rows:
        n, is_closed = row["n"], row["status"] == Status.CLOSED
        label = labels[row["category"]]
        # A row counts for every listed organization on its path ("/1/4/9/": 1, 4 and 9).
        for pk in (int(p) for p in paths[row["org_id"]].strip("/").split("/")):
            for s in by_pk.get(pk, ()):
                s.total += n
                s.by_status[status_labels[row["status"]]] += n
                if is_closed:
                    s.closed += n
                    s.closed_on_time += row["on_time"]
                    s.closed_late += n - row["on_time"]
                else:
                    s.open += n
                    s.overdue += row["late"]
                a, c = s.by_category.get(label, (0, 0))
                s.by_category[label] = (a + n, c + (n if is_closed else 0))
    for s in out:
        s.by_category = {k: s.by_category[k] for k in labels.values() if k in s.by_category}
    return out
