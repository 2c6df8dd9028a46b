"""Rules of issue 14: document kinds, typos, numbered formulations, doubles families,
reversed quotes, grouped habits, single placeholders, traditional script, vague problems."""

from __future__ import annotations

import pytest

from orglife.documents.parse import parse_text
from orglife.review.engine import check_material, check_text, review_material

from .helpers import SEED


def rules(text: str) -> list[tuple[str, str, str]]:
    blocks = parse_text(text).blocks()
    return [
        (f.rule, blocks[f.paragraph].text[f.start : f.end], f.suggestion) for f in check_text(text)
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("关于召开2025年度组织生活会的通知\n各党支部：\n现将有关事项通知如下：", "notice"),
        ("第一党支部2025年度组织生活会实施方案\n一、会议时间\n12月20日。", "plan"),
        ("关于2024年度组织生活会召开情况的报告\n现将有关情况报告如下：", "report"),
        ("第一党支部问题清单\n序号 问题 措施 责任人 时限\n1 学习不深 集中学习 书记 6月", "list"),
        ("3月10日下午，第四党支部召开组织生活会。会议由支部书记主持。", "other"),
        ("第一党支部班子对照检查材料\n一、存在的问题\n学习不深。", "material_branch"),
        ("张三同志个人对照检查材料\n一、存在的问题\n我学习不深。", "material_individual"),
    ],
)
def test_it_detects_the_document_kind(text: str, kind: str) -> None:
    assert review_material(parse_text(text)).kind.kind == kind


def test_it_checks_structure_only_on_materials() -> None:
    notice = (
        "关于召开组织生活会的通知\n各党支部：\n现将有关事项通知如下：\n一、会议主题\n学习贯彻。"
    )
    assert not [r for r in rules(notice) if r[0].startswith("required")]


def test_it_makes_structure_findings_warnings_when_the_kind_is_a_guess() -> None:
    text = "一、存在的问题\n我学习不够深入，满足于读原文，我联系实际不够，我调研少。"
    found = [f for f in check_text(text) if f.rule == "required-section"]
    assert found and all(f.severity == "warning" for f in found)


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("要认真布署整改工作。", "布署", "部署"),
        ("我们要再接再励，做好工作。", "再接再励", "再接再厉"),
        ("工作按步就班，缺乏创新。", "按步就班", "按部就班"),
        ("在工作中竟竟业业。", "竟竟业业", "兢兢业业"),
        ("做为一名党员，要带头。", "做为", "作为"),
        ("要久久为，持续用力。", "久久为", "久久为功"),
    ],
)
def test_it_names_the_intended_word_for_a_typo(text: str, wrong: str, right: str) -> None:
    assert any(w == wrong and s == right for _, w, s in rules(text))


def test_it_leaves_correct_set_phrases_alone() -> None:
    assert rules("要求务实高效，久久为功，实事求是，全心全意为人民服务。") == []


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("2024年，要增强“三个意识”，坚定“四个自信”。", "三个意识", "四个意识"),
        ("深刻领悟“两个确定”的决定性意义。", "两个确定", "两个确立"),
        (
            "学习习近平新时代特色社会主义思想。",
            "习近平新时代特色社会主义思想",
            "习近平新时代中国特色社会主义思想",
        ),
        ("学习二十大三中全会精神。", "二十大三中全会", "二十届三中全会"),
        (
            "学习《中国共产党纪律处份条例》。",
            "中国共产党纪律处份条例",
            "《中国共产党纪律处分条例》",
        ),
    ],
)
def test_it_finds_changed_formulations(text: str, wrong: str, right: str) -> None:
    found = [(w, s) for r, w, s in rules(text) if r in ("numbered-formulation", "exact-name")]
    assert (wrong, right) in found


def test_it_warns_about_an_unknown_numbered_name_beside_known_ones_and_outdated_ones() -> None:
    found = check_text("2024年要做到“两个维护”，坚持“三个转变”，把握“八个明确”。")
    assert {(f.severity, f.suggestion) for f in found} == {
        ("warning", "核对提法"),
        ("warning", "十个明确"),
    }


