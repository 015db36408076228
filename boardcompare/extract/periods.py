"""The reporting period an annual report covers, as 'YYYY-YY' (April to March years).

Every year-pair ("2015-16", "2015/16", "2015/2016") and date range ("1st April 2021 and
31st March 2022", "April 2021 - December 2022", "the year ending 31 March 2021") is a candidate.
The period named in the title, beside "annual report", or as a date range scores most; a period
that follows words about the future ("plans for 2018-19", "would be reflected in the 2014/15
annual report") or the past ("last year's report") scores less; repeated mentions add up. A report
covering more than twelve months takes the year it ends in.

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
>>> report_period("The report covered an extended period, from 1 April 2021 to 31 October 2022.")
'2022-23'
>>> report_period("The Partnership's priorities in 2022-23 were to promote multi-agency working.")
'2022-23'
>>> report_period("It submits its Annual Report for 24/25."), report_period("From April 2015 to June 2015.")
('2024-25', None)

When the minutes never state the report's year, it may still be inferred (``Period.inferred``):
a report that only sets aims for a coming year covers the year before it; an item discussed in
the autumn that sets aims for "the coming year" covers the year just ended.

>>> report_period_of("The Board had met its targets. It set itself the following aims for 2017/18:")
Period(value='2016-17', inferred=True)
>>> report_period_of("The report set the priorities for the coming year.", meeting_date="2019-10-14")
Period(value='2018-19', inferred=True)
>>> report_period_of("The report was noted.", meeting_date="2019-10-14")
Period(value=None, inferred=False)
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from boardcompare.extract.patterns import MONTH, YEAR_PAIR, pair_period
from boardcompare.extract.tables import column_periods, table_headers

_DATE_RANGE = re.compile(
    rf"""
    (?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?P<m1>{MONTH})\s+(?P<y1>(?:19|20)\d\d)      # 1st April 2021
    \s*(?:-|–|—|to|and|until|through)\s*
    (?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?P<m2>{MONTH})\s+(?P<y2>(?:19|20)\d\d)      # 31 October 2022
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
       progress\ (?:against|on|since)|recommendations\ of|actions\ from|aims|budget(?:\ \w+)?|
       contributions?\ (?:for|to)|
       from|since|than\ in|up\ from|down\ from|until|by)
    [^.;]{0,25}$
    """,
    re.VERBOSE | re.IGNORECASE,
)
_FUTURE_BEFORE = re.compile(r"(?:plans?|planned|priorities|next\s+year|forthcoming|future|will\s+be|going\s+forward|"
                            r"aims|business\s+plan|further\s+in)[^.;]{0,25}$", re.IGNORECASE)
# "The priorities in 2022-23 were...": the report's own year, in the past tense.
_PAST_AFTER = re.compile(r"^[^.;]{0,15}\b(?:were|was|had\s+been|included|focused|focussed)\b", re.IGNORECASE)
_IN_BEFORE = re.compile(r"\b(?:in|during|over|throughout)\s+(?:the\s+year\s+)?$", re.IGNORECASE)
_PRESENTED = re.compile(r"\b(?:present(?:ed|ing|s)?|introduc(?:ed|ing)|consider(?:ed|ing))\b[^.;]{0,50}$", re.I)
_ANNUAL_REPORT_NEAR = re.compile(r"annual\s+report|report\s+(?:for|covering|on)|annual\s+review", re.I)
_COMING_YEAR = re.compile(r"(?:the\s+)?(?:coming|next|forthcoming)\s+(?:year|twelve\s+months)|year\s+ahead|"
                          r"priorities\s+for\s+(?:the\s+)?(?:coming|next|year\s+ahead)|aims\s+for", re.IGNORECASE)
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


@dataclass(frozen=True)
class Period:
    """The report's period and whether the minutes state it (False) or it was inferred (True)."""

    value: str | None
    inferred: bool = False


def _financial_year(month: str, year: int) -> str:
    """The April-March year a month falls in."""
    start = year if _MONTHS.index(month[:3].lower()) + 1 >= 4 else year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def _months(m: re.Match) -> int:
    """How many months a date range spans (a report covers ten or more: "April to June" is no report's year)."""
    first = int(m.group("y1")) * 12 + _MONTHS.index(m.group("m1")[:3].lower())
    last = int(m.group("y2")) * 12 + _MONTHS.index(m.group("m2")[:3].lower())
    return last - first + 1


def _whole_years(m: re.Match) -> bool:
    """The range runs from April to March: financial years, not a report's own dates."""
    return m.group("m1")[:3].lower() == "apr" and m.group("m2")[:3].lower() == "mar"


# "the Annual Report for 24/25": a year pair in two digits, taken only beside words about a report or a year.
_SHORT_PAIR = re.compile(
    r"(?:report|year|annual|period|\bin|during)\D{0,12}?(?<![\d/£.])(?P<y1>[0-4]\d)\s?[/-]\s?(?P<y2>[0-4]\d)(?![\d/%]|\.\d)",
    re.IGNORECASE)


