import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from orglife.copycheck import copycheck
from orglife.copycheck.models import ReferenceText, SimilarityDocument
from orglife.documents.parse import parse_text
from orglife.materials.models import InspectionMaterial
from orglife.materials.services import material_create
from tests.similarity.synthetic import SyntheticCorpus

CORPUS = SyntheticCorpus(12, seed=7)


def body(i: int) -> list[str]:
    """The material's own paragraphs: the synthetic corpus's shared template lines dropped."""
    lines = CORPUS.text(i).split("\n")
    return [line for line in lines[4:] if len(line) > 100]


def text(i: int, title: str) -> str:
    return "\n".join([title, "一、存在的问题", *body(i)])


def file(world, user, org, body, year_title, kind="individual"):
    m = parse_text(body)
    record = material_create(actor=user, org=org, material=m, kind=kind)
    InspectionMaterial.objects.filter(pk=record.pk).update(year=int(year_title))
    record.refresh_from_db()
    return record


@pytest.fixture
def materials(world):
    """member_a copies a paragraph of committee_a's 2024 material; member_b's is unrelated."""
    own = text(1, "2024年组织生活会个人对照检查材料")
    paragraph = body(2)[3]
    copied = text(3, "2024年组织生活会个人对照检查材料") + "\n" + paragraph
    a = file(
        world, world.committee_a, world.branch_a, text(2, "2024年组织生活会个人对照检查材料"), 2024
    )
    b = file(world, world.member_a, world.branch_a, copied, 2024)
    c = file(world, world.member_b, world.branch_b, own, 2024)
    return {"source": a, "copy": b, "other": c, "paragraph": paragraph}


def test_it_fingerprints_a_material_once_when_it_is_filed(materials):
    assert SimilarityDocument.objects.count() == 3
    doc = SimilarityDocument.objects.get(material=materials["copy"])
    assert len(bytes(doc.hashes)) // 8 > 20  # one row: the fingerprints as a record


def test_it_finds_a_copied_paragraph_and_locates_it_in_both(world, materials):
    pairs = copycheck.suspect_pairs(
        user=world.secretary_a, materials=InspectionMaterial.objects.filter(year=2024)
    )
    assert len(pairs) == 1
    p = pairs[0]
    assert {p.a.material, p.b.material} == {materials["source"], materials["copy"]}
    assert p.kind == "same_meeting"
    passage = p.result.passages[0]
    text_a, text_b = copycheck.pair_texts(p.a, p.b)
    assert text_a[passage.a_start : passage.a_end] == text_b[passage.b_start : passage.b_end]
    assert passage.a_end - passage.a_start >= 50


def test_it_never_compares_with_materials_the_person_may_not_see(world, materials):
    visible = InspectionMaterial.objects.filter(org=world.branch_b)
    pairs = copycheck.suspect_pairs(
        user=world.secretary_b, materials=InspectionMaterial.objects.all()
    )
    assert pairs == [] and visible.count() == 1


def test_it_compares_with_the_branch_s_earlier_years(world, materials):
    InspectionMaterial.objects.filter(pk=materials["source"].pk).update(year=2023)
    pairs = copycheck.suspect_pairs(
        user=world.reviewer, materials=InspectionMaterial.objects.filter(year=2024)
    )
    assert [p.kind for p in pairs] == ["earlier_year"]
    assert pairs[0].a.material == materials["copy"]


def test_it_compares_with_the_reference_corpus(world, materials):
    ref = ReferenceText.objects.create(
        title="范文",
        text="\n".join([*body(5), body(1)[2]]),
        uploaded_by=world.admin,
    )
    pairs = copycheck.suspect_pairs(
        user=world.reviewer, materials=InspectionMaterial.objects.filter(org=world.branch_b)
    )
    assert [(p.kind, p.b.reference) for p in pairs] == [("reference", ref)]


