"""Shapes a figure takes in real minutes beyond "N nouns", and numbers that are not figures.

Forms (each gives figures with the words that say what they count):

- a change: "had fallen from 1,240 in March 2015 to 1,049 in March 2016" gives both figures, each with
  its own date; without a date the earlier one is last year's and is left out;
- a figure in brackets after its noun: "missing episodes this year (630)";
- one review: "had signed off a further practice review" is a count of 1;
- reviews that came of others: "seven rapid reviews, two of which led to a practice review".

Not figures: ratios ("1 in 10 families"), the number of statutory partners, survey bases and samples
("a survey of 200 practitioners"), plans and targets ("the ability to offer six sessions"), and
figures their clause puts in another year ("in 2016-17 there had been 5").

>>> [(f.q.value, f.as_of) for f in changes("Plans had fallen from 1,240 in March 2015 to 1,049 in March 2016.")]
[(1049.0, '2016-03'), (1240.0, '2015-03')]
>>> [(f.q.value, f.as_of) for f in changes("Contacts rose from 300 to 412.")]
[(412.0, None)]
>>> [(f.q.value, f.context) for f in bracketed("There were fewer missing episodes this year (630).")]
[(630.0, 'fewer missing episodes this year')]
>>> [in_other_period(s, s.index(n), s.index(n) + len(n), '2017-18') for s, n in [
...     ('It rose to 86%, from 71% in 2016/17.', '86%'), ('It rose to 86%, from 71% in 2016/17.', '71%'),
...     ('243 referrals, 20% more than in 2016-17', '20%'), ('48 deaths in 2017-18 (54 the previous year)', '54'),
...     ('In 2016-17 there had been 5 reviews; in 2017-18 there were 2', '5')]]
[False, True, False, True, True]
>>> [f.q.value for f in single_reviews("The Board had signed off a further practice review.")]
[1.0]
>>> is_ratio("about 1 in 10 families", 6, 7), is_partner_count("the three statutory partners", 4, 9)
(True, True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from boardcompare.extract.numbers import Quantity, find_quantities
from boardcompare.extract.patterns import MONTH, REVIEW_NOUNS, YEAR_PAIR, pair_period
from boardcompare.extract.vocabulary import counted_nouns


@dataclass(frozen=True)
class Found:
    """A figure found in a sentence: the quantity, the words saying what it counts, its own date."""

    q: Quantity
    context: str
    as_of: str | None = None
    base: bool = False  # written as a base ("7 of the 28 deaths"): a repeat when the figure was given before


# --- changes -------------------------------------------------------------------------------------

_CHANGE_VERB = re.compile(
    r"""(?:(?:was|were)\s+(?:down|up)\s+(?:on|in)\s+\w+\s+|(?:had\s+|has\s+|have\s+)?(?:fallen|fell|dropped|risen|rose|increased|decreased|reduced|grown|grew|
         gone\s+(?:up|down)|went\s+(?:up|down)|climbed|declined|moved|changed|reduction|increase|decrease|rise|fall)
         \s+(?:\w+\s+){0,2}?)from\s+$""",
    re.VERBOSE | re.IGNORECASE,
)
_DATE_WORDS = rf"(?:at|in|on|by|as\s+at|during|for)\s+(?:the\s+end\s+of\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?" \
              rf"(?:{MONTH}\s+)?(?:19|20)\d\d(?:\s?[-/–]\s?\d\d(?!\d))?"
_LAST_YEAR = (r"(?:in|during|for|over)\s+(?:the\s+)?(?:previous|last|preceding|prior)\s+"
              r"(?:year|twelve\s+months|12\s+months)")
_GAP_TO = re.compile(rf"^\s*(?:(?P<date>{_DATE_WORDS})|{_LAST_YEAR})?\s*,?\s*to\s+"
                     rf"(?:over\s+|about\s+|almost\s+|nearly\s+|around\s+)?$", re.IGNORECASE)
_DATE_AFTER = re.compile(rf"^\s*(?P<date>{_DATE_WORDS})", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<m>{MONTH})\s+(?P<y>(?:19|20)\d\d)", re.I)
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def as_of(words: str | None) -> str | None:
    """A figure's own date, normalised: "in March 2016" -> "2016-03", "31 March 2016" -> "2016-03-31".

    >>> as_of("at 31 March 2016"), as_of("in 2016/17"), as_of(None)
    ('2016-03-31', '2016-17', None)
    """
    if not words:
        return None
    pair = YEAR_PAIR.search(words)
    if pair and pair_period(pair):
        return pair_period(pair)
    m = _MONTH_YEAR.search(words)
    if m:
        month = _MONTHS.index(m.group("m")[:3].lower()) + 1
        day = f"-{int(m.group('d')):02d}" if m.group("d") else ""
        return f"{m.group('y')}-{month:02d}{day}"
    year = re.search(r"(?:19|20)\d\d", words)
    return year.group(0) if year else None


def changes(sentence: str) -> list[Found]:
    """Both ends of a change "from A [date] to B [date]": B, and A when it has its own date."""
    out = []
    if " from " not in sentence and " From " not in sentence:
        return out
    qs = find_quantities(sentence)
    for i, a in enumerate(qs):
        a_from = a.start - (len(a.text) - len(sentence[a.start:a.end]))  # where "over 300" begins
        if not _CHANGE_VERB.search(sentence[max(0, a_from - 60):a_from]):
            continue
        for b in qs[i + 1:]:
            gap = _GAP_TO.match(sentence[a.end:b.start - (len(b.text) - len(sentence[b.start:b.end]))])
            if gap and a.unit == b.unit:
                subject = re.split(r"[;:]|,\s", sentence[max(0, a_from - 120):a_from])[-1]
                after = _DATE_AFTER.match(sentence[b.end:])
                out.append(Found(b, subject, as_of(after.group("date")) if after else None))
                if gap.group("date"):
                    out.append(Found(a, subject, as_of(gap.group("date"))))
                break
    return out


# --- a figure in brackets after its noun ---------------------------------------------------------

_BRACKET_FIGURE = re.compile(
    r"(?:over\s+|about\s+|around\s+)?(?!(?:19|20)\d\d\b)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+%|%)?")
_OPEN_NUMBER = re.compile(r"\((?:over\s+|about\s+|around\s+)?\d")
_BRACKETED = re.compile(
    r"(?P<words>(?:[\w'’-]+\s+){1,8}?)\((?P<n>(?:over\s+|about\s+|around\s+)?\d[\d,]*(?:\.\d+)?%?)\)")


def bracketed(sentence: str) -> list[Found]:
    """Figures written in brackets after the words naming them."""
    out = []
    if not _OPEN_NUMBER.search(sentence):
        return out
    for m in _BRACKETED.finditer(sentence):
        if not _BRACKET_FIGURE.fullmatch(m.group("n")) or not counted_nouns().search(m.group("words")):
            continue  # a year, a date or a list number: "Working Together (2013)", "Minute No. 6 (2)"
        for q in find_quantities(m.group("n")):
            q = Quantity(q.value, q.unit, q.text, m.start("n") + q.start, m.start("n") + q.end, q.qualifier,
                         False, q.value_high)
            out.append(Found(q, " ".join(m.group("words").split()[-5:])))
    return out


# --- single reviews and reviews that came of others ----------------------------------------------

_ONE_REVIEW = re.compile(
    rf"""\b(?:a|one)\s+(?:further\s+|new\s+|single\s+|second\s+|third\s+)?(?P<noun>{REVIEW_NOUNS}|practice\s+review)\b""",
    re.VERBOSE | re.IGNORECASE,
)
_DONE = re.compile(r"\b(?:undertaken|undertook|published|completed|signed\s+off|concluded|commissioned|carried\s+out|"
                   r"initiated|started|conducted|held)\b", re.IGNORECASE)
# "not meeting the criteria for a serious case review", "whether to hold a serious case review"
_NOT_A_REVIEW = re.compile(r"\b(?:criteria|threshold|thresholds|decision|decided|whether|consider\w*|not|no|"
                           r"rather\s+than|instead\s+of|recommend\w*)\b[^.;]{0,30}$", re.IGNORECASE)
_LED_TO_REVIEWS = re.compile(
    rf"""(?P<n>\b[\w-]+)\s+of\s+(?:which|these|them)\s+(?:had\s+|have\s+|were\s+)?
         (?:led\s+to|resulted\s+in|progressed\s+to|became|gone\s+on\s+to|went\s+on\s+to\s+become|been\s+escalated\s+to)
         \s+(?:an?\s+|become\s+an?\s+)?(?P<noun>{REVIEW_NOUNS})\b""",
    re.VERBOSE | re.IGNORECASE,
)


def single_reviews(sentence: str) -> list[Found]:
    """"A further practice review" that was carried out, published or completed: a count of one."""
    if not _DONE.search(sentence):
        return []
    out = []
    for m in _ONE_REVIEW.finditer(sentence):
        if not _NOT_A_REVIEW.search(sentence[max(0, m.start() - 50):m.start()]):
            word = m.group(0).split()[0]
            one = Quantity(1.0, "count", word, m.start(), m.start() + len(word), None, True)
            out.append(Found(one, m.group("noun")))
    return out


def reviews_led_to(sentence: str) -> list[Found]:
    """"Two of which had led to a practice review": two reviews."""
    out = []
    for m in _LED_TO_REVIEWS.finditer(sentence):
        counted = find_quantities(m.group("n"))
        if counted:
            q = counted[0]
            out.append(Found(Quantity(q.value, "count", m.group("n"), m.start("n"), m.end("n"), None, q.is_word),
                             m.group("noun")))
    return out


# --- numbers that are not figures ----------------------------------------------------------------

_RATIO_BEFORE = re.compile(r"\b(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine)\s+in\s+$", re.IGNORECASE)
_RATIO_AFTER = re.compile(r"\s+in\s+(?:every\s+)?(?:\d{1,3}|ten|five|four|three|two|twenty|a\s+hundred|hundred)\b"
                          r"(?!\s*(?:[-/–.]\d|years?|months?|weeks?|days?))", re.IGNORECASE)
_PARTNERS_AFTER = re.compile(
    r"^\s+(?:key\s+|core\s+|main\s+)?(?:(?:strategic|statutory|safeguarding)\s+){1,2}(?:lead\s+)?"
    r"(?:partners?\b|partner\s+(?:organisations|agencies)|agencies|organisations)", re.IGNORECASE)
_BASE_BEFORE = re.compile(r"(?:survey|sample|poll|questionnaire|consultation|dip\s+sample)\s+(?:of|with)\s+"
                          r"(?:over\s+|some\s+|around\s+)?$|based\s+on\s+(?:\w+\s+)?$|out\s+of\s+$", re.IGNORECASE)
_PLANNED_BEFORE = re.compile(
    r"\b(?:ability|able|plan(?:s|ned)?|aim(?:s|ed|ing)?|intend(?:s|ed)?|hope(?:s|d)?|would\s+like|expect(?:s|ed)?)\s+to"
    r"\s+(?:\w+\s+){0,3}$|\btargets?\s+(?:of|is|was|for)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
# When a figure is from: "in 2016-17", "the previous year", "a year earlier", "since 2010", "to date".
_WHEN = re.compile(
    rf"""\b(?:(?:in|during|for|at\ the\ end\ of)\s+(?P<year>{YEAR_PAIR.pattern}|(?:19|20)\d\d)(?!\s*(?:annual|report))
       | (?P<other>(?:in\s+|during\s+|for\s+)?the\s+(?:previous|preceding|prior)\s+
                     (?:year|twelve\s+months|12\s+months|period)
          | a\s+year\s+(?:earlier|before) | the\s+year\s+before | (?<!the\ )(?<!this\ )last\s+year
          | since\s+(?:19|20)\d\d | in\s+total\s+since))""",
    re.VERBOSE | re.IGNORECASE,
)
# Words that make a time phrase the anchor of a change, not the figure's own year ("20% more than in 2016-17").
_ANCHOR = re.compile(r"(?:than|on|over|compared\s+(?:with|to)|against|from)\s+$", re.IGNORECASE)
# A figure named as last year's value: "from 71%", "compared with 711".
_PRIOR_VALUE = re.compile(
    r"""(?:compared\s+(?:with|to)|against|up\s+from|down\s+from|,\s*from
         |(?:ris\w*|rose|increas\w*|fall\w*|fell|drop\w*|decreas\w*|reduc\w*|grow\w*|grew|chang\w*)\s+(?:\w+\s+){0,2}?from)
        \s+(?:a\s+total\s+of\s+)?$""", re.VERBOSE | re.IGNORECASE)
_SEGMENT_END = re.compile(r"[,;()]|\d")
_TYPICAL_BEFORE = re.compile(r"\b(?:usually|typically|normally|on\s+average|average\s+(?:for|of))\b[^,;.]{0,40}$",
                             re.IGNORECASE)


def is_ratio(sentence: str, start: int, end: int) -> bool:
    """Either number of a ratio: "1 in 10 families"."""
    return bool(_RATIO_BEFORE.search(sentence[max(0, start - 20):start]) or _RATIO_AFTER.match(sentence, end))


def is_partner_count(sentence: str, start: int, end: int) -> bool:
    """The number of statutory partners or lead agencies: not a figure of activity."""
    return bool(_PARTNERS_AFTER.match(sentence[end:]))


_ELSEWHERE = re.compile(r"across\s+the\s+country|nationally|nationwide|national\s+average|in\s+england\b"
                        r"|england\s+average|in\s+(?:an)?other\s+(?:local\s+)?(?:authority|authorities|area|areas|council)",
                        re.IGNORECASE)


_CLAUSE_END = re.compile(r"[;,]|\b(?:compared\s+(?:with|to)|against|whereas|while|than)\b", re.IGNORECASE)


def is_elsewhere(sentence: str, start: int, end: int) -> bool:
    """The figure's clause is about another area or the whole country ("selected from across the country")."""
    stop = _CLAUSE_END.search(sentence, end)
    starts = [m.end() for m in _CLAUSE_END.finditer(sentence, 0, start)]
    return bool(_ELSEWHERE.search(sentence[max(starts, default=0):stop.start() if stop else len(sentence)]))


