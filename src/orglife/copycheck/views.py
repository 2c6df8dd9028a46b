"""Copy-check pages: ranked suspicious pairs, a side-by-side view, the reference corpus."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from orglife.copycheck import copycheck
from orglife.copycheck.models import ReferenceText
from orglife.copycheck.tasks import reference_fingerprint
from orglife.core import clock
from orglife.core.errors import Invalid
from orglife.core.inputs import MAX_ID, query_int_or
from orglife.core.pages import flash_back, on_refusal
from orglife.core.paging import paginate
from orglife.materials import selectors, services
from orglife.orgs import selectors as org_selectors
from orglife.orgs.http import AuthedRequest
from orglife.orgs.models import Organization

log = logging.getLogger(__name__)


def _check_access(request: AuthedRequest) -> None:
    # Comparing materials is the secretary's and the reviewer's work; members have no page here.
    if not org_selectors.orgs_managed_by(request.user).exists():
        raise Http404


def _float(value: str | None, default: float) -> float:
    try:
        return min(max(float(value), 0.05), 1.0) if value else default
    except ValueError:
        return default


@login_required
def similar_page(request: AuthedRequest) -> HttpResponse:
    _check_access(request)
    managed = (
        org_selectors.orgs_managed_by(request.user)
        .exclude(kind=Organization.Kind.PARTY_COMMITTEE)
        .order_by("path")
    )
    visible = selectors.materials_visible_to(request.user).filter(org__in=managed)
    # The distinct years in the database, not one row per material.
    years = list(visible.order_by("-year").values_list("year", flat=True).distinct())
    default_year = years[0] if years else clock.today().year
    year = query_int_or(request.GET.get("year"), None, minimum=1900, maximum=2200) or default_year
    org_id = query_int_or(request.GET.get("org"), None, minimum=1, maximum=MAX_ID)
    materials = visible.filter(year=year)
    if org_id is not None:
        materials = materials.filter(org_id=org_id)
    threshold = _float(request.GET.get("threshold"), 0.5)
    page = paginate(
        copycheck.suspect_pairs(user=request.user, materials=materials, threshold=threshold),
        request.GET,
    )
    # Each pair with whether it is listed only for a copied passage (under the threshold).
    pairs = [(p, p.listed_for_passage(threshold)) for p in page]
    return render(
        request,
        "copycheck/similar.html",
        {
            "pairs": pairs,
            "page": page,
            "orgs": managed,
            "years": years,
            "year": year,
            "org_id": org_id,
            "threshold": threshold,
            "count": materials.count(),
        },
    )


def _marked(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """The text cut into (piece, shared?) runs for highlighting."""
    out, pos = [], 0
    for start, end in sorted(spans):
        start = max(start, pos)
        if start >= end:
            continue
        if start > pos:
            out.append((text[pos:start], False))
        out.append((text[start:end], True))
        pos = end
    if pos < len(text):
        out.append((text[pos:], False))
    return out


@login_required
def compare_page(request: AuthedRequest, a: str, b: str) -> HttpResponse:
    _check_access(request)
    doc_a = copycheck.visible_document(request.user, a)
    doc_b = copycheck.visible_document(request.user, b)
    if doc_a is None or doc_b is None:
        raise Http404
    text_a, text_b = copycheck.pair_texts(doc_a, doc_b)
    result = copycheck.pair_compare(doc_a, doc_b, text_a, text_b)
    passages = result.passages if result else []
    return render(
        request,
        "copycheck/compare.html",
        {
            "a": doc_a,
            "b": doc_b,
            "result": result,
            "passages": passages,
            "marked_a": _marked(text_a, [(p.a_start, p.a_end) for p in passages]),
            "marked_b": _marked(text_b, [(p.b_start, p.b_end) for p in passages]),
        },
    )


@login_required
@on_refusal(flash_back("copycheck:references"))
def references_page(request: AuthedRequest) -> HttpResponse:
    _check_access(request)
    if request.method == "POST":
        if not request.user.is_superuser:
            raise Http404
        upload = request.FILES.get("file")
        if upload is None:
            raise Invalid("请选择 .txt 或 .docx 文件")
        material = services.material_parse(data=upload.read(), filename=upload.name or "").material
        ref = ReferenceText.objects.create(
            title=(request.POST.get("title") or material.title or upload.name or "")[:300],
            source=request.POST.get("source", "")[:500],
            text=material.text(),
            uploaded_by=request.user,
        )
        reference_fingerprint.enqueue(ref.pk)
        messages.success(request, f"已加入参考文本：{ref.title}")
        return redirect("copycheck:references")
    references = paginate(
        ReferenceText.objects.select_related("uploaded_by")
        .defer("text")
        .order_by("-created_at", "-pk"),
        request.GET,
    )
    return render(
        request, "copycheck/references.html", {"references": references, "page": references}
    )