def test_it_ranks_pairs_on_the_page_for_the_reviewer(world, materials):
    page = world.client(world.reviewer).get("/review/similar/?year=2024").content.decode()
    assert "本支部同年度材料之间" in page and "对照查看" in page


def test_it_explains_a_pair_under_the_threshold_and_every_figure(world, materials):
    page = world.client(world.reviewer).get("/review/similar/?year=2024").content.decode()
    # The copied paragraph is a small part of the material: listed for the passage alone.
    assert "低于阈值，因有雷同段落列出" in page
    assert "包含度：较短一份材料有多大比例出现在另一份中" in page
    assert "相似度：" in page and "雷同段落：" in page


def test_it_labels_a_pair_across_branches_as_such(world, materials):
    copied = text(6, "2024年组织生活会个人对照检查材料") + "\n" + body(2)[5]  # from branch A
    file(world, world.secretary_b, world.branch_b, copied, 2024)
    pairs = copycheck.suspect_pairs(
        user=world.reviewer, materials=InspectionMaterial.objects.filter(year=2024)
    )
    labels = {p.kind_label for p in pairs}
    assert "不同支部同年度材料之间" in labels and "同次材料之间" not in labels


@pytest.mark.parametrize("user", ["member_a", "member_b"])
def test_it_has_no_copy_check_page_for_members(world, materials, user):
    assert world.client(getattr(world, user)).get("/review/similar/").status_code == 404


def test_it_shows_the_shared_passage_side_by_side(world, materials):
    a, b = f"m{materials['copy'].pk}", f"m{materials['source'].pk}"
    page = world.client(world.secretary_a).get(f"/review/similar/compare/{a}/{b}/").content.decode()
    assert '<span class="passage">' in page
    assert materials["paragraph"][10:30] in page


def test_it_hides_the_comparison_from_an_outsider(world, materials):
    a, b = f"m{materials['copy'].pk}", f"m{materials['source'].pk}"
    assert (
        world.client(world.secretary_b).get(f"/review/similar/compare/{a}/{b}/").status_code == 404
    )
    assert (
        world.client(world.secretary_b).get(f"/review/similar/compare/{a}/x1/").status_code == 404
    )


def test_it_lets_only_the_admin_add_reference_texts(world):
    data = SimpleUploadedFile("范文.txt", "\n".join(body(4)).encode())
    r = world.client(world.reviewer).post("/review/similar/references/", {"file": data})
    assert r.status_code == 404 and not ReferenceText.objects.exists()
    data = SimpleUploadedFile("范文.txt", "\n".join(body(4)).encode())
    r = world.client(world.admin).post(
        "/review/similar/references/", {"file": data, "source": "网站"}
    )
    assert r.status_code == 302
    ref = ReferenceText.objects.get()
    assert ref.source == "网站" and ref.similarity.length > 0


def test_it_says_a_bad_reference_file_is_bad(world):
    data = SimpleUploadedFile("x.docx", b"not a zip")
    r = world.client(world.admin).post("/review/similar/references/", {"file": data}, follow=True)
    assert r.status_code == 200 and "alert-danger" in r.content.decode()
    assert not ReferenceText.objects.exists()


def test_it_does_not_count_what_most_stored_materials_share(world):
    """A template paragraph shared by most of the corpus (any branch) is boilerplate."""
    template = "我们要进一步增强责任担当，把每一项工作都抓细抓实，切实解决群众急难愁盼问题，推动各项工作落地见效，以实际行动诠释初心使命。"
    for i in range(12):
        org, user = (world.branch_b, world.member_b) if i % 2 else (world.branch_a, world.member_a)
        file(
            world,
            user,
            org,
            "\n".join(["个人对照检查材料", "一、存在的问题", *body(i), template]),
            2024,
        )
    pairs = copycheck.suspect_pairs(
        user=world.secretary_a, materials=InspectionMaterial.objects.filter(org=world.branch_a)
    )
    assert pairs == []
