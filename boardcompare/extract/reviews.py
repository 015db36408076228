"""How many serious case reviews (or, from 2019, local child safeguarding practice reviews)
the minutes say were undertaken, completed or published in the period.

The count comes from the review figures already found; sentences about another period
("in 2014-15", "last year", "since 2010", "the previous six years") do not count. Within a
sentence, serious case reviews and practice reviews add up (one series), and so does one
review named as carried out ("initiated two practice reviews and signed off a further one");
across sentences the largest figure is taken. None when no number is given, never 0 by default.

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
>>> n("It had initiated two practice reviews and signed off a further practice review.")
3
>>> n("There were 10 notifications to the Child Safeguarding Practice Review Panel.")
"""

from __future__ import annotations

import re

from boardcompare.extract.metric_forms import single_reviews
from boardcompare.extract.metrics import NO_REVIEWS
from boardcompare.extract.patterns import OTHER_TIME, REVIEW_NOUNS, YEAR_PAIR, pair_period
from boardcompare.extract.text import Sentence
from boardcompare.models import Evidence, Metric

REVIEW_METRICS = ("serious_case_reviews", "practice_reviews")

_COMPARISON = re.compile(r"compared\s+(?:with|to)|\bagainst\b|\bup\s+from|\bdown\s+from|\bthan\b|\bwhereas\b|"
                         r"\bwhile\b|;", re.IGNORECASE)
# The review noun right after a number, past a few describing words but no preposition: "two local child
# safeguarding practice reviews", "5 serious case work reviews"; not "10 notifications to the ... Review Panel".
_REVIEW_NOUN = re.compile(
    rf"\s+(?:(?!(?:to|of|for|by|from|with|the|on|in|at)\b)[\w()-]+\s+){{0,4}}?"
    rf"(?:{REVIEW_NOUNS}|serious\s+case\s+\w+\s+reviews?|practice\s+reviews?)\b(?!\s+panel)",
    re.IGNORECASE)


def _about_other_period(sentence: str, period: str | None, number: str | None = None) -> bool:
    other = OTHER_TIME.search(sentence)
    if other:
        # "two serious case reviews in the year, compared with four in the previous year": the figure
        # before the comparison is this year's.
        at = re.search(rf"(?<!\w){re.escape(number)}(?!\w)", sentence) if number else None
        turn = _COMPARISON.search(sentence, at.end()) if at else None
        return not (turn and turn.start() <= other.start())
    if period:
        pairs = {pair_period(m) for m in YEAR_PAIR.finditer(sentence)} - {None}
        return bool(pairs) and period not in pairs
    return False


def _counts_reviews(m: Metric, sentence: str) -> bool:
    """The figure is a number of reviews ("two serious case reviews"), not of cases discussed by a sub-group."""
    if m.value == 0:
        return True
    if re.search(rf"(?<!\w){re.escape(m.text)}\s+of\s+(?:which|these|them)\b", sentence, re.IGNORECASE):
        return True  # "two of which had led to a practice review"
    return any(_REVIEW_NOUN.match(sentence, at.end())
               for at in re.finditer(rf"(?<!\w){re.escape(m.text)}(?!\w)", sentence))


def _sentence_total(group: list[Metric], sentence: str, period: str | None) -> int | None:
    """The reviews one sentence counts: its review figures plus one for each review it names as done."""
    figures = [m for m in group if _counts_reviews(m, sentence) and not _about_other_period(sentence, period, m.text)]
    if not figures:
        return None
    written = {at.start() for m in figures for at in re.finditer(rf"(?<!\w){re.escape(m.text)}(?!\w)", sentence)}
    ones = [f for f in single_reviews(sentence) if f.q.start not in written]
    return int(sum(m.value for m in figures)) + len(ones)


def review_count(metrics: list[Metric], period: str | None,
                 sentences: list[Sentence] = (), offset: int = 0) -> tuple[int | None, Evidence | None]:
    """The number of reviews in the period and the sentence that says so, or (None, None)."""
    by_sentence: dict[tuple[int, int], list[Metric]] = {}
    for m in metrics:
        if m.name in REVIEW_METRICS and m.unit == "count":
            by_sentence.setdefault((m.evidence.start, m.evidence.end), []).append(m)
    best: tuple[int, Evidence] | None = None
    for group in by_sentence.values():
        evidence = group[0].evidence
        total = _sentence_total(group, evidence.sentence, period)
        if total is not None and (best is None or total > best[0]):
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
