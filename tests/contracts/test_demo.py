"""The demo organization (docs/contracts.md, "Demo organization"): accounts, passwords, idempotency."""

from __future__ import annotations

import io
import sqlite3

import pytest
from django.apps import apps
from django.test import Client

from orglife.documents.model import Material
from orglife.documents.parse import parse_file
from orglife.orgs.models import Membership, Organization, User
from orglife.site.demo import load_demo
from tests.contracts.conftest import SEED, orglife

ACCOUNTS = [
    "admin",
    "reviewer",
    "secretary_a",
    "committee_a",
    "member_a",
    "secretary_b",
    "member_b",
]
PASSWORD = "contract-demo-7781"


@pytest.fixture
def demo(db, monkeypatch, media):
    monkeypatch.setenv("ORGLIFE_DEMO_PASSWORD", PASSWORD)
    out = io.StringIO()
    load_demo(out=out)
    return out.getvalue()


def _snapshot() -> dict:
    """Every row of every orglife model, as plain values."""
    rows = {}
    for model in apps.get_models():
        if not model.__module__.startswith("orglife."):
            continue
        fields = [f.attname for f in model._meta.concrete_fields]
        rows[model._meta.label] = sorted(
            (tuple(map(repr, r)) for r in model.objects.values_list(*fields)), key=str
        )
    return rows


def _token(username: str, password: str) -> Client | None:
    r = Client().post(
        "/api/auth/token",
        {"username": username, "password": password},
        content_type="application/json",
    )
    if r.status_code != 200:
        return None
    return Client(headers={"Authorization": f"Bearer {r.json()['token']}"})


@pytest.mark.parametrize("username", ACCOUNTS)
def test_every_account_signs_in_with_the_env_password(demo, username):
    assert _token(username, PASSWORD) is not None
    assert _token(username, PASSWORD + "x") is None


def test_the_env_password_is_never_printed(demo):
    assert PASSWORD not in demo


def test_it_builds_a_committee_with_two_branches(demo):
    committee = Organization.objects.get(name="机关党委")
    assert committee.kind == Organization.Kind.PARTY_COMMITTEE
    branches = Organization.objects.filter(parent=committee)
    assert sorted(b.name for b in branches) == ["第一党支部", "第二党支部"]
    assert all(b.kind == Organization.Kind.BRANCH for b in branches)


@pytest.mark.parametrize(
    ("username", "org", "role"),
    [
        ("reviewer", "机关党委", "reviewer"),
        ("secretary_a", "第一党支部", "secretary"),
        ("member_a", "第一党支部", "member"),
        ("secretary_b", "第二党支部", "secretary"),
        ("member_b", "第二党支部", "member"),
    ],
)
def test_each_account_sits_where_design_says(demo, username, org, role):
    seats = {
        (m.organization.name, m.role) for m in Membership.objects.filter(user__username=username)
    }
    assert (org, role) in seats


def test_committee_a_is_a_committee_member_of_branch_a(demo):
    seats = Membership.objects.filter(user__username="committee_a")
    assert {m.organization.name for m in seats} == {"第一党支部"}
    assert all(m.role in {str(r) for r in Membership.COMMITTEE_MEMBER_SEATS} for m in seats)


def test_admin_is_the_superuser(demo):
    assert User.objects.get(username="admin").is_superuser


@pytest.mark.parametrize("branch", ["第一党支部", "第二党支部"])
def test_each_branch_has_a_secretary_committee_members_and_members(demo, branch):
    roles = set(Membership.objects.filter(organization__name=branch).values_list("role", flat=True))
    assert "secretary" in roles
    assert roles & {str(r) for r in Membership.COMMITTEE_MEMBER_SEATS} - {"secretary"}
    assert "member" in roles


def test_the_api_shows_each_account_its_part_of_the_tree(demo):
    names = {
        u: {o["name"] for o in _token(u, PASSWORD).get("/api/orgs").json()}
        for u in ("reviewer", "secretary_a", "member_b")
    }
    assert names["reviewer"] == {"机关党委", "第一党支部", "第二党支部"}
    assert names["secretary_a"] == {"第一党支部"}
    assert names["member_b"] == {"第二党支部"}


def test_the_seed_is_branch_as_2023_material(demo):
    from orglife.materials.models import InspectionMaterial

    materials = InspectionMaterial.objects.filter(org__name="第一党支部", year=2023, kind="branch")
    assert materials.count() == 1
    m = materials.get()
    assert m.meeting is not None and m.meeting.year == 2023
    # The stored structure may keep layout hints; the material itself is the seed's.
    assert Material.from_dict(m.structure).to_dict() == parse_file(SEED).to_dict()


