"""Writes of the safety records (STYLE.md): keyword-only, atomic, locked, with a history row.

A hazard is created through the ledger's ``item_create`` (so the ledger's rules, history
and permissions apply) and gets its ``HazardDetail`` in the same transaction. Photos are
the ledger's evidence. The 治理方案 gate is ``hazard_start_guard``, registered with the
ledger's guards in ``apps.SafetyConfig.ready``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from orglife.core import clock
from orglife.core.errors import Conflict, Forbidden, Invalid
from orglife.ledger import selectors as ledger_selectors
from orglife.ledger import services as ledger_services
from orglife.ledger.models import ItemEvent, RectificationItem, Source
from orglife.orgs.models import Organization, User
from orglife.safety import permissions, scoring
from orglife.safety.models import (
    AREA_LABELS,
    AREA_VALUES,
    PLAN_KEYS,
    PLAN_PARTS,
    Finding,
    Grade,
    HazardDetail,
    Inspection,
    Method,
    Report,
    RiskAssessment,
    RiskPoint,
    rate,
)

RISK_FIELDS = ("place", "area", "hazard", "measures", "owner", "next_review")
INPUT_FIELDS = ("method", "l", "e", "c", "s")
RISK_LABELS = {
    "place": "场所/部位",
    "area": "领域",
    "hazard": "危险有害因素",
    "measures": "管控措施",
    "owner": "责任人",
    "next_review": "下次评估日期",
    "method": "评价方法",
}


def _shown(value: Any) -> Any:
    if isinstance(value, User):
        return value.username
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return value


def _text(value: Any) -> str:
    return (value or "").replace("\r\n", "\n").strip() if isinstance(value, str | None) else ""


def _area(value: Any) -> str:
    if value not in AREA_VALUES:
        raise Invalid(f"领域“{value}”不在可选范围内", log=f"bad area {value!r}")
    return str(value)


def _editor(actor: User, org: Organization, what: str) -> None:
    if not permissions.may_register_in(actor, org):
        raise Forbidden(f"只有支部书记、支委或上级审核人可以{what}", log=f"{actor} may not {what}")


def _assessment(data: dict[str, Any]) -> dict[str, Any]:
    """Method and inputs, checked against their value sets (422 with the allowed values)."""
    method = data.get("method") or Method.LEC
    if method not in Method.values:
        raise Invalid(f"评价方法“{method}”应为 lec 或 ls", log=f"bad method {method!r}")
    try:
        rate(method, data.get("l"), data.get("e"), data.get("c"), data.get("s"))  # checks the sets
    except scoring.ScoringError as exc:
        raise Invalid(exc.message, log=f"bad assessment {data!r}") from None
    level = Decimal(str(data["l"]))
    if method == Method.LS:
        return {
            "method": method,
            "l": level,
            "e": None,
            "c": None,
            "s": int(Decimal(str(data["s"]))),
        }
    return {
        "method": method,
        "l": level,
        "e": Decimal(str(data["e"])),
        "c": Decimal(str(data["c"])),
        "s": None,
    }


def _risk_values(data: dict[str, Any], *, org: Organization) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in RISK_FIELDS:
        if key not in data:
            continue
        value = data[key]
        if key == "area":
            value = _area(value)
        elif key == "owner":
            username = value.username if isinstance(value, User) else value
            value = ledger_selectors.person_for(org=org, username=username, label="责任人")
        elif key == "next_review":
            value = ledger_services._as_date(value, "下次评估日期")
        else:
            value = _text(value)
        out[key] = value
    for key, label in (("place", "场所/部位"), ("hazard", "危险有害因素")):
        if key in out and not out[key]:
            raise Invalid(f"请填写{label}", log=f"empty {key}")
    return out


@transaction.atomic
def risk_create(*, org: Organization, actor: User, data: dict[str, Any]) -> RiskPoint:
    """Register a risk point with its first assessment (kept as the first history row)."""
    if not org.is_branch:
        raise Invalid("风险点须登记在党支部（单位）下", log=f"org {org.pk} is {org.kind}")
    _editor(actor, org, "登记风险点")
    values = _risk_values(data, org=org)
    for key, label in (("place", "场所/部位"), ("area", "领域"), ("hazard", "危险有害因素")):
        if not values.get(key):
            raise Invalid(f"请填写{label}", log=f"missing {key}")
    inputs = _assessment(data)
    risk = RiskPoint.objects.create(org=org, **values, **inputs)
    RiskAssessment.objects.create(
        risk=risk,
        actor=actor,
        changes={k: [None, _shown(v)] for k, v in values.items() if v not in (None, "")},
        note=_text(data.get("note")),
        **inputs,
    )
    return risk


def risk_update(
    *, risk: RiskPoint, actor: User, data: dict[str, Any], version: int | None, note: str = ""
) -> RiskPoint:
    """Edit or re-assess; every change (and every re-assessment) writes a history row."""
    with transaction.atomic():
        current = RiskPoint.objects.select_for_update(of=("self",)).get(pk=risk.pk)
        _editor(actor, current.org, "修改风险点")
        if version is None or version != current.version:
            raise Conflict(
                f"风险点已被他人修改（当前版本 {current.version}），请刷新后再修改",
                log=f"stale risk version {version} != {current.version}",
                extra={"version": current.version},
            )
        values = _risk_values(data, org=current.org)
        changes = {}
        for key, new in values.items():
            old = getattr(current, key)
            if old != new:
                changes[key] = [_shown(old), _shown(new)]
                setattr(current, key, new)
        reassessed = any(data.get(k) is not None for k in INPUT_FIELDS)
        if reassessed:
            merged = {k: getattr(current, k) for k in INPUT_FIELDS} | {
                k: data[k] for k in INPUT_FIELDS if data.get(k) is not None
            }
            inputs = _assessment(merged)
            for key, new in inputs.items():
                old = getattr(current, key)
                if old != new:
                    changes[key] = [_shown(old), _shown(new)]
                    setattr(current, key, new)
        if not changes and not (reassessed and _text(note)):
            return current
        current.version += 1
        current.save()
        RiskAssessment.objects.create(
            risk=current,
            actor=actor,
            changes=changes,
            note=_text(note),
            **{k: getattr(current, k) for k in INPUT_FIELDS},
        )
    return current


# -- hazards -------------------------------------------------------------------------------

LEDGER_FIELDS = (
    "title",
    "description",
    "measures",
    "kind",
    "owner",
    "leader",
    "deadline",
    "funds",
    "funds_source",
    "plan",
)


@transaction.atomic
def hazard_create(
    *,
    org: Organization,
    actor: User,
    data: dict[str, Any],
    photo: ledger_services.Upload | None = None,
    inspection: Inspection | None = None,
) -> HazardDetail:
    """Register a hazard: a ledger item (source 隐患排查, category = area) and its detail.

    A photo goes in as the item's first evidence through the ledger's upload checks; if it
    is refused nothing is created.
    """
    area = _area(data.get("area") or "")
    grade = data.get("grade") or Grade.GENERAL
    if grade not in Grade.values:
        raise Invalid(f"隐患等级“{grade}”应为 general 或 major", log=f"bad grade {grade!r}")
    risk = None
    if data.get("risk") not in (None, ""):
        risk = RiskPoint.objects.filter(pk=_int(data["risk"]), org=org).first()
        if risk is None:
            raise Invalid("所选风险点不属于本单位", log=f"risk {data['risk']} not in {org.pk}")
    found_on = ledger_services._as_date(data.get("found_on"), "发现日期") or clock.today()
    if found_on > clock.today():
        raise Invalid("发现日期不能晚于今天", log=f"hazard found in the future {found_on}")
    ledger_data = {k: data[k] for k in LEDGER_FIELDS if k in data}
    ledger_data |= {"source": Source.HAZARD, "category": area}
    if not _text(ledger_data.get("title")):
        ledger_data["title"] = _text(data.get("description"))[:60]
    item = ledger_services.item_create(org=org, actor=actor, data=ledger_data)
    hazard = HazardDetail.objects.create(
        item=item,
        grade=grade,
        risk=risk,
        inspection=inspection,
        place=_text(data.get("place"))[:100],
        found_on=found_on,
        **{field: _text(data.get(field)) for field, _ in PLAN_PARTS},
    )
    if photo is not None:
        ledger_services.item_evidence_add(item=item, actor=actor, upload=photo, note="隐患照片")
    return hazard


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Invalid("编号应为整数", log=f"bad id {value!r}") from None


def hazard_plan_set(
    *, hazard: HazardDetail, actor: User, parts: dict[str, Any], version: int | None = None
) -> HazardDetail:
    """Write the 治理方案 (any of its six parts); recorded in the item's history."""
    with transaction.atomic():
        item = RectificationItem.objects.select_for_update(of=("self",)).get(pk=hazard.pk)
        current = HazardDetail.objects.select_for_update().get(pk=hazard.pk)
        if not permissions.may_plan(actor, item):
            raise Forbidden("只有责任人、责任领导、支委或书记可以填写治理方案", log=f"{actor} plan")
        if item.is_closed:
            raise Conflict("隐患已销号，治理方案不能再修改", log=f"plan on closed {item.pk}")
        if version is not None and version != item.version:
            raise Conflict(
                f"隐患已被他人修改（当前版本 {item.version}），请刷新后再修改",
                log=f"stale version {version} != {item.version}",
                extra={"version": item.version},
            )
        labels = dict(PLAN_PARTS)
        changes = {}
        for key, value in parts.items():
            field = PLAN_KEYS.get(key, key if key in labels else None)
            if field is None or value is None:
                continue
            new, old = _text(value), getattr(current, field)
            if new != old:
                changes[labels[field]] = [old, new]
                setattr(current, field, new)
        if changes:
            current.save()
            item.version += 1
            item.save(update_fields=["version", "updated_at"])
            ItemEvent.objects.create(
                item=item, actor=actor, action=ItemEvent.Action.UPDATE, changes=changes,
                note="治理方案",
            )  # fmt: skip
    return current


