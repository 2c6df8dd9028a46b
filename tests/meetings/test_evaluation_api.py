"""民主评议党员: secret ballots, the tally, the proposed grades (docs/contracts.md "Meetings")."""

import pytest
from django.db import connection

from orglife.meetings.models import BallotReceipt, GradeTally
from tests.meetings.after_helpers import held, meeting_of

pytestmark = pytest.mark.django_db
J = "application/json"


def ballot(client, meeting, grades):
    return client.post(
        f"/api/meetings/{meeting.pk}/evaluation/ballots", {"grades": grades}, content_type=J
    )


ALL_QUALIFIED = {
    "secretary_a": {"committee_a": "qualified", "member_a": "qualified"},
    "committee_a": {"secretary_a": "qualified", "member_a": "qualified"},
    "member_a": {"secretary_a": "qualified", "committee_a": "qualified"},
}


def test_it_takes_one_ballot_per_voting_member(world, api):
    meeting = held(world)
    c = api(world.member_a)
    r = ballot(c, meeting, ALL_QUALIFIED["member_a"])
    assert r.status_code == 201 and r.json() == {"voted": True}
    assert ballot(c, meeting, ALL_QUALIFIED["member_a"]).status_code == 409
    assert BallotReceipt.objects.filter(meeting=meeting).count() == 1


def test_it_wants_every_other_member_graded(world, api):
    meeting = held(world)
    r = ballot(api(world.member_a), meeting, {"secretary_a": "qualified"})
    assert r.status_code == 422 and "committee_a" in r.json()["detail"]
    r = ballot(api(world.member_a), meeting, {"secretary_a": "qualified", "committee_a": "great"})
    assert r.status_code == 422
    assert not BallotReceipt.objects.filter(meeting=meeting).exists()


def test_it_refuses_a_ballot_from_a_probationary_member_or_an_outsider(world, api):
    world.member_a.probationary = True
    world.member_a.save()
    meeting = held(world)
    grades = {"secretary_a": "qualified", "committee_a": "qualified"}
    assert ballot(api(world.member_a), meeting, grades).status_code == 403
    assert ballot(api(world.reviewer), meeting, grades).status_code == 403
    assert ballot(api(world.member_b), meeting, grades).status_code == 404


def test_it_refuses_ballots_before_the_meeting_is_held(world, api):
    meeting = meeting_of(world)
    assert ballot(api(world.member_a), meeting, ALL_QUALIFIED["member_a"]).status_code == 409


def _tables(meeting_id):
    """Everything the tally table holds for a meeting, read with plain SQL."""
    with connection.cursor() as cur:
        table = connection.ops.quote_name(GradeTally._meta.db_table)
        cur.execute(f"SELECT * FROM {table} WHERE meeting_id = %s ORDER BY id", [meeting_id])
        columns = [c[0] for c in cur.description]
        rows = cur.fetchall()
    return columns, rows


def test_it_cannot_link_a_voter_to_a_ballot_from_the_tables(world, api):
    """Two meetings where two voters swap their choices leave identical tally tables:
    nothing stored tells which voter chose what."""
    first, second = held(world), held(world, meeting_of(world))
    strict = {"committee_a": "basic", "member_a": "basic"}
    # Meeting 1: the secretary is strict and committee_a kind; meeting 2 the other way round
    # (the same grades for the third member, so both ballots stay complete).
    ballot(api(world.secretary_a), first, strict)
    ballot(api(world.committee_a), first, {"secretary_a": "excellent", "member_a": "excellent"})
    ballot(api(world.committee_a), second, {"secretary_a": "excellent", "member_a": "basic"})
    ballot(api(world.secretary_a), second, {"committee_a": "basic", "member_a": "excellent"})
    columns, _ = _tables(first.pk)
    assert set(columns) == {"id", "meeting_id", "member_id", "grade", "count"}
    receipt_columns = {f.column for f in BallotReceipt._meta.fields}
    assert receipt_columns == {"id", "meeting_id", "voter_id"}  # who voted, never what

    def content(meeting):
        _, rows = _tables(meeting.pk)
        # (member, grade, count) in storage order: the whole content but the meeting's ids.
        idx = {c: i for i, c in enumerate(columns)}
        return [(r[idx["member_id"]], r[idx["grade"]], r[idx["count"]]) for r in rows]

    assert content(first) == content(second)
    # Every counter row was created before any ballot, in member/grade order.
    ids = [r[columns.index("id")] for r in _tables(first.pk)[1]]
    assert ids == sorted(ids) and len(ids) == 3 * 4


def test_it_shows_the_tally_without_choices_and_only_when_voting_is_over(world, api):
    meeting = held(world)
    sec = api(world.secretary_a)
    ballot(api(world.secretary_a), meeting, ALL_QUALIFIED["secretary_a"])
    t = sec.get(f"/api/meetings/{meeting.pk}/evaluation/tally").json()
    assert t["voted"] == 1 and t["due"] == 3 and t["counts_shown"] is False
    assert all(v is None for row in t["items"] for v in row["counts"].values())
    ballot(api(world.committee_a), meeting, ALL_QUALIFIED["committee_a"])
    ballot(api(world.member_a), meeting, ALL_QUALIFIED["member_a"])
    t = sec.get(f"/api/meetings/{meeting.pk}/evaluation/tally").json()
    assert t["voted"] == 3 and t["counts_shown"] is True
    member = next(row for row in t["items"] if row["username"] == "member_a")
    assert member["counts"] == {"excellent": 0, "qualified": 2, "basic": 0, "unqualified": 0}
    assert "voter" not in str(t)
    # A member sees the progress, never the counts.
    mine = api(world.member_a).get(f"/api/meetings/{meeting.pk}/evaluation/tally").json()
    assert mine["voted"] == 3 and mine["counts_shown"] is False
    assert (
        api(world.member_b).get(f"/api/meetings/{meeting.pk}/evaluation/tally").status_code == 404
    )


