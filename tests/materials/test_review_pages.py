import io
import re

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from orglife.materials.models import FindingDismissal, InspectionMaterial
from orglife.site.demo import load_demo

SEED_TEXT = (
    __import__("pathlib").Path(__file__).resolve().parents[2]
    / "src/orglife/site/data/2023-branch-self-inspection.txt"
).read_text(encoding="utf-8")


def docx_bytes(lines):
    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_it_checks_pasted_text_and_highlights_findings_in_place(world):
    r = world.client(world.member_a).post("/review/", {"text": SEED_TEXT})
    page = r.content.decode()
    assert r.status_code == 200
    assert '<mark class="f-error"' in page or '<mark class="f-warning"' in page
    assert "此此" in page and "审核意见" in page


def test_it_checks_an_uploaded_docx(world):
    data = docx_bytes(["个人对照检查材料", "一、存在的问题", "我在学习上存在此此不足。"])
    r = world.client(world.member_a).post("/review/", {"file": SimpleUploadedFile("a.docx", data)})
    assert r.status_code == 200 and "此此" in r.content.decode()


def test_it_explains_a_bad_upload_in_chinese(world):
    r = world.client(world.member_a).post(
        "/review/", {"file": SimpleUploadedFile("a.docx", b"%PDF-1.7 not a docx")}
    )
    assert r.status_code == 422 and 'class="alert alert-danger"' in r.content.decode()


def test_it_asks_for_input_when_nothing_is_given(world):
    r = world.client(world.member_a).post("/review/", {"text": "  "})
    assert "请上传" in r.content.decode()


def test_it_saves_a_material_and_shows_its_findings(world):
    c = world.client(world.secretary_a)
    r = c.post("/review/", {"text": SEED_TEXT, "save": "1", "org": world.branch_a.pk})
    record = InspectionMaterial.objects.get()
    assert r.status_code == 302 and r.url == f"/review/materials/{record.pk}/"
    assert record.kind == "branch" and record.year == 2023
    page = c.get(r.url).content.decode()
    assert "此此" in page and "下载公文格式 Word" in page


def test_it_refuses_to_file_a_material_in_another_branch(world):
    r = world.client(world.member_b).post(
        "/review/", {"text": SEED_TEXT, "save": "1", "org": world.branch_a.pk}
    )
    assert r.status_code == 404  # a branch out of sight, as every id of it
    assert not InspectionMaterial.objects.exists()


def test_it_asks_for_a_branch_when_none_is_chosen(world):
    r = world.client(world.member_b).post("/review/", {"text": SEED_TEXT, "save": "1"})
    assert r.status_code == 422 and "请选择材料所属的党组织" in r.content.decode()
    assert not InspectionMaterial.objects.exists()


def test_it_refuses_to_file_into_a_visible_organization_it_may_not_file_in(world):
    r = world.client(world.reviewer).post(
        "/review/", {"text": SEED_TEXT, "save": "1", "org": world.committee.pk}
    )
    assert r.status_code == 403 and "您不能把材料保存到该党组织" in r.content.decode()
    assert not InspectionMaterial.objects.exists()


@pytest.fixture
def filed(world):
    world.client(world.member_a).post(
        "/review/", {"text": SEED_TEXT, "save": "1", "org": world.branch_a.pk, "kind": "individual"}
    )
    return InspectionMaterial.objects.get()


def test_it_keeps_an_individual_material_from_other_members(world, filed):
    assert world.client(world.committee_a).get(f"/review/materials/{filed.pk}/").status_code == 404
    assert world.client(world.secretary_a).get(f"/review/materials/{filed.pk}/").status_code == 200
    assert world.client(world.reviewer).get(f"/review/materials/{filed.pk}/").status_code == 200


@pytest.mark.parametrize(
    "path", ["/review/materials/{pk}/", "/review/materials/{pk}/official.docx"]
)
def test_it_hides_a_material_from_an_outsider(world, filed, path):
    assert world.client(world.secretary_b).get(path.format(pk=filed.pk)).status_code == 404


def test_it_lists_only_visible_materials(world, filed):
    assert str(filed) in world.client(world.member_a).get("/review/materials/").content.decode()
    assert str(filed) not in world.client(world.member_b).get("/review/materials/").content.decode()


def test_it_dismisses_a_finding_with_a_reason_and_keeps_it_dismissed(world, filed):
    from orglife.materials.services import material_check

    finding = material_check(filed).findings[0]
    c = world.client(world.member_a)
    r = c.post(
        f"/review/materials/{filed.pk}/dismiss/", {"key": finding.key(), "reason": "原文如此"}
    )
    assert r.status_code == 302
    d = FindingDismissal.objects.get()
    assert d.reason == "原文如此" and d.dismissed_by == world.member_a
    after = material_check(filed)
    assert finding.key() not in {f.key() for f in after.findings}
    assert finding.key() in {f.key() for f, _ in after.dismissed}
    assert "原文如此" in c.get(f"/review/materials/{filed.pk}/").content.decode()


def test_it_needs_a_reason_to_dismiss(world, filed):
    from orglife.materials.services import material_check

    finding = material_check(filed).findings[0]
    c = world.client(world.member_a)
    c.post(f"/review/materials/{filed.pk}/dismiss/", {"key": finding.key(), "reason": " "})
    assert not FindingDismissal.objects.exists()


