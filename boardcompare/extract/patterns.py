"""Patterns several parts of the extraction share: months, year pairs, review nouns, other periods.

>>> [m.group(0) for m in YEAR_PAIR.finditer("the 2015/16 report, 2016-2017 and 2017–18")]
['2015/16', '2016-2017', '2017–18']
>>> pair_period(YEAR_PAIR.search("in 2016-2017"))
'2016-17'
>>> names_other_period("five reviews had been published in 2016-17", "2017-18")
True
>>> names_other_period("two reviews were published in 2017/18", "2017-18"), names_other_period("in the year", None)
(False, False)
>>> names_other_period("compared with 40 the previous year", "2017-18"), names_other_period("in the last year", None)
(True, False)
"""

from __future__ import annotations

import re

MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")

YEAR = r"(?:19|20)\d\d"  # a year of the 20th or 21st century
# A year pair: 2015-16, 2015/16, 2015/2016, 2015–16.
YEAR_PAIR = re.compile(rf"(?<![\d/£])(?P<y1>{YEAR})\s?[-/–—]\s?(?P<y2>(?:19|20)?\d\d)(?![\d/%])")

# Serious case reviews and, from 2019, local child safeguarding practice reviews: one series.
REVIEW_NOUNS = (r"serious\s+case\s+reviews?|SCRs?|(?:local\s+)?(?:child\s+)?safeguarding\s+practice\s+reviews?"
                r"|LCSPRs?|CSPRs?")

# Words that put a figure in another year than the report's.
OTHER_TIME = re.compile(
    r"""
    (?<!the\ )(?<!this\ )last\s+year | (?:the\s+)?previous\s+(?:year|twelve\s+months|12\s+months|\w+\s+years)
  | the\s+year\s+before
  | preceding | prior\s+year | since\s+(?:19|20)\d\d | over\s+the\s+(?:last|past)\s+\w+\s+years
  | in\s+total\s+since | to\s+date | ongoing\s+from
    """,
    re.VERBOSE | re.IGNORECASE,
)
_SINGLE_YEAR = re.compile(r"\b(?:in|during|for|by)\s+(?:" + MONTH + r"\s+)?(?P<y>(?:19|20)\d\d)\b(?!\s?[-/–])",
                          re.IGNORECASE)


def pair_period(m: re.Match) -> str | None:
    """The 'YYYY-YY' period of a year-pair match, or None when the years are not consecutive."""
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if y2 < 100:
        y2 += (y1 // 100) * 100
    return f"{y1}-{y2 % 100:02d}" if y2 == y1 + 1 else None


def names_other_period(text: str, period: str | None) -> bool:
    """Whether ``text`` puts what it says in another year than ``period`` (the report's)."""
    if OTHER_TIME.search(text):
        return True
    if not period:
        return False
    own = {int(period[:4]), int(period[:4]) + 1}
    pairs = {pair_period(m) for m in YEAR_PAIR.finditer(text)} - {None}
    if pairs:
        return period not in pairs
    return any(int(m.group("y")) not in own for m in _SINGLE_YEAR.finditer(text))
