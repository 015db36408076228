"""Quantities written in minutes: digits, number words, percentages and money.

:func:`find_quantities` finds every quantity in a sentence with its span; whether one is a
metric (and not a date, an age or a phone number) is decided in :mod:`.metrics`.

>>> [(q.value, q.unit, q.text) for q in find_quantities("over 500 people and 55% of twenty-three schools")]
[(500.0, 'count', 'over 500'), (55.0, 'percent', '55%'), (23.0, 'count', 'twenty-three')]
>>> [(q.value, q.unit) for q in find_quantities("a budget of £1.2m and £245,000 from partners")]
[(1200000.0, 'gbp'), (245000.0, 'gbp')]
>>> [(q.value, q.unit) for q in find_quantities("fifty per cent of the 1,250 contacts")]
[(50.0, 'percent'), (1250.0, 'count')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from number_parser import parse_number

_UNITS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
).split()
_NUMBER_WORD = r"(?:" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")"

NUMBER_PATTERN = re.compile(
    rf"""
    (?P<qual>(?:just\ |well\ )?(?:over|more\ than|almost|nearly|approximately|approx\.?|around|about|
              some|circa|c\.|up\ to|fewer\ than|less\ than|under|at\ least|a\ total\ of|in\ excess\ of)\s+)?
    (?:
        (?P<money>£\s?(?P<mnum>\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.(?P<mdec>\d+))?\s?
                  (?P<mscale>m\b|million\b|bn\b|billion\b|k\b|thousand\b)?)
      | (?P<num>(?<![\d.,/£-])\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?![\d,]*\d)|(?<![\d.,/£-])\d+(?:\.\d+)?)
        (?P<pct>\s?(?:%|per\s?cent\b|percent\b))?
      | (?P<words>\b{_NUMBER_WORD}(?:[\s-]+(?:hundred|thousand|and|{_NUMBER_WORD}))*\b|\b(?:a\ )?dozen\b)
        (?P<wpct>\s(?:per\s?cent\b|percent\b))?
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str  # count, percent or gbp
    text: str  # as written, with its qualifier
    start: int  # offsets of the number itself (without the qualifier) in the searched string
    end: int
    qualifier: str | None
    is_word: bool


_SCALE = {"m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9, "k": 1e3, "thousand": 1e3}


@lru_cache(maxsize=8192)
def _words_value(words: str) -> float | None:
    words = words.strip().lower()
    if words.endswith(" and"):
        return None
    if words in ("dozen", "a dozen"):
        return 12.0
    value = parse_number(words.replace("-", " "))
    return float(value) if value is not None else None


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order."""
    out = []
    for m in NUMBER_PATTERN.finditer(text):
        qual = (m.group("qual") or "").strip().lower() or None
        if m.group("money"):
            value = float(m.group("mnum").replace(",", "") + "." + (m.group("mdec") or "0"))
            scale = (m.group("mscale") or "").lower()
            value *= _SCALE.get(scale, 1.0)
            unit, start, end, is_word = "gbp", m.start("money"), m.end("money"), False
        elif m.group("num"):
            value = float(m.group("num").replace(",", ""))
            unit = "percent" if m.group("pct") else "count"
            start, end, is_word = m.start("num"), m.end("pct") if m.group("pct") else m.end("num"), False
        else:
            words = m.group("words")
            trimmed = re.sub(r"(?:[\s-]+and)+$", "", words, flags=re.I)
            value = _words_value(trimmed)
            if value is None:
                continue
            unit = "percent" if m.group("wpct") else "count"
            start = m.start("words")
            end = m.end("wpct") if m.group("wpct") else start + len(trimmed)
            is_word = True
        text_start = m.start() if qual else start
        out.append(Quantity(value, unit, text[text_start:end].strip(), start, end, qual, is_word))
    return out