def hazard_start_guard(item: RectificationItem) -> None:
    """A 重大事故隐患 starts remediation only with all six parts of its 治理方案 (409)."""
    detail = HazardDetail.objects.filter(pk=item.pk).first()
    if detail is None or not detail.is_major:
        return
    missing = detail.plan_missing()
    if missing:
        raise Conflict(
            f"重大事故隐患须先制定完整的治理方案，尚缺：{'、'.join(missing)}",
            log=f"major hazard {item.pk} start without plan: {missing}",
        )


# -- inspections -----------------------------------------------------------------------------


@transaction.atomic
def inspection_create(*, org: Organization, actor: User, data: dict[str, Any]) -> Inspection:
    """Record an inspection: day, place, area, inspectors from the roster, checklist, findings."""
    if not org.is_branch:
        raise Invalid("排查须登记在党支部（单位）下", log=f"org {org.pk} is {org.kind}")
    _editor(actor, org, "登记隐患排查")
    held_on = ledger_services._as_date(data.get("held_on"), "排查日期")
    if held_on is None:
        raise Invalid("请填写排查日期", log="inspection without date")
    place = _text(data.get("place"))
    if not place:
        raise Invalid("请填写排查场所", log="inspection without place")
    area = _area(data.get("area") or "")
    names = [n for n in (data.get("inspectors") or []) if n]
    if not names:
        raise Invalid("请选择排查人员", log="inspection without inspectors")
    people = [ledger_selectors.person_for(org=org, username=n, label="排查人员") for n in names]
    inspectors = [p for p in people if p is not None]
    checklist = {str(k): bool(v) for k, v in (data.get("checklist") or {}).items()}
    inspection = Inspection.objects.create(
        org=org,
        held_on=held_on,
        place=place[:100],
        area=area,
        checklist=checklist,
        notes=_text(data.get("notes")),
        created_by=actor,
    )
    inspection.inspectors.set(inspectors)
    for text in data.get("findings") or []:
        if _text(text):
            Finding.objects.create(inspection=inspection, text=_text(text))
    return inspection


