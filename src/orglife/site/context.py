"""Template context shared by every page: the navigation for the signed-in person."""

from __future__ import annotations

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from orglife.orgs.selectors import home_role

    return {"nav_role": home_role(user)}
