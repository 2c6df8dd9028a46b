from __future__ import annotations

import base64
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from orglife.core import audit
from orglife.core.errors import ApplicationError, Forbidden, Invalid, NotFound, TooLarge
from orglife.core.inputs import MAX_ID, query_int_or
from orglife.core.pages import flash_back, on_refusal
from orglife.core.paging import paginate
from orglife.core.uploads import refuse_oversize
from orglife.documents.model import Material
from orglife.ledger.permissions import may_register_in
from orglife.materials import selectors, services
from orglife.materials.models import InspectionMaterial
from orglife.materials.permissions import material_seats
from orglife.materials.presenters import group_by_severity, mark_blocks
from orglife.materials.workflow import flow_for
from orglife.orgs.http import AuthedRequest
from orglife.orgs.selectors import orgs_visible_to
from orglife.review.engine import list_profiles

log = logging.getLogger(__name__)
MAX_PASTE_CHARS = 200_000


def _read_input(request: HttpRequest) -> tuple[services.ParsedUpload, bytes]:
    """The material from an uploaded file or pasted text, and its bytes; Invalid with a
    Chinese message."""
    upload = request.FILES.get("file")
    if upload is not None:
        refuse_oversize(upload.size)
        data = upload.read()
        return services.material_parse(data=data, filename=upload.name or ""), data
    text = request.POST.get("text", "").strip()
    if not text:
        raise Invalid("请上传 .docx / .txt 文件，或粘贴材料全文")
    if len(text) > MAX_PASTE_CHARS:
        raise TooLarge(f"粘贴的文字超过 {MAX_PASTE_CHARS:,} 字，请改为上传文件")
    data = text.encode("utf-8")
    return services.material_parse(data=data, filename=PASTED_NAME), data


# A checked material not saved yet is kept in the session (bounded), so "保存到…" on the
# result page files it without a second upload.
CHECKED_KEY = "materials.checked"
MAX_KEPT_BYTES = 2 * 1024 * 1024
PASTED_NAME = "粘贴的文字.txt"


def _keep_checked(request: HttpRequest, upload: services.ParsedUpload, data: bytes) -> bool:
    request.session.pop(CHECKED_KEY, None)
    if len(data) > MAX_KEPT_BYTES:
        return False
    request.session[CHECKED_KEY] = {
        "data": base64.b64encode(data).decode("ascii"),
        "filename": upload.filename,
        "is_file": "file" in request.FILES,
    }
    return True


def _file(
    request: AuthedRequest, upload: services.ParsedUpload, *, is_file: bool, orgs
) -> InspectionMaterial:
    org_id = query_int_or(request.POST.get("org"), None, minimum=1, maximum=MAX_ID)
    org = orgs.filter(pk=org_id).first() if org_id else None
    if org is None and org_id and not orgs_visible_to(request.user).filter(pk=org_id).exists():
        raise NotFound("党组织不存在或无权查看", log=f"upload to org {org_id}: not visible")
    if org is None and org_id:
        raise Forbidden("您不能把材料保存到该党组织", log=f"upload to org {org_id}: not allowed")
    if org is None:
        raise Invalid("请选择材料所属的党组织")
    kind = request.POST.get("kind") or None
    if kind is not None and kind not in InspectionMaterial.Kind.values:
        raise Invalid(f"材料类型“{kind[:20]}”不在可选范围内", log=f"bad kind {kind!r}")
    return services.material_create(
        actor=request.user,
        org=org,
        material=upload.material,
        source_name=upload.filename if is_file else "",
        source_lines=upload.lines,
        kind=kind,
    )


def _page(material: Material, findings, **extra) -> dict:
    return {
        "material": material,
        "blocks": mark_blocks(material, findings),
        "groups": group_by_severity(findings),
        "count": len(findings),
        **extra,
    }


def _review_context(request: AuthedRequest) -> dict:
    profiles = list_profiles()
    profile = request.POST.get("profile", "")
    if profile not in {p["id"] for p in profiles}:
        profile = ""  # detected from the title
    return {
        "orgs": selectors.orgs_for_upload(request.user),
        "kinds": InspectionMaterial.Kind.choices,
        "profiles": profiles,
        "profile": profile,
        "text": request.POST.get("text", ""),
    }


def _review_refused(request: AuthedRequest, exc: ApplicationError) -> HttpResponse:
    """The review form again with the reason; what was pasted stays in the box."""
    context = _review_context(request) | {"error": exc.message}
    # The page shows the Chinese reason; the status says the upload was refused.
    return render(request, "materials/review.html", context, status=exc.status)


@login_required
@on_refusal(_review_refused)
def review(request: AuthedRequest) -> HttpResponse:
    """Upload or paste a material and see it with findings in place; optionally file it."""
    context = _review_context(request)
    if request.method == "POST":
        upload, data = _read_input(request)
        if request.POST.get("save"):
            record = _file(request, upload, is_file="file" in request.FILES, orgs=context["orgs"])
            messages.success(request, "材料已保存，审核意见如下。")
            return redirect("materials:material", pk=record.pk)
        findings = services.upload_check(upload, profile=context["profile"] or None)
        kept = _keep_checked(request, upload, data)
        context.update(_page(upload.material, findings, checked=True, kept=kept))
    return render(request, "materials/review.html", context)


