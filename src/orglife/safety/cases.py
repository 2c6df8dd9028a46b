"""The typical case (典型案例剖析, section role ``case_analysis``) of a material, read for
safety: is it about safety, and which measures does it commit to (一是…二是… after an
intro such as "需在以下几个方面综合发力："). Pure Python over the documents model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from orglife.documents.enumerate import Enumeration, enumerations
from orglife.documents.model import Material

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


def _measure_series(series: list[Enumeration]) -> Enumeration | None:
    for e in series:
        if _MEASURE_INTRO.search(e.intro):
            return e
    # Problems come first in a case analysis, measures after them.
    return series[-1] if len(series) > 1 else None


def case_measures(material: Material) -> list[CaseMeasure]:
    """The measures the typical case commits to, in order (empty when none are found)."""
    text = _case_text(material)
    series = _measure_series(enumerations(text))
    if series is None:
        return []
    out = []
    for item in series.items:
        body = text[item.start + len(item.marker) : item.end].strip()
        head = re.split(r"[。；]", body, maxsplit=1)[0][:60] or item.head
        out.append(CaseMeasure(item.ordinal, head, body, area_of(body)))
    return out
