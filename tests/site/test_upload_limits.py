"""Issue 10.13: an oversized upload is refused (413) before it is read in full."""

from __future__ import annotations

import pytest
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from orglife.core.uploads import LimitedUploadHandler, request_limit
from tests.ledger.factories import make_item, png_bytes

LIMIT = 4096


@pytest.fixture
def small_limit(settings):
    settings.ORGLIFE_UPLOAD_MAX_BYTES = LIMIT
    return LIMIT


def _targets(world):
    item = make_item(world)
    return [
        (world.client(world.secretary_a), f"/ledger/{item.pk}/evidence/", False),
        (world.client(world.secretary_a), f"/api/ledger/items/{item.pk}/evidence", True),
        (world.client(world.secretary_a), f"/orgs/{world.branch_a.pk}/import/", False),
        (world.client(world.member_a), "/review/", False),
        (world.client(world.member_a), "/api/review/check", True),
    ]


@pytest.mark.parametrize("index", range(5))
def test_it_answers_413_for_a_file_over_the_limit(world, small_limit, index):
    client, path, is_api = _targets(world)[index]
    big = png_bytes() + b"\0" * (LIMIT * 2)
    r = client.post(path, {"file": SimpleUploadedFile("a.png", big)})
    assert r.status_code == 413
    if is_api:
        assert r.json()["detail"]


@pytest.mark.parametrize("index", range(5))
def test_it_refuses_a_declared_length_over_the_limit_without_reading(world, small_limit, index):
    client, path, _ = _targets(world)[index]
    body = encode_multipart(BOUNDARY, {"file": SimpleUploadedFile("a.png", png_bytes())})

    r = client.generic(
        "POST",
        path,
        body,
        content_type=MULTIPART_CONTENT,
        CONTENT_LENGTH=str(request_limit() + 1),
    )
    assert r.status_code == 413


def test_it_stops_streaming_at_the_first_chunk_past_the_limit(settings):
    settings.ORGLIFE_UPLOAD_MAX_BYTES = 10_000
    handler = LimitedUploadHandler()
    handler.new_file("file", "a.png", "image/png", None)
    consumed = 0
    with pytest.raises(RequestDataTooBig):
        for start in range(0, 10**9, 4096):
            handler.receive_data_chunk(b"x" * 4096, start)
            consumed += 4096
    assert consumed <= 10_000


def test_it_lets_a_file_within_the_limit_through(world, settings):
    item = make_item(world)
    r = world.client(world.secretary_a).post(
        f"/api/ledger/items/{item.pk}/evidence", {"file": SimpleUploadedFile("a.png", png_bytes())}
    )
    assert r.status_code == 201