# A year that names the report itself ("the priorities set out in the 2016-17 annual report"), or whose
# priorities the report looks back on ("progress against the priority areas set for 2012/13").
_NAMES_REPORT = re.compile(r"\s*(?:annual\s+r|report\b)", re.IGNORECASE)
_CITED_IN = re.compile(r"(?:set\s+out|outlined|described|included|contained)\s+in\s+(?:the\s+)?$", re.IGNORECASE)
_END_OF_CHANGE = re.compile(r"\bfrom\s+[^.;]{1,30}\bto\s+[^.;]{0,15}\b(?:in|during|for)\s+$", re.IGNORECASE)
_PROGRESS_FOR = re.compile(r"progress\s+(?:made\s+)?(?:against|on|towards)\s+[^.;]{0,60}\b(?:for|in)\s+(?:the\s+)?$",
                           re.IGNORECASE)


def _own_year(text: str, m: re.Match, before: str) -> bool:
    """A year pair the words around make the report's own, whatever else stands before it."""
    if _IN_BEFORE.search(before) and _PAST_AFTER.match(text[m.end():]):
        return True  # "the priorities in 2022-23 were ..."
    if _CITED_IN.search(before) and _NAMES_REPORT.match(text, m.end()):
        return True
    if _END_OF_CHANGE.search(before):
        return True  # "from 3% in 16-17 to 15% in 17-18": the later year
    return bool(_PROGRESS_FOR.search(text[max(0, m.start() - 120):m.start()]))


def _pair_scores(text: str, scores: dict[str, float], future: dict[str, bool]) -> None:
    head_end = min(len(text), 300)
    headers = [h.span() for h in table_headers(text)]
    for m in YEAR_PAIR.finditer(text):
        p = pair_period(m)
        if not p or any(a <= m.start() < b for a, b in headers):
            continue  # a column of a table, not the report's period
        before = text[max(0, m.start() - 60):m.start()]
        around = text[max(0, m.start() - 40):m.end() + 25]
        score = 1.0 + (2 if m.start() < head_end else 0)
        if _ANNUAL_REPORT_NEAR.search(around):
            score += 1.5
        if _PRESENTED.search(before):
            score += 1.0
        own = _own_year(text, m, before)
        if _OTHER_YEAR_BEFORE.search(before) and not own:
            score = min(score, 1.0) - 2.5  # another year's, wherever it stands
        future[p] = future.get(p, True) and bool(_FUTURE_BEFORE.search(before)) and not own
        scores[p] += score


def period_candidates(text: str) -> tuple[dict[str, float], dict[str, bool]]:
    """Each candidate period with its score, and whether it is only ever named as a year to come."""
    scores: dict[str, float] = defaultdict(float)
    future: dict[str, bool] = {}
    _pair_scores(text, scores, future)
    for m in _SHORT_PAIR.finditer(text):
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        before = text[max(0, m.start("y1") - 60):m.start("y1")]
        if y2 == y1 + 1 and (not _OTHER_YEAR_BEFORE.search(before) or _END_OF_CHANGE.search(before)):
            p = f"20{y1:02d}-{y2:02d}"
            scores[p] += 2.0
            future[p] = False
    for m in _DATE_RANGE.finditer(text):
        start = _financial_year(m.group("m1"), int(m.group("y1")))
        end = _financial_year(m.group("m2"), int(m.group("y2")))
        if end >= start and _months(m) >= 10:  # a report covering more than a year takes the year it ends in
            scores[end] += 3.0 if _whole_years(m) else 1.5  # April to March says it most clearly
            future[end] = False
    for m in _YEAR_ENDING.finditer(text):
        y2 = int(m.group("y2"))
        p = f"{y2 - 1}-{y2 % 100:02d}"
        scores[p] += 3.0
        future[p] = False
    return dict(scores), future


def report_period_of(text: str, meeting_date: str | None = None) -> Period:
    """The period the report covers, stated or inferred; Period(None) when neither can be said."""
    scores, future = period_candidates(text)
    if scores:
        best = max(scores.items(), key=lambda kv: (kv[1], -int(kv[0][:4])))
        if best[1] > 0:
            return Period(best[0])
        coming = [p for p in scores if future.get(p)]
        if coming and len(coming) == len(scores):  # only aims for a year to come: the report is the year before
            start = int(min(coming)[:4]) - 1
            return Period(f"{start}-{(start + 1) % 100:02d}", inferred=True)
        return Period(None)
    columns = [p for h in table_headers(text) for p, _ in column_periods(h.group("cols")) if p]
    if columns:
        return Period(max(columns))
    return _from_meeting(text, meeting_date)


def _from_meeting(text: str, meeting_date: str | None) -> Period:
    """An autumn item that sets aims for the coming year covers the year just ended."""
    if not meeting_date or not _COMING_YEAR.search(text):
        return Period(None)
    year, month = int(meeting_date[:4]), int(meeting_date[5:7])
    if month < 6:
        return Period(None)
    return Period(f"{year - 1}-{year % 100:02d}", inferred=True)


def report_period(text: str) -> str | None:
    """The period the text states (or implies by its aims for the coming year), or None."""
    return report_period_of(text).value


def period_start(period: str | None) -> int | None:
    """
    >>> period_start("2019-20")
    2019
    """
    return int(period[:4]) if period else None
