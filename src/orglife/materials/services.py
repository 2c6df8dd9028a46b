"""Writes for materials: file a material, check it, dismiss a finding."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.dispatch import Signal

from orglife.core import clock
from orglife.core.errors import Conflict, Forbidden, Invalid
from orglife.documents.model import Material
from orglife.errors import InputError
from orglife.materials.models import (
    FindingDismissal,
    InspectionMaterial,
    MaterialEvent,
    MaterialVersion,
)
from orglife.materials.permissions import is_branch_leader, material_seats, may_file_branch
from orglife.materials.selectors import can_dismiss, orgs_for_upload
from orglife.materials.workflow import flow_for
from orglife.orgs.models import Organization, User
from orglife.review.engine import check_material
from orglife.review.finding import Finding

log = logging.getLogger(__name__)

# Sent inside material_create's transaction; the copy check fingerprints the material here.
material_filed = Signal()
# Sent when a material's page is shown (kwargs: material, user); a receiver in a higher app
# (the copy check) answers an HTML fragment for that person, or "".
material_page_sections = Signal()


@dataclass
class ParsedUpload:
    material: Material
    lines: list[str]
    filename: str


def material_parse(*, data: bytes, filename: str) -> ParsedUpload:
    """Parse an upload; bad input becomes an Invalid with the parser's Chinese message."""
    from orglife.documents.parse import parse_bytes
    from orglife.review.engine import source_lines

    try:
        material = parse_bytes(data, filename)
        return ParsedUpload(material, source_lines(data, filename), filename)
    except InputError as exc:
        raise Invalid(exc.message, log=exc.english) from exc


def upload_check(upload: ParsedUpload, *, profile: str | None = None) -> list[Finding]:
    """Findings on an upload that is not filed (nothing stored)."""
    return check_material(upload.material, profile=profile, lines=upload.lines)


def material_year(material: Material) -> int:
    from orglife.review.engine import material_year as year_of

    return year_of(material)


def _profile_of(meeting: Any) -> str:
    return getattr(meeting, "theme_profile", "") or ""


def _run_check(material: Material, lines: list[str], profile: str) -> list[dict]:
    return [
        f.to_dict() for f in check_material(material, profile=profile or None, lines=lines or None)
    ]


def _add_version(
    *,
    record: InspectionMaterial,
    actor: User,
    number: int,
    material: Material,
    lines: list[str],
    source_name: str,
) -> MaterialVersion:
    """Store one version with its findings, run once now (never on every view)."""
    profile = _profile_of(record.meeting)
    return MaterialVersion.objects.create(
        material=record,
        number=number,
        title=material.title[:300],
        source_name=source_name[:255],
        structure=record.structure,
        source_lines=lines,
        findings=_run_check(material, lines, profile),
        profile=profile,
        checked_at=clock.now(),
        created_by=actor,
    )


def _refuse_branch_filer(actor: User, org: Organization, meeting: Any) -> None:
    if not may_file_branch(actor, org, meeting):
        raise Forbidden(
            "班子对照检查材料只能由支部书记或书记指定的支委委员提交",
            log=f"user {actor.pk} may not file the branch material of org {org.pk}",
        )


@transaction.atomic
def material_create(
    *,
    actor: User,
    org: Organization,
    material: Material,
    source_name: str = "",
    source_lines: list[str] | None = None,
    kind: str | None = None,
    meeting: Any = None,  # meetings.LifeMeeting (meetings sits above: never imported)
    author: User | None = None,
) -> InspectionMaterial:
    """File a parsed material under ``org`` (one the actor sits in or manages) as version 1."""
    if not orgs_for_upload(actor).filter(pk=org.pk).exists():
        raise Forbidden(
            "您不能向该党组织提交材料", log=f"user {actor.pk} may not file in org {org.pk}"
        )
    if kind is None:
        kind = (
            InspectionMaterial.Kind.BRANCH
            if material.kind == "branch"
            else InspectionMaterial.Kind.INDIVIDUAL
        )
    if kind not in InspectionMaterial.Kind.values:
        raise Invalid("材料类型不正确")
    # The meeting (meetings.LifeMeeting) is read through its fields only: meetings sits above.
    if meeting is not None and meeting.org_id != org.pk:  # type: ignore[attr-defined]
        raise Invalid("所选组织生活会不属于该党组织")
    if kind == InspectionMaterial.Kind.BRANCH:
        _refuse_branch_filer(actor, org, meeting)
    record = InspectionMaterial(
        org=org,
        meeting=meeting,
        author=(author or actor) if kind == InspectionMaterial.Kind.INDIVIDUAL else None,
        kind=kind,
        year=meeting.year if meeting else material_year(material),  # type: ignore[attr-defined]
        title=material.title[:300],
        source_name=source_name[:255],
        structure=material.to_dict(layout=True),
        source_lines=source_lines or [],
        uploaded_by=actor,
    )
    record.full_clean()
    record.save()
    _add_version(
        record=record,
        actor=actor,
        number=1,
        material=material,
        lines=record.source_lines,
        source_name=source_name,
    )
    MaterialEvent.objects.create(
        material=record, action="upload", status=record.status, version=1, actor=actor
    )
    material_filed.send(sender=InspectionMaterial, material=record)
    log.info("material %s filed in org %s by %s", record.pk, org.pk, actor.username)
    return record


