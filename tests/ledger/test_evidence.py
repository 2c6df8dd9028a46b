"""Evidence: type by content, the size limit, storage under MEDIA_ROOT, checked download."""

import pytest

from orglife.core.errors import Invalid
from orglife.ledger.evidence import OLE_MAGIC, check_evidence, sniff
from tests.ledger.factories import (
    DOCX_MAIN,
    XLSX_MAIN,
    make_item,
    ooxml_bytes,
    pdf_bytes,
    png_bytes,
    upload,
)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (png_bytes(), "png"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 20, "jpeg"),
        (b"GIF89a" + b"\0" * 20, "gif"),
        (b"RIFF\x10\0\0\0WEBPVP8 ", "webp"),
        (pdf_bytes(), "pdf"),
        (ooxml_bytes(DOCX_MAIN), "docx"),
        (ooxml_bytes(XLSX_MAIN), "xlsx"),
        (OLE_MAGIC + b"\0" * 64 + "WordDocument".encode("utf-16-le"), "doc"),
        (OLE_MAGIC + b"\0" * 64 + "Workbook".encode("utf-16-le"), "xls"),
        (ooxml_bytes("application/vnd.ms-powerpoint.main+xml"), None),
        (b"PK\x03\x04 not really a zip", None),
        (b"MZ\x90\x00 an executable", None),
        (b"<html><script>alert(1)</script>", None),
    ],
)
def test_it_sniffs_types_by_their_bytes(data, kind):
    assert sniff(data) == kind


def test_it_refuses_a_renamed_file():
    with pytest.raises(Invalid, match="不符"):
        check_evidence(data=pdf_bytes(), filename="photo.png")


def test_it_refuses_an_unknown_extension():
    with pytest.raises(Invalid):
        check_evidence(data=png_bytes(), filename="photo.exe")


def test_it_accepts_jpg_and_jpeg_names_for_jpeg():
    data = b"\xff\xd8\xff\xe0" + b"\0" * 20
    assert check_evidence(data=data, filename="a.JPG").content_type == "image/jpeg"
    assert check_evidence(data=data, filename="a.jpeg").name == "jpeg"


def test_it_stores_an_upload_under_the_media_root_and_answers_201(world, api, media):
    item = make_item(world)
    r = api(world.member_a).post(
        f"/api/ledger/items/{item.pk}/evidence",
        {"file": upload("整改记录.pdf", pdf_bytes()), "note": "会议记录"},
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["name"] == "整改记录.pdf" and body["content_type"] == "application/pdf"
    assert body["size"] == len(pdf_bytes()) and body["note"] == "会议记录"
    ev = item.evidence.get()
    assert ev.file.path.startswith(str(media)) and ev.file.read() == pdf_bytes()
    assert "整改记录" not in ev.file.name  # stored under a name of ours


def test_it_refuses_an_upload_over_the_limit_with_413(world, api, settings):
    settings.ORGLIFE_UPLOAD_MAX_BYTES = 100
    item = make_item(world)
    r = api(world.member_a).post(
        f"/api/ledger/items/{item.pk}/evidence", {"file": upload("big.png", png_bytes() * 3)}
    )
    assert r.status_code == 413 and "上限" in r.json()["detail"]
    assert not item.evidence.exists()


def test_it_accepts_an_upload_at_the_limit(world, api, settings):
    settings.ORGLIFE_UPLOAD_MAX_BYTES = len(png_bytes())
    item = make_item(world)
    r = api(world.member_a).post(f"/api/ledger/items/{item.pk}/evidence", {"file": upload()})
    assert r.status_code == 201


def test_it_refuses_a_wrong_type_with_422(world, api):
    item = make_item(world)
    r = api(world.member_a).post(
        f"/api/ledger/items/{item.pk}/evidence",
        {"file": upload("report.pdf", b"#!/bin/sh\nrm -rf /\n")},
    )
    assert r.status_code == 422 and r.json()["detail"]
    assert not item.evidence.exists()


def test_it_refuses_an_upload_without_a_file_with_422(world, api):
    item = make_item(world)
    r = api(world.member_a).post(f"/api/ledger/items/{item.pk}/evidence", {"note": "x"})
    assert r.status_code == 422


def test_it_refuses_an_upload_by_a_plain_member_with_403(world, api):
    item = make_item(world, owner=world.committee_a, leader=None)
    r = api(world.member_a).post(f"/api/ledger/items/{item.pk}/evidence", {"file": upload()})
    assert r.status_code == 403


def test_it_serves_evidence_only_to_people_who_see_the_item(world, api):
    item = make_item(world)
    r = api(world.member_a).post(f"/api/ledger/items/{item.pk}/evidence", {"file": upload()})
    url = r.json()["url"]
    ok = world.client(world.member_a).get(url)
    assert ok.status_code == 200 and ok["Content-Type"] == "image/png"
    assert b"".join(ok.streaming_content) == png_bytes()
    assert ok["X-Content-Type-Options"] == "nosniff"
    assert world.client(world.reviewer).get(url).status_code == 200
    assert world.client(world.member_b).get(url).status_code == 404
    assert world.client(world.secretary_b).get(url).status_code == 404
    assert world.client(world.member_a).get("/ledger/evidence/999999/").status_code == 404


def test_it_does_not_expose_evidence_as_static_media(world, api):
    item = make_item(world)
    api(world.member_a).post(f"/api/ledger/items/{item.pk}/evidence", {"file": upload()})
    name = item.evidence.get().file.name
    assert world.client(world.member_a).get(f"/media/{name}").status_code == 404


def test_it_leaves_no_file_behind_when_the_upload_rolls_back(world, media, monkeypatch):
    from orglife.ledger import services

    item = make_item(world)

    def fail(*args, **kwargs):
        raise RuntimeError("history write failed")

    monkeypatch.setattr(services, "_record", fail)
    with pytest.raises(RuntimeError):
        services.item_evidence_add(
            item=item, actor=world.member_a, upload=upload("记录.pdf", pdf_bytes())
        )
    assert not item.evidence.exists()
    assert [p for p in media.rglob("*") if p.is_file()] == []
