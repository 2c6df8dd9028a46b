"""What goes on the audit log by itself: sign-ins, account, seat and permission changes,
admin acts, and whatever other apps send through ``orglife.core.audit.record``."""

from __future__ import annotations

from typing import Any

from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from orglife.audit.services import entry_add
from orglife.core.audit import audit_event
from orglife.orgs.models import Membership, User

# Account fields whose change is recorded (by name; values only where they are not secret).
TRACKED = ("username", "is_active", "is_staff", "is_superuser", "name", "phone", "email")
DISPATCH = "orglife.audit"


def _logged_in(sender: Any, request: Any, user: User, **kw: Any) -> None:
    entry_add(action="login", actor=user, target=user.get_username(), request=request)


def _logged_out(sender: Any, request: Any, user: User | None, **kw: Any) -> None:
    entry_add(
        action="logout", actor=user, target=user.get_username() if user else "", request=request
    )


def _login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kw: Any) -> None:
    username = str(credentials.get("username", ""))
    entry_add(action="login_failed", actor=username, target=username, request=request)


def _user_before(sender: Any, instance: User, raw: bool = False, **kw: Any) -> None:
    if raw or instance.pk is None:
        return
    old = User.objects.filter(pk=instance.pk).values(*TRACKED, "password").first()
    instance._audit_old = old  # type: ignore[attr-defined]


def _user_after(sender: Any, instance: User, created: bool, raw: bool = False, **kw: Any) -> None:
    if raw:
        return
    if created:
        entry_add(action="account", target=instance.get_username(), detail={"created": True})
        return
    old = getattr(instance, "_audit_old", None)
    if not old:
        return
    # Flags with their values; personal fields by name only (the log is no copy of them).
    changed = {
        f: [old[f], getattr(instance, f)] if isinstance(old[f], bool) else None
        for f in TRACKED
        if old[f] != getattr(instance, f)
    }
    if changed:
        entry_add(action="account", target=instance.get_username(), detail={"changed": changed})
    if old["password"] != instance.password:
        entry_add(action="password", target=instance.get_username())


def _user_deleted(sender: Any, instance: User, **kw: Any) -> None:
    entry_add(action="account", target=instance.get_username(), detail={"deleted": True})


def _membership(sender: Any, instance: Membership, raw: bool = False, **kw: Any) -> None:
    if raw:
        return
    created = kw.get("created")
    what = "deleted" if created is None else ("created" if created else "changed")
    entry_add(
        action="membership",
        target=f"{instance.user_id}@{instance.organization_id}",
        detail={
            what: True,
            "user": instance.user_id,
            "organization": instance.organization_id,
            "role": instance.role,
        },
    )


def _m2m(sender: Any, instance: Any, action: str, model: Any, pk_set: Any, **kw: Any) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    names = sorted(str(o) for o in model.objects.filter(pk__in=pk_set)) if pk_set else []
    entry_add(
        action="permission",
        target=instance.get_username() if isinstance(instance, User) else str(instance),
        detail={"change": action.removeprefix("post_"), "what": model._meta.label, "of": names},
    )


def _admin_act(
    sender: Any, instance: LogEntry, created: bool, raw: bool = False, **kw: Any
) -> None:
    if raw or not created:
        return
    entry_add(
        action="admin",
        actor=instance.user,
        target=f"{instance.content_type} {instance.object_repr}"[:300],
        detail={"flag": instance.action_flag, "message": instance.get_change_message()},
    )


def _recorded(
    sender: Any, action: str, actor: Any, target: str, detail: dict, request: Any, **kw: Any
) -> None:
    entry_add(action=action, actor=actor, target=target, detail=detail, request=request)


def connect() -> None:
    user_logged_in.connect(_logged_in, dispatch_uid=f"{DISPATCH}.in")
    user_logged_out.connect(_logged_out, dispatch_uid=f"{DISPATCH}.out")
    user_login_failed.connect(_login_failed, dispatch_uid=f"{DISPATCH}.failed")
    pre_save.connect(_user_before, sender=User, dispatch_uid=f"{DISPATCH}.user_pre")
    post_save.connect(_user_after, sender=User, dispatch_uid=f"{DISPATCH}.user")
    post_delete.connect(_user_deleted, sender=User, dispatch_uid=f"{DISPATCH}.user_del")
    post_save.connect(_membership, sender=Membership, dispatch_uid=f"{DISPATCH}.membership")
    post_delete.connect(_membership, sender=Membership, dispatch_uid=f"{DISPATCH}.membership_del")
    for through, uid in (
        (User.groups.through, "groups"),
        (User.user_permissions.through, "user_perms"),
        (Group.permissions.through, "group_perms"),
    ):
        m2m_changed.connect(_m2m, sender=through, dispatch_uid=f"{DISPATCH}.{uid}")
    post_save.connect(_admin_act, sender=LogEntry, dispatch_uid=f"{DISPATCH}.admin")
    audit_event.connect(_recorded, dispatch_uid=f"{DISPATCH}.record")
