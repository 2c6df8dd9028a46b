"""repeated-char: typing slips found, reduplications and words that meet left alone."""

from __future__ import annotations

import pytest

from orglife.review.rules.doubles import judge

from .helpers import hits, para, run


@pytest.mark.parametrize(
    ("text", "pair", "suggestion"),
    [
        ("为高质量开好此此组织生活会做好准备。", "此此", "此次"),
        ("进一步加强组组织建设。", "组组", "组"),
        ("党员员干部要带头。", "员员", "员"),
        ("要推动动高质量发展。", "动动", "动"),
        ("坚持学习的的重要性。", "的的", "的"),
        ("我们要经常常深入基层。", "常常", "常"),
    ],
)
def test_it_flags_a_typed_double(text: str, pair: str, suggestion: str) -> None:
    findings = run(para(text), "repeated-char")
    assert len(findings) == 1
    f = findings[0]
    assert text[f.start : f.end] == pair
    assert f.suggestion == suggestion
    assert f.message == f"疑似重复字“{pair}”"


@pytest.mark.parametrize(
    "text",
    [
        "存在层层减压、层层降温的现象。",
        "实现“人人讲安全、个个会应急”的目标。",
        "以“时时放心不下”的责任担当。",
        "牢牢掌握安全生产工作主动权。",
        "不敢打破原有条条框框、求稳怕难。",
        "放在了转作风、提效能、强保障这些“硬杠杠”上。",
        "深入学习习近平总书记关于党的建设的重要思想。",
        "发扬民主集中制和全过程人民民主。",
        "对会后各项工作作出了详细部署。",
        "工作作风方面",
        "的的确确做到了实实在在、扎扎实实。",
        "关键是是否真正解决问题。",
        "为了了解群众的期盼，我们方方面面都要考虑。",
        "党委委员带头讲党课，久久为功。",
        "多多少少存在一些问题，时时处处严格要求。",
    ],
)
def test_it_leaves_legitimate_doubles_alone(text: str) -> None:
    assert hits(para(text), "repeated-char") == []


def test_judge_reads_the_pair_in_its_clause() -> None:
    text = "开好此此组织生活会"
    assert judge(text, text.index("此此")) == "此次"
    text = "学习习近平"
    assert judge(text, 1) is None


def test_it_reports_each_double_once_per_place() -> None:
    m = para("开好此此会议。", "推动动发展。")
    assert [f.paragraph for f in run(m, "repeated-char")] == [0, 1]


@pytest.mark.parametrize(
    "text",
    [
        "与赵芳芳、孙亮亮同志谈心谈话。",
        "郑伟伟主任、林楠楠同志参加会议。",
        "临朐县县委书记、某镇镇长和办公室室务会。",
        "召开支委会会议，党小组组长参加。",
        "查一查、找找差距。",
    ],
)
def test_it_leaves_names_offices_and_colloquial_reduplication_alone(text: str) -> None:
    assert hits(para(text), "repeated-char") == []


def test_a_slip_after_a_surname_character_is_still_found() -> None:
    # 严 is a surname, but 格格 runs on into 要求: not a name.
    assert hits(para("对党员严格格要求。"), "repeated-char") == ["格格"]


@pytest.mark.parametrize(
    ("text", "pair"),
    [("研究制定了会议方案案，报党委审核。", "案案"), ("承担技术攻关任务务，与青年结对。", "务务")],
)
def test_a_word_that_starts_with_a_surname_character_is_not_a_name(text: str, pair: str) -> None:
    assert hits(para(text), "repeated-char") == [pair]


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("开展经常常性的廉洁教育。", "常常"),
        ("少数党员干部部习惯于按部就班。", "部部"),
        ("推动的力度还不够大大。", "大大"),
    ],
)
def test_it_finds_slips_jieba_glues_into_words(text: str, pair: str) -> None:
    assert hits(para(text), "repeated-char") == [pair]


@pytest.mark.parametrize(
    "text",
    [
        "大大提高了工作效率。",
        "一个个难题被攻克，一次次考验被经受。",
        "会议议程已印发，委员会会议如期召开。",
    ],
)
def test_reduplications_in_use_stay_silent(text: str) -> None:
    assert hits(para(text), "repeated-char") == []


def test_a_whitelisted_word_must_start_at_a_word_boundary() -> None:
    assert hits(para("三是进一步步增强了宗旨意识。"), "repeated-char") == ["步步"]
    assert hits(para("一步步推进改革。"), "repeated-char") == []


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("支部围绕学学习贯彻开展工作。", "学学"),
        ("建立“网格格员+党员”服务队伍。", "格格"),
        ("调解纠纷的方法不多多。", "多多"),
    ],
)
def test_it_finds_doubles_glued_to_their_neighbours(text: str, pair: str) -> None:
    assert hits(para(text), "repeated-char") == [pair]


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("支部召开党员大会12次次，开展学习。", "次次"),
        ("警惕性不高高，研判不及时。", "高高"),
        ("监督还不够细细，公示不及时。", "细细"),
    ],
)
def test_a_reduplication_after_a_digit_or_negation_is_a_slip(text: str, pair: str) -> None:
    assert hits(para(text), "repeated-char") == [pair]


@pytest.mark.parametrize(
    "text", ["不同同志之间要开展谈心谈话。", "一次次考验，不断断然拒绝。", "不够常常是问题所在。"]
)
def test_negation_before_two_words_that_meet_is_fine(text: str) -> None:
    found = hits(para(text), "repeated-char")
    assert "同同" not in found


@pytest.mark.parametrize(
    ("text", "pair"),
    [("平时忙于项目技术工工作。", "工工"), ("满足于在在“学习强国”平台上学习。", "在在")],
)
def test_it_finds_a_slip_glued_into_a_rare_word_or_after_a_preposition(
    text: str, pair: str
) -> None:
    assert hits(para(text), "repeated-char") == [pair]


@pytest.mark.parametrize(
    "text", ["省委宣传部部署开展专项行动。", "市统计局局面焕然一新。", "委员会会议听取汇报。"]
)
def test_an_organizations_name_before_its_own_last_character_is_fine(text: str) -> None:
    assert hits(para(text), "repeated-char") == []


@pytest.mark.parametrize(
    ("text", "pair"),
    [("按照街道党工工委统一部署。", "工工"), ("落实中央八项规定及其实实施细则精神。", "实实")],
)
def test_the_word_model_settles_two_words_that_meet_badly(text: str, pair: str) -> None:
    assert hits(para(text), "repeated-char") == [pair]
