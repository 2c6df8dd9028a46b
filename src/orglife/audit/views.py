from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render

from orglife.audit import selectors
from orglife.audit.exports import MAX_ROWS, write_entries
from orglife.audit.models import AuditEntry
from orglife.audit.services import entry_add
from orglife.core.downloads import spooled_download
from orglife.orgs.http import AuthedRequest


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _filter(request: HttpRequest) -> selectors.AuditFilter:
    action = request.GET.get("action", "")
    return selectors.AuditFilter(
        actor=request.GET.get("actor", "").strip()[:150],
        action=action if action in AuditEntry.Action.values else "",
        since=_date(request.GET.get("since")),
        until=_date(request.GET.get("until")),
    )


@login_required
def entry_list(request: AuthedRequest) -> HttpResponse:
    f = _filter(request)
    qs = selectors.entries_visible_to(request.user, f)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/list.html",
        {"page": page, "f": f, "actions": AuditEntry.Action.choices, "query": query.urlencode()},
    )


@login_required
def entry_export(request: AuthedRequest) -> FileResponse:
    f = _filter(request)
    qs = selectors.entries_visible_to(request.user, f)
    response = spooled_download(
        lambda out: write_entries(out, qs[:MAX_ROWS].iterator(chunk_size=2000)),
        filename="audit-log.xlsx",
    )
    entry_add(action="export", actor=request.user, target="审计日志", request=request)
    return response
