"""The audit log: what lands on it, who may read it, and that nobody may change it."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from orglife.audit.models import AppendOnly, AuditEntry
from orglife.audit.services import entries_purge, entry_add
from orglife.core import audit
from orglife.orgs.models import Membership
from tests.conftest_personas import api_token
from tests.downloads import streamed
from tests.factories import PASSWORD, MembershipFactory
from tests.query_counts import assert_constant_queries

ADDRESS = "10.1.2.3"


def entries(action):
    return list(AuditEntry.objects.filter(action=action).order_by("pk"))


def test_it_records_a_sign_in_with_the_address(world):
    c = Client(REMOTE_ADDR=ADDRESS)
    r = c.post("/login/", {"username": "member_a", "password": PASSWORD})
    assert r.status_code == 302
    [e] = entries("login")
    assert (e.actor, e.address) == ("member_a", ADDRESS)


def test_it_records_a_failed_sign_in_with_the_name_tried_and_the_address(world):
    c = Client(REMOTE_ADDR=ADDRESS)
    c.post("/login/", {"username": "member_a", "password": "wrong-password"})
    [e] = entries("login_failed")
    assert (e.actor, e.target, e.address) == ("member_a", "member_a", ADDRESS)


def test_it_records_a_sign_out(world):
    c = world.client(world.member_a)
    c.post("/logout/")
    assert [e.actor for e in entries("logout")] == ["member_a"]


def test_it_records_account_seat_and_permission_changes(world):
    world.member_a.is_active = False
    world.member_a.save()
    e = [e for e in entries("account") if e.target == "member_a"][-1]
    assert e.detail == {"changed": {"is_active": [True, False]}}

    world.member_a.set_password("another-long-password-9")
    world.member_a.save()
    assert entries("password")[-1].target == "member_a"

    MembershipFactory(user=world.member_a, organization=world.branch_a, role="propaganda")
    assert entries("membership")[-1].detail["role"] == "propaganda"
    Membership.objects.filter(user=world.member_a, role="propaganda").get().delete()
    assert entries("membership")[-1].detail["deleted"] is True


def test_it_keeps_personal_values_out_of_account_changes(world):
    world.member_a.phone = "13812341234"
    world.member_a.save()
    e = [e for e in entries("account") if e.target == "member_a"][-1]
    assert e.detail == {"changed": {"phone": None}}


def test_it_records_a_seat_as_a_permission_change(seats):
    assert any(e.target == "auditor" for e in entries("permission"))


def test_it_records_what_other_apps_send_through_core(world):
    audit.record(audit.EXPORT, actor=world.secretary_a, target="第一党支部 花名册")
    [e] = entries("export")
    assert (e.actor, e.target) == ("secretary_a", "第一党支部 花名册")


def test_it_records_every_use_of_the_superuser(world):
    world.client(world.admin).get("/orgs/")
    assert [e.target for e in entries("superuser")] == ["GET /orgs/"]


def test_it_records_every_api_request_of_the_superuser_with_a_token(world):
    key = api_token(Client(REMOTE_ADDR=ADDRESS), "admin")
    c = Client(REMOTE_ADDR=ADDRESS, headers={"Authorization": f"Bearer {key}"})
    assert c.get("/api/me").status_code == 200
    assert c.get("/api/orgs").status_code == 200
    used = entries("superuser")
    assert [(e.actor, e.target, e.address) for e in used] == [
        ("admin", "GET /api/me", ADDRESS),
        ("admin", "GET /api/orgs", ADDRESS),
    ]
    assert {e.detail["via"] for e in used} == {"api_token"}


def test_it_records_a_superuser_session_on_the_api_once_per_request(world):
    world.client(world.admin).get("/api/me")
    assert [(e.target, e.detail) for e in entries("superuser")] == [
        ("GET /api/me", {"via": "session"})
    ]


def test_it_leaves_other_people_s_api_requests_off_the_superuser_log(world, api):
    api(world.member_a).get("/api/me")
    assert entries("superuser") == []


def test_it_records_an_api_token_as_a_sign_in(world):
    api_token(Client(REMOTE_ADDR=ADDRESS), "member_a")
    [e] = entries("login")
    assert (e.actor, e.target, e.address, e.detail) == (
        "member_a",
        "member_a",
        ADDRESS,
        {"via": "api_token"},
    )


def test_it_does_not_call_the_superuser_s_own_sign_in_a_superuser_use(world):
    Client().post("/login/", {"username": "admin", "password": PASSWORD})
    assert [e.actor for e in entries("login")] == ["admin"]
    assert entries("superuser") == []


def test_it_refuses_to_change_or_delete_an_entry(db):
    e = entry_add(action="export", actor="member_a", target="x")
    e.target = "y"
    with pytest.raises(AppendOnly):
        e.save()
    with pytest.raises(AppendOnly):
        e.delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.filter(pk=e.pk).update(target="y")
    with pytest.raises(AppendOnly):
        AuditEntry.objects.all().delete()


def test_it_has_the_database_refuse_an_update(db):
    e = entry_add(action="export", actor="member_a", target="x")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute("UPDATE audit_auditentry SET target = 'y' WHERE id = %s", [e.pk])
    assert AuditEntry.objects.get(pk=e.pk).target == "x"


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_it_has_postgresql_refuse_deleting_a_recent_entry(db):
    e = entry_add(action="export", actor="member_a", target="x")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute("DELETE FROM audit_auditentry WHERE id = %s", [e.pk])
    assert AuditEntry.objects.filter(pk=e.pk).exists()


def test_it_purges_only_entries_past_retention(db, settings):
    settings.ORGLIFE_AUDIT_RETENTION_DAYS = 200
    now = timezone.now()
    old = AuditEntry.objects.create(action="login", actor="a", at=now - timedelta(days=201))
    kept = AuditEntry.objects.create(action="login", actor="b", at=now - timedelta(days=199))
    assert entries_purge(now=now) == 1
    assert set(AuditEntry.objects.values_list("pk", flat=True)) >= {kept.pk}
    assert not AuditEntry.objects.filter(pk=old.pk).exists()


def test_it_never_purges_inside_the_legal_minimum(db, settings):
    settings.ORGLIFE_AUDIT_RETENTION_DAYS = 30  # below the law: 180 days still apply
    e = AuditEntry.objects.create(action="login", actor="a", at=timezone.now() - timedelta(days=90))
    call_command("audit_purge", verbosity=0)
    assert AuditEntry.objects.filter(pk=e.pk).exists()


# -- reading ------------------------------------------------------------------------------


def test_it_shows_the_log_to_the_audit_seat_filtered_and_paginated(world, seats):
    for n in range(60):
        entry_add(action="export", actor="secretary_a", target=f"导出 {n}")
    entry_add(action="login", actor="member_b", target="member_b")
    c = world.client(seats.audit)
    r = c.get("/audit/", {"actor": "secretary", "action": "export"})
    assert r.status_code == 200
    assert r.context["page"].paginator.count == 60
    assert len(r.context["page"].object_list) == 50
    assert "导出 59" in r.content.decode()
    assert "member_b" not in r.content.decode()


@pytest.mark.parametrize("who", ["system", "security"])
def test_it_refuses_the_log_to_the_other_seats(world, seats, who):
    c = world.client(getattr(seats, who))
    assert c.get("/audit/").status_code == 403
    assert c.get("/audit/export.xlsx").status_code == 403


@pytest.mark.parametrize("who", ["admin", "reviewer", "secretary_a", "member_b"])
def test_it_refuses_the_log_to_everyone_else(world, who):
    c = world.client(getattr(world, who))
    assert c.get("/audit/").status_code == 403


def test_it_sends_anonymous_readers_to_sign_in(db):
    r = Client().get("/audit/")
    assert r.status_code == 302 and "/login/" in r["Location"]


def test_it_exports_the_log_as_text_never_as_formulas(world, seats):
    entry_add(action="export", actor="secretary_a", target='=HYPERLINK("http://x","y")')
    r = world.client(seats.audit).get("/audit/export.xlsx", {"action": "export"})
    from io import BytesIO

    ws = load_workbook(BytesIO(streamed(r))).active
    rows = list(ws.iter_rows(values_only=False))
    assert [c.value for c in rows[0]] == ["时间", "操作人", "事件", "对象", "地址", "详情"]
    target = rows[1][3]
    assert target.value.startswith("=HYPERLINK") and target.data_type == "s"
    # The export itself is on the log.
    assert AuditEntry.objects.filter(action="export", actor="auditor").exists()


def test_it_streams_the_export_in_constant_queries_from_a_write_only_sheet(world, seats):
    """10 or 200 entries: the same queries, one write-only sheet, a file streamed from disk."""
    from io import BytesIO

    from orglife.audit import exports

    made = []

    def spy(*args, **kwargs):
        made.append(Workbook(*args, **kwargs))
        return made[-1]

    def grow(n: int) -> None:
        have = AuditEntry.objects.filter(target__startswith="导出").count()
        for i in range(have, n):
            entry_add(action="export", actor="secretary_a", target=f"导出 {i}")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(exports, "Workbook", spy)
        assert_constant_queries(world.client(seats.audit), "/audit/export.xlsx", grow)
    assert made and all(wb.write_only for wb in made)
    r = world.client(seats.audit).get("/audit/export.xlsx", {"actor": "secretary_a"})
    rows = list(load_workbook(BytesIO(streamed(r))).active.iter_rows(values_only=True))
    assert len(rows) == 1 + 200


def test_it_purges_through_the_orglife_command(db, capsys):
    from orglife.cli import main

    old = AuditEntry.objects.create(
        action="login", actor="a", at=timezone.now() - timedelta(days=400)
    )
    assert main(["audit-purge"]) == 0
    assert "purged 1" in capsys.readouterr().out
    assert not AuditEntry.objects.filter(pk=old.pk).exists()