def finding_to_hazard(
    *, finding: Finding, actor: User, data: dict[str, Any] | None = None
) -> HazardDetail:
    """A finding becomes a hazard in one step: place, day, area and text come from the record."""
    with transaction.atomic():
        current = (
            Finding.objects.select_for_update().select_related("inspection").get(pk=finding.pk)
        )
        if current.hazard_id is not None:
            raise Conflict("该问题已登记为隐患", log=f"finding {finding.pk} already a hazard")
        inspection = current.inspection
        names = ", ".join(
            u.display_name for u in inspection.inspectors.order_by("username")
        )  # 减负: who checked is already recorded
        values = {
            "area": inspection.area,
            "place": inspection.place,
            "found_on": inspection.held_on,
            "description": f"{current.text}\n（{inspection.held_on:%Y-%m-%d} 排查，排查人员：{names}）",
            "title": current.text[:60],
        } | (data or {})
        hazard = hazard_create(org=inspection.org, actor=actor, data=values, inspection=inspection)
        current.hazard = hazard.item
        current.save(update_fields=["hazard"])
    return hazard


# -- reports -------------------------------------------------------------------------------


@transaction.atomic
def report_submit(*, org: Organization, actor: User, year: int, quarter: int | None) -> Report:
    """Record that the quarterly (or yearly) statistics were sent up today."""
    _editor(actor, org, "报送隐患统计")
    from orglife.safety.selectors import period

    period(year, quarter)
    report, created = Report.objects.get_or_create(
        org=org,
        year=year,
        quarter=quarter or 0,
        defaults={"submitted_on": clock.today(), "submitted_by": actor},
    )
    if not created:
        raise Conflict("该期统计已报送", log=f"report {org.pk} {year} {quarter} again")
    return report


