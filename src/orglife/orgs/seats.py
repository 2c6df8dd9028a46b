"""三员分立: the three administrator seats, held as Django groups named for the seat.

系统管理员 runs organizations, accounts and settings; 安全管理员 runs seats, passwords and
lock-outs; 审计管理员 reads the audit log and changes nothing. A person holds at most one of
them, and none of them may act as another. The superuser is for installation only.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import models, transaction

from orglife.core.errors import Forbidden, Invalid
from orglife.orgs.models import User


class Seat(models.TextChoices):
    SYSTEM = "system_admin", "系统管理员"
    SECURITY = "security_admin", "安全管理员"
    AUDIT = "audit_admin", "审计管理员"


# What the system administrator may do in the Django admin: organizations and accounts.
SYSTEM_PERMISSIONS = [
    ("orgs", "organization", ("add", "change", "view")),
    ("orgs", "user", ("add", "change", "view")),
    ("orgs", "membership", ("add", "change", "delete", "view")),
]


def _group(seat: Seat) -> Group:
    group, created = Group.objects.get_or_create(name=seat.label)
    if created and seat == Seat.SYSTEM:
        perms = Permission.objects.none()
        for app, model, actions in SYSTEM_PERMISSIONS:
            perms |= Permission.objects.filter(
                content_type__app_label=app,
                codename__in=[f"{a}_{model}" for a in actions],
            )
        group.permissions.set(perms)
    return group


def seat_of(user: User | None) -> Seat | None:
    """The administrator seat this person holds, or None."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    labels = {s.label: s for s in Seat}
    for name in user.groups.filter(name__in=labels).values_list("name", flat=True):
        return labels[name]
    return None


def holds(user: User | None, seat: Seat) -> bool:
    return seat_of(user) == seat


@transaction.atomic
def seat_assign(*, user: User, seat: Seat | None, actor: User) -> None:
    """Give ``user`` a seat (or take it away with None). Only the security administrator
    (or, at installation, the superuser) may; nobody changes their own seat."""
    if not (actor.is_superuser or holds(actor, Seat.SECURITY)):
        raise Forbidden("只有安全管理员可以分配管理员岗位", log="seat_assign: actor not security")
    if actor.pk == user.pk:
        raise Forbidden("不能更改自己的管理员岗位", log="seat_assign: own seat")
    if user.is_superuser:
        raise Invalid("超级管理员只用于安装，不能担任三员岗位", log="seat_assign: superuser")
    user = User.objects.select_for_update().get(pk=user.pk)
    user.groups.remove(*Group.objects.filter(name__in=Seat.labels))
    if seat is not None:
        user.groups.add(_group(seat))
    # Only the system administrator works in the Django admin.
    staff = seat == Seat.SYSTEM
    if user.is_staff != staff:
        user.is_staff = staff
        user.save(update_fields=["is_staff"])
