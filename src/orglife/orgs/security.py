"""The security administrator's acts on accounts: reset a password, lock and unlock.

Only the 安全管理员 (or, at installation, the superuser) may; nobody acts on their own
account or on the superuser here. Each act lands on the audit log through the account
signals (password, is_active).
"""

from __future__ import annotations

import secrets

from django.db import transaction

from orglife.core.errors import Forbidden
from orglife.orgs.models import User
from orglife.orgs.seats import Seat, holds


def _check(actor: User, user: User) -> None:
    if not (actor.is_superuser or holds(actor, Seat.SECURITY)):
        raise Forbidden("只有安全管理员可以办理此事", log="security act: actor not security")
    if actor.pk == user.pk:
        raise Forbidden("不能对自己的账号办理此事", log="security act: own account")
    if user.is_superuser:
        raise Forbidden("超级管理员账号不在此管理", log="security act: superuser target")


@transaction.atomic
def password_reset(*, user: User, actor: User) -> str:
    """A new one-time password, shown once; the person must change it on first sign-in."""
    _check(actor, user)
    user = User.objects.select_for_update().get(pk=user.pk)
    temporary = secrets.token_urlsafe(9) + "-9a"  # meets the classes rule by construction
    user.set_password(temporary)
    user.must_change_password = True
    user.save()
    return temporary


@transaction.atomic
def account_lock(*, user: User, actor: User, locked: bool) -> User:
    _check(actor, user)
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_active == locked:
        user.is_active = not locked
        user.save(update_fields=["is_active"])
    return user