def area_label(area: str) -> str:
    return AREA_LABELS.get(area, area)


# -- the typical case of a material -----------------------------------------------------------


def case_measures_apply(
    *,
    record: Any,
    actor: User,
    indices: list[int],
    target: str,
    risk: RiskPoint | None = None,
    owner: str | None = None,
) -> list[HazardDetail] | RiskPoint:
    """Turn the typical case's measures into hazards, or into a risk point's measures.

    ``record`` is a stored material (its ``material()`` gives the parsed text). A measure
    already turned into a hazard of the branch (same title) is not registered twice.
    """
    from orglife.safety.cases import case_measures

    org = record.org
    if not org.is_branch:
        raise Invalid("只有党支部的材料可以登记安全生产记录", log=f"org {org.pk} not a branch")
    _editor(actor, org, "登记安全生产记录")
    measures = {m.index: m for m in case_measures(record.material())}
    if not measures:
        raise Invalid("该材料的典型案例剖析中没有找到整改措施", log=f"no case measures {record.pk}")
    chosen = [measures.get(_int(i)) for i in indices] if indices else list(measures.values())
    if not chosen or None in chosen:
        raise Invalid(f"措施编号应为 1～{len(measures)}", log=f"bad indices {indices!r}")
    if target == "risk":
        if risk is None or risk.org_id != org.pk:
            raise Invalid("请选择本支部的风险点", log="case measures without a risk point")
        current = RiskPoint.objects.get(pk=risk.pk)
        added = [m.text for m in chosen if m and m.text not in current.measures]
        if not added:
            return current
        text = "\n".join([current.measures, *added]).strip()
        return risk_update(
            risk=current,
            actor=actor,
            data={"measures": text},
            version=current.version,
            note=f"据{record}典型案例剖析补充管控措施",
        )
    if target != "hazards":
        raise Invalid("target 应为 hazards 或 risk", log=f"bad target {target!r}")
    made = []
    with transaction.atomic():
        for m in chosen:
            assert m is not None
            existing = HazardDetail.objects.filter(
                item__org=org, item__source=Source.HAZARD, item__title=m.head
            ).first()
            if existing is not None:
                made.append(existing)
                continue
            data = {
                "title": m.head,
                "description": f"来自对照检查材料“{record}”的典型案例剖析。",
                "measures": m.text,
                "area": m.area,
                "grade": Grade.GENERAL,
                "owner": owner,
            }
            made.append(hazard_create(org=org, actor=actor, data=data))
    return made
