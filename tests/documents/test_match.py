from pathlib import Path

from orglife.documents.match import best_match, score
from orglife.documents.parse import parse_text

SEED = Path(__file__).resolve().parents[2] / "src/orglife/site/data/2023-branch-self-inspection.txt"


def seed():
    return parse_text(SEED.read_text(encoding="utf-8"))


def test_it_pairs_the_seed_s_problems_with_the_measures_it_wrote_for_them():
    m = seed()
    measures = m.section("measures")
    found = {
        p.aspect: best_match("".join(p.paragraphs), measures, p.aspect)
        for p in m.section("problems").items
    }
    assert found["theory_study"].number == "一"
    assert found["responsibility"].number == "二"  # 践行使命担当
    assert found["work_style"].number == "三"  # 转变作风效能
    assert found["integrity"].number == "五"  # 筑牢廉洁防火墙


def test_it_pairs_the_seed_s_problems_with_their_causes():
    m = seed()
    causes = m.section("causes")
    problems = {p.aspect: "".join(p.paragraphs) for p in m.section("problems").items}
    assert best_match(problems["responsibility"], causes, "responsibility").number == "四"
    assert best_match(problems["integrity"], causes, "integrity").number == "五"


def test_it_matches_nothing_when_nothing_is_close():
    material = parse_text("材料\n一、整改措施\n（一）加强安全生产培训。组织消防演练。")
    assert best_match("理论学习不够深入系统", material.section("measures")) is None
    assert best_match("理论学习不够深入系统", None) is None


def test_it_gives_a_bonus_to_a_heading_that_names_the_aspect():
    item = (
        parse_text("材料\n一、整改措施\n（一）践行使命担当。做好工作。")
        .section("measures")
        .items[0]
    )
    assert score("斗争精神不足", item, "responsibility") > score("斗争精神不足", item, None)
