"""Web pages (docs/contracts.md, Web and API): Chinese, phone-ready, and the API's permissions."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.contracts.test_api_ledger import create, png

PEOPLE = ["admin", "reviewer", "secretary_a", "committee_a", "member_a", "secretary_b", "member_b"]


@pytest.fixture(autouse=True)
def _media(media):
    return media


def test_the_dashboard_asks_a_stranger_to_sign_in(db):
    r = Client().get("/")
    assert r.status_code == 302 and "login" in r["Location"]


def test_the_login_page_is_chinese_and_phone_ready(db):
    html = Client().get("/login/").content.decode()
    assert 'lang="zh' in html
    assert 'name="viewport"' in html and "width=device-width" in html
    assert "登录" in html


@pytest.mark.parametrize("who", PEOPLE)
def test_the_dashboard_answers_each_person_in_chinese(world, who):
    r = world.client(getattr(world, who)).get("/")
    assert r.status_code == 200
    html = r.content.decode()
    assert 'lang="zh' in html and 'name="viewport"' in html


@pytest.fixture
def item_with_evidence(world, api):
    item = create(api(world.secretary_a), world).json()
    r = api(world.member_a).post(
        f"/api/ledger/items/{item['id']}/evidence",
        {"file": SimpleUploadedFile("photo.png", png()), "note": "照片"},
    )
    assert r.status_code == 201, r.content
    return item, r.json()


@pytest.mark.parametrize("outsider", ["secretary_b", "member_b"])
def test_the_item_page_answers_404_to_outsiders_like_the_api(world, item_with_evidence, outsider):
    item, _ = item_with_evidence
    c = world.client(getattr(world, outsider))
    assert c.get(f"/ledger/{item['id']}/").status_code == 404
    assert world.client(world.member_a).get(f"/ledger/{item['id']}/").status_code == 200


@pytest.mark.parametrize("outsider", ["secretary_b", "member_b"])
def test_evidence_files_are_only_served_to_who_sees_the_item(world, item_with_evidence, outsider):
    _, ev = item_with_evidence
    url = ev["url"]
    mine = world.client(world.member_a).get(url)
    assert mine.status_code == 200
    body = b"".join(mine.streaming_content) if mine.streaming else mine.content
    assert body == png()
    assert world.client(getattr(world, outsider)).get(url).status_code == 404
    assert Client().get(url).status_code == 302


def _outcome(status: int) -> str | int:
    return "ok" if status in (200, 302) else status


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("action", ["start", "verify"])
def test_pages_and_api_allow_the_same_moves(world, api, who, action):
    """API with exactly the permissions of the pages: the same person, the same move."""
    sec = api(world.secretary_a)
    on_page, on_api = (
        create(sec, world, owner="committee_a", leader="secretary_a").json()["id"] for _ in range(2)
    )
    person = getattr(world, who)
    page = world.client(person).post(
        f"/ledger/{on_page}/transition/", {"action": action, "note": "说明"}
    )
    via_api = api(person).post(
        f"/api/ledger/items/{on_api}/transitions",
        {"action": action, "note": "说明"},
        content_type="application/json",
    )
    assert _outcome(page.status_code) == _outcome(via_api.status_code), (
        page.status_code,
        via_api.status_code,
    )
