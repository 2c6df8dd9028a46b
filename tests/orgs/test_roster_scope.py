"""Issue 10.2: a roster import never reaches outside its branch.

The 用户名, phone and name of a row are matched only among people already seated in the
branch (or its groups); anyone else is a new person or a refused row, never renamed,
reseated or overwritten. Also: zip checks for the .xlsx, over-long values, concurrency.
"""

from __future__ import annotations

import io
import threading
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from orglife.orgs import roster
from orglife.orgs.models import Membership, Organization, User
from orglife.orgs.roster import roster_import
from tests.factories import MembershipFactory, OrganizationFactory
from tests.orgs.test_roster import xlsx

HEAD = ["姓名", "性别", "出生日期", "入党日期", "联系电话", "职务", "用户名"]
VICTIMS = ["secretary_a", "admin", "reviewer", "member_a", "committee_a"]


def _snapshot(user: User) -> tuple:
    user.refresh_from_db()
    seats = sorted(user.memberships.values_list("organization_id", "role"))
    return (user.name, user.phone, user.birth_date, user.gender, seats)


def _post(world, user, org, data, name="r.xlsx"):
    return world.client(user).post(
        f"/orgs/{org.pk}/import/", {"file": SimpleUploadedFile(name, data)}
    )


@pytest.fixture
def victims(world):
    for username in VICTIMS:
        u = User.objects.get(username=username)
        u.phone, u.birth_date = "13900000000", date(1970, 1, 1)
        u.save()
    return {u: _snapshot(User.objects.get(username=u)) for u in VICTIMS}


@pytest.mark.parametrize("victim", VICTIMS)
@pytest.mark.parametrize("column", ["username", "name", "phone", "name+phone"])
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_it_never_touches_a_person_outside_the_branch(world, victims, victim, column, fmt):
    row = ["新人", "女", "1999-09-09", "", "13811112222", "书记", ""]
    if column == "username":
        row[6] = victim
    if "name" in column:
        row[0] = victim
    if "phone" in column:
        row[4] = "13900000000"
    data = (
        xlsx([HEAD, row]) if fmt == "xlsx" else "\n".join(",".join(r) for r in [HEAD, row]).encode()
    )
    result = roster_import(
        org=world.branch_b, actor=world.secretary_b, filename=f"r.{fmt}", data=data
    )
    for username, before in victims.items():
        assert _snapshot(User.objects.get(username=username)) == before, username
    victim_user = User.objects.get(username=victim)
    assert world.branch_b.pk not in set(
        victim_user.memberships.values_list("organization_id", flat=True)
    )
    if column == "username":
        assert not result.ok and "已被其他组织的人员使用" in result.errors[0]
    else:
        assert result.ok and result.created == 1
        new = User.objects.filter(memberships__organization=world.branch_b, name=row[0]).exclude(
            username__in=VICTIMS
        )
        assert new.count() == 1 and new.get().username.isascii()


def test_it_does_not_show_an_outsiders_data_on_the_branch_page(world, victims):
    data = xlsx([HEAD, ["secretary_a", "", "", "", "13900000000", "党员", "secretary_a"]])
    _post(world, world.secretary_b, world.branch_b, data)
    page = world.client(world.secretary_b).get(f"/orgs/{world.branch_b.pk}/").content.decode()
    assert "13900000000" not in page and "1970" not in page


def test_it_still_updates_people_of_the_branch_and_its_groups(world):
    group = OrganizationFactory(name="一组", kind=Organization.Kind.GROUP, parent=world.branch_a)
    MembershipFactory(user=world.member_a, organization=group)
    data = xlsx([HEAD, ["张改名", "男", "", "", "13700000000", "党员", "member_a"]])
    result = roster_import(
        org=world.branch_a, actor=world.secretary_a, filename="r.xlsx", data=data
    )
    assert result.ok and result.updated == 1 and result.created == 0
    world.member_a.refresh_from_db()
    assert world.member_a.name == "张改名" and world.member_a.phone == "13700000000"


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (["名" * 51, "", "", "", "", "党员", ""], "姓名过长"),
        (["名" * 500, "", "", "", "", "党员", ""], "姓名过长"),
        (["张三", "", "", "", "", "党员", "u" * 151], "用户名"),
        (["张三", "", "", "", "", "党员", "有 空格"], "用户名"),
        (["张三", "", "", "", "", "党员", "a/b"], "用户名"),
    ],
)
def test_it_refuses_over_long_or_bad_values_as_rows_not_500(world, row, reason):
    r = _post(world, world.secretary_a, world.branch_a, xlsx([HEAD, row]))
    assert r.status_code == 200 and reason in r.content.decode()
    assert not User.objects.filter(name__startswith="名名").exists()


def _bomb(size: int = 60 * 1024 * 1024) -> bytes:
    good = xlsx([HEAD, ["张三", "", "", "", "", "党员", ""]])
    buf = io.BytesIO()
    with (
        zipfile.ZipFile(good and io.BytesIO(good)) as src,
        zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in src.infolist():
            out.writestr(info, src.read(info))
        out.writestr("xl/media/padding.bin", b"\0" * size)
    return buf.getvalue()


def _with_dtd() -> bytes:
    good = xlsx([HEAD, ["张三", "", "", "", "", "党员", ""]])
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/workbook.xml":
                body = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + body
            out.writestr(info, body)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (_bomb(), "压缩炸弹"),
        (_bomb(3 * 1024 * 1024), "压缩炸弹"),
        (_with_dtd(), "DOCTYPE"),
        (b"PK\x03\x04" + b"\0" * 100, "已损坏"),
    ],
)
def test_it_checks_the_xlsx_zip_like_a_docx(world, data, reason):
    r = _post(world, world.secretary_a, world.branch_a, data)
    assert r.status_code == 200 and reason in r.content.decode()
    assert not User.objects.filter(name="张三").exists()


def test_it_retries_a_sign_in_name_taken_meanwhile(world, monkeypatch):
    User.objects.create(username="taken")
    names = iter(["taken", "fresh"])
    monkeypatch.setattr(roster, "readable_username", lambda name: next(names))
    data = xlsx([HEAD, ["新同志", "", "", "", "", "党员", ""]])
    result = roster_import(
        org=world.branch_a, actor=world.secretary_a, filename="r.xlsx", data=data
    )
    assert result.ok and User.objects.get(name="新同志").username == "fresh"


@pytest.mark.skipif(
    "sqlite" in connection.settings_dict["ENGINE"], reason="concurrent writers: PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_it_survives_concurrent_imports_of_the_same_new_person():
    committee = OrganizationFactory(name="机关党委", kind=Organization.Kind.PARTY_COMMITTEE)
    branch = OrganizationFactory(name="第一党支部", parent=committee)
    other = OrganizationFactory(name="第二党支部", parent=committee)
    secretary = User.objects.create(username="sec")
    MembershipFactory(user=secretary, organization=committee, role=Membership.Role.SECRETARY)
    data = xlsx([HEAD, ["同一人", "男", "", "", "", "党员", ""]])
    errors: list[BaseException] = []
    barrier = threading.Barrier(6)

    def run(org):
        try:
            barrier.wait()
            roster_import(org=org, actor=secretary, filename="r.xlsx", data=data)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(o,)) for o in [branch, other] * 3]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert User.objects.filter(name="同一人", memberships__organization=branch).count() == 1
    assert User.objects.filter(name="同一人", memberships__organization=other).count() == 1
