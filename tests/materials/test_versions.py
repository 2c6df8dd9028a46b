"""Materials of a meeting: versions, stored findings, carried-over dismissals, review moves,
diff, and the copy check seeing only the latest version."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from orglife.copycheck.models import SimilarityDocument
from orglife.materials import services
from orglife.materials.models import FindingDismissal, InspectionMaterial, MaterialVersion
from orglife.meetings.services_plan import meeting_name_drafter
from tests.meetings.conftest import jpost

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parents[2] / "src/orglife/materials/data"
TEXT = (DATA / "demo-individual-member_a.txt").read_text(encoding="utf-8")
# A typing slip (此此) the review flags, in a paragraph of its own.
SLIP = "\n本人将以此此为契机，切实改进作风。"


def upload(client, meeting, text, kind="individual", author=""):
    return client.post(
        f"/api/meetings/{meeting.pk}/materials",
        {"text": text, "kind": kind, "author": author},
    )


def test_it_makes_a_new_version_for_the_same_author_and_kind(world, api, meeting_a):
    m = api(world.member_a)
    r1 = upload(m, meeting_a, TEXT)
    assert r1.status_code == 201, r1.content
    assert r1.json()["version"] == 1 and r1.json()["status"] == "draft"
    r2 = upload(m, meeting_a, TEXT + SLIP)
    assert r2.json()["id"] == r1.json()["id"] and r2.json()["version"] == 2
    assert InspectionMaterial.objects.count() == 1
    assert list(MaterialVersion.objects.values_list("number", flat=True)) == [1, 2]
    # another author's material is its own
    r3 = upload(api(world.committee_a), meeting_a, TEXT)
    assert r3.json()["id"] != r1.json()["id"]


def test_it_stores_findings_with_the_version_and_never_reruns_them_on_a_view(
    world, api, meeting_a, monkeypatch
):
    r = upload(api(world.member_a), meeting_a, TEXT + SLIP)
    version = MaterialVersion.objects.get()
    assert any(f["rule"] == "repeated-char" for f in version.findings)

    def boom(*a, **k):
        raise AssertionError("the review ran on a view")

    monkeypatch.setattr(services, "check_material", boom)
    page = world.client(world.member_a).get(f"/review/materials/{r.json()['id']}/")
    assert page.status_code == 200 and "此此" in page.content.decode()


def test_it_reruns_the_review_only_on_an_explicit_recheck(world, api, meeting_a, monkeypatch):
    r = upload(api(world.member_a), meeting_a, TEXT)
    monkeypatch.setattr(services, "check_material", lambda *a, **k: [])
    assert api(world.member_a).post(f"/api/materials/{r.json()['id']}/recheck").status_code == 200
    assert MaterialVersion.objects.get().findings == []
    assert api(world.member_b).post(f"/api/materials/{r.json()['id']}/recheck").status_code == 404


def test_it_carries_a_dismissal_over_while_the_finding_text_is_unchanged(world, api, meeting_a):
    m = api(world.member_a)
    mid = upload(m, meeting_a, TEXT + SLIP).json()["id"]
    record = InspectionMaterial.objects.get(pk=mid)
    finding = next(f for f in services.material_check(record).findings if f.rule == "repeated-char")
    services.finding_dismiss(record=record, actor=world.member_a, key=finding.key(), reason="引文")
    # v2 inserts a paragraph before: the finding moves, its text does not
    upload(
        m,
        meeting_a,
        TEXT.replace("现将有关情况报告如下。", "现将有关情况报告如下。\n补充一段说明。") + SLIP,
    )
    checked = services.material_check(InspectionMaterial.objects.get(pk=mid))
    assert [f.rule for f, _ in checked.dismissed] == ["repeated-char"]
    # v3 changes the finding's text: the dismissal no longer applies
    upload(m, meeting_a, TEXT + "\n本人将以此此机会切实改进作风。")
    checked = services.material_check(InspectionMaterial.objects.get(pk=mid))
    assert checked.dismissed == []
    assert any(f.rule == "repeated-char" for f in checked.findings)
    assert FindingDismissal.objects.count() == 1


def test_it_walks_an_individual_material_through_return_and_approval(world, api, meeting_a):
    m, sec = api(world.member_a), api(world.secretary_a)
    mid = upload(m, meeting_a, TEXT).json()["id"]
    url = f"/api/materials/{mid}/transitions"
    assert jpost(m, url, {"action": "submit"}).json()["status"] == "submitted"
    assert upload(m, meeting_a, TEXT + SLIP).status_code == 409  # not while under review
    assert jpost(m, url, {"action": "approve"}).status_code == 403  # nobody approves their own
    # another member does not even see it
    assert jpost(api(world.committee_a), url, {"action": "approve"}).status_code == 404
    assert jpost(sec, url, {"action": "return"}).status_code == 422  # a return needs a note
    r = jpost(sec, url, {"action": "return", "note": "问题查摆不够具体"})
    assert r.json()["status"] == "returned"
    r = upload(m, meeting_a, TEXT + SLIP)
    assert r.json()["version"] == 2 and r.json()["status"] == "draft"
    jpost(m, url, {"action": "submit"})
    assert jpost(sec, url, {"action": "approve"}).json()["status"] == "approved"
    events = list(InspectionMaterial.objects.get(pk=mid).events.values_list("action", "version"))
    assert events == [
        ("upload", 1),
        ("submit", 1),
        ("return", 1),
        ("upload", 2),
        ("submit", 2),
        ("approve", 2),
    ]


@pytest.mark.parametrize("who", ["secretary_b", "member_b"])
def test_it_hides_a_material_and_its_moves_from_another_branch(world, api, meeting_a, who):
    mid = upload(api(world.member_a), meeting_a, TEXT).json()["id"]
    c = api(getattr(world, who))
    assert c.get(f"/api/materials/{mid}").status_code == 404
    assert jpost(c, f"/api/materials/{mid}/transitions", {"action": "submit"}).status_code == 404
    assert c.get(f"/api/materials/{mid}/diff?from=1&to=1").status_code == 404
    assert upload(c, meeting_a, TEXT).status_code == 404


def test_it_lets_only_the_secretary_or_the_named_drafter_file_the_branch_material(
    world, api, meeting_a
):
    seed = (
        Path(__file__).resolve().parents[2]
        / "src/orglife/site/data/2023-branch-self-inspection.txt"
    ).read_text(encoding="utf-8")
    assert upload(api(world.member_a), meeting_a, seed, kind="branch").status_code == 403
    assert upload(api(world.committee_a), meeting_a, seed, kind="branch").status_code == 403
    meeting_name_drafter(meeting=meeting_a, actor=world.secretary_a, username="committee_a")
    r = upload(api(world.committee_a), meeting_a, seed, kind="branch")
    assert r.status_code == 201 and r.json()["kind"] == "branch"
    r2 = upload(api(world.secretary_a), meeting_a, seed, kind="branch")
    assert r2.json()["id"] == r.json()["id"] and r2.json()["version"] == 2
    url = f"/api/materials/{r.json()['id']}/transitions"
    assert jpost(api(world.secretary_a), url, {"action": "submit"}).status_code == 200
    assert jpost(api(world.secretary_a), url, {"action": "approve"}).status_code == 403
    assert jpost(api(world.reviewer), url, {"action": "approve"}).json()["status"] == "approved"


def test_it_refuses_a_branch_material_from_a_member_on_the_review_page(world):
    seed = (
        Path(__file__).resolve().parents[2]
        / "src/orglife/site/data/2023-branch-self-inspection.txt"
    ).read_text(encoding="utf-8")
    c = world.client(world.member_a)
    r = c.post("/review/", {"text": seed, "save": "1", "org": world.branch_a.pk, "kind": "branch"})
    assert "支部书记" in r.content.decode()
    assert not InspectionMaterial.objects.exists()


def test_it_diffs_two_versions(world, api, meeting_a):
    m = api(world.member_a)
    mid = upload(m, meeting_a, TEXT).json()["id"]
    upload(m, meeting_a, TEXT + SLIP)
    r = m.get(f"/api/materials/{mid}/diff?from=1&to=2")
    assert r.status_code == 200
    changed = [row for row in r.json()["rows"] if row["op"] != "equal"]
    assert any(row["b"] and "此此" in row["b"] for row in changed)
    assert m.get(f"/api/materials/{mid}/diff?from=1&to=9").status_code == 422
    page = world.client(world.member_a).get(f"/review/materials/{mid}/diff/?from=1&to=2")
    assert page.status_code == 200 and "此此" in page.content.decode()


def test_it_never_pairs_a_material_with_its_own_versions(world, api, meeting_a):
    m = api(world.member_a)
    mid = upload(m, meeting_a, TEXT).json()["id"]
    upload(m, meeting_a, TEXT + SLIP)
    assert SimilarityDocument.objects.filter(material_id=mid).count() == 1
    from orglife.copycheck.copycheck import material_text

    doc = SimilarityDocument.objects.get(material_id=mid)
    assert doc.length == len(material_text(InspectionMaterial.objects.get(pk=mid)))


def test_it_accepts_an_uploaded_docx(world, api, meeting_a):
    from orglife.documents.parse import parse_text
    from orglife.documents.render import render_docx

    data = render_docx(parse_text(TEXT))
    r = api(world.member_a).post(
        f"/api/meetings/{meeting_a.pk}/materials",
        {"file": SimpleUploadedFile("个人材料.docx", data), "kind": "individual"},
    )
    assert r.status_code == 201, r.content


def test_it_shows_the_copy_check_on_the_material_page_to_its_reviewer_only(world, api, meeting_a):
    other = (DATA / "demo-individual-committee_a.txt").read_text(encoding="utf-8")
    mid = upload(api(world.member_a), meeting_a, TEXT).json()["id"]
    upload(api(world.committee_a), meeting_a, other)
    page = world.client(world.secretary_a).get(f"/review/materials/{mid}/").content.decode()
    assert "查重结果" in page and "对照查看" in page  # the demo texts share a paragraph
    page = world.client(world.member_a).get(f"/review/materials/{mid}/").content.decode()
    assert "查重结果" not in page


def test_it_shows_the_review_buttons_only_to_who_may_move(world, api, meeting_a):
    m = api(world.member_a)
    mid = upload(m, meeting_a, TEXT).json()["id"]
    jpost(m, f"/api/materials/{mid}/transitions", {"action": "submit"})
    assert (
        "退回修改"
        in world.client(world.secretary_a).get(f"/review/materials/{mid}/").content.decode()
    )
    assert (
        "退回修改"
        not in world.client(world.member_a).get(f"/review/materials/{mid}/").content.decode()
    )
    r = world.client(world.secretary_a).post(
        f"/review/materials/{mid}/move/", {"action": "return", "note": "请具体些"}
    )
    assert r.status_code == 302
    assert InspectionMaterial.objects.get(pk=mid).status == "returned"
    r = world.client(world.member_b).post(f"/review/materials/{mid}/move/", {"action": "approve"})
    assert r.status_code == 404
