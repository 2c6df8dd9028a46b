"""Line-level clean-up of text copied from Word, WPS and PDF.

Every function here is idempotent: a parsed material rendered and parsed again
must not change, so nothing may keep "improving" text on a second pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from orglife.documents.hant_map import SIMPLIFIED, TRADITIONAL

# Characters that end a sentence; a line ending in one of these is complete.
SENTENCE_END = "。！？；：!?;:…"
# Characters that can never end a paragraph: a line ending in one was cut.
MID_SENTENCE = "，、（“‘《〈【—,("

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff60\u2018-\u201f\u2014\u2026"
_STRAY_SPACE = re.compile(rf"(?<=[{_CJK}]) +(?=[{_CJK}])")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile("[\t\u00a0\u2002\u2003\u2009\u3000\u202f]")
_MULTI_SPACE = re.compile(" {2,}")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Pinyin a web page put after each character as ruby, copied with the text: 問(wèn)題.
# Only syllables with a tone mark count, so a list letter such as （a） stays.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_RUBY = re.compile(rf"(?<=[\u3400-\u9fff])[（(][a-zü{_TONED}]*[{_TONED}][a-zü{_TONED}]*[）)]")


def normalize_line(line: str) -> str:
    """One line without invisible characters, edge spaces or spaces between Chinese characters.

    Spaces between a Chinese character and a Latin word or a number stay
    (``形成 28 篇`` is how some people write); only CJK–CJK gaps are stray.
    """
    s = _INVISIBLE.sub("", line)
    s = _CONTROL.sub("", s)
    # The patterns that start with a lookbehind or a repeat are tried at every place of
    # the line: skip them when the character they need is absent (most lines).
    if "(" in s or "（" in s:
        s = _RUBY.sub("", s)
    s = _SPACES.sub(" ", s)
    if "  " in s:
        s = _MULTI_SPACE.sub(" ", s)
    s = s.strip()
    return _STRAY_SPACE.sub("", s) if " " in s else s


_T2S = str.maketrans(TRADITIONAL, SIMPLIFIED)
# A character class runs at C speed: most texts hold no traditional character at all,
# and then the (slower) translate is skipped.
_TRAD_RE = re.compile("[" + re.escape(TRADITIONAL) + "]")


def to_simplified(s: str) -> str:
    """``s`` with traditional characters as simplified ones, one for one (offsets hold).

    Used to recognise headings, roles and words in texts written in traditional
    characters (問題 → 问题); the text itself is never changed.
    """
    return s.translate(_T2S) if _TRAD_RE.search(s) else s


def has_traditional(s: str) -> bool:
    """True when ``s`` holds a character that exists only in traditional writing."""
    return _TRAD_RE.search(s) is not None


def traditional_count(s: str) -> int:
    """How many characters of ``s`` exist only in traditional writing."""
    return len(_TRAD_RE.findall(s))


# A blank a PDF copy put on a line of its own: ×××, XX, **, ____ (a missing name or number).
_BLANK_LINE = re.compile(r"^[×xXＸｘ*＊_＿\s]{1,8}$")
_ENDS_BLANK = re.compile(r"[×Ｘｘ*＊_＿]$|(?<![A-Za-z])[xX]{1,3}$")


def is_blank_line(line: str) -> bool:
    """True for a line that is only a template blank (××, ___): part of the sentence around it."""
    return bool(_BLANK_LINE.match(line))


def display_width(s: str) -> float:
    """Width in Chinese character cells: ASCII counts half a cell, everything else one.

    In Chinese typesetting quotes and dashes are full width too, so "not ASCII"
    is the right test, and it runs at C speed (this is called on every line).
    """
    return len(s) - 0.5 * len(s.encode("ascii", "ignore"))


def ends_sentence(line: str) -> bool:
    """True when the line ends a sentence (closing quotes and brackets looked through)."""
    s = line.rstrip("”’」』）)】")
    return bool(s) and s[-1] in SENTENCE_END


def ends_mid_sentence(line: str) -> bool:
    """True when the line ends in punctuation that always has more text after it."""
    return bool(line) and line[-1] in MID_SENTENCE


def _glue(a: str, b: str) -> str:
    # A Latin word cut at the end of a PDF line needs its space back.
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " " + b
    return a + b


def wrap_width(
    lines: list[str],
    is_closed: Callable[[str], bool],
    measure: Callable[[str], float] = display_width,
) -> float | None:
    """The column width of a hard-wrapped (PDF copied) text, or None when it is not one.

    A hard-wrapped text has many lines of nearly the same width that stop
    mid-sentence; an ordinary one has a paragraph per line and only headings
    without final punctuation (``is_closed`` tells those apart: a long numbered
    line with text run into its heading can be cut by a wrap like any other).
    ``measure`` gives a line's width (the parser leaves heading numbers out).
    """
    if len(lines) < 4:
        return None
    widths = sorted(measure(x) for x in lines)
    width = widths[int(0.9 * (len(widths) - 1))]
    if not 16 <= width <= 90:
        return None
    cut = [
        x for x in lines if not ends_sentence(x) and not is_closed(x) and measure(x) >= 0.8 * width
    ]
    return width if len(cut) >= 2 and len(cut) * 5 >= len(lines) else None


def join_wrapped(
    lines: list[str],
    is_heading: Callable[[str], bool],
    is_closed: Callable[[str], bool] = lambda _: False,
    measure: Callable[[str], float] = display_width,
) -> list[str]:
    """Join lines that a PDF copy or a careless paste broke in the middle of a sentence.

    A line is continued by the next when it ends in punctuation that cannot end
    a paragraph (，、“ …), or, in a hard-wrapped text, when it is as wide as the
    column and does not end a sentence; never when the next line is a heading,
    nor after a line ``is_closed`` says is complete (a short heading).
    """
    width = wrap_width(lines, is_closed, measure)
    out: list[str] = []
    open_line = False
    for line in lines:
        # A blank on its own line (a PDF cut "局长\n×××\n同志") belongs to the sentence
        # around it: it joins the line before and keeps the sentence open.
        blank = is_blank_line(line)
        if out and (open_line or (blank and not ends_sentence(out[-1]))) and not is_heading(line):
            out[-1] = _glue(out[-1], line)
        else:
            out.append(line)
        open_line = not is_closed(out[-1]) and (
            ends_mid_sentence(line)
            or ((blank or bool(_ENDS_BLANK.search(line))) and not ends_sentence(line))
            or (width is not None and not ends_sentence(line) and measure(line) >= 0.8 * width)
        )
    return out
