import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

SEED = (
    __import__("pathlib").Path(__file__).resolve().parents[2]
    / "src/orglife/site/data/2023-branch-self-inspection.txt"
).read_bytes()


def test_it_answers_findings_in_the_contract_shape(world, api):
    r = api(world.member_a).post(
        "/api/review/check", {"file": SimpleUploadedFile("seed.txt", SEED)}
    )
    assert r.status_code == 200
    findings = r.json()["findings"]
    keys = {
        "file",
        "rule",
        "severity",
        "message",
        "suggestion",
        "section",
        "paragraph",
        "start",
        "end",
        "excerpt",
    }
    assert findings and all(set(f) == keys for f in findings)
    doubled = [f for f in findings if "此此" in f["excerpt"]]
    assert doubled and doubled[0]["file"] == "seed.txt" and doubled[0]["suggestion"] == "此次"


def test_it_answers_422_with_a_chinese_detail_for_a_bad_file(world, api):
    r = api(world.member_a).post(
        "/api/review/check", {"file": SimpleUploadedFile("x.docx", b"PK\x03\x04broken")}
    )
    assert r.status_code == 422 and r.json()["detail"]


@override_settings(ORGLIFE_UPLOAD_MAX_BYTES=100)
def test_it_answers_413_over_the_size_limit(world, api):
    r = api(world.member_a).post(
        "/api/review/check", {"file": SimpleUploadedFile("seed.txt", SEED)}
    )
    assert r.status_code == 413 and r.json()["detail"] == "文件过大：上限为 100 字节"


def test_it_refuses_an_anonymous_check(db):
    r = Client().post(
        "/api/review/check", {"file": SimpleUploadedFile("seed.txt", io.BytesIO(SEED).read())}
    )
    assert r.status_code == 401


def test_it_needs_a_file(world, api):
    r = api(world.member_a).post("/api/review/check", {})
    assert r.status_code == 422
