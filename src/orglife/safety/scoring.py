"""Risk scoring: LEC (D = L × E × C) and the LS matrix (R = L × S), banded by data.

Pure Python (no Django): the value sets are docs/domain.md's, the bands live in
``data/bands.toml`` (LEC) and a setting (LS lower bounds). A score, level and colour are
always computed from the recorded inputs, never stored as truth.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "bands.toml"

LEC_L = tuple(Decimal(v) for v in ("10", "6", "3", "1", "0.5", "0.2", "0.1"))
LEC_E = tuple(Decimal(v) for v in ("10", "6", "3", "2", "1", "0.5"))
LEC_C = tuple(Decimal(v) for v in ("100", "40", "15", "7", "3", "1"))
LS_RANGE = range(1, 6)

LEVELS = ("major", "large", "general", "low")
COLOURS = {"major": "red", "large": "orange", "general": "yellow", "low": "blue"}
LEVEL_LABELS = {"major": "重大风险", "large": "较大风险", "general": "一般风险", "low": "低风险"}
COLOUR_LABELS = {"red": "红", "orange": "橙", "yellow": "黄", "blue": "蓝"}
DEFAULT_LS_BANDS = (20, 15, 9)


class ScoringError(ValueError):
    """An input outside its value set; ``message`` is the Chinese reason."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Band:
    level: str
    min: Decimal
    inclusive: bool
    label: str

    def holds(self, score: Decimal) -> bool:
        return score >= self.min if self.inclusive else score > self.min


@dataclass(frozen=True)
class Rating:
    method: str
    score: Decimal
    level: str
    label: str

    @property
    def colour(self) -> str:
        return COLOURS[self.level]

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level]


@cache
def _data() -> dict:
    with DATA.open("rb") as f:
        return tomllib.load(f)


@cache
def lec_bands() -> tuple[Band, ...]:
    """The LEC bands of the data file, highest first."""
    bands = [
        Band(b["level"], Decimal(str(b["min"])), bool(b["inclusive"]), b["label"])
        for b in _data()["lec"]
    ]
    return tuple(sorted(bands, key=lambda b: (b.min, not b.inclusive), reverse=True))


def ls_bands(bounds: tuple[int, int, int] = DEFAULT_LS_BANDS) -> tuple[Band, ...]:
    """LS bands from the lower bounds of 重大, 较大 and 一般 (inclusive)."""
    major, large, general = bounds
    if not major > large > general > 1:
        raise ValueError(f"LS bands must descend above 1, got {bounds}")
    labels = _data()["ls_labels"]
    return (
        Band("major", Decimal(major), True, labels["major"]),
        Band("large", Decimal(large), True, labels["large"]),
        Band("general", Decimal(general), True, labels["general"]),
        Band("low", Decimal(1), True, labels["low"]),
    )


def band_for(score: Decimal, bands: tuple[Band, ...]) -> Band:
    """The first (highest) band that holds the score; the lowest band catches the rest."""
    for band in bands:
        if band.holds(score):
            return band
    return bands[-1]


def _member(value: object, allowed: tuple[Decimal, ...], name: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        number = None
    if number is None or number not in allowed:
        shown = "、".join(f"{v.normalize():f}" for v in allowed)
        raise ScoringError(f"{name} 的取值应为 {shown} 之一，收到“{value}”")
    return number


def _tidy(value: Decimal) -> Decimal:
    """Whole scores without a fraction (270, not 270.000 or 2.7E+2); others as they are."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def lec(l: object, e: object, c: object) -> Rating:  # noqa: E741 - the method's own letters
    """D = L × E × C with docs/domain.md's value sets; ScoringError for a value outside them."""
    dl = _member(l, LEC_L, "L（事故发生的可能性）")
    de = _member(e, LEC_E, "E（暴露于危险环境的频繁程度）")
    dc = _member(c, LEC_C, "C（发生事故可能造成的后果）")
    score = _tidy(dl * de * dc)
    band = band_for(score, lec_bands())
    return Rating("lec", score, band.level, band.label)


def _ls_value(value: object, name: str) -> int:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        number = Decimal(-1)
    if number != number.to_integral_value() or int(number) not in LS_RANGE:
        raise ScoringError(f"{name} 的取值应为 1～5 的整数，收到“{value}”")
    return int(number)


def ls(l: object, s: object, bounds: tuple[int, int, int] = DEFAULT_LS_BANDS) -> Rating:  # noqa: E741
    """R = L × S (each 1–5), banded by ``bounds`` (the setting ORGLIFE_SAFETY_LS_BANDS)."""
    score = Decimal(_ls_value(l, "L（可能性）") * _ls_value(s, "S（严重性）"))
    band = band_for(score, ls_bands(bounds))
    return Rating("ls", score, band.level, band.label)
