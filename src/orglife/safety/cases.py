"""The typical case (典型案例剖析, section role ``case_analysis``) of a material, read for
safety: is it about safety, and which measures does it commit to (一是…二是… after an
intro such as "需在以下几个方面综合发力："). Pure Python over the documents model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from orglife.documents.model import Material
from orglife.documents.numerals import cn_to_int

# Words that name a key area (seed, section 四); a measure naming exactly one gets it.
AREA_WORDS = {
    "fire": ("消防", "火灾", "逃生"),
    "electricity": ("用电", "电气", "配电"),
    "gas": ("燃气", "用气"),
    "hazardous_chemicals": ("危化品", "危险化学品"),
    "hot_work": ("动火", "动焊", "用火"),
    "confined_space": ("有限空间",),
    "special_equipment": ("特种设备", "锅炉", "电梯", "压力容器"),
    "contractors": ("相关方", "第三方"),
}
_MEASURE_INTRO = re.compile(r"发力|措施|着力|做好|努力方向|举措|抓好|加强")


@dataclass(frozen=True)
class CaseMeasure:
    index: int  # 1-based, as the series numbers it
    head: str  # the words after the marker up to the first full stop: a title
    text: str  # the whole point
    area: str


def _case_text(material: Material) -> str:
    parts: list[str] = []
    for section in material.sections:
        if section.role != "case_analysis":
            continue
        parts.extend(section.paragraphs)
        for item in section.items:
            parts.append(item.heading)
            parts.extend(item.paragraphs)
    return "\n".join(p for p in parts if p)


def is_safety_case(material: Material) -> bool:
    """True when the material's typical case is about safety production."""
    return "安全" in _case_text(material)


def area_of(text: str) -> str:
    found = [area for area, words in AREA_WORDS.items() if any(w in text for w in words)]
    return found[0] if len(found) == 1 else "safety_management"


# "一是…二是…": where a point may start (text start or after a full stop, colon, semicolon).
_SHI = re.compile(r"(?:^|(?<=[。；;：:\s]))([一二三四五六七八九十]{1,3})是")


@dataclass(frozen=True)
class _Point:
    ordinal: int
    start: int  # where its words begin (after 一是)
    end: int


def _series(text: str) -> list[tuple[str, list[_Point]]]:
    """Each 一是…二是… series with the sentence before it: [(intro, points)]."""
    found: list[tuple[str, list[_Point]]] = []
    marks = [(m, cn_to_int(m.group(1))) for m in _SHI.finditer(text)]
    current: list[tuple[re.Match[str], int]] = []
    for mark, value in [*marks, (None, None)]:
        if current and (mark is None or value != current[-1][1] + 1):
            first = current[0][0].start()
            intro_from = max(text.rfind(c, 0, first - 1) for c in "。；\n") + 1
            points = []
            for i, (m, n) in enumerate(current):
                end = current[i + 1][0].start() if i + 1 < len(current) else len(text)
                if i + 1 == len(current):
                    stop = text.find("\n", m.end())
                    end = stop if stop != -1 else end
                points.append(_Point(n, m.end(), end))
            found.append((text[intro_from:first], points))
            current = []
        if mark is not None and value is not None and (current or value == 1):
            current.append((mark, value))
    return found


def _measure_series(series: list[tuple[str, list[_Point]]]) -> list[_Point]:
    for intro, points in series:
        if _MEASURE_INTRO.search(intro):
            return points
    # Problems come first in a case analysis, measures after them.
    return series[-1][1] if len(series) > 1 else []


def case_measures(material: Material) -> list[CaseMeasure]:
    """The measures the typical case commits to, in order (empty when none are found)."""
    text = _case_text(material)
    out = []
    for point in _measure_series(_series(text)):
        body = text[point.start : point.end].strip()
        head = re.split(r"[。；，]", body, maxsplit=1)[0][:60]
        out.append(CaseMeasure(point.ordinal, head, body, area_of(body)))
    return out