def is_base_or_plan(sentence: str, start: int) -> bool:
    """A survey's base or a sample's size, a figure planned, hoped for or set as a target, or a typical one
    ("usually ranges from one to four a year")."""
    before = sentence[max(0, start - 60):start]
    return bool(_BASE_BEFORE.search(before) or _PLANNED_BEFORE.search(before) or _TYPICAL_BEFORE.search(before))


def _other(m: re.Match, period: str | None) -> bool:
    """Whether a time phrase names another year than the report's."""
    if m.group("other"):
        return True
    if not period:
        return False
    pair = YEAR_PAIR.fullmatch(m.group("year"))
    if pair:
        return pair_period(pair) != period
    return int(m.group("year")) not in (int(period[:4]), int(period[:4]) + 1)


def in_other_period(sentence: str, start: int, end: int, period: str | None) -> bool:
    """The figure is another year's: "from 71% in 2015/16", "(54 the previous year)", "In 2016-17 there were 5".

    A time phrase after a comparison word is the anchor of a change and leaves the figure this year's
    ("20% more than in 2016-17", "an increase of 18% on the previous year").
    """
    if _PRIOR_VALUE.search(sentence[max(0, start - 30):start]):
        return True
    stop = _SEGMENT_END.search(sentence, end)
    after = sentence[end:stop.start() if stop else len(sentence)]
    m = _WHEN.search(after)
    if m and not _ANCHOR.search(after[:m.start()]):
        return _other(m, period)
    cut = max(sentence.rfind(c, 0, start) for c in ",;(")
    before = sentence[cut + 1:start]
    found = [w for w in _WHEN.finditer(before) if not _ANCHOR.search(before[:w.start()])]
    if found:
        return _other(found[-1], period)
    lead = re.match(r"\s*(?:In|During|For|Over)\s+[^,]{0,30},", sentence)
    if lead and cut >= lead.end() - 1 and sentence.count(",", lead.end(), start) == 0:
        w = _WHEN.search(lead.group(0))
        return bool(w and _other(w, period))
    return False