@login_required
@require_POST
@on_refusal(flash_back("materials:review"))
def save_checked(request: AuthedRequest) -> HttpResponse:
    """File the material last checked on the review page, from what the session kept."""
    kept = request.session.get(CHECKED_KEY)
    if not kept:
        raise Invalid("审核结果已过期，请重新上传或粘贴材料后勾选“保存到”")
    data = base64.b64decode(kept["data"])
    upload = services.material_parse(data=data, filename=kept["filename"])
    orgs = selectors.orgs_for_upload(request.user)
    record = _file(request, upload, is_file=kept["is_file"], orgs=orgs)
    request.session.pop(CHECKED_KEY, None)
    messages.success(request, "材料已保存，审核意见如下。")
    return redirect("materials:material", pk=record.pk)


@login_required
def material_list(request: AuthedRequest) -> HttpResponse:
    materials = paginate(
        selectors.materials_visible_to(request.user)
        .select_related("org", "author", "uploaded_by")
        .defer("structure", "source_lines")  # the list shows titles, not texts
        .order_by("-created_at", "-pk"),
        request.GET,
        remember_figures=True,
    )
    return render(
        request, "materials/material_list.html", {"materials": materials, "page": materials}
    )


def _visible_material(request: AuthedRequest, pk: int) -> InspectionMaterial:
    return get_object_or_404(
        selectors.materials_visible_to(request.user).select_related("org", "meeting"), pk=pk
    )


def _material_refused(request: HttpRequest, exc: ApplicationError, pk: int) -> HttpResponse:
    # The material is visible (the view found it); a move this person may not make on it
    # reveals nothing more than a missing page would.
    if exc.status == 403:
        raise Http404
    return flash_back("materials:material", pk="pk")(request, exc, pk=pk)


@login_required
def material_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    record = _visible_material(request, pk)
    checked = services.material_check(record)
    sections = services.material_page_sections.send(
        sender=InspectionMaterial, material=record, user=request.user
    )
    return render(
        request,
        "materials/material_detail.html",
        _page(
            checked.material,
            checked.findings,
            record=record,
            dismissed=checked.dismissed,
            can_dismiss=selectors.can_dismiss(request.user, record),
            can_make_ledger=record.kind == InspectionMaterial.Kind.BRANCH
            and may_register_in(request.user, record.org),
            moves=flow_for(record).available(
                status=record.status, seats=material_seats(request.user, record)
            ),
            versions=record.versions.select_related("created_by").order_by("-number"),
            events=record.events.all(),
            sections=[html for _, html in sections if html],
        ),
    )


@login_required
@require_POST
@on_refusal(_material_refused)
def material_move(request: AuthedRequest, pk: int) -> HttpResponse:
    """Submit, approve or return (with comments) a material."""
    record = _visible_material(request, pk)
    record = services.material_transition(
        record=record,
        actor=request.user,
        action=request.POST.get("action", ""),
        note=request.POST.get("note", ""),
    )
    messages.success(request, f"材料状态：{record.get_status_display()}")
    return redirect("materials:material", pk=record.pk)


@login_required
@require_POST
@on_refusal(_material_refused)
def material_recheck(request: AuthedRequest, pk: int) -> HttpResponse:
    """Run the review again on the latest version (after the rules changed)."""
    record = _visible_material(request, pk)
    services.material_recheck(record=record, actor=request.user)
    messages.success(request, "已按现行审核规则重新审核最新版本。")
    return redirect("materials:material", pk=record.pk)


@login_required
def material_diff(request: AuthedRequest, pk: int) -> HttpResponse:
    """Two versions side by side, changed lines marked."""
    record = _visible_material(request, pk)
    try:
        old = int(request.GET.get("from", "") or max(record.version - 1, 1))
        new = int(request.GET.get("to", "") or record.version)
    except ValueError as exc:
        raise Invalid("版本号不正确") from exc
    diff = services.material_diff(record=record, old=old, new=new)
    return render(
        request,
        "materials/material_diff.html",
        {"record": record, "diff": diff, "numbers": range(1, record.version + 1)},
    )


@login_required
@require_POST
@on_refusal(_material_refused)
def material_dismiss(request: AuthedRequest, pk: int) -> HttpResponse:
    record = _visible_material(request, pk)
    services.finding_dismiss(
        record=record,
        actor=request.user,
        key=request.POST.get("key", ""),
        reason=request.POST.get("reason", ""),
    )
    messages.success(request, "已忽略该条意见，理由已记录。")
    return redirect("materials:material", pk=record.pk)


@login_required
@require_POST
@on_refusal(_material_refused)
def material_to_ledger(request: AuthedRequest, pk: int) -> HttpResponse:
    """Turn a branch material's problems into ledger items (the secretary fills in owners)."""
    from orglife.materials.rectification import ledger_items_from_material

    record = _visible_material(request, pk)
    items = ledger_items_from_material(record=record, actor=request.user)
    messages.success(
        request, f"已生成 {len(items)} 项整改事项，请逐项明确责任人、责任领导和完成时限。"
    )
    return redirect(f"{reverse('ledger:list')}?org={record.org_id}")


@login_required
def material_docx(request: AuthedRequest, pk: int) -> HttpResponse:
    """The material as an official-format Word file (GB/T 9704), generated, not retyped."""
    from urllib.parse import quote

    from orglife.documents.render import render_docx

    record = _visible_material(request, pk)
    data = render_docx(record.material())
    response = HttpResponse(
        data,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    name = f"{record.title or '对照检查材料'}.docx"
    audit.record_file(request, name, material=record.pk)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
