"""Quantities written in minutes: digits, number words, percentages and money.

:func:`find_quantities` finds every quantity in a sentence with its span; whether one is a
metric (and not a date, an age or a phone number) is decided in :mod:`.metrics`.

>>> [(q.value, q.unit, q.text) for q in find_quantities("over 500 people and 55% of twenty-three schools")]
[(500.0, 'count', 'over 500'), (55.0, 'percent', '55%'), (23.0, 'count', 'twenty-three')]
>>> [(q.value, q.unit) for q in find_quantities("a budget of £1.2m and £245,000 from partners")]
[(1200000.0, 'gbp'), (245000.0, 'gbp')]
>>> [(q.value, q.unit) for q in find_quantities("fifty per cent of the 1,250 contacts, over 46k calls")]
[(50.0, 'percent'), (1250.0, 'count'), (46000.0, 'count')]

A range is one quantity with a top: "between 300 and 350", "10-12 reviews", "15-20%".

>>> [(q.value, q.value_high, q.unit, q.text) for q in find_quantities("between 300 and 350 contacts, 15-20% of them")]
[(300.0, 350.0, 'count', 'between 300 and 350'), (15.0, 20.0, 'percent', '15-20%')]
>>> [(q.value, q.value_high) for q in find_quantities("call 0161 474-5657 or see 2016-2017")]
[(161.0, None), (474.0, None), (2016.0, None)]
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
        (?:(?P<pct>\s?(?:%|per\s?cent\b|percent\b))|(?P<kscale>k\b))?   # "46k contacts": thousands
      | (?P<words>\b{_NUMBER_WORD}(?:[\s-]+(?:hundred|thousand|and|{_NUMBER_WORD}))*\b|\b(?:a\ )?dozen\b)
        (?P<wpct>\s(?:per\s?cent\b|percent\b))?
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class Quantity:
    """A number found in text: its value and unit, as written, and where it stands."""

    value: float
    unit: str  # count, percent or gbp
    text: str  # as written, with its qualifier
    start: int  # offsets of the number itself (without the qualifier) in the searched string
    end: int
    qualifier: str | None
    is_word: bool
    value_high: float | None = None  # the top of a range


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


# What joins the two ends of a range, and what may follow a range of counts ("10-12 reviews").
_RANGE_GAP = re.compile(r"\s*(?:-|–|to|and)\s*$")
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _range(text: str, a: Quantity, b: Quantity) -> Quantity | None:
    """``a`` and ``b`` as one range, when they are written as one ("between 300 and 350", "10-12", "15-20%")."""
    gap = text[a.end:b.start]
    if not _RANGE_GAP.match(gap) or a.qualifier or b.qualifier or a.value >= b.value or a.unit == "gbp":
        return None
    if _YEAR.match(text[a.start:a.end]) or _YEAR.match(text[b.start:b.end]) or len(str(int(b.value))) > len(
            str(int(a.value))) + 1:
        return None  # years, or a phone number's parts
    before = text[:a.start]
    between = _BETWEEN.search(before)
    dashed = gap.strip() in ("-", "–") and not re.search(r"\d\s*$", before)
    if not (between or dashed) or (gap.strip() == "and" and not between) or (a.unit != b.unit and a.unit != "count"):
        return None
    start = between.start() if between else a.start
    return Quantity(a.value, b.unit, text[start:b.end], a.start, b.end, None, a.is_word, b.value)


# The top of a dashed range, which the number pattern leaves out ("15-20%": the 20 follows a dash).
_DASHED_TOP = re.compile(r"\s?[-–]\s?(?P<top>\d[\d,]*(?:\.\d+)?)(?![\d/])(?P<pct>\s?(?:%|per\s?cent\b|percent\b))?")


def _dashed(text: str, q: Quantity) -> Quantity | None:
    """``q`` with the top of a dashed range after it ("10-12", "15-20%"), or None."""
    m = _DASHED_TOP.match(text, q.end)
    if not m or q.is_word or q.unit == "gbp" or _YEAR.match(text[q.start:q.end]):
        return None
    if re.search(r"\d\s*$", text[:q.start]):
        return None  # a phone number's parts
    top = float(m.group("top").replace(",", ""))
    unit = "percent" if m.group("pct") or q.unit == "percent" else "count"
    if top <= q.value or len(m.group("top").replace(",", "").split(".")[0]) > len(str(int(q.value))) + 1:
        return None
    return Quantity(q.value, unit, f"{q.text}{text[q.end:m.end()]}", q.start, m.end(), q.qualifier, False, top)


def _merge_ranges(text: str, found: list[Quantity]) -> list[Quantity]:
    out: list[Quantity] = []
    for q in found:
        if out and out[-1].value_high is not None and q.start < out[-1].end:
            continue  # already the top of the range before it
        joined = _range(text, out[-1], q) if out else None
        if joined:
            out[-1] = joined
        else:
            out.append(_dashed(text, q) or q)
    return out


# Anything a quantity could start with: a digit, a pound sign or a number word (checked before the full pattern).
_MAYBE = re.compile(rf"[\d£]|\b(?:{_NUMBER_WORD}|dozen)\b", re.IGNORECASE)


@lru_cache(maxsize=16384)
def find_quantities(text: str) -> tuple[Quantity, ...]:
    """Every quantity in ``text``, in order; the two ends of a range make one. (Cached: the figure shapes
    each ask about the same sentence.)"""
    if not _MAYBE.search(text):
        return ()
    return tuple(_merge_ranges(text, _quantities(text)))


def _quantities(text: str) -> list[Quantity]:
    out = []
    for m in NUMBER_PATTERN.finditer(text):
        qual = (m.group("qual") or "").strip().lower() or None
        if m.group("money"):
            value = float(m.group("mnum").replace(",", "") + "." + (m.group("mdec") or "0"))
            scale = (m.group("mscale") or "").lower()
            value *= _SCALE.get(scale, 1.0)
            unit, start, end, is_word = "gbp", m.start("money"), m.end("money"), False
        elif m.group("num"):
            value = float(m.group("num").replace(",", "")) * (1000.0 if m.group("kscale") else 1.0)
            unit = "percent" if m.group("pct") else "count"
            start, is_word = m.start("num"), False
            end = m.end("pct") if m.group("pct") else m.end("kscale") if m.group("kscale") else m.end("num")
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
