"""Copy-check pages for reviewers (filled in with the similarity index)."""

from django.http import Http404, HttpRequest, HttpResponse


def similar_page(request: HttpRequest) -> HttpResponse:
    raise Http404
