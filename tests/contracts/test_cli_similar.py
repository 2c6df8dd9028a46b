"""`orglife similar` and the Similar JSON (docs/contracts.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from orglife.documents.parse import parse_file
from tests.contracts.conftest import SEED, assert_bad_input, orglife

PAIR_KEYS = {"a", "b", "similarity", "containment", "passages"}
PASSAGE_KEYS = {"a_start", "a_end", "b_start", "b_end", "text"}

OWN_A = (
    "关于个人学习情况的说明\n\n"
    "本人今年以来坚持参加支部组织的各项活动，按时缴纳党费，认真完成本职工作，在业务上不断钻研。\n\n"
)
OWN_END = "\n\n今后我将继续努力，争取更大进步，在岗位上做出新的贡献，不辜负组织的培养和信任。\n"


def _longest_paragraph() -> str:
    return max(SEED.read_text(encoding="utf-8").splitlines(), key=len).strip()


def _check_shape(doc: dict) -> None:
    assert set(doc) == {"pairs"}
    for pair in doc["pairs"]:
        assert set(pair) == PAIR_KEYS, pair.keys()
        assert isinstance(pair["a"], str) and isinstance(pair["b"], str)
        assert 0.0 <= pair["similarity"] <= 1.0
        assert 0.0 <= pair["containment"] <= 1.0
        for p in pair["passages"]:
            assert set(p) == PASSAGE_KEYS, p.keys()
            assert 0 <= p["a_start"] < p["a_end"] and 0 <= p["b_start"] < p["b_end"]
            assert isinstance(p["text"], str) and p["text"]


@pytest.fixture
def copied(tmp_path):
    """A folder with the seed and a short material that lifts its longest paragraph."""
    d = tmp_path / "materials"
    d.mkdir()
    (d / "a.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (d / "b.txt").write_text(OWN_A + _longest_paragraph() + OWN_END, encoding="utf-8")
    return d


def test_it_reports_a_copied_paragraph_with_its_offsets_in_each_file(copied, tmp_path):
    run = orglife("similar", "materials", "--format", "json", cwd=tmp_path)
    assert run.code == 0, run.err
    doc = run.json()
    _check_shape(doc)
    assert len(doc["pairs"]) == 1
    pair = doc["pairs"][0]
    assert {pair["a"], pair["b"]} == {"materials/a.txt", "materials/b.txt"}
    assert pair["containment"] >= 0.8
    assert pair["passages"]
    texts = {name: (tmp_path / name).read_text(encoding="utf-8") for name in (pair["a"], pair["b"])}
    copied_text = _longest_paragraph()
    for p in pair["passages"]:
        assert texts[pair["a"]][p["a_start"] : p["a_end"]] == p["text"]
        assert texts[pair["b"]][p["b_start"] : p["b_end"]] == p["text"]
    assert any(copied_text[:200] in p["text"] for p in pair["passages"])


def test_it_reports_identical_files_above_a_high_threshold(tmp_path):
    a, b = tmp_path / "x.txt", tmp_path / "y.txt"
    a.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    b.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    run = orglife("similar", a, b, "--threshold", "0.9", "--format", "json")
    assert run.code == 0, run.err
    doc = run.json()
    _check_shape(doc)
    assert [(p["a"], p["b"]) for p in doc["pairs"]] == [(str(a), str(b))]
    assert doc["pairs"][0]["similarity"] >= 0.9


def test_it_reports_nothing_for_unrelated_materials(tmp_path):
    a, b = tmp_path / "x.txt", tmp_path / "y.txt"
    a.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    b.write_text(
        OWN_A + "本人在财务岗位上工作，认真核对每一笔报销单据，及时整理会计凭证。" + OWN_END
    )
    run = orglife("similar", a, b, "--format", "json")
    assert run.code == 0, run.err
    assert run.json() == {"pairs": []}


def test_it_does_not_count_shared_fixed_formulations_as_copying(tmp_path):
    stock = (
        "按照学思想、强党性、重实践、建新功的总要求，围绕以学铸魂、以学增智、以学正风、以学促干，"
        "深入学习贯彻习近平新时代中国特色社会主义思想，增强政治意识、大局意识、核心意识、看齐意识，"
        "坚定道路自信、理论自信、制度自信、文化自信，做到坚决维护习近平总书记党中央的核心、全党的"
        "核心地位，坚决维护党中央权威和集中统一领导。"
    )
    a, b = tmp_path / "x.txt", tmp_path / "y.txt"
    a.write_text(
        "甲同志对照检查材料\n\n"
        + stock
        + "\n\n本人负责档案管理，存在归档不及时、借阅登记不规范的问题，"
        "今后将每周清理一次待归档文件，建立借阅台账。\n",
        encoding="utf-8",
    )
    b.write_text(
        "乙同志对照检查材料\n\n"
        + stock
        + "\n\n本人从事车间设备维修，存在巡检记录不完整、备件申领拖延的"
        "问题，今后将按班次填写巡检表，提前一个月报送备件计划。\n",
        encoding="utf-8",
    )
    run = orglife("similar", a, b, "--format", "json")
    assert run.code == 0, run.err
    assert run.json() == {"pairs": []}


def test_it_compares_a_docx_on_its_material_text(tmp_path):
    docx = tmp_path / "seed.docx"
    assert orglife("render", SEED, "-o", docx).code == 0
    txt = tmp_path / "b.txt"
    txt.write_text(OWN_A + _longest_paragraph() + OWN_END, encoding="utf-8")
    run = orglife("similar", docx, txt, "--format", "json")
    assert run.code == 0, run.err
    doc = run.json()
    _check_shape(doc)
    assert len(doc["pairs"]) == 1
    pair = doc["pairs"][0]
    texts = {str(docx): parse_file(docx).text(), str(txt): txt.read_text(encoding="utf-8")}
    for p in pair["passages"]:
        assert texts[pair["a"]][p["a_start"] : p["a_end"]] == p["text"]
        assert texts[pair["b"]][p["b_start"] : p["b_end"]] == p["text"]


def test_it_prints_text_by_default_and_exits_0(copied, tmp_path):
    run = orglife("similar", "materials", cwd=tmp_path)
    assert run.code == 0 and "materials/a.txt" in run.out


@pytest.mark.parametrize("threshold", ["1.5", "-0.1"])
def test_it_refuses_a_threshold_outside_0_1(copied, threshold):
    assert_bad_input(orglife("similar", copied, "--threshold", threshold))


def test_it_refuses_a_missing_path(tmp_path):
    assert_bad_input(orglife("similar", tmp_path / "nope"))


def test_it_refuses_an_unsupported_file(tmp_path):
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    assert_bad_input(orglife("similar", pdf, SEED))


THEME = (
    "本次组织生活会的主题是：学习贯彻习近平新时代中国特色社会主义思想，聚焦学思想、强党性、重实践、"
    "建新功总要求，对照凝心铸魂筑牢根本、锤炼品格强化忠诚、实干担当促进发展、践行宗旨为民造福、"
    "廉洁奉公树立新风具体目标，深入学习领悟以学铸魂、以学增智、以学正风、以学促干的丰富内涵和实践"
    "要求，通过开展批评和自我批评，检视问题抓好整改，推动形成统一思想、统一意志、统一行动，坚定拥护"
    "“两个确立”、坚决做到“两个维护”。会前，本人深入开展理论学习和谈心交流，以直面问题的勇气和刀刃"
    "向内的决心，认真查摆和检视问题，深刻剖析问题根源，明确整改措施和努力方向。现将有关情况报告如下，"
    "不足之处，请各位领导和同志们批评指正。"
)


def test_it_does_not_count_a_shared_quotation_of_the_theme_as_copying(tmp_path):
    (tmp_path / "x.txt").write_text(
        "张三同志个人对照检查材料\n\n" + THEME + "\n\n一、存在的问题\n\n本人负责档案管理，存在"
        "归档不及时、借阅登记不规范的问题，有时把当天的文件拖到月底才装订，查找起来费时费力。\n\n"
        "二、整改措施\n\n今后将每周清理一次待归档文件，建立借阅台账，做到随借随登、按期催还。\n",
        encoding="utf-8",
    )
    (tmp_path / "y.txt").write_text(
        "李四同志个人对照检查材料\n\n" + THEME + "\n\n一、存在的问题\n\n本人从事车间设备维修，"
        "巡检记录不完整，备件申领常常拖延，影响了两次检修进度。\n\n二、整改措施\n\n今后按班次"
        "填写巡检表，提前一个月报送备件计划，检修前核对清单。\n",
        encoding="utf-8",
    )
    run = orglife("similar", tmp_path, "--format", "json")
    assert run.code == 0, run.err
    assert run.json() == {"pairs": []}


def test_a_is_the_file_given_first(tmp_path):
    a, b = tmp_path / "x.txt", tmp_path / "y.txt"
    a.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    b.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    run = orglife("similar", b, a, "--format", "json")
    assert [(p["a"], p["b"]) for p in run.json()["pairs"]] == [(str(b), str(a))]


def test_a_single_file_has_no_pairs(tmp_path):
    run = orglife("similar", SEED, "--format", "json")
    assert run.code == 0, run.err
    assert run.json() == {"pairs": []}


def test_a_threshold_of_zero_reports_every_pair_or_is_refused(tmp_path):
    a, b = tmp_path / "x.txt", tmp_path / "y.txt"
    a.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    b.write_text(
        OWN_A + "本人在财务岗位上工作，认真核对每一笔报销单据，及时整理会计凭证。" + OWN_END
    )
    run = orglife("similar", a, b, "--threshold", "0", "--format", "json")
    if run.code == 2:
        assert_bad_input(run)
    else:
        assert run.code == 0
        assert [(p["a"], p["b"]) for p in run.json()["pairs"]] == [(str(a), str(b))]


def test_offsets_are_in_the_text_as_python_reads_a_crlf_file(tmp_path):
    d = tmp_path / "crlf"
    d.mkdir()
    seed = SEED.read_text(encoding="utf-8")
    (d / "a.txt").write_text(seed, encoding="utf-8", newline="\r\n")
    (d / "b.txt").write_text(
        OWN_A + _longest_paragraph() + OWN_END, encoding="utf-8-sig", newline="\r\n"
    )
    run = orglife("similar", d, "--format", "json")
    assert run.code == 0, run.err
    (pair,) = run.json()["pairs"]
    texts = {n: Path(n).read_text(encoding="utf-8-sig") for n in (pair["a"], pair["b"])}
    assert pair["passages"]
    for p in pair["passages"]:
        assert texts[pair["a"]][p["a_start"] : p["a_end"]] == p["text"]
        assert texts[pair["b"]][p["b_start"] : p["b_end"]] == p["text"]


def test_it_walks_folders_and_names_files_by_the_path_given(tmp_path):
    root = tmp_path / "branch"
    (root / "2023").mkdir(parents=True)
    (root / "2023" / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "copy.txt").write_text(OWN_A + _longest_paragraph() + OWN_END, encoding="utf-8")
    (root / "notes.pdf").write_bytes(b"%PDF-1.4\n")  # not a material: skipped in a folder
    run = orglife("similar", "branch", "--format", "json", cwd=tmp_path)
    assert run.code == 0, run.err
    (pair,) = run.json()["pairs"]
    assert {pair["a"], pair["b"]} == {"branch/2023/seed.txt", "branch/copy.txt"}


def test_a_lightly_edited_copy_is_still_found_with_its_place_in_each_file(tmp_path):
    seed = SEED.read_text(encoding="utf-8")
    original = [line for line in seed.splitlines() if len(line) > 300][2]
    edited = (
        original.replace("进一步", "更加").replace("不够", "不太", 2).replace("工作", "业务", 1)
    )
    assert edited != original
    d = tmp_path / "m"
    d.mkdir()
    (d / "a.txt").write_text(seed, encoding="utf-8")
    b_text = OWN_A + edited + OWN_END
    (d / "b.txt").write_text(b_text, encoding="utf-8")
    run = orglife("similar", "m", "--format", "json", cwd=tmp_path)
    assert run.code == 0, run.err
    (pair,) = run.json()["pairs"]
    assert (pair["a"], pair["b"]) == ("m/a.txt", "m/b.txt")
    (passage,) = pair["passages"]
    assert seed[passage["a_start"] : passage["a_end"]] == passage["text"]
    assert passage["text"] in original
    where = b_text.index(edited)
    assert where <= passage["b_start"] < passage["b_end"] <= where + len(edited)
    assert passage["b_end"] - passage["b_start"] >= len(edited) // 2
