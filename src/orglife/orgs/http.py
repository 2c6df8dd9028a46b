"""The request type of pages behind ``login_required`` and of the API behind its auth."""

from __future__ import annotations

from django.http import HttpRequest

from orglife.orgs.models import User


class AuthedRequest(HttpRequest):
    """A request whose ``user`` is a signed-in ``User`` (never ``AnonymousUser``).

    Only for views that ``login_required`` guards and API operations under the API's auth
    (which sets ``request.user`` from the token); it is an annotation, not a check.
    """

    user: User
