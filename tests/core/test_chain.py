from datetime import UTC, datetime, timedelta, timezone

from orglife.core.chain import GENESIS, canonical, link_hash


def test_it_serialises_a_row_the_same_way_whatever_the_key_order():
    assert canonical({"b": 1, "a": "党支部"}) == canonical({"a": "党支部", "b": 1})


def test_it_leaves_empty_values_out_so_a_later_empty_field_keeps_old_hashes():
    assert canonical({"a": 1}) == canonical({"a": 1, "new": None, "note": "", "changes": {}})


def test_it_hashes_the_same_instant_the_same_in_any_time_zone():
    at = datetime(2024, 1, 10, 4, 0, tzinfo=UTC)
    shanghai = at.astimezone(timezone(timedelta(hours=8)))
    assert link_hash(GENESIS, {"at": at}) == link_hash(GENESIS, {"at": shanghai})


def test_it_changes_the_hash_with_the_content_and_with_the_predecessor():
    h = link_hash(GENESIS, {"note": "a"})
    assert len(h) == 64
    assert link_hash(GENESIS, {"note": "b"}) != h
    assert link_hash("0" * 64, {"note": "a"}) != h