@transaction.atomic
def material_file_version(
    *,
    actor: User,
    meeting: Any,  # meetings.LifeMeeting
    kind: str,
    author: User | None,
    upload: ParsedUpload,
    pasted: bool = False,
) -> InspectionMaterial:
    """File an upload for a meeting: the first of its author and kind, or its next version.

    A member files their own individual material (the secretary may file it for them); the
    branch material is filed by the secretary or the named drafter. A submitted or approved
    material takes no new version until it is returned.
    """
    org = meeting.org  # type: ignore[attr-defined]
    if kind not in InspectionMaterial.Kind.values:
        raise Invalid("材料类型不正确（branch 或 individual）")
    if kind == InspectionMaterial.Kind.BRANCH:
        _refuse_branch_filer(actor, org, meeting)
        author = None
        existing = InspectionMaterial.objects.filter(meeting=meeting, kind=kind)
    else:
        author = author or actor
        if author.pk != actor.pk and not is_branch_leader(actor, org):
            raise Forbidden("只能提交自己的个人对照检查材料")
        existing = InspectionMaterial.objects.filter(meeting=meeting, kind=kind, author=author)
    source_name = "" if pasted else upload.filename
    record = existing.select_for_update().order_by("pk").first()
    if record is None:
        return material_create(
            actor=actor,
            org=org,
            material=upload.material,
            source_name=source_name,
            source_lines=upload.lines,
            kind=kind,
            meeting=meeting,
            author=author,
        )
    if record.status in {InspectionMaterial.Status.SUBMITTED, InspectionMaterial.Status.APPROVED}:
        raise Conflict(
            f"材料{record.get_status_display()}，退回修改后才能上传新版本",
            log=f"material {record.pk}: new version while {record.status}",
        )
    record.version += 1
    record.title = upload.material.title[:300]
    record.source_name = source_name[:255]
    record.structure = upload.material.to_dict(layout=True)
    record.source_lines = upload.lines
    record.uploaded_by = actor
    record.status = InspectionMaterial.Status.DRAFT
    record.save()
    _add_version(
        record=record,
        actor=actor,
        number=record.version,
        material=upload.material,
        lines=upload.lines,
        source_name=source_name,
    )
    MaterialEvent.objects.create(
        material=record,
        action="upload",
        status=record.status,
        version=record.version,
        actor=actor,
    )
    # The copy check replaces the material's fingerprints: only the latest version is compared.
    material_filed.send(sender=InspectionMaterial, material=record)
    return record


@transaction.atomic
def material_transition(
    *, record: InspectionMaterial, actor: User, action: str, note: str = ""
) -> InspectionMaterial:
    """Submit a material for review, or approve it, or return it with comments."""
    record = InspectionMaterial.objects.select_for_update().get(pk=record.pk)
    move = flow_for(record).check(
        action=action, status=record.status, seats=material_seats(actor, record), note=note
    )
    record.status = move.target
    record.save(update_fields=["status"])
    MaterialEvent.objects.create(
        material=record,
        action=move.action,
        status=record.status,
        version=record.version,
        note=note.strip(),
        actor=actor,
    )
    log.info("material %s: %s by %s", record.pk, action, actor.username)
    return record


def latest_version(record: InspectionMaterial) -> MaterialVersion | None:
    return record.versions.order_by("-number").first()


