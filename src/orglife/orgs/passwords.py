"""Password policy (等保 2.0 身份鉴别): length, character classes, no reuse of the last N,
an expiry, and a forced change of a password someone else chose. All numbers are settings.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone

CLASSES = (
    ("大写字母", str.isupper),
    ("小写字母", str.islower),
    ("数字", str.isdigit),
    ("符号", lambda c: not c.isalnum()),
)


class ComplexityValidator:
    """At least ORGLIFE_PASSWORD_MIN_LENGTH characters from ORGLIFE_PASSWORD_MIN_CLASSES of
    upper case, lower case, digits and symbols."""

    def validate(self, password: str, user: Any = None) -> None:
        length = settings.ORGLIFE_PASSWORD_MIN_LENGTH
        if len(password) < length:
            raise ValidationError(f"密码至少 {length} 个字符", code="password_too_short")
        used = sum(any(test(c) for c in password) for _name, test in CLASSES)
        need = settings.ORGLIFE_PASSWORD_MIN_CLASSES
        if used < need:
            kinds = "、".join(name for name, _t in CLASSES)
            raise ValidationError(
                f"密码须包含{kinds}中的至少 {need} 类", code="password_too_simple"
            )

    def get_help_text(self) -> str:
        return (
            f"至少 {settings.ORGLIFE_PASSWORD_MIN_LENGTH} 个字符，包含大写字母、小写字母、"
            f"数字、符号中的至少 {settings.ORGLIFE_PASSWORD_MIN_CLASSES} 类。"
        )


class HistoryValidator:
    """Refuses the current password and the last ORGLIFE_PASSWORD_HISTORY ones; records each
    new password's hash when it is set."""

    def validate(self, password: str, user: Any = None) -> None:
        if user is None or user.pk is None:
            return
        n = settings.ORGLIFE_PASSWORD_HISTORY
        hashes = [user.password] if user.password else []
        hashes += list(user.password_history.values_list("password", flat=True)[:n])
        if any(check_password(password, h) for h in hashes[: n + 1]):
            raise ValidationError(f"不能使用最近 {n} 次用过的密码", code="password_reused")

    def password_changed(self, password: str, user: Any = None) -> None:
        if user is None or user.pk is None:
            return
        from orglife.orgs.models import PasswordHistory, User

        PasswordHistory.objects.create(user=user, password=user.password)
        keep = user.password_history.values_list("pk", flat=True)[
            : settings.ORGLIFE_PASSWORD_HISTORY
        ]
        user.password_history.exclude(pk__in=list(keep)).delete()
        User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now())

    def get_help_text(self) -> str:
        return f"不能与最近 {settings.ORGLIFE_PASSWORD_HISTORY} 次的密码相同。"


def must_change(user: Any) -> bool:
    """A password someone else chose, or one older than ORGLIFE_PASSWORD_MAX_AGE_DAYS."""
    if not user.is_authenticated or not user.has_usable_password():
        return False
    if user.must_change_password:
        return True
    days = settings.ORGLIFE_PASSWORD_MAX_AGE_DAYS
    changed = user.password_changed_at
    return bool(days and changed and timezone.now() - changed > timedelta(days=days))
