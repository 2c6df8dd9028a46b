from __future__ import annotations

import logging

from django.http import HttpRequest
from ninja import File, Router, Schema
from ninja.files import UploadedFile

from orglife.core.uploads import refuse_oversize
from orglife.materials import services

router = Router(tags=["review"])
log = logging.getLogger(__name__)


class FindingOut(Schema):
    file: str | None
    rule: str
    severity: str
    message: str
    suggestion: str
    section: str | None
    paragraph: int
    start: int
    end: int
    excerpt: str


class CheckOut(Schema):
    findings: list[FindingOut]


@router.post("/check", response=CheckOut)
def review_check(request: HttpRequest, file: File[UploadedFile]):
    """Review findings for an uploaded material (.docx or .txt); nothing is stored."""
    refuse_oversize(file.size)
    upload = services.material_parse(data=file.read(), filename=file.name or "upload")
    findings = services.upload_check(upload)
    for f in findings:
        f.file = file.name
    return {"findings": [f.to_dict() for f in findings]}
