"""The three lists as .xlsx, opened back with openpyxl (STYLE.md rule 10)."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from orglife.ledger import services
from tests.downloads import streamed
from tests.ledger.factories import closed_item, make_item, move


def _open(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "attachment" in response["Content-Disposition"]
    return load_workbook(io.BytesIO(streamed(response))).active


@pytest.fixture
def ledger(world):
    a = closed_item(world, title="理论学习不够全面透彻", funds="1500")
    b = make_item(world, title="调查研究不够经常", category="work_style", measures="每季度调研")
    b = move(b, (world.member_a, "start", ""))
    req = services.item_extension_request(
        item=b, actor=world.member_a, new_deadline=date(2024, 2, 10), reason="跨月安排"
    )
    services.item_extension_decide(request=req, actor=world.secretary_a, approve=True)
    return a, b


@pytest.mark.parametrize(
    ("kind", "title", "headers"),
    [
        ("problems", "问题清单", ["序号", "问题来源", "问题类别", "问题", "问题表现"]),
        ("rectification", "整改清单", ["序号", "问题", "整改措施", "整改类型", "责任人"]),
        ("effects", "实效清单", ["序号", "问题", "整改措施", "佐证材料", "整改实效"]),
    ],
)
def test_it_exports_each_list_in_the_office_layout(world, api, ledger, kind, title, headers):
    ws = _open(
        api(world.member_a).get(f"/api/ledger/export?org={world.branch_a.pk}&list={kind}&year=2023")
    )
    assert ws["A1"].value == f"第一党支部2023年组织生活会{title}"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert f"A1:{ws.cell(row=3, column=ws.max_column).column_letter}1" in merged
    assert [ws.cell(row=3, column=i).value for i in range(1, len(headers) + 1)] == headers
    assert [ws.cell(row=r, column=1).value for r in (4, 5)] == [1, 2]  # numbered rows
    assert ws.cell(row=6, column=1).value is None
    assert ws.cell(row=4, column=2).alignment.wrap_text
    assert ws.cell(row=4, column=2).border.left.style == "thin"
    assert ws.column_dimensions["A"].width == 6
    assert ws.row_dimensions[4].height >= 18  # rows grown for their wrapped text
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9  # A4
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$3:$3"


def test_it_fills_the_rectification_list_with_the_five_fixes(world, api, ledger):
    ws = _open(
        api(world.secretary_a).get(f"/api/ledger/export?org={world.branch_a.pk}&list=rectification")
    )
    headers = [c.value for c in ws[3]]
    row = dict(zip(headers, [c.value for c in ws[5]], strict=True))
    assert row["问题"] == "调查研究不够经常" and row["整改措施"] == "每季度调研"
    assert row["责任人"] == "member_a" and row["责任领导"] == "committee_a"
    assert row["完成时限"].startswith("2024-02-10") and "原定 2024-01-20" in row["完成时限"]
    first = dict(zip(headers, [c.value for c in ws[4]], strict=True))
    assert first["资金（元）"] == 1500 and first["状态"] == "已销号"


def test_it_lists_evidence_and_effect_in_the_effects_list(world, api, ledger):
    ws = _open(api(world.member_a).get(f"/api/ledger/export?org={world.branch_a.pk}&list=effects"))
    headers = [c.value for c in ws[3]]
    row = dict(zip(headers, [c.value for c in ws[4]], strict=True))
    assert row["佐证材料"] == "photo.png" and row["验收人"] == "secretary_a"
    assert row["整改实效"].startswith("每月专题研讨") and row["是否按期"] == "按期"


def test_it_refuses_an_unknown_list_with_422(world, api):
    r = api(world.member_a).get(f"/api/ledger/export?org={world.branch_a.pk}&list=bogus")
    assert r.status_code == 422 and "清单" in r.json()["detail"]


def test_it_exports_from_the_page_too(world, ledger):
    c = world.client(world.member_a)
    ws = _open(c.get(f"/ledger/export.xlsx?org={world.branch_a.pk}&list=problems"))
    assert ws.max_row == 5
    assert c.get(f"/ledger/export.xlsx?org={world.branch_a.pk}&list=bogus").status_code == 422
    assert (
        world.client(world.member_b)
        .get(f"/ledger/export.xlsx?org={world.branch_a.pk}&list=problems")
        .status_code
        == 404
    )


def test_it_grows_a_row_for_a_long_problem(world, api):
    make_item(world, description="理论学习不够全面透彻。" * 30)
    ws = _open(api(world.member_a).get(f"/api/ledger/export?org={world.branch_a.pk}&list=problems"))
    # 330 CJK characters in a column 56 wide need about 12 lines.
    assert ws.row_dimensions[4].height >= 14 * 12


def test_it_shows_the_registration_day_in_beijing_time_on_the_page_and_in_excel(world, api, client):
    from datetime import UTC, datetime

    from orglife.ledger.models import RectificationItem

    item = make_item(world, funds="2000")
    # 07:30 in Beijing on 1 January is still 31 December in UTC.
    RectificationItem.objects.filter(pk=item.pk).update(
        created_at=datetime(2023, 12, 31, 23, 30, tzinfo=UTC)
    )
    ws = _open(api(world.member_a).get(f"/api/ledger/export?org={world.branch_a.pk}&list=problems"))
    headers = [c.value for c in ws[3]]
    assert dict(zip(headers, [c.value for c in ws[4]], strict=True))["登记日期"] == "2024-01-01"
    client.force_login(world.member_a)
    page = client.get(f"/ledger/lists/problems/?org={world.branch_a.pk}").content.decode()
    assert "2024-01-01" in page and "2023-12-31" not in page


def test_it_writes_money_one_way_on_pages_and_in_excel(world, api, client):
    item = make_item(world, funds="2000")
    ws = _open(
        api(world.member_a).get(f"/api/ledger/export?org={world.branch_a.pk}&list=rectification")
    )
    headers = [c.value for c in ws[3]]
    cell = ws.cell(row=4, column=headers.index("资金（元）") + 1)
    assert cell.value == 2000 and cell.number_format == '#,##0.00" 元"'
    client.force_login(world.member_a)
    listing = client.get(f"/ledger/lists/rectification/?org={world.branch_a.pk}")
    assert "2,000.00 元" in listing.content.decode()
    detail = client.get(f"/ledger/{item.pk}/").content.decode()
    assert "2,000.00 元" in detail and "2000.0" not in detail


def test_it_gives_one_item_one_number_in_the_list_the_page_and_excel(world, api, client):
    make_item(world, title="先登记的事项")
    item = make_item(world, title="后登记的事项")
    client.force_login(world.member_a)
    listing = client.get(f"/ledger/?org={world.branch_a.pk}").content.decode()
    row = listing[listing.index("后登记的事项") - 200 : listing.index("后登记的事项")]
    assert f">{item.pk}</td>" in row
    assert f"事项 {item.pk}" in client.get(f"/ledger/{item.pk}/").content.decode()
    ws = _open(api(world.member_a).get(f"/api/ledger/export?org={world.branch_a.pk}&list=effects"))
    headers = [c.value for c in ws[3]]
    ids = [ws.cell(row=r, column=headers.index("事项编号") + 1).value for r in (4, 5)]
    assert item.pk in ids
    assert api(world.member_a).get(f"/api/ledger/items/{item.pk}").json()["id"] == item.pk


def test_it_shows_a_reopened_item_as_it_is_now_in_the_effects_list(world, api, client):
    item = closed_item(world, title="重新整改的事项")
    move(item, (world.secretary_a, "reopen", "群众反映问题反弹"))
    ws = _open(api(world.member_a).get(f"/api/ledger/export?org={world.branch_a.pk}&list=effects"))
    headers = [c.value for c in ws[3]]
    row = dict(zip(headers, [c.value for c in ws[4]], strict=True))
    assert row["完成情况"] == "整改中" and not row["整改实效"] and not row["验收人"]
    client.force_login(world.member_a)
    page = client.get(f"/ledger/lists/effects/?org={world.branch_a.pk}").content.decode()
    assert "每月专题研讨已开展三次" not in page and "整改中" in page
    # The old verdict is not lost: the item's history keeps it.
    assert "每月专题研讨已开展三次" in client.get(f"/ledger/{item.pk}/").content.decode()


def test_it_keeps_what_done_means_on_the_item_in_forms_exports_and_the_api(world, api, client):
    criteria = "每月研讨有记录，年底前全员交流发言一次。"
    r = api(world.secretary_a).post(
        "/api/ledger/items",
        {"org": world.branch_a.pk, "title": "理论学习不深", "acceptance_criteria": criteria},
        content_type="application/json",
    )
    assert r.status_code in (200, 201), r.content
    body = r.json()
    assert body["acceptance_criteria"] == criteria and "measures" in body  # additive
    client.force_login(world.secretary_a)
    assert criteria in client.get(f"/ledger/{body['id']}/").content.decode()
    assert (
        'name="acceptance_criteria"' in client.get(f"/ledger/{body['id']}/edit/").content.decode()
    )
    ws = _open(
        api(world.member_a).get(f"/api/ledger/export?org={world.branch_a.pk}&list=rectification")
    )
    headers = [c.value for c in ws[3]]
    assert ws.cell(row=4, column=headers.index("整改标准") + 1).value == criteria
    patched = api(world.secretary_a).patch(
        f"/api/ledger/items/{body['id']}",
        {"acceptance_criteria": "全员交流发言", "version": body["version"]},
        content_type="application/json",
    )
    assert patched.json()["acceptance_criteria"] == "全员交流发言"
