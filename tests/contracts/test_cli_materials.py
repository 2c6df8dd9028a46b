"""Parse, round trip and finding offsets on materials written unlike the seed (docs/contracts.md:
"Round trip: parse(render(parse(x))) == parse(x) for every material")."""

from __future__ import annotations

import pytest
from docx import Document

from orglife.documents.parse import parse_file
from tests.contracts.conftest import FINDING_KEYS, SEED, orglife

INDIVIDUAL = """张三同志2023年度组织生活会个人对照检查材料

根据支部安排，本人认真对照检查，现将有关情况报告如下。

一、存在的问题

（一）理论学习方面。一是学习不够系统；二是学用结合不够紧密。

（二）政治素质方面

1.政治敏锐性不强。对一些错误言论辨别不够。

2.斗争精神不足。

（1）遇到矛盾绕着走。

（2）批评与自我批评辣味不足。

二、原因分析

2023年以来工作任务繁重，放松了学习。

1、理想信念有所弱化。

三、整改措施

①加强理论学习，每周自学不少于3小时。

②改进工作作风。

                                   张三
                               2023年12月20日
"""

COLONS = """一、学习情况
支部全体党员认真学习了有关文件，取得了较好效果。
(一)集中学习。组织集中学习4次。
(二)个人自学。党员自学笔记平均1万字。
二、存在问题
理论学习方面：一是学习不深；二是研讨不够。
工作作风方面：一是调研不多；二是办事拖沓。
"""

PROSE = """关于2023年主题教育专题组织生活会的对照检查

本支部现有党员12名。1.这句话以数字开头却不是标题。

“以学铸魂、以学增智、以学正风、以学促干”是主题教育的目标。
"""

DEFECTS = """李四同志对照检查材料

一、存在的问题

（一）理论学习方面。学习XXX精神不够深入，开好此此会议的准备不足。

（二）工作作风方面。存在以下三个问题：一是调研少；二是办事慢。

二、整改措施

加强学习,改进作风。
"""

MATERIALS = {"individual": INDIVIDUAL, "colons": COLONS, "prose": PROSE, "defects": DEFECTS}


@pytest.fixture(params=sorted(MATERIALS))
def material(request, tmp_path):
    path = tmp_path / f"{request.param}.txt"
    path.write_text(MATERIALS[request.param], encoding="utf-8")
    return path


def test_it_round_trips_through_render(material, tmp_path):
    first = orglife("parse", material, "--format", "json")
    assert first.code == 0, first.err
    out = tmp_path / "out.docx"
    assert orglife("render", material, "-o", out).code == 0
    again = orglife("parse", out, "--format", "json")
    assert again.code == 0, again.err
    assert again.json() == first.json()


def test_a_plain_word_file_of_the_same_lines_parses_the_same(material, tmp_path):
    doc = Document()
    for line in material.read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc.add_paragraph(line)
    docx = tmp_path / "plain.docx"
    doc.save(str(docx))
    a = orglife("parse", material, "--format", "json")
    b = orglife("parse", docx, "--format", "json")
    assert a.code == b.code == 0
    assert a.json() == b.json()


def test_the_seed_as_a_plain_word_file_parses_like_the_text(tmp_path):
    doc = Document()
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc.add_paragraph(line)
    docx = tmp_path / "seed-plain.docx"
    doc.save(str(docx))
    a = orglife("parse", SEED, "--format", "json")
    b = orglife("parse", docx, "--format", "json")
    assert a.json() == b.json()


def test_every_finding_points_into_its_block(material):
    run = orglife("check", material, "--format", "json")
    assert run.code in (0, 1), run.err
    findings = run.json()
    assert run.code == (1 if any(f["severity"] == "error" for f in findings) else 0)
    blocks = parse_file(material).blocks()
    for f in findings:
        assert set(f) == set(FINDING_KEYS)
        block = blocks[f["paragraph"]]
        assert f["section"] == block.section
        assert 0 <= f["start"] <= f["end"] <= len(block.text), f
        core = f["excerpt"].strip("…")
        spans = [i for i in range(len(block.text)) if block.text.startswith(core, i)]
        assert any(i <= f["start"] and f["end"] <= i + len(core) for i in spans), (f, block.text)


def test_the_planted_defects_are_found_at_their_place(tmp_path):
    path = tmp_path / "defects.txt"
    path.write_text(DEFECTS, encoding="utf-8")
    run = orglife("check", path, "--format", "json")
    assert run.code == 1
    blocks = parse_file(path).blocks()
    marked = {(blocks[f["paragraph"]].text[f["start"] : f["end"]]) for f in run.json()}
    assert {"此此", "XXX", ",", "三个问题"} <= marked, marked


def test_one_bad_file_among_good_ones_is_bad_input(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(PROSE, encoding="utf-8")
    run = orglife("check", good, tmp_path / "missing.txt", "--format", "json")
    assert run.code == 2
    assert "Traceback" not in run.err


def test_the_command_offers_the_six_subcommands():
    run = orglife("--help")
    assert run.code == 0
    for sub in ("parse", "check", "render", "similar", "demo", "serve"):
        assert sub in run.out
    serve = orglife("serve", "--help")
    assert serve.code == 0 and "--port" in serve.out
