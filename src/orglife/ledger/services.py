"""Writes to the ledger (STYLE.md): each one checks, locks, applies and records its history
row in one transaction, and refuses with a domain error whose status the API maps once.

Permission errors here are 403 for a person who may see the item; whether they may see it
at all (404) is settled before, by ``selectors.item_get``.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import PurePath
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction

from orglife.core import clock
from orglife.core.errors import Conflict, Forbidden, Invalid
from orglife.core.uploads import refuse_oversize
from orglife.ledger import guards
from orglife.ledger.evidence import check_evidence
from orglife.ledger.models import (
    DEFAULT_PROGRESS_INTERVAL_DAYS,
    Category,
    Evidence,
    ExtensionRequest,
    ItemEvent,
    Kind,
    ProgressEntry,
    RectificationItem,
    Source,
    Status,
)
from orglife.ledger.permissions import (
    Seat,
    item_seats,
    may_contribute,
    may_decide_extension,
    may_edit,
    may_make,
    may_register_in,
)
from orglife.ledger.selectors import person_for
from orglife.ledger.transitions import TRANSITIONS, refusal_reason
from orglife.orgs.models import Organization, User

log = logging.getLogger(__name__)

Action = ItemEvent.Action

# The fields a person edits; status, effect and verification move only by transitions.
EDITABLE_FIELDS = (
    "title",
    "description",
    "category",
    "source",
    "meeting_year",
    "root_cause",
    "measures",
    "acceptance_criteria",
    "kind",
    "owner",
    "leader",
    "deadline",
    "funds",
    "funds_source",
    "plan",
    "progress_interval_days",
)
ORIGIN_FIELDS = (
    "meeting",
    "source_material",
    "source_version",
    "source_section",
    "source_paragraph",
)


def _label(name: str) -> str:
    field = RectificationItem._meta.get_field(name)
    # Editable fields are the item's own columns, never a reverse relation.
    return str(field.verbose_name) if isinstance(field, models.Field) else name


FIELD_LABELS = {name: _label(name) for name in EDITABLE_FIELDS} | {
    "status": "状态",
    "effect": "整改实效",
    "verified_by": "验收人",
    "closed_at": "销号时间",
    "original_deadline": "原定时限",
}


# The funds column holds 14 digits with 2 decimals: 12 before the point.
MAX_FUNDS = Decimal(10) ** 12


class Upload(Protocol):
    """What an evidence upload needs: Django's UploadedFile and SimpleUploadedFile fit."""

    @property
    def name(self) -> str | None: ...
    @property
    def size(self) -> int | None: ...

    def read(self, *args: Any) -> bytes: ...


def _shown(value: Any) -> Any:
    """A value as the history keeps it: usernames, ISO dates, plain numbers and strings."""
    if isinstance(value, User):
        return value.username
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _record(
    item: RectificationItem,
    *,
    actor: User | None,
    action: str,
    changes: dict | None = None,
    note: str = "",
    from_status: str = "",
    to_status: str = "",
) -> ItemEvent:
    return ItemEvent.objects.create(
        item=item,
        actor=actor,
        action=action,
        changes=changes or {},
        note=note,
        from_status=from_status,
        to_status=to_status,
    )


def _lock(item: RectificationItem) -> RectificationItem:
    # Re-read under a row lock: the decision is made on the row as it is now. Only the
    # item's own row is locked (PostgreSQL refuses FOR UPDATE on the nullable side of the
    # outer joins to owner and leader).
    return (
        RectificationItem.objects.select_for_update(of=("self",))
        .select_related("org", "owner", "leader")
        .get(pk=item.pk)
    )


# -- validation ---------------------------------------------------------------------------