def test_it_accepts_the_formulations_of_2024_to_2026() -> None:
    text = (
        "2025年，深入学习贯彻党的二十届三中全会精神，巩固党纪学习教育成果，"
        "谋划“十五五”发展，做到“四个带头”“五个带头”，坚定拥护“两个确立”。"
    )
    assert rules(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "谋划“十五五”时期工作，对照十五五规划。",
        "达到了“红红脸、出出汗”的目的，扯扯袖子、咬咬耳朵。",
        "要照照镜子、正正衣冠、洗洗澡、治治病。",
        "硬邦邦的作风，沉甸甸的责任，乐呵呵的群众。",
        "二〇二二年，党委委员参加组织生活会会前学习。",
    ],
)
def test_it_leaves_families_of_legitimate_doubles_alone(text: str) -> None:
    assert [r for r in rules(text) if r[0] == "repeated-char"] == []


def test_it_still_flags_doubles_that_look_like_families() -> None:
    assert [
        w for r, w, _ in rules("召开组织生生活会，检查出的问问题。") if r == "repeated-char"
    ] == [
        "生生",
        "问问",
    ]


def test_it_finds_reversed_quotes() -> None:
    assert ("reversed-quote", "”四个意识“", "“四个意识”") in rules("要增强”四个意识“。")
    assert not [r for r in rules("要增强”四个意识“。") if r[0] == "unbalanced-pair"]


def test_it_groups_a_half_width_habit_into_one_finding_with_every_place() -> None:
    text = "存在的问题\n" + "学习不深,调研不够,作风不实,标准不高,要求不严,动力不足。"
    found = [f for f in check_text(text) if f.rule == "halfwidth-punct"]
    assert len(found) == 1
    assert found[0].message.startswith("全文 5 处半角逗号")
    assert len(found[0].places) == 5
    assert set(found[0].to_dict()) == {
        "file", "rule", "severity", "message", "suggestion", "section", "paragraph", "start",
        "end", "excerpt",
    }  # fmt: skip


@pytest.mark.parametrize("placeholder", ["星期x", "〔*〕", "20*年", "*年度"])
def test_it_finds_a_single_character_placeholder(placeholder: str) -> None:
    found = rules(f"会议定于{placeholder}召开。")
    assert any(r == "template-residue" and w and w in placeholder for r, w, _ in found)


def test_it_leaves_multiplication_and_english_alone() -> None:
    assert rules("按3×4的标准布置，使用Excel表格和XML文件。") == []


def test_it_notices_a_document_in_traditional_characters() -> None:
    text = (
        "存在的問題\n"
        + "理論學習不夠深入，聯繫實際不夠緊密，調查研究不夠經常，服務群眾意識還須加強。" * 2
    )
    assert [r for r in rules(text) if r[0] == "traditional-script"]


def test_it_flags_a_vague_problem_with_its_share_of_stock_phrases() -> None:
    text = (
        "第一党支部对照检查材料\n一、存在的问题\n（一）工作作风方面\n"
        "宗旨意识有待加强，深入基层不够经常，联系群众还有差距，工作主动性有待提升，"
        "调查研究不够深入，解决实际问题的能力还有欠缺。\n"
        "（二）理论学习方面\n比如今年3月集中学习时，有2名党员缺席，学习笔记流于形式。\n"
        "二、原因分析\n思想认识不到位。\n三、整改措施\n加强学习，改进作风。"
    )
    found = [f for f in check_text(text) if f.rule == "vague-problem"]
    assert len(found) == 1
    assert "套话约占" in found[0].message and found[0].severity == "warning"


def test_the_seed_is_read_as_a_branch_material() -> None:
    review = review_material(parse_text(SEED.read_text(encoding="utf-8")))
    assert review.kind.kind == "material_branch"
    assert review.kind.confidence >= 0.9


@pytest.mark.parametrize(
    "text",
    [
        "一、存在的问题:\n学习不深。\n二、原因分析\n认识不足。",
        "一、存在的问题\n（一）理论学习方面:学习不够深入，满足于读原文。\n二、原因分析\n认识不足。",
    ],
)
def test_it_finds_a_half_width_colon_after_a_heading(text: str) -> None:
    assert [r for r in rules(text) if r[0] == "heading-colon"]


def test_it_keeps_offsets_when_a_paragraph_holds_a_line_break() -> None:
    from orglife.documents.model import Item, Material, Section

    section = Section(
        "三",
        "存在的问题",
        "problems",
        [],
        [Item("一", "\n", None, ["\n"]), Item("二", "學習", None, ["一是是"])],
    )
    material = Material("材料", "individual", [], [section])
    blocks = material.blocks()
    for f in check_material(material):
        assert 0 <= f.start <= f.end <= len(blocks[f.paragraph].text)
