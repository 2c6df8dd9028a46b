"""Reads of the ledger, always through what a person may see (STYLE.md, rule 3).

Anyone who can see an item's branch can see the item; nothing else is visible. Who may
do what to a visible item is ``permissions.py``'s business.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from orglife.core import clock
from orglife.core.errors import Invalid, NotFound
from orglife.core.inputs import query_id, query_int
from orglife.ledger.models import Category, Kind, RectificationItem, Status
from orglife.ledger.permissions import may_register_in
from orglife.orgs import selectors as org_selectors
from orglife.orgs.models import Organization, User

# A deadline filter further ahead than ten years answers nothing new.
MAX_DUE_WITHIN_DAYS = 3660


def items_visible_to(user: User) -> QuerySet[RectificationItem]:
    """Every item of an organization this person may see, with what lists need."""
    return (
        RectificationItem.objects.filter(org__in=org_selectors.orgs_visible_to(user))
        .select_related("org", "owner", "leader", "verified_by")
        .annotate(last_progress=Max("progress_entries__on"))
    )


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


def branches_editable_by(user: User) -> list[Organization]:
    return [b for b in org_selectors.branches_visible_to(user) if may_register_in(user, b)]


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


def _overdue_q(qs: QuerySet[RectificationItem], today: date) -> Q:
    # Deadline items in SQL; 长期坚持 items by their last progress entry, in Python (few).
    long_term_overdue = [
        i.pk
        for i in qs.filter(kind=Kind.LONG_TERM).exclude(status=Status.CLOSED)
        if i.overdue_on(today)
    ]
    return ~Q(status=Status.CLOSED) & (
        (~Q(kind=Kind.LONG_TERM) & Q(deadline__lt=today)) | Q(pk__in=long_term_overdue)
    )


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
        q = _overdue_q(qs, today)
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


def dashboard_for(user: User) -> dict:
    """For the home page: open and overdue counts per branch, and items needing attention."""
    today = clock.today()
    within = settings.ORGLIFE_REMIND_WITHIN_DAYS
    by_org: dict[int, tuple[int, int]] = {}
    attention = []
    for item in items_visible_to(user).exclude(status=Status.CLOSED):
        overdue = item.overdue_on(today)
        n_open, n_overdue = by_org.get(item.org_id, (0, 0))
        by_org[item.org_id] = (n_open + 1, n_overdue + int(overdue))
        if overdue or item.due_within(today, within):
            attention.append(item)
    attention.sort(key=lambda i: (not i.is_overdue, i.deadline or date.max, i.pk))
    return {"by_org": by_org, "attention": attention[:20]}


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
    today = clock.today()
    s = Summary(org=org, by_status={label: 0 for label in Status.labels})
    labels = dict(Category.choices)
    for item in items_filtered(items_visible_to(user), org=org, year=year):
        s.total += 1
        s.by_status[item.get_status_display()] += 1
        n, c = s.by_category.get(labels[item.category], (0, 0))
        if item.is_closed:
            s.closed += 1
            # On time against the deadline in force (an approved extension moved it).
            if item.deadline is None or timezone.localdate(item.closed_at) <= item.deadline:
                s.closed_on_time += 1
            else:
                s.closed_late += 1
        else:
            s.open += 1
            s.overdue += int(item.overdue_on(today))
        s.by_category[labels[item.category]] = (n + 1, c + int(item.is_closed))
    return s
