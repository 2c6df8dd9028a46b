"""The closed loop: every move of the table, legal and illegal, and who may make it."""

import pytest

from orglife.ledger import services
from orglife.ledger.models import ItemEvent, RectificationItem, Status
from orglife.ledger.transitions import TRANSITIONS
from orglife.orgs.models import Membership
from tests.factories import MembershipFactory, UserFactory
from tests.ledger.factories import make_item, move, upload

PATH = {
    Status.OPEN: [],
    Status.IN_PROGRESS: [("owner", "start")],
    Status.SUBMITTED: [("owner", "start"), ("owner", "submit")],
    Status.CLOSED: [("owner", "start"), ("owner", "submit"), ("secretary", "verify")],
}
LEGAL = {(t.source, t.action): t.target for t in TRANSITIONS.values()}


def item_in(world, status: str) -> RectificationItem:
    people = {"owner": world.member_a, "secretary": world.secretary_a}
    item = make_item(world)
    return move(item, *[(people[who], action, "实效：已整改到位") for who, action in PATH[status]])


def post(client, item, action, note="已核实"):
    return client.post(
        f"/api/ledger/items/{item.pk}/transitions",
        {"action": action, "note": note},
        content_type="application/json",
    )


@pytest.fixture
def plain_member(world):
    u = UserFactory(username="member_a2")
    MembershipFactory(user=u, organization=world.branch_a, role=Membership.Role.MEMBER)
    return u


@pytest.mark.parametrize("status", list(PATH))
@pytest.mark.parametrize("action", list(TRANSITIONS))
def test_it_applies_the_transition_table(world, api, status, action):
    item = item_in(world, status)
    if action == "submit" and status != Status.CLOSED:
        # Evidence is there, so only the table decides.
        services.item_evidence_add(item=item, actor=world.member_a, upload=upload())
    # The reviewer above may make every move the table allows (and is never the owner).
    r = post(api(world.reviewer), item, action)
    after = RectificationItem.objects.get(pk=item.pk)
    if (status, action) in LEGAL:
        assert r.status_code == 200, r.content
        assert r.json()["status"] == LEGAL[(status, action)] == after.status
        assert after.version == item.version + 1
        assert after.events.last().action == action
    else:
        assert r.status_code == 409, r.content
        assert r.json()["detail"]  # a Chinese reason
        assert after.status == status and after.version == item.version


ALLOWED = {
    # action: (status it starts from, personas allowed, personas refused with 403)
    "start": (
        Status.OPEN,
        ["member_a", "committee_a", "secretary_a", "reviewer", "admin"],
        ["member_a2"],
    ),
    "submit": (
        Status.IN_PROGRESS,
        ["member_a", "committee_a", "secretary_a", "reviewer"],
        ["member_a2"],
    ),
    "verify": (
        Status.SUBMITTED,
        ["committee_a", "secretary_a", "reviewer", "admin"],
        ["member_a", "member_a2"],
    ),
    "reject": (
        Status.SUBMITTED,
        ["committee_a", "secretary_a", "reviewer"],
        ["member_a", "member_a2"],
    ),
    "reopen": (Status.CLOSED, ["secretary_a", "reviewer", "admin"], ["member_a", "committee_a"]),
}
CASES = [
    (action, who, ok)
    for action, (_, allowed, refused) in ALLOWED.items()
    for who, ok in [(p, True) for p in allowed] + [(p, False) for p in refused]
]


@pytest.mark.parametrize(("action", "who", "ok"), CASES)
def test_it_lets_only_the_right_seats_make_each_move(world, api, plain_member, action, who, ok):
    # member_a is the owner, committee_a the responsible leader.
    item = item_in(world, ALLOWED[action][0])
    if action == "submit":
        services.item_evidence_add(item=item, actor=world.member_a, upload=upload())
    actor = plain_member if who == "member_a2" else getattr(world, who)
    r = post(api(actor), item, action)
    assert r.status_code == (200 if ok else 403), r.content
    if not ok:
        assert RectificationItem.objects.get(pk=item.pk).status == ALLOWED[action][0]


@pytest.mark.parametrize("outsider", ["secretary_b", "member_b"])
@pytest.mark.parametrize("action", list(TRANSITIONS))
def test_it_answers_404_to_outsiders_for_every_move(world, api, outsider, action):
    item = item_in(world, TRANSITIONS[action].source)
    r = post(api(getattr(world, outsider)), item, action)
    assert r.status_code == 404


def test_it_refuses_closure_by_the_owner_even_when_the_owner_is_the_secretary(world, api):
    item = make_item(world, owner=world.secretary_a, leader=None)
    item = move(item, (world.secretary_a, "start", ""), (world.secretary_a, "submit", ""))
    r = post(api(world.secretary_a), item, "verify", note="我自己验收")
    assert r.status_code == 403 and "责任人" in r.json()["detail"]
    r = post(api(world.reviewer), item, "verify", note="经查已整改到位")
    assert r.status_code == 200 and r.json()["status"] == "closed"
    assert r.json()["verified_by"] == "reviewer"