def test_branch_a_has_ledger_items_from_the_seed_and_b_sees_none(demo):
    items = _token("secretary_a", PASSWORD).get("/api/ledger/items").json()
    assert items and all(i["org_name"] == "第一党支部" for i in items if "org_name" in i)
    branch_a = Organization.objects.get(name="第一党支部").pk
    assert {i["org"] for i in items} == {branch_a}
    hidden = _token("member_b", PASSWORD).get(f"/api/ledger/items/{items[0]['id']}")
    assert hidden.status_code == 404


def test_running_it_again_changes_nothing(demo, monkeypatch):
    before = _snapshot()
    monkeypatch.setenv("ORGLIFE_DEMO_PASSWORD", "another-password")
    load_demo(out=io.StringIO())
    monkeypatch.delenv("ORGLIFE_DEMO_PASSWORD")
    out = io.StringIO()
    load_demo(out=out)
    assert _snapshot() == before
    assert _token("member_a", PASSWORD) is not None
    assert _token("member_a", "another-password") is None


def test_a_generated_password_is_printed_once_and_works_for_every_account(db, monkeypatch, media):
    monkeypatch.delenv("ORGLIFE_DEMO_PASSWORD", raising=False)
    first = io.StringIO()
    load_demo(out=first)
    candidates = {
        word.strip("：: ")
        for line in first.getvalue().splitlines()
        for word in line.split()
        if len(word.strip("：: ")) >= 8
    }
    passwords = [p for p in candidates if User.objects.get(username="member_a").check_password(p)]
    assert len(passwords) == 1, first.getvalue()
    (password,) = passwords
    for username in ACCOUNTS:
        assert User.objects.get(username=username).check_password(password), username
    again = io.StringIO()
    load_demo(out=again)
    assert password not in again.getvalue()


# -- the command itself, on its own database ---------------------------------------------------


def _db_rows(path) -> dict:
    con = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            if not r[0].startswith(("sqlite_", "django_session"))
        ]
        return {t: sorted(map(repr, con.execute(f'SELECT * FROM "{t}"'))) for t in tables}
    finally:
        con.close()


def test_the_command_loads_the_demo_once(tmp_path):
    env = {
        "ORGLIFE_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "DATABASE_URL": None,
        "ORGLIFE_DEMO_PASSWORD": PASSWORD,
    }
    first = orglife("demo", env=env)
    assert first.code == 0, first.err
    assert "Traceback" not in first.err
    db_file = tmp_path / "var" / "orglife.sqlite3"
    assert db_file.exists()
    rows = _db_rows(db_file)
    assert any(rows.values())
    second = orglife("demo", env=env | {"ORGLIFE_DEMO_PASSWORD": "changed-pass-1"})
    assert second.code == 0, second.err
    assert _db_rows(db_file) == rows
    assert PASSWORD not in first.out + first.err


def _password_hashes(path) -> dict[str, str]:
    con = sqlite3.connect(path)
    try:
        table = User._meta.db_table
        return dict(con.execute(f'SELECT username, password FROM "{table}"'))
    finally:
        con.close()


def test_the_command_prints_a_generated_password_once(tmp_path):
    from django.contrib.auth import hashers

    known = {
        h.algorithm: h()
        for h in (
            hashers.PBKDF2PasswordHasher,
            hashers.PBKDF2SHA1PasswordHasher,
            hashers.Argon2PasswordHasher,
            hashers.BCryptSHA256PasswordHasher,
            hashers.ScryptPasswordHasher,
            hashers.MD5PasswordHasher,
        )
    }

    env = {
        "ORGLIFE_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "DATABASE_URL": None,
        "ORGLIFE_DEMO_PASSWORD": None,
    }
    first = orglife("demo", env=env)
    assert first.code == 0, first.err
    hashes = _password_hashes(tmp_path / "var" / "orglife.sqlite3")

    def works(username: str, password: str) -> bool:
        encoded = hashes[username]
        hasher = known.get(encoded.split("$", 1)[0])
        return hasher is not None and hasher.verify(password, encoded)

    words = {w.strip("：:，,。 ") for w in first.out.split()}
    found = [w for w in words if len(w) >= 6 and works("member_a", w)]
    assert len(found) == 1, first.out
    for username in ACCOUNTS:
        assert works(username, found[0]), username
    second = orglife("demo", env=env)
    assert second.code == 0
    assert found[0] not in second.out + second.err
