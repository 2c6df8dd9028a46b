"""The demo organization of docs/contracts.md, loaded by ``orglife demo`` (idempotent).

A 机关党委 with 第一党支部 and 第二党支部, their people and seats; later parts (the seed's
2023 meeting, last year's meeting and its ledger, this year's meeting in preparation, the
safety records) are added by each app's own ``demo`` module, on the calendar of
``core.demo_story``: every date is derived from the day the demo is loaded.
"""

from __future__ import annotations

import os
import secrets
from datetime import date
from typing import TextIO

from django.db import transaction

from orglife.orgs.models import Membership, Organization, User
from orglife.orgs.roster import readable_username

Role = Membership.Role
Kind = Organization.Kind

COMMITTEE_NAME = "机关党委"
BRANCH_A = "第一党支部"
BRANCH_B = "第二党支部"

# username, name, gender, birth, joined, (org key, role)...
PEOPLE = [
    (
        "reviewer",
        "周建国",
        "male",
        date(1970, 4, 12),
        date(1995, 7, 1),
        [("committee", Role.REVIEWER)],
    ),
    ("secretary_a", "李明华", "male", date(1976, 9, 3), date(2001, 6, 20), [("a", Role.SECRETARY)]),
    (
        "committee_a",
        "王秀兰",
        "female",
        date(1982, 2, 17),
        date(2006, 5, 8),
        [("a", Role.ORGANIZATION)],
    ),
    ("member_a", "张伟", "male", date(1990, 11, 25), date(2015, 12, 1), [("a", Role.MEMBER)]),
    ("secretary_b", "陈静", "female", date(1979, 6, 30), date(2003, 7, 1), [("b", Role.SECRETARY)]),
    ("member_b", "刘洋", "male", date(1993, 3, 14), date(2018, 6, 28), [("b", Role.MEMBER)]),
]
# Members on the rosters who have no sign-in of their own: named as a roster import names
# them (the pinyin of the name), never after personal data such as the birth date.
ROSTER_ONLY = [
    ("a", "赵丽", "female", date(1987, 8, 9), date(2012, 10, 15), Role.PROPAGANDA),
    ("a", "孙强", "male", date(1985, 1, 21), date(2009, 6, 30), Role.DISCIPLINE),
    ("a", "吴芳", "female", date(1995, 5, 5), date(2020, 7, 1), Role.MEMBER),
    ("b", "郑凯", "male", date(1988, 12, 2), date(2014, 4, 18), Role.ORGANIZATION),
    ("b", "冯敏", "female", date(1992, 9, 16), date(2017, 11, 6), Role.MEMBER),
]


def _org(name: str, kind: str, parent: Organization | None) -> Organization:
    org = Organization.objects.filter(name=name, parent=parent).first()
    if org is None:
        org = Organization(name=name, kind=kind, parent=parent)
        org.full_clean()
        org.save()
    return org


def load_demo(*, out: TextIO) -> dict:
    """Create what is missing of the demo; never change what exists. Returns the orgs."""
    env_password = os.environ.get("ORGLIFE_DEMO_PASSWORD")
    password = env_password or secrets.token_urlsafe(9)
    created: list[str] = []
    with transaction.atomic():
        committee = _org(COMMITTEE_NAME, Kind.PARTY_COMMITTEE, None)
        orgs = {
            "committee": committee,
            "a": _org(BRANCH_A, Kind.BRANCH, committee),
            "b": _org(BRANCH_B, Kind.BRANCH, committee),
        }
        if not User.objects.filter(username="admin").exists():
            User.objects.create_superuser("admin", "", password, name="系统管理员")
            created.append("admin")
        for username, name, gender, birth, joined, seats in PEOPLE:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User.objects.create_user(
                    username,
                    "",
                    password,
                    name=name,
                    gender=gender,
                    birth_date=birth,
                    join_date=joined,
                )
                created.append(username)
            for key, role in seats:
                Membership.objects.get_or_create(user=user, organization=orgs[key], role=role)
        for key, name, gender, birth, joined, role in ROSTER_ONLY:
            if not User.objects.filter(name=name, memberships__organization=orgs[key]).exists():
                user = User(
                    username=readable_username(name),
                    name=name,
                    gender=gender,
                    birth_date=birth,
                    join_date=joined,
                )
                user.set_unusable_password()
                user.save()
                Membership.objects.create(user=user, organization=orgs[key], role=role)

    from orglife.site.demo_hooks import run_hooks

    extra = run_hooks(orgs=orgs, out=out)

    if created:
        out.write(f"演示账号已创建 / demo accounts created: {', '.join(created)}\n")
        if env_password:
            out.write("密码为 ORGLIFE_DEMO_PASSWORD 的值 / password: $ORGLIFE_DEMO_PASSWORD\n")
        else:
            out.write(f"初始密码（只显示这一次）/ password (shown once): {password}\n")
    else:
        out.write("演示数据已存在，未做改动 / demo already loaded, nothing changed\n")
        out.write(
            "忘记密码：orglife demo --reset-password / forgot it: orglife demo --reset-password\n"
        )
    for line in extra:
        out.write(line + "\n")
    return orgs
