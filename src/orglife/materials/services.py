"""Writes for materials: file a material, check it, dismiss a finding."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.dispatch import Signal

from orglife.core.errors import Conflict, Forbidden, Invalid
from orglife.documents.model import Material
from orglife.errors import InputError
from orglife.materials.models import FindingDismissal, InspectionMaterial
from orglife.materials.selectors import can_dismiss, orgs_for_upload
from orglife.orgs.models import Organization, User
from orglife.review.engine import check_material
from orglife.review.finding import Finding

log = logging.getLogger(__name__)

# Sent inside material_create's transaction; the copy check fingerprints the material here.
material_filed = Signal()


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


@transaction.atomic
def material_create(
    *,
    actor: User,
    org: Organization,
    material: Material,
    source_name: str = "",
    source_lines: list[str] | None = None,
    kind: str | None = None,
    meeting: Any = None,  # a meetings.LifeMeeting (meetings imports materials, not back)
) -> InspectionMaterial:
    """File a parsed material under ``org`` (one the actor sits in or manages)."""
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
    if meeting is not None and meeting.org_id != org.pk:
        raise Invalid("所选组织生活会不属于该党组织")
    record = InspectionMaterial(
        org=org,
        meeting=meeting,
        author=actor if kind == InspectionMaterial.Kind.INDIVIDUAL else None,
        kind=kind,
        year=meeting.year if meeting else material_year(material),
        title=material.title[:300],
        source_name=source_name[:255],
        structure=material.to_dict(layout=True),
        source_lines=source_lines or [],
        uploaded_by=actor,
    )
    record.full_clean()
    record.save()
    material_filed.send(sender=InspectionMaterial, material=record)
    log.info("material %s filed in org %s by %s", record.pk, org.pk, actor.username)
    return record


@dataclass
class CheckedMaterial:
    material: Material
    findings: list[Finding]
    dismissed: list[tuple[Finding, FindingDismissal]]


def material_check(record: InspectionMaterial) -> CheckedMaterial:
    """Findings on a filed material, with dismissed ones set apart."""
    material = record.material()
    profile = (
        record.meeting.theme_profile if record.meeting and record.meeting.theme_profile else None
    )
    findings = check_material(material, profile=profile, lines=record.source_lines or None)
    dismissals = {d.key: d for d in record.dismissals.select_related("dismissed_by")}
    active, dismissed = [], []
    for f in findings:
        d = dismissals.get(f.key())
        if d is None:
            active.append(f)
        else:
            dismissed.append((f, d))
    return CheckedMaterial(material=material, findings=active, dismissed=dismissed)


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