def _as_date(value: Any, label: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise Invalid(f"{label}应为 YYYY-MM-DD 格式的日期", log=f"bad date {value!r}") from None


def _as_decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise Invalid("整改资金应为金额数字（元）", log=f"bad funds {value!r}") from None
    if not amount.is_finite() or amount < 0:
        raise Invalid("整改资金应为不小于 0 的金额（元）", log=f"bad funds {value!r}")
    if amount >= MAX_FUNDS:
        raise Invalid("整改资金超出可记录的范围（小于一万亿元）", log=f"funds too large {value!r}")
    return amount.quantize(Decimal("0.01"))


def _as_int(value: Any, label: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Invalid(f"{label}应为整数", log=f"bad int {value!r}") from None
    if number < 1:
        raise Invalid(f"{label}应大于 0", log=f"bad int {value!r}")
    return number


def _clean(data: dict[str, Any], *, org: Organization) -> dict[str, Any]:
    """Coerce the editable fields present in ``data``; unknown choices are refused.

    ``owner`` and ``leader`` may be people or usernames of people seated in the branch
    or above it.
    """
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key not in EDITABLE_FIELDS:
            continue
        if key in ("category", "source", "kind"):
            choices = {"category": Category, "source": Source, "kind": Kind}[key]
            if value not in choices.values:
                raise Invalid(f"{FIELD_LABELS[key]}“{value}”不在可选范围内", log=f"bad {key}")
        if key == "deadline":
            value = _as_date(value, "完成时限")
        elif key == "funds":
            value = _as_decimal(value)
        elif key in ("meeting_year", "progress_interval_days"):
            value = _as_int(value, FIELD_LABELS[key])
        elif key in ("owner", "leader"):
            if isinstance(value, str) or value is None:
                value = person_for(org=org, username=value, label=FIELD_LABELS[key])
            elif not isinstance(value, User):
                raise Invalid(f"{FIELD_LABELS[key]}无效", log=f"bad {key} {value!r}")
            else:
                value = person_for(org=org, username=value.username, label=FIELD_LABELS[key])
        elif isinstance(value, str) or value is None:
            # Browsers send CRLF from a textarea: normalise so a resave is not a change.
            value = (value or "").replace("\r\n", "\n").strip()
        out[key] = value
    if "title" in out and not out["title"]:
        raise Invalid("请填写问题（标题）", log="empty title")
    return out


def _check_invariants(item: RectificationItem) -> None:
    # Said in Chinese before the database constraints would say it in English.
    if item.kind == Kind.LONG_TERM:
        if item.deadline is not None:
            raise Invalid("长期坚持事项不设完成时限，请改为定期报送进展", log="long_term deadline")
        if not item.progress_interval_days:
            item.progress_interval_days = DEFAULT_PROGRESS_INTERVAL_DAYS
    elif item.deadline is None:
        raise Invalid("立行立改和限期整改事项须填写完成时限", log="missing deadline")
    try:
        item.full_clean(exclude=["org", "owner", "leader", "verified_by", "created_by"])
    except ValidationError as exc:
        messages = [
            f"{FIELD_LABELS.get(k, k)}：{'；'.join(v)}" for k, v in exc.message_dict.items()
        ]
        raise Invalid("；".join(messages), log=str(exc)) from None


# -- create and edit ----------------------------------------------------------------------


@transaction.atomic
def item_create(
    *,
    org: Organization,
    actor: User,
    data: dict[str, Any],
    origin: dict[str, Any] | None = None,
) -> RectificationItem:
    """Register an item for a branch (登记); fills the default deadline when none is given.

    ``origin`` (set by code, never by a form) links the item to its meeting and the
    paragraph it came from: ``meeting``, ``source_material``, ``source_version``,
    ``source_section``, ``source_paragraph``.
    """
    if not org.is_branch:
        raise Invalid("整改事项须登记在党支部下", log=f"org {org.pk} is {org.kind}")
    if not may_register_in(actor, org):
        raise Forbidden("只有支部书记、支委或上级审核人可以登记整改事项", log=f"{actor} create")
    values = _clean(data, org=org)
    if not values.get("title"):
        raise Invalid("请填写问题（标题）", log="empty title")
    kind = values.get("kind", Kind.DEADLINE)
    if kind != Kind.LONG_TERM and values.get("deadline") is None:
        values["deadline"] = clock.today() + timedelta(days=settings.ORGLIFE_DEFAULT_DEADLINE_DAYS)
    links = {k: v for k, v in (origin or {}).items() if k in ORIGIN_FIELDS}
    item = RectificationItem(org=org, created_by=actor, **values, **links)
    _check_invariants(item)
    item.save()
    _record(
        item,
        actor=actor,
        action=Action.CREATE,
        changes={k: [None, _shown(v)] for k, v in values.items() if v not in (None, "")},
        to_status=item.status,
    )
    return item


@transaction.atomic
def item_link_origin(
    *, item: RectificationItem, actor: User, origin: dict[str, Any]
) -> RectificationItem:
    """Link an item registered before links existed to its meeting and source paragraph."""
    current = _lock(item)
    links = {k: v for k, v in origin.items() if k in ORIGIN_FIELDS}
    changes = {
        k: [_shown(getattr(current, k)), v.pk if hasattr(v, "pk") else v] for k, v in links.items()
    }
    for key, value in links.items():
        setattr(current, key, value)
    current.save(update_fields=[*links, "updated_at"])
    _record(current, actor=actor, action=Action.UPDATE, changes=changes, note="关联来源材料段落")
    return current


def item_check_editable(*, item: RectificationItem, actor: User) -> None:
    """Forbidden (403) for a person who may not edit, Conflict (409) for a closed item."""
    if not may_edit(item_seats(actor, item)):
        raise Forbidden("只有支部书记、支委或上级审核人可以修改整改事项", log=f"{actor} edit")
    if item.is_closed:
        raise Conflict(
            "事项已销号，不能修改；如需继续整改，请由书记或上级审核人重新打开",
            log=f"edit of closed item {item.pk}",
        )


def item_update(
    *,
    item: RectificationItem,
    actor: User,
    data: dict[str, Any],
    version: int | None,
    note: str = "",
) -> RectificationItem:
    """Edit fields with compare-and-swap on ``version``; records each change old → new."""
    with transaction.atomic():
        current = _lock(item)
        item_check_editable(item=current, actor=actor)
        if version is None:
            raise Invalid("请提供版本号 version，以免覆盖他人的修改", log="edit without version")
        if version != current.version:
            raise Conflict(
                f"事项已被他人修改（当前版本 {current.version}），请刷新后再修改",
                log=f"stale version {version} != {current.version}",
                extra={"version": current.version},
            )
        values = _clean(data, org=current.org)
        if values.get("kind") == Kind.LONG_TERM and "deadline" not in values:
            values["deadline"] = None
        changes: dict[str, list[Any]] = {}
        for key, new in values.items():
            old = getattr(current, key)
            if old != new:
                changes[key] = [_shown(old), _shown(new)]
                setattr(current, key, new)
        if not changes:
            return current
        # Who did the work is a fact fixed at submit: the verifier must not be able to
        # step out of the owner's seat (or into the leader's) between submit and verify.
        if current.status == Status.SUBMITTED and changes.keys() & {"owner", "leader"}:
            raise Conflict(
                "事项待验收期间不能更换责任人或责任领导；如需更换，请先退回整改",
                log=f"owner/leader edit of submitted item {current.pk}",
            )
        # A set deadline moves only through an approved extension (docs/domain.md), whatever
        # the kind becomes; before the work starts it is still being set. A 长期坚持 item
        # that becomes a deadline kind gets its first deadline (nothing is moved).
        if "deadline" in changes and current.status != Status.OPEN:
            first_deadline = changes["deadline"][0] is None and "kind" in changes
            if not first_deadline:
                raise Conflict(
                    "整改开始后，完成时限只能通过延期申请变更（改为长期坚持也会取消时限）",
                    log=f"deadline edit {current.pk}: {changes.get('kind')} {changes['deadline']}",
                )
        if current.kind == Kind.LONG_TERM and "kind" in changes:
            _close_pending_extension(
                current, actor=actor, reason="事项已改为长期坚持，不再设完成时限，延期申请自动关闭"
            )
        _check_invariants(current)
        current.version += 1
        current.save()
        _record(current, actor=actor, action=Action.UPDATE, changes=changes, note=note.strip())
    return current


# -- the closed loop ----------------------------------------------------------------------


def item_transition(
    *, item: RectificationItem, actor: User, action: str, note: str = ""
) -> RectificationItem:
    """Apply one move of the transition table (transitions.py) and record it."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise Invalid(
            f"未知操作“{action}”，可用：{', '.join(TRANSITIONS)}", log=f"bad action {action!r}"
        )
    note = (note or "").strip()
    with transaction.atomic():
        current = _lock(item)
        if current.status != transition.source:
            raise Conflict(
                refusal_reason(transition, current.status),
                log=f"{action} refused from {current.status} (item {current.pk})",
            )
        seats = item_seats(actor, current)
        if not may_make(transition, seats):
            if Seat.OWNER in seats and seats & transition.allowed:
                message = f"整改责任人不能对自己负责的事项“{transition.label}”，须由他人办理"
            elif Seat.ROUND_DOER in seats and seats & transition.allowed:
                message = (
                    f"您在本轮整改中担任过该事项的责任人或责任领导，不能“{transition.label}”，"
                    "须由他人办理"
                )
            else:
                message = f"您无权对此事项进行“{transition.label}”操作"
            raise Forbidden(message, log=f"{actor} may not {action} item {current.pk}")
        if transition.needs_note and not note:
            raise Invalid(f"请填写{transition.note_label}", log=f"{action} without note")
        if transition.needs_evidence and not current.evidence.exists():
            if current.evidence_required:
                raise Conflict(
                    f"“{current.get_category_display()}”类事项提交验收前须至少上传一份佐证材料",
                    log="submit without evidence",
                )
            if not note:
                raise Conflict(
                    "请写明整改落实情况（文字说明即可），或上传佐证材料",
                    log="submit without evidence or account",
                )
        guards.check(current, action)
        changes: dict[str, list[Any]] = {"status": [current.status, transition.target]}
        if action == "verify":
            now = clock.now()
            changes |= {
                "effect": [current.effect, note],
                "verified_by": [_shown(current.verified_by), actor.username],
                "closed_at": [None, now.isoformat()],
            }
            current.effect, current.verified_by, current.closed_at = note, actor, now
        elif action == "reopen":
            # The closure (and its 整改实效, "同意销号") stays in the history; the item shows
            # its current state and needs a fresh verification.
            changes |= {
                "effect": [current.effect, ""],
                "verified_by": [_shown(current.verified_by), None],
                "closed_at": [current.closed_at and current.closed_at.isoformat(), None],
            }
            current.verified_by, current.closed_at, current.effect = None, None, ""
        from_status = current.status
        current.status = transition.target
        current.version += 1
        current.save()
        _record(
            current,
            actor=actor,
            action=action,
            changes=changes,
            note=note,
            from_status=from_status,
            to_status=current.status,
        )
        if current.is_closed:
            _close_pending_extension(
                current, actor=actor, reason="事项已验收销号，延期申请自动关闭"
            )
    return current


# -- evidence, progress, extensions -------------------------------------------------------


def _contributor(actor: User, item: RectificationItem, what: str) -> None:
    if not may_contribute(item_seats(actor, item)):
        raise Forbidden(
            f"只有责任人、责任领导、支委或书记可以{what}", log=f"{actor} may not {what}"
        )


def item_evidence_add(
    *, item: RectificationItem, actor: User, upload: Upload, note: str = ""
) -> Evidence:
    """Attach a file (picture, PDF, Word, Excel) checked by content and size."""
    _contributor(actor, item, "上传佐证材料")
    if item.is_closed:
        raise Conflict("事项已销号，不能再上传佐证材料", log=f"evidence on closed {item.pk}")
    refuse_oversize(upload.size)
    # The declared size can lie: read one byte past the limit to be sure.
    data = upload.read(settings.ORGLIFE_UPLOAD_MAX_BYTES + 1)
    refuse_oversize(len(data))
    if not data:
        raise Invalid("文件为空", log="empty upload")
    original = PurePath((upload.name or "file").replace("\\", "/")).name[:255]
    ftype = check_evidence(data=data, filename=original)
    stored: str | None = None
    try:
        with transaction.atomic():
            current = _lock(item)
            if current.is_closed:
                raise Conflict(
                    "事项已销号，不能再上传佐证材料", log=f"evidence on closed {item.pk}"
                )
            evidence = Evidence(
                item=current,
                original_name=original,
                content_type=ftype.content_type,
                size=len(data),
                note=(note or "").strip()[:500],
                uploaded_by=actor,
            )
            evidence.file.save(original, ContentFile(data), save=False)
            stored = evidence.file.name
            evidence.save()
            _record(
                current,
                actor=actor,
                action=Action.EVIDENCE,
                changes={"evidence": [None, original]},
                note=evidence.note,
            )
    except BaseException:
        # The rows rolled back: the file written for them must not stay behind on disk.
        if stored:
            Evidence.file.field.storage.delete(stored)
        raise
    return evidence


def item_progress_add(
    *, item: RectificationItem, actor: User, text: str, on: date | str | None = None
) -> ProgressEntry:
    """A progress entry (进展报送); what keeps a 长期坚持 item from being overdue."""
    _contributor(actor, item, "报送整改进展")
    text = (text or "").strip()
    if not text:
        raise Invalid("请填写进展情况", log="empty progress")
    today = clock.today()
    on = _as_date(on, "报送日期") or today
    if on > today:
        raise Invalid("报送日期不能晚于今天", log=f"progress in the future {on}")
    with transaction.atomic():
        current = _lock(item)
        if current.is_closed:
            raise Conflict("事项已销号，不能再报送进展", log=f"progress on closed {item.pk}")
        entry = ProgressEntry.objects.create(item=current, on=on, text=text, author=actor)
        _record(
            current,
            actor=actor,
            action=Action.PROGRESS,
            changes={"progress": [None, on.isoformat()]},
            note=text,
        )
    return entry


def item_extension_request(
    *, item: RectificationItem, actor: User, new_deadline: date | str | None, reason: str
) -> ExtensionRequest:
    """Ask to move the deadline; nothing changes until a secretary or reviewer approves."""
    _contributor(actor, item, "申请延期")
    new = _as_date(new_deadline, "申请延至")
    reason = (reason or "").strip()
    if new is None:
        raise Invalid("请填写申请延至的日期", log="extension without date")
    if not reason:
        raise Invalid("请填写延期理由", log="extension without reason")
    with transaction.atomic():
        current = _lock(item)
        if current.is_closed:
            raise Conflict("事项已销号，无需延期", log=f"extension on closed {item.pk}")
        if current.is_long_term:
            raise Invalid("长期坚持事项没有完成时限，无需延期", log="extension on long_term")
        old = current.deadline
        if old is not None and new <= old:
            raise Invalid(f"申请延至的日期须晚于现在的时限 {old:%Y-%m-%d}", log="early date")
        if current.extension_requests.filter(status=ExtensionRequest.State.PENDING).exists():
            raise Conflict("已有待审批的延期申请", log=f"second pending extension {item.pk}")
        request = ExtensionRequest.objects.create(
            item=current, new_deadline=new, reason=reason, requested_by=actor
        )
        _record(
            current,
            actor=actor,
            action=Action.EXTENSION_REQUEST,
            changes={"deadline": [old.isoformat() if old else None, new.isoformat()]},
            note=reason,
        )
    return request


def _close_pending_extension(item: RectificationItem, *, actor: User, reason: str) -> None:
    """Close a pending extension request that no longer has a deadline to move.

    Called inside the caller's transaction, with the item locked; recorded like a refusal.
    """
    pending = (
        ExtensionRequest.objects.select_for_update()
        .filter(item=item, status=ExtensionRequest.State.PENDING)
        .first()
    )
    if pending is None:
        return
    pending.status = ExtensionRequest.State.REFUSED
    pending.decided_by, pending.decided_at, pending.decision_note = actor, clock.now(), reason
    pending.save()
    _record(item, actor=actor, action=Action.EXTENSION_REFUSE, note=reason)


def item_extension_decide(
    *, request: ExtensionRequest, actor: User, approve: bool, note: str = ""
) -> ExtensionRequest:
    """Approve (the deadline moves, the original is kept) or refuse an extension request."""
    note = (note or "").strip()
    with transaction.atomic():
        current = _lock(request.item)
        request = ExtensionRequest.objects.select_for_update().get(pk=request.pk)
        if not may_decide_extension(item_seats(actor, current)):
            raise Forbidden("只有支部书记或上级审核人可以审批延期申请", log=f"{actor} decide")
        if request.requested_by_id == actor.pk and not actor.is_superuser:
            raise Forbidden("不能审批自己提出的延期申请", log=f"{actor} decides own request")
        if request.status != ExtensionRequest.State.PENDING:
            raise Conflict("该延期申请已审批", log=f"extension {request.pk} decided")
        if current.is_closed:
            raise Conflict("事项已销号，不能再延期", log=f"extension decide on closed {current.pk}")
        if approve and current.is_long_term:
            raise Conflict(
                "长期坚持事项没有完成时限，不能批准延期", log=f"extension on long_term {current.pk}"
            )
        if not approve and not note:
            raise Invalid("不予延期时请填写理由", log="refusal without note")
        request.status = (
            ExtensionRequest.State.APPROVED if approve else ExtensionRequest.State.REFUSED
        )
        request.decided_by, request.decided_at, request.decision_note = actor, clock.now(), note
        request.save()
        changes: dict[str, list[Any]] = {}
        if approve:
            changes["deadline"] = [_shown(current.deadline), request.new_deadline.isoformat()]
            if current.original_deadline is None:
                current.original_deadline = current.deadline
                changes["original_deadline"] = [None, _shown(current.deadline)]
            current.deadline = request.new_deadline
            current.version += 1
            current.save()
        _record(
            current,
            actor=actor,
            action=Action.EXTENSION_APPROVE if approve else Action.EXTENSION_REFUSE,
            changes=changes,
            note=note or request.reason,
        )
    return request
