"""上一次组织生活会问题整改落实情况, written from the previous meeting's items."""

from datetime import date

from orglife.ledger import services
from orglife.ledger.carry_forward import carry_forward_text
from tests.ledger.factories import closed_item, make_item, move


def test_it_writes_what_was_fixed_and_what_is_open_and_why(world, today):
    closed_item(world, title="理论学习不够全面透彻", measures="每月开展一次专题研讨。坚持不懈。")
    open_item = make_item(world, title="调查研究不够经常", deadline=date(2024, 2, 1))
    open_item = move(open_item, (world.member_a, "start", ""), (world.member_a, "submit", ""))
    services.item_transition(
        item=open_item, actor=world.secretary_a, action="reject", note="调研报告尚未形成"
    )
    lt = make_item(world, title="廉政监督缺乏经常性", kind="long_term", deadline=None)
    services.item_progress_add(item=lt, actor=world.member_a, text="开展廉政谈话两次")
    make_item(world, title="今年的新问题", meeting_year=2024)  # not the previous meeting

    text = carry_forward_text(org=world.branch_a, year=2024)

    assert text.startswith("针对2023年组织生活会查摆出来的3个问题")
    assert "已完成整改并验收销号1项，正在整改2项（其中长期坚持1项）" in text
    assert "（一）已完成整改的问题" in text and "（二）尚未完成整改的问题" in text
    assert "一是理论学习不够全面透彻。整改措施：每月开展一次专题研讨。" in text
    assert "佐证材料：photo.png" in text and "整改实效：每月专题研讨已开展三次" in text
    assert "调查研究不够经常。目前整改中，验收时被退回，原因是调研报告尚未形成" in text
    assert "计划于2024年02月01日前完成" in text
    assert "开展廉政谈话两次" in text and "长期坚持" in text
    assert "今年的新问题" not in text


def test_it_says_so_when_there_was_no_previous_meeting(world):
    assert "没有2024年以前" in carry_forward_text(org=world.branch_a, year=2024)


def test_it_shows_the_text_on_a_page(world, today):
    closed_item(world)
    c = world.client(world.member_a)
    r = c.get(f"/ledger/carry-forward/?org={world.branch_a.pk}&year=2024")
    assert r.status_code == 200 and "针对2023年组织生活会" in r.content.decode()
    r = world.client(world.member_b).get(f"/ledger/carry-forward/?org={world.branch_a.pk}")
    assert r.status_code == 404


def test_it_numbers_a_long_ledger_past_ninety_nine():
    from orglife.ledger.carry_forward import _chinese_number

    got = [_chinese_number(n) for n in (1, 10, 11, 20, 99, 100, 101, 110, 120, 1001)]
    assert got == [
        "一",
        "十",
        "十一",
        "二十",
        "九十九",
        "一百",
        "一百零一",
        "一百一十",
        "一百二十",
        "一千零一",
    ]
