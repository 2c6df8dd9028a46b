"""The ledger API beyond what tests/contracts/test_api_ledger.py asserts (its 404/403/409
cases, creation and listing live there): defaults, history details, extensions, progress."""

from datetime import date

from tests.ledger.factories import closed_item, make_item, move


def _create(client, world, **extra):
    body = {
        "org": world.branch_a.pk,
        "title": "调查研究不够经常",
        "description": "深入基层调查研究不够经常。",
        "category": "work_style",
        "source": "meeting",
        "kind": "deadline",
        "owner": "member_a",
        "leader": "committee_a",
        "measures": "每季度到一线调研一次。",
        "deadline": "2024-02-01",
        "funds": 1200.5,
        "funds_source": "党建经费",
        "plan": "调研受阻时改为座谈。",
    } | extra
    return client.post("/api/ledger/items", body, content_type="application/json")


def test_it_refuses_an_owner_from_another_branch(world, api):
    r = _create(api(world.secretary_a), world, owner="member_b")
    assert r.status_code == 422 and "member_b" in r.json()["detail"]


def test_it_fills_the_default_deadline_fifteen_days_ahead(world, api, today):
    r = _create(api(world.secretary_a), world, deadline=None)
    assert r.json()["deadline"] == "2024-01-25"


def test_it_refuses_a_deadline_on_a_long_term_item(world, api):
    r = _create(api(world.secretary_a), world, kind="long_term", deadline="2024-03-01")
    assert r.status_code == 422 and "长期坚持" in r.json()["detail"]


def test_it_creates_a_long_term_item_without_deadline(world, api):
    r = _create(api(world.secretary_a), world, kind="long_term", deadline=None)
    assert r.status_code == 201
    assert r.json()["deadline"] is None and r.json()["progress_interval_days"] == 30


def test_it_refuses_an_unknown_category_with_a_chinese_message(world, api):
    r = _create(api(world.secretary_a), world, category="nonsense")
    assert r.status_code == 422 and "问题类别" in r.json()["detail"]


def test_it_refuses_a_bad_date_with_422(world, api):
    r = _create(api(world.secretary_a), world, deadline="2024-13-45")
    assert r.status_code == 422 and r.json()["detail"]


def test_it_lists_items_by_org_status_and_overdue(world, api, today):
    make_item(world, title="逾期的", deadline=date(2024, 1, 5))
    make_item(world, title="未到期的", deadline=date(2024, 2, 5))
    closed_item(world, title="已销号的", deadline=date(2024, 1, 5))
    c = api(world.member_a)
    titles = lambda q: sorted(i["title"] for i in c.get(f"/api/ledger/items{q}").json())  # noqa: E731
    assert titles("") == ["已销号的", "未到期的", "逾期的"]
    assert titles("?overdue=true") == ["逾期的"]
    assert titles("?overdue=false") == ["已销号的", "未到期的"]
    assert titles("?status=closed") == ["已销号的"]
    assert titles(f"?org={world.branch_a.pk}&status=open") == ["未到期的", "逾期的"]
    # member_a's seat shows the branch, not the committee above it.
    assert c.get(f"/api/ledger/items?org={world.committee.pk}").status_code == 404


def test_it_lists_the_committee_subtree_for_the_reviewer(world, api):
    make_item(world)
    r = api(world.reviewer).get(f"/api/ledger/items?org={world.committee.pk}")
    assert r.status_code == 200 and len(r.json()) == 1


def test_it_patches_with_the_current_version_and_records_old_and_new(world, api):
    item = make_item(world)
    r = api(world.secretary_a).patch(
        f"/api/ledger/items/{item.pk}",
        {"version": 1, "title": "理论学习不深不透", "owner": "committee_a", "note": "支委会调整"},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    assert r.json()["title"] == "理论学习不深不透" and r.json()["version"] == 2
    assert r.json()["owner"] == "committee_a"
    event = item.events.get(action="update")
    assert event.actor == world.secretary_a and event.note == "支委会调整"
    assert event.changes == {
        "title": ["理论学习不够全面透彻", "理论学习不深不透"],
        "owner": ["member_a", "committee_a"],
    }


def test_it_requires_a_version_to_patch(world, api):
    item = make_item(world)
    r = api(world.secretary_a).patch(
        f"/api/ledger/items/{item.pk}", {"title": "甲"}, content_type="application/json"
    )
    assert r.status_code == 422 and "version" in r.json()["detail"]


def test_it_moves_the_deadline_only_by_extension_once_started(world, api):
    item = move(make_item(world), (world.member_a, "start", ""))
    r = api(world.secretary_a).patch(
        f"/api/ledger/items/{item.pk}",
        {"version": item.version, "deadline": "2024-03-01"},
        content_type="application/json",
    )
    assert r.status_code == 409 and "延期" in r.json()["detail"]


def test_it_approves_an_extension_and_keeps_the_original_deadline(world, api):
    item = move(make_item(world), (world.member_a, "start", ""))
    r = api(world.member_a).post(
        f"/api/ledger/items/{item.pk}/extensions",
        {"new_deadline": "2024-02-20", "reason": "调研需跨月安排"},
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    rid = r.json()["id"]
    refused = api(world.member_a).post(
        f"/api/ledger/extensions/{rid}/decision", {"approve": True}, content_type="application/json"
    )
    assert refused.status_code == 403
    assert (
        api(world.member_b)
        .post(
            f"/api/ledger/extensions/{rid}/decision",
            {"approve": True},
            content_type="application/json",
        )
        .status_code
        == 404
    )
    ok = api(world.secretary_a).post(
        f"/api/ledger/extensions/{rid}/decision", {"approve": True}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["status"] == "approved"
    body = api(world.member_a).get(f"/api/ledger/items/{item.pk}").json()
    assert body["deadline"] == "2024-02-20" and body["original_deadline"] == "2024-01-20"


def test_it_answers_the_history_in_order(world, api):
    item = closed_item(world)
    r = api(world.member_a).get(f"/api/ledger/items/{item.pk}/history")
    assert r.status_code == 200
    assert [e["action"] for e in r.json()] == ["create", "start", "evidence", "submit", "verify"]
    verify = r.json()[-1]
    assert verify["actor"] == "secretary_a" and verify["from_status"] == "submitted"
    assert verify["to_status"] == "closed" and verify["note"].startswith("每月专题研讨")


def test_it_adds_progress_to_a_long_term_item(world, api):
    item = make_item(world, kind="long_term", deadline=None)
    r = api(world.member_a).post(
        f"/api/ledger/items/{item.pk}/progress",
        {"text": "本月开展专题研讨一次", "on": "2024-01-08"},
        content_type="application/json",
    )
    assert r.status_code == 201
    assert item.progress_entries.get().text == "本月开展专题研讨一次"


def test_it_publishes_the_ledger_in_openapi(world, api):
    paths = api(world.member_a).get("/api/openapi.json").json()["paths"]
    for p in [
        "/api/ledger/items",
        "/api/ledger/items/{item_id}",
        "/api/ledger/items/{item_id}/evidence",
        "/api/ledger/items/{item_id}/transitions",
        "/api/ledger/items/{item_id}/history",
        "/api/ledger/export",
    ]:
        assert p in paths
