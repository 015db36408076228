"""How many serious case reviews (or, from 2019, local child safeguarding practice reviews)
the minutes say were undertaken, completed or published in the period.

The count comes from the review metrics already found; sentences about another period
("in 2014-15", "last year", "since 2010", "the previous six years") do not count. Within a
sentence, serious case reviews and practice reviews add up (one series); across sentences
the largest figure is taken. None when no number is given, never 0 by default.

>>> from boardcompare.extract.text import split_sentences
>>> from boardcompare.extract.metrics import find_metrics
>>> def n(t): return review_count(find_metrics(split_sentences(t)), "2019-20", split_sentences(t))[0]
>>> n("Six rapid reviews had led to one local child safeguarding practice review.")
1
>>> n("The Board had published no serious case reviews."), n("Serious case reviews were discussed.")
(0, None)
>>> n("Two SCRs were published in 2019-20. Five SCRs had been published in 2016-17.")
2
>>> n("Two SCRs were published in the year, compared with four in the previous year.")
2
>>> n("The Board had undertaken a serious case review, published in June."), n("It did not meet the criteria for a "
...   "serious case review and was not undertaken.")
(1, None)
"""

from __future__ import annotations

import re

from boardcompare.extract.metric_forms import single_reviews
from boardcompare.extract.metrics import NO_REVIEWS
from boardcompare.extract.text import Sentence
from boardcompare.models import Evidence, Metric

REVIEW_METRICS = ("serious_case_reviews", "practice_reviews")

_OTHER_TIME = re.compile(
    r"last\s+year|previous\s+(?:year|\w+\s+years)|preceding|since\s+(?:19|20)\d\d|over\s+the\s+(?:last|past)\s+\w+\s+years"
    r"|in\s+total\s+since|to\s+date|ongoing\s+from",
    re.IGNORECASE,
)
_COMPARISON = re.compile(r"compared\s+(?:with|to)|\bagainst\b|\bup\s+from|\bdown\s+from|\bthan\b|\bwhereas\b|"
                         r"\bwhile\b|;", re.IGNORECASE)
_YEAR_PAIR = re.compile(r"((?:19|20)\d\d)\s?[-/–]\s?(\d\d)(?!\d)")


def _about_other_period(sentence: str, period: str | None, number: str | None = None) -> bool:
    other = _OTHER_TIME.search(sentence)
    if other:
        # "two serious case reviews in the year, compared with four in the previous year": the figure
        # before the comparison is this year's.
        at = re.search(rf"(?<!\w){re.escape(number)}(?!\w)", sentence) if number else None
        turn = _COMPARISON.search(sentence, at.end()) if at else None
        return not (turn and turn.start() <= other.start())
    if period:
        pairs = {f"{a}-{b}" for a, b in _YEAR_PAIR.findall(sentence)}
        return bool(pairs) and period not in pairs
    return False


_REVIEW_NOUN = re.compile(
    r"\s+(?:[\w()-]+\s+){0,4}?(?:serious\s+case\s+reviews?|SCRs?|(?:local\s+)?(?:child\s+)?safeguarding\s+practice"
    r"\s+reviews?|LCSPRs?|practice\s+reviews?)\b", re.IGNORECASE)


def _counts_reviews(m: Metric, sentence: str) -> bool:
    """The figure is a number of reviews ("two serious case reviews"), not of cases discussed by a sub-group."""
    if m.value == 0:
        return True
    if re.search(rf"(?<!\w){re.escape(m.text)}\s+of\s+(?:which|these|them)\b", sentence, re.IGNORECASE):
        return True  # "two of which had led to a practice review"
    return any(_REVIEW_NOUN.match(sentence, at.end())
               for at in re.finditer(rf"(?<!\w){re.escape(m.text)}(?!\w)", sentence))


def review_count(metrics: list[Metric], period: str | None,
                 sentences: list[Sentence] = (), offset: int = 0) -> tuple[int | None, Evidence | None]:
    by_sentence: dict[tuple[int, int], list[Metric]] = {}
    for m in metrics:
        if m.name in REVIEW_METRICS and m.unit == "count":
            by_sentence.setdefault((m.evidence.start, m.evidence.end), []).append(m)
    best: tuple[int, Evidence] | None = None
    for group in by_sentence.values():
        evidence = group[0].evidence
        group = [m for m in group if _counts_reviews(m, evidence.sentence)
                 and not _about_other_period(evidence.sentence, period, m.text)]
        if not group:
            continue
        total = int(sum(m.value for m in group))
        if best is None or total > best[0]:
            best = (total, evidence)
    if best:
        return best
    for s in sentences:  # "no serious case reviews": a count of 0, though not a figure to compare
        if NO_REVIEWS.search(s.text) and not _about_other_period(s.text, period):
            return 0, Evidence(s.text, s.start + offset, s.end + offset)
    for s in sentences:  # "had undertaken a serious case review, published in June": one
        if single_reviews(s.text) and not _about_other_period(s.text, period):
            return 1, Evidence(s.text, s.start + offset, s.end + offset)
    return None, None