def test_it_closes_voting_by_the_secretary_only(world, api):
    meeting = held(world)
    url = f"/api/meetings/{meeting.pk}/evaluation/close"
    assert api(world.member_a).post(url).status_code == 403
    r = api(world.secretary_a).post(url)
    assert r.status_code == 200 and r.json()["closed"] is True and r.json()["counts_shown"]
    assert ballot(api(world.member_a), meeting, ALL_QUALIFIED["member_a"]).status_code == 409


def put_results(client, meeting, body):
    return client.put(f"/api/meetings/{meeting.pk}/evaluation/results", body, content_type=J)


def test_it_warns_when_excellent_exceeds_one_third(world, api):
    meeting = held(world)
    r = put_results(
        api(world.secretary_a),
        meeting,
        {
            "grades": {
                "secretary_a": "excellent",
                "committee_a": "qualified",
                "member_a": "qualified",
            }
        },
    )
    assert r.status_code == 200 and r.json()["warnings"] == []
    r = put_results(
        api(world.secretary_a),
        meeting,
        {"grades": {"secretary_a": "excellent", "committee_a": "excellent", "member_a": "basic"}},
    )
    assert r.status_code == 200
    assert len(r.json()["warnings"]) == 1 and "三分之一" in r.json()["warnings"][0]
    assert r.json()["grades"]["committee_a"] == "excellent"


def test_it_requires_a_reason_for_unqualified(world, api):
    meeting = held(world)
    sec = api(world.secretary_a)
    r = put_results(sec, meeting, {"grades": {"member_a": "unqualified"}})
    assert r.status_code == 422 and "理由" in r.json()["detail"]
    r = put_results(
        sec, meeting, {"grades": {"member_a": "unqualified"}, "reason": "长期不参加组织生活"}
    )
    assert r.status_code == 200
    item = next(i for i in r.json()["items"] if i["username"] == "member_a")
    assert item["grade_label"] == "不合格" and item["reason"] == "长期不参加组织生活"
    r = put_results(
        sec, meeting, {"grades": {"member_a": {"grade": "unqualified", "reason": "理由二"}}}
    )
    assert r.status_code == 200


def test_it_lets_only_the_secretary_set_results(world, api):
    meeting = held(world)
    body = {"grades": {"member_a": "qualified"}}
    assert put_results(api(world.committee_a), meeting, body).status_code == 403
    assert put_results(api(world.member_a), meeting, body).status_code == 403
    assert put_results(api(world.secretary_b), meeting, body).status_code == 404


def test_it_saves_a_self_evaluation_for_the_member(world, api):
    meeting = held(world)
    url = f"/api/meetings/{meeting.pk}/evaluation/self"
    r = api(world.member_a).put(url, {"text": "一年来认真学习"}, content_type=J)
    assert r.status_code == 200 and r.json()["text"] == "一年来认真学习"
    assert api(world.member_b).put(url, {"text": "x"}, content_type=J).status_code == 404
    assert api(world.reviewer).put(url, {"text": "x"}, content_type=J).status_code == 403


def test_it_gives_the_result_table_as_xlsx_and_docx(world, api):
    import io

    from docx import Document
    from openpyxl import load_workbook

    meeting = held(world)
    put_results(
        api(world.secretary_a),
        meeting,
        {"grades": {"secretary_a": "excellent", "committee_a": "qualified", "member_a": "basic"}},
    )
    r = api(world.reviewer).get(f"/api/meetings/{meeting.pk}/evaluation.xlsx")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    values = [c for row in ws.iter_rows(values_only=True) for c in row]
    assert "基本合格" in values and "member_a" in values
    r = api(world.secretary_a).get(f"/api/meetings/{meeting.pk}/evaluation.docx")
    cells = [c.text for row in Document(io.BytesIO(r.content)).tables[0].rows for c in row.cells]
    assert "优秀" in cells and "secretary_a" in cells
    assert api(world.member_b).get(f"/api/meetings/{meeting.pk}/evaluation.xlsx").status_code == 404


@pytest.mark.skipif(connection.vendor != "postgresql", reason="xmin is PostgreSQL's")
@pytest.mark.django_db(transaction=True)  # each ballot its own transaction, as in production
def test_it_leaves_no_last_writer_on_the_counters_on_postgresql(world, api):
    """Each ballot rewrites every counter of the meeting, so the transaction id stamped on
    the rows (xmin) is the same for all of them and points at no single choice."""
    meeting = held(world)
    ballot(api(world.secretary_a), meeting, ALL_QUALIFIED["secretary_a"])
    ballot(api(world.member_a), meeting, ALL_QUALIFIED["member_a"])
    with connection.cursor() as cur:
        table = connection.ops.quote_name(GradeTally._meta.db_table)
        cur.execute(f"SELECT DISTINCT xmin::text FROM {table} WHERE meeting_id = %s", [meeting.pk])
        assert len(cur.fetchall()) == 1
