"""Every part-2 endpoint refuses branch B with 404 for branch A's meeting."""

import pytest

from tests.meetings.after_helpers import held, record_body

pytestmark = pytest.mark.django_db

GETS = [
    "record",
    "record.docx",
    "criticisms",
    "evaluation/tally",
    "evaluation/results",
    "evaluation.xlsx",
    "evaluation.docx",
    "report",
    "report.docx",
    "pack",
    "carry-forward",
]
WRITES = [
    ("put", "record", record_body()),
    ("post", "criticisms", {"to": "member_a", "by": "member_a", "text": "x"}),
    ("put", "evaluation/self", {"text": "x"}),
    ("post", "evaluation/ballots", {"grades": {}}),
    ("post", "evaluation/close", {}),
    ("put", "evaluation/results", {"grades": {}}),
    ("post", "ledger", {}),
    ("post", "report/transitions", {"action": "submit"}),
]


@pytest.mark.parametrize("path", GETS)
def test_it_answers_404_to_another_branch_on_every_read(world, api, path):
    meeting = held(world)
    assert api(world.secretary_b).get(f"/api/meetings/{meeting.pk}/{path}").status_code == 404
    assert api(world.member_a).get(f"/api/meetings/{meeting.pk}/{path}").status_code == 200


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_it_answers_404_to_another_branch_on_every_write(world, api, method, path, body):
    meeting = held(world)
    client = api(world.secretary_b)
    r = getattr(client, method)(
        f"/api/meetings/{meeting.pk}/{path}", body, content_type="application/json"
    )
    assert r.status_code == 404


def test_it_answers_404_for_a_meeting_that_does_not_exist(world, api):
    assert api(world.secretary_a).get("/api/meetings/999999/record").status_code == 404
