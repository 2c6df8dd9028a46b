"""template-residue: placeholders found, look-alikes in real text left alone."""

from __future__ import annotations

import pytest

from .helpers import hits, para


@pytest.mark.parametrize(
    ("text", "placeholder"),
    [
        ("学习了习近平总书记关于**工作的重要论述。", "**"),
        ("××同志在会上作了发言。", "××"),
        ("XX同志带头开展批评。", "XX"),
        ("支部共有xx名党员。", "xx"),
        ("支部共有X名党员参加会议。", "X"),
        ("共开展谈心谈话×次。", "×"),
        ("某某同志存在学习不深入的问题。", "某某"),
        ("○○党支部召开组织生活会。", "○○"),
        ("会议于[填写日期]召开。", "[填写日期]"),
        ("会议于【请填写】召开。", "【请填写】"),
        ("会议于20__年召开。", "__"),
        ("（单位名称）党支部召开组织生活会。", "（单位名称）"),
        ("会议于某年某月某日召开。", "某年某月某日"),
        ("应到党员（  ）人。", "（  ）"),
        ("ＸＸ同志作了发言。", "ＸＸ"),
    ],
)
def test_it_flags_a_placeholder(text: str, placeholder: str) -> None:
    assert hits(para(text), "template-residue") == [placeholder]


@pytest.mark.parametrize(
    "text",
    [
        "二○○八年以来，支部坚持三会一课制度。",
        "办公室面积为3×4米。",
        "采购XXL号服装和Xbox设备若干。",
        "某单位曾发生类似问题，某些同志认识不足。",
        "选派5名青年职工参加培训，形成28篇调研报告。",
        "将安全教育培训纳入“5+1+1”学习日。",
        "（一）制定会议方案。",
        "X射线检查设备已按期检定。",
    ],
)
def test_it_leaves_real_text_alone(text: str) -> None:
    assert hits(para(text), "template-residue") == []


def test_it_reports_overlapping_patterns_once() -> None:
    assert hits(para("XXX同志"), "template-residue") == ["XXX"]
