"""Organizations (党委 → 党总支 → 党支部 → 党小组), people and their seats."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.crypto import constant_time_compare


class User(AbstractUser):
    """A person: a Party member with or without a sign-in.

    Roster imports create people who have not signed in yet (unusable password);
    the administrator sets a password when they need one.
    """

    class Gender(models.TextChoices):
        MALE = "male", "男"
        FEMALE = "female", "女"

    name = models.CharField("姓名", max_length=50, blank=True)
    gender = models.CharField("性别", max_length=10, choices=Gender.choices, blank=True)
    birth_date = models.DateField("出生日期", null=True, blank=True)
    join_date = models.DateField("入党日期", null=True, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    # 预备党员 take part but have no vote (民主评议 ballots, quorum).
    probationary = models.BooleanField("预备党员", default=False)
    # Members the secretary must talk with in person before the meeting (谈心谈话).
    away = models.BooleanField("外出流动", default=False)
    in_difficulty = models.BooleanField("生活困难", default=False)
    elderly = models.BooleanField("年老体弱", default=False)
    under_discipline = models.BooleanField("受处分", default=False)
    # Set when someone else chose the password (a new account, a reset): change it first.
    must_change_password = models.BooleanField("须修改密码", default=False)
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)

    class Meta:
        verbose_name = "人员"
        verbose_name_plural = "人员"

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name or self.get_full_name() or self.username


class Organization(models.Model):
    class Kind(models.TextChoices):
        PARTY_COMMITTEE = "committee", "党委"  # stored value kept: API and rows use it
        GENERAL_BRANCH = "general_branch", "党总支"
        BRANCH = "branch", "党支部"
        GROUP = "group", "党小组"

    # Which kind may sit under which: the tree of docs/contracts.md.
    ALLOWED_PARENTS: ClassVar[dict[str, set[str | None]]] = {
        Kind.PARTY_COMMITTEE: {None, Kind.PARTY_COMMITTEE},
        Kind.GENERAL_BRANCH: {Kind.PARTY_COMMITTEE},
        Kind.BRANCH: {Kind.PARTY_COMMITTEE, Kind.GENERAL_BRANCH},
        Kind.GROUP: {Kind.BRANCH},
    }

    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级组织",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path "/1/4/9/" so a subtree is one indexed prefix query.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "党组织"
        verbose_name_plural = "党组织"
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="org_unique_name_in_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        new_path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        if new_path == self.path:
            return
        old_path, self.path = self.path, new_path
        Organization.objects.filter(pk=self.pk).update(path=new_path)
        if old_path:
            # Moved: rewrite the paths of the whole subtree.
            for child in Organization.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                Organization.objects.filter(pk=child.pk).update(
                    path=new_path + child.path[len(old_path) :]
                )

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        parent_kind = self.parent.kind if self.parent else None
        if parent_kind not in self.ALLOWED_PARENTS[self.Kind(self.kind)]:
            raise ValidationError({"parent": "上级组织类型不符合党组织层级"})
        if self.pk and self.parent and self.parent.path.startswith(self.path or "\0"):
            raise ValidationError({"parent": "不能把组织移到它自己的下级之下"})

    @property
    def is_branch(self) -> bool:
        return self.kind == self.Kind.BRANCH

    def ancestors(self) -> list[Organization]:
        ids = [int(p) for p in self.path.strip("/").split("/") if p][:-1]
        by_id = {o.pk: o for o in Organization.objects.filter(pk__in=ids)}
        return [by_id[i] for i in ids if i in by_id]

    def branch(self) -> Organization | None:
        """The 党支部 this organization is or belongs to."""
        if self.kind == self.Kind.BRANCH:
            return self
        if self.kind == self.Kind.GROUP:
            return self.parent
        return None


class Membership(models.Model):
    """A seat: a person's role in one organization."""

    class Role(models.TextChoices):
        SECRETARY = "secretary", "书记"
        DEPUTY_SECRETARY = "deputy_secretary", "副书记"
        ORGANIZATION = "organization", "组织委员"
        PROPAGANDA = "propaganda", "宣传委员"
        DISCIPLINE = "discipline", "纪检委员"
        COMMITTEE_MEMBER = "committee", "委员"  # stored value kept: API and rows use it
        MEMBER = "member", "党员"
        REVIEWER = "reviewer", "审核人"

    LEADERS = {Role.SECRETARY, Role.DEPUTY_SECRETARY}
    COMMITTEE_MEMBER_SEATS = {
        Role.SECRETARY,
        Role.DEPUTY_SECRETARY,
        Role.ORGANIZATION,
        Role.PROPAGANDA,
        Role.DISCIPLINE,
        Role.COMMITTEE_MEMBER,
    }

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="人员",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organization = models.ForeignKey(
        Organization, verbose_name="党组织", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("职务", max_length=20, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "职务"
        verbose_name_plural = "职务"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"], name="membership_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.get_role_display()} {self.user}"


def _hash_token(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the REST API. Only its hash is stored.

    A token is bound to the password it was issued under (``password_stamp``, Django's
    session auth hash): changing the password revokes every token, as it ends sessions.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    digest = models.CharField(max_length=64, unique=True)
    password_stamp = models.CharField(max_length=128, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"

    def __str__(self) -> str:
        return f"{self.user} 的令牌（{self.expires_at:%Y-%m-%d} 到期）"

    @classmethod
    def issue(cls, user: User) -> str:
        # Expired tokens are cleaned here, so the table never grows without bound.
        cls.objects.filter(expires_at__lte=timezone.now()).delete()
        key = secrets.token_urlsafe(32)
        cls.objects.create(
            user=user,
            digest=_hash_token(key),
            password_stamp=user.get_session_auth_hash(),
            expires_at=timezone.now() + timedelta(days=settings.ORGLIFE_API_TOKEN_DAYS),
        )
        return key

    @classmethod
    def find(cls, key: str) -> ApiToken | None:
        """The live token for ``key``: not expired, user active, password unchanged."""
        token = (
            cls.objects.select_related("user")
            .filter(digest=_hash_token(key), expires_at__gt=timezone.now())
            .first()
        )
        if token is None or not token.user.is_active:
            return None
        if not constant_time_compare(token.password_stamp, token.user.get_session_auth_hash()):
            return None
        return token

    @classmethod
    def user_for(cls, key: str) -> User | None:
        token = cls.find(key)
        return token.user if token else None

    @classmethod
    def revoke(cls, key: str) -> bool:
        """Delete the token for ``key``; True when there was one."""
        deleted, _ = cls.objects.filter(digest=_hash_token(key)).delete()
        return bool(deleted)

    @classmethod
    def clean_expired(cls) -> int:
        deleted, _ = cls.objects.filter(expires_at__lte=timezone.now()).delete()
        return deleted


class PasswordHistory(models.Model):
    """Hashes of a person's earlier passwords, so the last N are never chosen again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_history"
    )
    password = models.CharField(max_length=128)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "历史密码"
        verbose_name_plural = "历史密码"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d}"