def test_it_refuses_submission_without_evidence(world, api):
    # A safety item needs a file; any other needs a file or a written account.
    item = move(make_item(world, category="fire"), (world.member_a, "start", ""))
    r = post(api(world.member_a), item, "submit")
    assert r.status_code == 409 and "佐证" in r.json()["detail"]
    study = move(make_item(world), (world.member_a, "start", ""))
    r = post(api(world.member_a), study, "submit", note="")
    assert r.status_code == 409 and "整改落实情况" in r.json()["detail"]


@pytest.mark.parametrize(
    ("action", "status"),
    [("verify", Status.SUBMITTED), ("reject", Status.SUBMITTED), ("reopen", Status.CLOSED)],
)
def test_it_requires_a_note_for_verify_reject_and_reopen(world, api, action, status):
    item = item_in(world, status)
    r = post(api(world.secretary_a if action != "reopen" else world.reviewer), item, action, "  ")
    assert r.status_code == 422 and "请填写" in r.json()["detail"]


def test_it_refuses_an_unknown_action_with_422(world, api):
    item = make_item(world)
    assert post(api(world.secretary_a), item, "close").status_code == 422


def test_it_runs_the_closed_loop_with_history(world, api):
    """Found → registered → in progress → submitted → rejected → resubmitted → closed."""
    c_owner, c_sec = api(world.member_a), api(world.secretary_a)
    item = make_item(world)
    assert post(c_owner, item, "start").json()["status"] == "in_progress"
    r = c_owner.post(
        f"/api/ledger/items/{item.pk}/evidence", {"file": upload("研讨记录.png"), "note": "记录"}
    )
    assert r.status_code == 201
    assert post(c_owner, item, "submit").json()["status"] == "submitted"
    assert post(c_sec, item, "reject", "缺少第三次研讨记录").json()["status"] == "in_progress"
    assert post(c_owner, item, "submit").json()["status"] == "submitted"
    done = post(c_sec, item, "verify", "三次专题研讨均有记录，学习成效明显").json()
    assert done["status"] == "closed" and done["overdue"] is False
    assert done["effect"] == "三次专题研讨均有记录，学习成效明显"
    events = list(ItemEvent.objects.filter(item=item).values_list("action", "actor__username"))
    assert events == [
        ("create", "secretary_a"),
        ("start", "member_a"),
        ("evidence", "member_a"),
        ("submit", "member_a"),
        ("reject", "secretary_a"),
        ("submit", "member_a"),
        ("verify", "secretary_a"),
    ]
    assert ItemEvent.objects.get(item=item, action="reject").note == "缺少第三次研讨记录"


def test_it_reopens_a_closed_item_with_a_reason_and_clears_the_closure(world, api):
    item = item_in(world, Status.CLOSED)
    r = post(api(world.reviewer), item, "reopen", "复查发现问题反弹")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "in_progress" and body["verified_by"] is None
    assert body["closed_at"] is None
    event = ItemEvent.objects.filter(item=item).last()
    assert event.action == "reopen" and event.note == "复查发现问题反弹"
    assert event.changes["verified_by"] == ["secretary_a", None]


def test_it_keeps_a_closed_item_frozen_for_evidence_and_progress(world, api):
    item = item_in(world, Status.CLOSED)
    c = api(world.member_a)
    r = c.post(f"/api/ledger/items/{item.pk}/evidence", {"file": upload()})
    assert r.status_code == 409
    r = c.post(
        f"/api/ledger/items/{item.pk}/progress", {"text": "x"}, content_type="application/json"
    )
    assert r.status_code == 409


def test_it_submits_a_study_item_with_a_written_account_and_no_file(world, api):
    item = move(make_item(world, category="theory_study"), (world.member_a, "start", ""))
    r = post(api(world.member_a), item, "submit", note="已开展三次专题研讨，人人交流发言。")
    assert r.status_code == 200 and r.json()["status"] == "submitted"
    event = item.events.get(action="submit")
    assert event.note == "已开展三次专题研讨，人人交流发言。"  # the account stays on record


def test_it_still_needs_a_file_for_a_safety_item(world, api):
    item = move(make_item(world, category="fire"), (world.member_a, "start", ""))
    r = post(api(world.member_a), item, "submit", note="已整改")
    assert r.status_code == 409 and "“消防”类事项" in r.json()["detail"]


def test_it_follows_the_setting_for_which_categories_need_a_file(world, api, settings):
    settings.ORGLIFE_EVIDENCE_REQUIRED_CATEGORIES = ["theory_study"]
    item = move(make_item(world, category="theory_study"), (world.member_a, "start", ""))
    assert post(api(world.member_a), item, "submit", note="已整改").status_code == 409


def test_it_offers_the_written_account_on_the_item_page(world, client):
    item = move(make_item(world, category="theory_study"), (world.member_a, "start", ""))
    client.force_login(world.member_a)
    page = client.get(f"/ledger/{item.pk}/").content.decode()
    assert "整改落实情况（文字说明即可" in page and "须至少上传一份佐证材料" not in page
    r = client.post(f"/ledger/{item.pk}/transition/", {"action": "submit", "note": "学习记录齐全"})
    assert r.status_code == 302
    item.refresh_from_db()
    assert item.status == "submitted"
