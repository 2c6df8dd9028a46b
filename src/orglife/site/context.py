"""Template context shared by every page: the navigation for the signed-in person."""

from __future__ import annotations

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from orglife.orgs.seats import seat_of
    from orglife.orgs.selectors import home_role

    seat = seat_of(user)
    return {"nav_role": home_role(user), "nav_seat": seat.value if seat else ""}