def test_it_refuses_a_dismissal_from_an_outsider(world, filed):
    from orglife.materials.services import material_check

    finding = material_check(filed).findings[0]
    r = world.client(world.secretary_b).post(
        f"/review/materials/{filed.pk}/dismiss/", {"key": finding.key(), "reason": "x"}
    )
    assert r.status_code == 404 and not FindingDismissal.objects.exists()


def test_it_downloads_the_official_docx(world, filed):
    r = world.client(world.member_a).get(f"/review/materials/{filed.pk}/official.docx")
    assert r.status_code == 200
    d = docx.Document(io.BytesIO(r.content))
    assert d.paragraphs[0].text == "2023年主题教育专题组织生活会党支部对照检查材料"


def test_it_files_the_seed_in_the_demo(db, monkeypatch):
    monkeypatch.setenv("ORGLIFE_DEMO_PASSWORD", "demo-pass-2026")
    load_demo(out=io.StringIO())
    load_demo(out=io.StringIO())
    record = InspectionMaterial.objects.get(kind="branch", year=2023)
    assert record.org.name == "第一党支部" and record.meeting.year == 2023
    assert len(record.structure["sections"]) == 7
    # Last year's meeting: a branch material and three individual ones; this year's: three
    # individual ones so far (the meetings demo files them).
    assert InspectionMaterial.objects.filter(kind="branch").count() == 2
    assert InspectionMaterial.objects.filter(kind="individual").count() == 6


def test_it_shows_the_demo_copy_in_the_copy_check(db, monkeypatch):
    from orglife.copycheck.copycheck import suspect_pairs
    from orglife.orgs.models import User

    monkeypatch.setenv("ORGLIFE_DEMO_PASSWORD", "demo-pass-2026")
    load_demo(out=io.StringIO())
    pairs = suspect_pairs(
        user=User.objects.get(username="reviewer"), materials=InspectionMaterial.objects.all()
    )
    assert len(pairs) == 1
    assert "对台账资料整理用力较多" in pairs[0].result.passages[0].text


def test_it_checks_heading_numbers_as_written(world):
    """How a heading number was typed shows only in the source lines, which are kept."""
    text = "个人对照检查材料\n一、存在的问题\n(一)学习不够深入。我的学习不够系统。\n（二）作风不够扎实。调研不够经常。\n二、整改措施\n（一）加强学习。每周学习。\n（二）转变作风。每月调研。"
    c = world.client(world.member_a)
    page = c.post("/review/", {"text": text}).content.decode()
    assert 'data-rule="heading-style"' in page
    c.post("/review/", {"text": text, "save": "1", "org": world.branch_a.pk})
    record = InspectionMaterial.objects.get()
    assert record.source_lines[2].startswith("(一)")
    page = c.get(f"/review/materials/{record.pk}/").content.decode()
    assert 'data-rule="heading-style"' in page


def test_it_shows_heading_numbers_as_the_material_writes_them(world):
    page = world.client(world.member_a).post("/review/", {"text": SEED_TEXT}).content.decode()
    assert '<span class="text-body">三、</span>存在的问题与不足' in page
    assert '<span class="text-body">（一）</span>制定会议方案' in page


def test_it_checks_against_the_chosen_profile(world):
    text = "个人对照检查材料\n一、存在的问题\n学习不够深入，存在此此不足。"
    c = world.client(world.member_a)
    default = c.post("/review/", {"text": text}).content.decode()
    language = c.post("/review/", {"text": text, "profile": "language"}).content.decode()
    assert 'data-rule="required-section"' in default
    assert 'data-rule="required-section"' not in language
    assert 'data-rule="repeated-char"' in language
    assert re.search(r'<option value="language"[^>]*selected', language)
    assert not re.search(r'<option value="language"[^>]*selected', default)


def test_it_ignores_an_unknown_profile(world):
    r = world.client(world.member_a).post("/review/", {"text": SEED_TEXT, "profile": "nope"})
    assert r.status_code == 200 and 'data-rule="repeated-char"' in r.content.decode()


def test_it_saves_a_checked_material_from_the_result_page(world):
    c = world.client(world.secretary_a)
    data = docx_bytes(["个人对照检查材料", "一、存在的问题", "我在学习上存在此此不足。"])
    page = c.post("/review/", {"file": SimpleUploadedFile("张三.docx", data)}).content.decode()
    assert "保存到…" in page and 'action="/review/save/"' in page
    assert not InspectionMaterial.objects.exists()
    r = c.post("/review/save/", {"org": world.branch_a.pk, "kind": "individual"})
    record = InspectionMaterial.objects.get()
    assert r.status_code == 302 and r.url == f"/review/materials/{record.pk}/"
    assert record.source_name == "张三.docx" and record.kind == "individual"
    # Kept once: a second press files nothing more and says why.
    r = c.post("/review/save/", {"org": world.branch_a.pk}, follow=True)
    assert "审核结果已过期" in r.content.decode() and InspectionMaterial.objects.count() == 1


def test_it_refuses_to_save_a_checked_material_into_another_branch(world):
    c = world.client(world.member_b)
    c.post("/review/", {"text": SEED_TEXT})
    r = c.post("/review/save/", {"org": world.branch_a.pk})
    assert r.status_code == 404
    assert not InspectionMaterial.objects.exists()


def test_it_keeps_no_large_file_in_the_session(world, monkeypatch):
    monkeypatch.setattr("orglife.materials.views.MAX_KEPT_BYTES", 10)
    c = world.client(world.secretary_a)
    page = c.post("/review/", {"text": SEED_TEXT}).content.decode()
    assert "保存到…" not in page and "未能暂存审核结果" in page
