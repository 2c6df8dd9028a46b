"""The request type of pages behind ``login_required`` and of the API behind its auth, and
the API's path parameter for an object the caller must be able to see."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from pydantic import AfterValidator, ValidationInfo

from orglife.orgs.models import User


class AuthedRequest(HttpRequest):
    """A request whose ``user`` is a signed-in ``User`` (never ``AnonymousUser``).

    Only for views that ``login_required`` guards and API operations under the API's auth
    (which sets ``request.user`` from the token); it is an annotation, not a check.
    """

    user: User


def seen_first(lookup: Callable[[User, int], Any]) -> AfterValidator:
    """Metadata for an API path id: ``Annotated[int, seen_first(lookup)]``.

    django-ninja reads and validates every parameter before it calls the handler, so a
    handler that looks its object up first would still answer 422 for a bad body to someone
    who may not see the object (and show them the body's shape). With this type the id is
    looked up while the path is read, after the sign-in check and before the body:
    ``lookup(user, pk)`` raises NotFound (404) or Forbidden (403), which ninja does not turn
    into a 422. Ninja reads the parameters in the order of the signature, so the id comes
    before the body. The handler still gets the int and fetches its object as before.
    """

    def check(pk: int, info: ValidationInfo) -> int:
        # ninja validates with the request as context (django-ninja 1.0, "pydantic context").
        request = (info.context or {})["request"]
        lookup(request.user, pk)
        return pk

    return AfterValidator(check)
