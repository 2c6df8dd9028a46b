"""Setting passwords again: the demo accounts' (``orglife demo --reset-password``) and one
person's (``orglife changepassword USERNAME``). ``orglife demo`` alone never changes a
password, so a lost demo password is set again here rather than by reloading the demo."""

from __future__ import annotations

import os
import secrets
from typing import TextIO

from django.db import transaction

from orglife.orgs.models import User
from orglife.site.demo import PEOPLE


def demo_usernames() -> list[str]:
    return ["admin", *(row[0] for row in PEOPLE)]


def reset_demo_passwords(*, out: TextIO) -> int:
    """Give every demo account $ORGLIFE_DEMO_PASSWORD, or a new one printed once."""
    env_password = os.environ.get("ORGLIFE_DEMO_PASSWORD")
    password = env_password or secrets.token_urlsafe(9)
    with transaction.atomic():
        people = list(User.objects.select_for_update().filter(username__in=demo_usernames()))
        for user in people:
            user.set_password(password)
            user.save(update_fields=["password"])
    if not people:
        out.write(
            "还没有演示账号，请先运行 orglife demo / no demo accounts yet: run orglife demo\n"
        )
        return 1
    names = ", ".join(sorted(u.username for u in people))
    out.write(f"演示账号密码已重设 / demo passwords reset: {names}\n")
    if env_password:
        out.write("密码为 ORGLIFE_DEMO_PASSWORD 的值 / password: $ORGLIFE_DEMO_PASSWORD\n")
    else:
        out.write(f"新密码（只显示这一次）/ new password (shown once): {password}\n")
    return 0