@transaction.atomic
def material_recheck(*, record: InspectionMaterial, actor: User) -> MaterialVersion:
    """Run the review again on the latest version (after the rules changed) and store it."""
    if not can_dismiss(actor, record):
        raise Forbidden("您不能重新审核这份材料")
    version = latest_version(record)
    if version is None:
        raise Invalid("这份材料还没有版本")
    version = MaterialVersion.objects.select_for_update().get(pk=version.pk)
    profile = _profile_of(record.meeting)
    version.findings = _run_check(version.parsed(), version.source_lines, profile)
    version.profile = profile
    version.checked_at = clock.now()
    version.save(update_fields=["findings", "profile", "checked_at"])
    return version


@dataclass
class CheckedMaterial:
    material: Material
    findings: list[Finding]
    dismissed: list[tuple[Finding, FindingDismissal]]


def _carry_key(key: str) -> str:
    # rule:paragraph:digest → rule:digest. The digest covers the finding's message and text,
    # so a dismissal carries over to a new version while that text is unchanged, wherever
    # the paragraph moved.
    rule, _, rest = key.partition(":")
    return f"{rule}:{rest.partition(':')[2]}"


def material_check(record: InspectionMaterial) -> CheckedMaterial:
    """The stored findings of the material's latest version, dismissed ones set apart.

    Findings are never re-run here: they were stored when the version was filed.
    """
    material = record.material()
    version = latest_version(record)
    if version is None:  # filed outside the services (tests, old data): check once and keep
        version = _add_version(
            record=record,
            actor=record.uploaded_by,
            number=record.version,
            material=material,
            lines=record.source_lines,
            source_name=record.source_name,
        )
    findings = [Finding(**d) for d in version.findings]
    dismissals = list(record.dismissals.select_related("dismissed_by"))
    by_key = {d.key: d for d in dismissals}
    by_carry = {_carry_key(d.key): d for d in dismissals}
    active, dismissed = [], []
    for f in findings:
        d = by_key.get(f.key()) or by_carry.get(_carry_key(f.key()))
        if d is None:
            active.append(f)
        else:
            dismissed.append((f, d))
    return CheckedMaterial(material=material, findings=active, dismissed=dismissed)


@dataclass
class VersionDiff:
    old: MaterialVersion
    new: MaterialVersion
    rows: list[dict]


def material_diff(*, record: InspectionMaterial, old: int, new: int) -> VersionDiff:
    """Line-by-line differences of two versions (difflib), for the side-by-side page."""
    import difflib

    from orglife.documents.render import render_text

    versions = {v.number: v for v in record.versions.filter(number__in=[old, new])}
    if old not in versions or new not in versions:
        raise Invalid(f"版本不存在：这份材料共有 {record.version} 个版本")
    a = render_text(versions[old].parsed()).splitlines()
    b = render_text(versions[new].parsed()).splitlines()
    rows: list[dict[str, str | None]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            rows += [{"op": op, "a": a[i1 + k], "b": b[j1 + k]} for k in range(i2 - i1)]
            continue
        left, right = a[i1:i2], b[j1:j2]
        for k in range(max(len(left), len(right))):
            rows.append(
                {
                    "op": op,
                    "a": left[k] if k < len(left) else None,
                    "b": right[k] if k < len(right) else None,
                }
            )
    return VersionDiff(old=versions[old], new=versions[new], rows=rows)


def finding_dismiss(
    *, record: InspectionMaterial, actor: User, key: str, reason: str
) -> FindingDismissal:
    """Dismiss one finding of a material, with a reason; it stays dismissed on re-checks."""
    if not can_dismiss(actor, record):
        raise Forbidden("您不能处理这份材料的审核意见")
    reason = reason.strip()
    if not reason:
        raise Invalid("请填写忽略的理由")
    finding = next((f for f in material_check(record).findings if f.key() == key), None)
    if finding is None:
        raise Invalid("这条审核意见已不存在或已被忽略")
    try:
        with transaction.atomic():
            return FindingDismissal.objects.create(
                material=record,
                key=key,
                rule=finding.rule,
                excerpt=finding.excerpt[:300],
                reason=reason[:500],
                dismissed_by=actor,
            )
    except IntegrityError as exc:
        raise Conflict("这条审核意见已被忽略") from exc
