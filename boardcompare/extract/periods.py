"""The reporting period an annual report covers, as 'YYYY-YY'.

Every year-pair ("2015-16", "2015/16", "2015/2016") and date range ("1st April 2021 and
31st March 2022", "the year ending 31 March 2021") is a candidate. The period named in the
title, beside "annual report", or as a date range scores most; a period that follows
words about the future ("plans for 2018-19", "would be reflected in the 2014/15 annual
report") or the past ("last year's report") scores less; repeated mentions add up.

>>> report_period("Annual Report 2017-18. Progress in 2017-18 and plans for 2018-19.")
'2017-18'
>>> report_period("The 2013/14 Annual Report would be reflected in the 2014/15 annual report.")
'2013-14'
>>> report_period("He presented the annual report for 2019-20. Progress against the recommendations of the "
...               "2018/19 annual report was summarised.")
'2019-20'
>>> report_period("progress made during 1st April 2021 and 31st March 2022 be received")
'2021-22'
>>> report_period("for the year ending 31 March 2020") , report_period("Nothing about years since 2010.")
('2019-20', None)
"""

from __future__ import annotations

import re
from collections import defaultdict

from boardcompare.extract.tables import column_periods, table_headers

_YEAR_PAIR = re.compile(
    r"""
    (?<![\d/£])
    (?P<y1>(?:19|20)\d\d)            # 2015
    \s?(?:-|–|—|/|\bto\b|\band\b)\s? # - / to
    (?P<y2>(?:19|20)?\d\d)           # 16 or 2016
    (?![\d/%])
    """,
    re.VERBOSE | re.IGNORECASE,
)

_DATE_RANGE = re.compile(
    r"""
    (?:1(?:st)?\s+april|april)\s+(?P<y1>(?:19|20)\d\d)   # 1st April 2021
    \s*(?:-|–|to|and|until|through)\s*
    (?:31(?:st)?\s+march|march)\s+(?P<y2>(?:19|20)\d\d)  # 31st March 2022
    """,
    re.VERBOSE | re.IGNORECASE,
)

_YEAR_ENDING = re.compile(
    r"""(?:year|period|twelve\ months|12\ months)\ (?:ending|ended|to)\s+
        (?:31(?:st)?\s+)?march\s+(?P<y2>(?:19|20)\d\d)""",
    re.VERBOSE | re.IGNORECASE,
)

# Words before a period that make it next year's or last year's, not the report's own.
_OTHER_YEAR_BEFORE = re.compile(
    r"""
    (?:plans?|planned|priorities|next\ year|forthcoming|future|would\ be\ (?:reflected|included|reported)\ in|
       will\ be|going\ forward|further\ in|develop(?:ed)?\ (?:this\ )?further\ in|business\ plan\ (?:for\ )?|
       last\ year'?s?|previous|preceding|prior|outlined\ in|set\ out\ in|compared\ (?:with|to)|
       progress\ (?:against|on|since)|recommendations\ of|actions\ from|
       from|since|than\ in|up\ from|down\ from|until|by)
    [^.;]{0,25}$
    """,
    re.VERBOSE | re.IGNORECASE,
)
_PRESENTED = re.compile(r"\b(?:present(?:ed|ing|s)?|introduc(?:ed|ing)|consider(?:ed|ing))\b[^.;]{0,50}$", re.I)
_ANNUAL_REPORT_NEAR = re.compile(r"annual\s+report|report\s+(?:for|covering|on)|annual\s+review", re.I)


def _normalise(y1: int, y2: int) -> str | None:
    if y2 < 100:
        y2 += (y1 // 100) * 100
    if y2 != y1 + 1:
        return None
    return f"{y1}-{y2 % 100:02d}"


def period_candidates(text: str) -> dict[str, float]:
    """Each candidate period with its score."""
    scores: dict[str, float] = defaultdict(float)
    head_end = min(len(text), 300)
    headers = [h.span() for h in table_headers(text)]
    for m in _YEAR_PAIR.finditer(text):
        p = _normalise(int(m.group("y1")), int(m.group("y2")))
        if not p or any(a <= m.start() < b for a, b in headers):
            continue  # a column of a table, not the report's period
        before = text[max(0, m.start() - 60):m.start()]
        around = text[max(0, m.start() - 40):m.end() + 25]
        score = 1.0
        if m.start() < head_end:
            score += 2
        if _ANNUAL_REPORT_NEAR.search(around):
            score += 1.5
        if _PRESENTED.search(before):
            score += 1.0
        if _OTHER_YEAR_BEFORE.search(before):
            score -= 2.5
        scores[p] += score
    for m in _DATE_RANGE.finditer(text):
        p = _normalise(int(m.group("y1")), int(m.group("y2")))
        if p:
            scores[p] += 3.0
    for m in _YEAR_ENDING.finditer(text):
        y2 = int(m.group("y2"))
        scores[_normalise(y2 - 1, y2)] += 3.0
    return dict(scores)


def report_period(text: str) -> str | None:
    """The period the report covers, or None when the text states none."""
    scores = period_candidates(text)
    if not scores:
        columns = [p for h in table_headers(text) for p, _ in column_periods(h.group("cols")) if p]
        return max(columns, default=None)
    best = max(scores.items(), key=lambda kv: (kv[1], -int(kv[0][:4])))
    return best[0] if best[1] > 0 else None


def period_start(period: str | None) -> int | None:
    """
    >>> period_start("2019-20")
    2019
    """
    return int(period[:4]) if period else None
