import io

import openpyxl

from orglife.orgs.models import Membership, User
from orglife.orgs.roster import roster_import

HEAD = ["姓名", "性别", "出生日期", "入党日期", "联系电话", "职务"]


def xlsx(rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_bytes(rows, encoding="utf-8-sig"):
    return "\n".join(",".join(r) for r in rows).encode(encoding)


def test_it_imports_an_xlsx_roster(world):
    data = xlsx(
        [
            HEAD,
            ["赵一", "男", "1980-01-02", "2005/07/01", "13900000001", "党员"],
            ["钱二", "女", "1990年3月", "", "", "宣传委员"],
        ]
    )
    result = roster_import(
        org=world.branch_a, actor=world.secretary_a, filename="名册.xlsx", data=data
    )
    assert result.ok and result.created == 2
    zhao = User.objects.get(name="赵一")
    assert zhao.username == "zhaoyi" and not zhao.has_usable_password()
    assert str(zhao.join_date) == "2005-07-01"
    assert Membership.objects.filter(
        user__name="钱二", role="propaganda", organization=world.branch_a
    ).exists()


def test_it_imports_a_gbk_csv(world):
    data = csv_bytes([HEAD, ["孙三", "男", "1985-05-05", "2010-01-01", "", "党员"]], "gb18030")
    result = roster_import(org=world.branch_a, actor=world.secretary_a, filename="r.csv", data=data)
    assert result.ok and User.objects.filter(name="孙三").exists()


def test_it_imports_nothing_when_one_row_is_wrong(world):
    data = xlsx(
        [
            HEAD,
            ["李四", "男", "1980-01-02", "", "", "党员"],
            ["周五", "未知", "不是日期", "", "", "司令"],
        ]
    )
    result = roster_import(
        org=world.branch_a, actor=world.secretary_a, filename="r.xlsx", data=data
    )
    assert not result.ok
    assert not User.objects.filter(name="李四").exists()
    assert result.errors[0].startswith("第3行")
    assert (
        "性别" in result.errors[0] and "出生日期" in result.errors[0] and "职务" in result.errors[0]
    )


def test_it_reports_a_missing_name_column(world):
    data = xlsx([["名称", "性别"], ["x", "男"]])
    result = roster_import(
        org=world.branch_a, actor=world.secretary_a, filename="r.xlsx", data=data
    )
    assert "姓名" in result.errors[0]


def test_it_updates_people_already_on_the_roster(world):
    data = xlsx([HEAD, ["吴六", "男", "", "", "13900000009", "党员"]])
    roster_import(org=world.branch_a, actor=world.secretary_a, filename="r.xlsx", data=data)
    data = xlsx([HEAD, ["吴六", "男", "1970-01-01", "", "13900000009", "党员"]])
    result = roster_import(
        org=world.branch_a, actor=world.secretary_a, filename="r.xlsx", data=data
    )
    assert result.updated == 1 and result.created == 0
    assert User.objects.filter(name="吴六").count() == 1


def test_it_refuses_duplicate_rows(world):
    data = xlsx(
        [
            HEAD,
            ["郑七", "男", "", "", "13900000007", "党员"],
            ["郑七", "男", "", "", "13900000007", "党员"],
        ]
    )
    result = roster_import(
        org=world.branch_a, actor=world.secretary_a, filename="r.xlsx", data=data
    )
    assert "重复" in result.errors[0]


def test_it_shows_row_errors_on_the_page_and_keeps_data(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = xlsx([HEAD, ["王八", "男", "abc", "", "", "党员"]])
    r = world.client(world.secretary_a).post(
        f"/orgs/{world.branch_a.pk}/import/", {"file": SimpleUploadedFile("r.xlsx", data)}
    )
    assert r.status_code == 200 and "第2行" in r.content.decode()


def test_it_says_a_renamed_file_is_not_excel(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = world.client(world.secretary_a).post(
        f"/orgs/{world.branch_a.pk}/import/",
        {"file": SimpleUploadedFile("r.xlsx", b"%PDF-1.4 junk")},
    )
    assert r.status_code == 200 and "无法读取该 Excel 文件" in r.content.decode()


def test_it_redirects_to_the_roster_after_a_good_import(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = xlsx([HEAD, ["冯九", "女", "", "", "", "党员"]])
    r = world.client(world.secretary_a).post(
        f"/orgs/{world.branch_a.pk}/import/", {"file": SimpleUploadedFile("r.xlsx", data)}
    )
    assert r.status_code == 302 and User.objects.filter(name="冯九").exists()


def test_it_refuses_an_import_from_an_outsider(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = xlsx([HEAD, ["陈十", "女", "", "", "", "党员"]])
    r = world.client(world.secretary_b).post(
        f"/orgs/{world.branch_a.pk}/import/", {"file": SimpleUploadedFile("r.xlsx", data)}
    )
    assert r.status_code == 404 and not User.objects.filter(name="陈十").exists()


def test_it_imports_email_so_reminders_reach_imported_people(world):
    data = xlsx(
        [
            [*HEAD, "电子邮箱"],
            ["孙三", "男", "", "", "", "党员", "sunsan@example.cn"],
            ["孙叁", "女", "", "", "13900000009", "党员", ""],
        ]
    )
    result = roster_import(
        org=world.branch_a, actor=world.secretary_a, filename="名册.xlsx", data=data
    )
    assert result.ok, result.errors
    first, second = User.objects.filter(name__startswith="孙").order_by("pk")
    assert first.email == "sunsan@example.cn"
    # Readable sign-in names from the name's pinyin, a number where one is taken.
    assert (first.username, second.username) == ("sunsan", "sunsan2")


def test_it_says_which_email_is_wrong(world):
    data = xlsx([[*HEAD, "邮箱"], ["周四", "男", "", "", "", "党员", "not-an-email"]])
    result = roster_import(
        org=world.branch_a, actor=world.secretary_a, filename="名册.xlsx", data=data
    )
    assert not result.ok and "电子邮箱“not-an-email”格式不对" in result.errors[0]


def test_it_offers_an_email_column_in_the_template(world, client):
    client.force_login(world.secretary_a)
    response = client.get("/orgs/roster-template.xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert "电子邮箱" in [c.value for c in ws[1]]


def test_it_gives_readable_sign_in_names_without_personal_data(world):
    """Namesakes stay two people (zhengkai, zhengkai2); a rare character is read when
    pypinyin knows it (𪚥 zhe) and left out when nothing does (𱁬); no birth date."""
    births = ["1988-12-02", "1975-03-09", "1990-07-21", "1983-05-30", "1969-11-11"]
    data = xlsx(
        [
            HEAD,
            ["郑凯", "男", births[0], "2014-04-18", "13900000021", "党员"],
            ["郑凯", "男", births[1], "2001-07-01", "13900000022", "党员"],
            ["王𪚥", "女", births[2], "2016-06-30", "", "党员"],
            ["曾小凡", "女", births[3], "2008-05-04", "", "党员"],
            ["李𱁬", "男", births[4], "1992-10-01", "", "党员"],
        ]
    )
    result = roster_import(
        org=world.branch_a, actor=world.secretary_a, filename="名册.xlsx", data=data
    )
    assert result.ok and result.created == 5, result.errors
    people = {u.phone or u.name: u.username for u in User.objects.filter(birth_date__isnull=False)}
    assert people == {
        "13900000021": "zhengkai",
        "13900000022": "zhengkai2",
        "王𪚥": "wangzhe",
        "曾小凡": "zengxiaofan",  # 曾 read as a surname, not ceng
        "李𱁬": "li",
    }
    for username in people.values():
        assert username.isascii() and username == username.lower()
        assert not any(part in username for b in births for part in b.split("-"))
