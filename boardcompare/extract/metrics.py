"""Metrics: explicit quantities about safeguarding activity, named from the catalogue.

A count is a metric when it counts something (a noun from vocab/counted_nouns.csv follows
it, or it is "N of the <noun>", or "the number of <noun> was N", or it continues a list of
counts); percentages and sums of money are metrics unless they sit in a date or a heading.
Dates, years, periods, ages, durations, phone numbers and section or page numbers are not.

>>> from boardcompare.extract.text import split_sentences
>>> def m(s): return [(x.value, x.unit, x.name) for x in find_metrics(split_sentences(s))]
>>> m("In the last year, 500 people had attended a conference, 700 a face-to-face session.")
[(500.0, 'count', 'conference_attendees'), (700.0, 'count', 'training_attendees')]
>>> m("The adolescence did not end at 18 but could extend to 24, said the 2 Boards in June 2019.")
[]
>>> m("Only 55% of schools had responded to the audit; call 0161 474 5657 (section 11).")
[(55.0, 'percent', 'schools_responding_to_audit')]
>>> m("Modifiable factors were present in 11 of the deaths.")
[(11.0, 'count', 'child_deaths_modifiable')]
"""

from __future__ import annotations

import re

from boardcompare.extract.metric_forms import (
    Found,
    bracketed,
    changes,
    in_other_period,
    is_base_or_plan,
    is_elsewhere,
    is_partner_count,
    is_ratio,
    reviews_led_to,
    single_reviews,
)
from boardcompare.extract.numbers import Quantity, find_quantities
from boardcompare.extract.patterns import MONTH, REVIEW_NOUNS
from boardcompare.extract.tables import read_tables
from boardcompare.extract.text import Sentence
from boardcompare.extract.triggers import may_match
from boardcompare.extract.vocabulary import counted_nouns, metric_defs
from boardcompare.models import Evidence, Metric

_MONTH = MONTH

# Words right before a number that make it a reference, not a quantity.
_REFERENCE_BEFORE = re.compile(
    rf"""
    (?:\b(?:section|sections|s|para(?:graph)?s?|page|pages|p|pp|item|items|minute|minutes|no|number|
          appendix|annex|chapter|table|figure|fig|priority|priorities|level|levels|tier|stage|key\ stage|
          phase|version|schedule|clause|article|regulation|standard|outcome|objective|
          recommendation|ref|reference|tel|telephone|phone|mobile|extension|ext|room|ward|route|per|rule|rules|part|
          parts|act|
          aged?|ages|age\ of|(?<!stood\ )(?<!was\ )(?<!were\ )at|until|turned?|turning|under|over\ the\ age\ of|since|
          of\ the\ year|top|the\ first|the\ last|{_MONTH})\.?
    | [#№/:]
    )\s*$
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Words right after a number that make it a date, an age, a duration or a rank.
_NOT_QUANTITY_AFTER = re.compile(
    rf"""
    ^(?:
        (?:st|nd|rd|th)\b                      # ordinals: 1st, 31st
      | \s*(?:{_MONTH})\b                      # dates: 12 March
      | \s*(?:-|–|to|and|or)\s*\d+\s*(?:years?|yrs?|year-olds?|months?|weeks?|days?)\b  # 16-18 years
      | \s*(?:-|–)\s*\d                        # ranges and phone numbers: 16-17, 474-5657
      | [-\s]*(?:years?|yrs?|year[-\s]olds?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|
                 times|decades?|o'clock|am|pm|a\.m|p\.m)\b
      | '?s\b                                   # under 16's, over 18s
      | \s*(?:\+|plus)\b                        # 18+
      | [a-z]\b                                 # S14a, 4b
      | \.\d                                    # 4.3 (a paragraph) when not a decimal quantity
      | \s*[:/]\s*\d                            # times and dates: 10:30, 12/03
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)

_HEADING = re.compile(r"pdf\s+icon|\bPDF\s+\d+\s*[KM]B|[^.!?]$")  # a heading: a document link or no full stop
_TITLE_AFTER = re.compile(r"\s+[A-Z][\w'’-]+\s+[A-Z][\w'’-]+\s+[A-Z]")  # "23 Child Death Overview Panel ..."
_ITEM_BEFORE = re.compile(r"\((?:agenda\s+)?(?:item|minute)\s+\d+\)\s*$", re.IGNORECASE)  # "(Item 5) 5 Annual Report"
_SCHOOL_YEAR = re.compile(r"\bYears?\s*$")  # "Year 6": case matters, "the year 62 young people" is a count
_YEARISH = re.compile(r"^(?:19[5-9]\d|20\d\d)$")
# Up to four words (or a bracketed aside) between a number and the noun it counts.
_NOUN_GAP = re.compile(r"^\s*(?:\([^)]{0,40}\)\s*|[A-Za-z][\w'’-]*\s+){0,4}")
_PROPER_NAME = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:and|&|upon|on|of)\s+[A-Z][\w'’-]*)+")  # Redcar and Cleveland
_FUNCTION_WORDS = re.compile(
    r"\b(?:the|a|an|to|of|in|on|at|by|for|from|with|was|were|had|has|have|is|are|be|been|would|"
    r"could|should|will|that|which|who|this|these|those|and|or|but|not|than|as)\b",
    re.IGNORECASE,
)
_OF_THE = re.compile(r"^\s*(?:of|out\ of)\s+(?:the|these|those|all|its|our)?\s*(?:\d[\d,]*\s+)?(?:[A-Za-z-]+\s+){0,2}?",
                     re.I | re.X)
_NUMBER_OF = re.compile(
    r"""
    \b(?:number|total|count)\s+of\s+(?P<noun>[\w\s'’()/-]{3,80}?)\s+
    (?:was|were|had\s+been|has\s+been|stood\s+at|rose\s+to|fell\s+to|increased\s+to|
       decreased\s+to|reduced\s+to|dropped\s+to|reached|totall?ed|numbered|came\s+to|is|are|
       had\s+(?:risen|fallen|increased|decreased|grown|dropped)\s+to)\s*
    (?:(?:just\s+|well\s+)?(?:over|almost|nearly|approximately|around|about|some)\s+)?$
    """,
    re.VERBOSE | re.IGNORECASE,
)
_NOUN_THEN_VERB = re.compile(
    r"""
    (?P<noun>[\w'’-]+(?:\s+[\w'’-]+){0,5}?)\s+
    (?:totall?ed|numbered|stood\s+at|(?:was|were)(?:\s+at)?|(?:had\s+|has\s+)?(?:rose|risen|fell|fallen|increased|decreased|reduced|
       dropped|grown|grew|gone\s+up|gone\s+down)\s+to|reached|amounted\s+to)\s*
    (?:(?:just\s+|well\s+)?(?:over|almost|nearly|approximately|around|about|some)\s+)?$
    """,
    re.VERBOSE | re.IGNORECASE,
)
_FROM_TO = re.compile(r"^\s*(?:[a-z]+\s+){0,3}to\s+(?:over\s+|almost\s+|about\s+)?\d", re.I)
_BEFORE_REACH = 160  # how far back "the number of X was" may start
_ELLIPSIS = "\x00"  # marks a count that continues a list and borrows the earlier subject
_NEAR_WORDS = 4
_NEAR = "\x01"  # separates the counted noun phrase from the rest of its clause
_NOUN = "\x02"  # separates the counted noun itself from the words after it
_REVIEW_COUNTS = re.compile(rf"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(?:[\w-]+\s+){{0,3}}?"
                            rf"(?:{REVIEW_NOUNS}|rapid\s+reviews)", re.IGNORECASE)
# A count followed straight by its verb ("eight had been received"), whose noun the sentence gave before it.
_BARE_VERB_AFTER = re.compile(r"\s+(?:had\s+been|have\s+been|has\s+been|were|was|being)\s+\w+(?:ed|en)\b", re.I)
_NOT_A_COUNT = re.compile(r"annual\s+reports?$", re.I)  # "presents three annual reports": papers, not activity
_EARLIER_NOUN = re.compile(r"(?P<noun>\b(?:reviews?|referrals?|notifications?|cases?|allegations?|contacts?|"
                           r"assessments?|enquiries|audits?|deaths?|applications?|reports?)\b)[^.;]*$", re.I)
_BASE_OF = re.compile(r"\bof\s+(?:the|these|those|all)\s+$", re.IGNORECASE)
_OF_WHICH = re.compile(r"\s+of\s+(?:which|whom|these|them|those)\b", re.IGNORECASE)
_PRONOUN_AFTER = re.compile(r"\s+(?:was|were|is|are|had|has|of\s+(?:them|these|those|which)|which|that)\b", re.I)
_LIST_JOIN = re.compile(r"(?:,|;|\band)\s*$", re.I)
NO_REVIEWS = re.compile(
    rf"""\b(?:no|zero|nil|not\s+(?:\w+\s+){{0,4}}any|neither\s+\w+\s+any)\s+(?:new\s+|further\s+)?
        (?P<noun>{REVIEW_NOUNS})\b""",
    re.VERBOSE | re.IGNORECASE,
)


def _counted_noun_after(sentence: str, q: Quantity) -> re.Match | None:
    """The counted noun that follows the number, skipping a few adjectives or an aside."""
    rest = sentence[q.end:]
    gap = _NOUN_GAP.match(rest)
    nouns = counted_nouns()
    pos = 0
    # Try each word boundary within the gap: the noun may come after 0-4 qualifying words.
    limit = gap.end() if gap else 0
    while True:
        m = nouns.match(rest, pos + len(rest[pos:]) - len(rest[pos:].lstrip()))
        if m:
            between = _PROPER_NAME.sub(" ", re.sub(r"\([^)]*\)", " ", rest[:m.start()]))
            if not _FUNCTION_WORDS.search(between) and not _NOT_A_COUNT.search(rest[:m.end()]):
                return m
        nxt = re.search(r"[\s)]+", rest[pos:])
        if not nxt or pos + nxt.end() > limit:
            return None
        pos += nxt.end()


def _is_reference(sentence: str, q: Quantity) -> bool:
    before = sentence[max(0, q.start - 40):q.start]
    after = sentence[q.end:q.end + 40]
    if q.qualifier:
        before = ""  # "over 500": the qualifier is the word before, not a reference
    if q.unit != "count":
        return bool(re.search(rf"\b{_MONTH}\s*$", before, re.I))
    digits = sentence[q.start:q.end].replace(",", "")
    if not q.is_word and digits.startswith("0") and len(digits) >= 3:
        return True  # phone numbers and codes
    if _YEARISH.match(sentence[q.start:q.end]):
        return True
    if _NOT_QUANTITY_AFTER.match(after):
        return True
    if _SCHOOL_YEAR.search(before) or _ITEM_BEFORE.search(before):
        return True
    if not q.is_word and not sentence[:q.start].strip() and (
            (_TITLE_AFTER.match(after) and _HEADING.search(sentence))
            or (re.match(r"\s+[A-Z]", after) and not counted_nouns().match(after.lstrip()))):
        return True  # a minute or item number heading a line: "64 Wiltshire Safeguarding Children Board"
    return bool(_REFERENCE_BEFORE.search(before))


def _accept_count(sentence: str, q: Quantity, accepted_before: bool) -> tuple[bool, str]:
    """Whether a count counts something, and the words that say what."""
    noun = _counted_noun_after(sentence, q)
    if noun:
        # The counted noun and the few words after it ("staff had attended") name the figure best.
        phrase = sentence[q.end:q.end + noun.end()]
        near = " ".join(sentence[q.end:].split()[:_NEAR_WORDS + len(phrase.split())])
        return True, " ".join(phrase.split()) + _NOUN + near + _NEAR + _clause(sentence, q.end)
    of_the = _OF_THE.match(sentence[q.end:])
    if of_the and of_the.end() > 0:
        rest = sentence[q.end + of_the.end():]
        m = counted_nouns().match(rest)
        if m:
            return True, sentence[q.end:q.end + of_the.end() + m.end()]
    before = sentence[:q.start - (len(q.text) - len(sentence[q.start:q.end]))]
    before = before[-_BEFORE_REACH:]
    earlier = _EARLIER_NOUN.search(before) if _BARE_VERB_AFTER.match(sentence[q.end:]) else None
    if earlier:  # "Of the reviews notified, eight had been received": the noun said before it
        return True, earlier.group("noun")
    if q.is_word:
        return False, ""
    m = _NUMBER_OF.search(before) or _NOUN_THEN_VERB.search(before)
    if m and counted_nouns().search(m.group("noun")):
        return True, m.group("noun")
    if m and m.re is _NUMBER_OF:
        return True, m.group("noun")
    if accepted_before and _LIST_JOIN.search(before) and not _PRONOUN_AFTER.match(sentence[q.end:]):
        return True, _ELLIPSIS + _clause(sentence, q.end)
    if accepted_before and _OF_WHICH.match(sentence[q.end:]):  # "85 referrals, 15 of which were high risk"
        return True, _ELLIPSIS + _clause(sentence, q.end)
    return False, ""


# A count of something not in counted_nouns.csv still counts beside a word of activity:
# "delivered training to over 1,000 taxi drivers", "a cohort of 100 CSE champions".
_ACTIVITY = re.compile(
    r"""\b(?:train(?:ed|ing)|deliver(?:ed|ing)?|reach(?:ed|ing)?|attend(?:ed|ing)|received|completed|undertaken|
         carried\s+out|held|ran|provided|supported|visited|referred|dealt\s+with|engaged|contacted|accessed|
         recruited|appointed|identified|notified|recorded|signed\s+up|took\s+part|participated|benefit\w*|cohort|
         responded|returned|screened|assessed|worked\s+with|helped|issued|made)\b""",
    re.VERBOSE | re.IGNORECASE,
)
_PLURAL_AFTER = re.compile(r"^\s*(?P<gap>(?:[A-Za-z][\w'’-]*\s+|&\s+){0,5}?)(?P<noun>[A-Za-z][\w'’-]*[a-rt-z]s)\b")
_NOT_COUNTED = frozenset(
    "years months weeks days hours times minutes decades partners members councillors pages items sections "
    "priorities boards panels committees meetings areas wards localities districts authorities councils points "
    "pounds miles questions recommendations objectives outcomes themes actions aims principles levels stages "
    "tiers phases strands chapters appendices paragraphs reports boroughs counties regions localities inspections "
    "posts roles vacancies subgroups sub-groups projects".split())
_NOT_NOUNS = frozenset("was has is its this thus his hers ours yours theirs always perhaps across unless whereas "
                       "does goes various numerous".split())
_MEMBERS_OF = re.compile(r"^\s+of\s+(?:staff|the\s+(?:\w+\s+){0,2}(?:workforce|public|community|team))", re.I)


def _activity_noun(sentence: str, q: Quantity) -> str | None:
    """The plural noun a count counts when the sentence says something was done to or by them."""
    m = _PLURAL_AFTER.match(sentence[q.end:])
    if not m or not _ACTIVITY.search(sentence) or _FUNCTION_WORDS.search(m.group("gap").replace(" and ", " ")):
        return None
    noun = m.group("noun").lower()
    if noun in _NOT_NOUNS:
        return None
    if noun == "members" and _MEMBERS_OF.match(sentence[q.end + m.end():]):
        return m.group(0).strip()
    return None if noun in _NOT_COUNTED else m.group(0).strip()


def _clause(sentence: str, start: int) -> str:
    """The words after a number up to the end of its clause."""
    return re.split(r"[,;:]", sentence[start:start + 100], maxsplit=1)[0]


def _subject(context: str) -> str:
    """The noun and verb of a context ("people had attended a conference" -> "people had attended")."""
    return re.split(r"\b(?:a|an|the|to|on|in|at|for)\b", context, maxsplit=1, flags=re.I)[0]


def name_metric(context: str, sentence: str, unit: str) -> str:
    """The catalogue name for a quantity, from the words around it.

    >>> name_metric("serious case reviews in the year", "", "count")
    'serious_case_reviews'
    >>> name_metric("people had completed an e-learning course", "", "count")
    'e_learning_completions'
    >>> name_metric("", "the board's budget was £120,000", "gbp")
    'board_budget'
    """
    candidates = [d for d in metric_defs() if d.unit == unit and d.keywords is not None]
    for text in (context, sentence):
        if not text:
            continue
        lowered = text.lower()
        for d in candidates:
            if may_match(d.keywords, lowered) and d.keywords.search(text):
                return d.name
    return {"count": "other_count", "percent": "other_percent", "gbp": "spending"}[unit]


def find_metrics(sentences: list[Sentence], offset: int = 0, text: str | None = None,
                 period: str | None = None) -> list[Metric]:
    """Every metric in the sentences (and in tables of ``text``), each once per (name, value, unit)."""
    out: list[Metric] = []
    seen: set[tuple[str, float, str]] = set()

    def add(metric: Metric) -> None:
        key = (metric.name, metric.value, metric.unit)
        if key not in seen:
            seen.add(key)
            out.append(metric)

    cells = read_tables(text, period) if text else []
    spans = sorted({(c.table_start, c.table_end) for c in cells})
    for cell in cells:
        s = next((x for x in sentences if x.start <= cell.start < x.end), None)
        if s is not None:
            add(Metric(name_metric(cell.label, "", cell.unit), cell.value, cell.unit, cell.text, _evidence(s, offset)))
    for s in _outside_tables(sentences, spans, text):
        for name, f in _sentence_figures(s.text, period):
            if f.base and any(m.value == f.q.value and m.unit == f.q.unit for m in out):
                continue  # "10 of the 28 deaths reviewed" after "28 were reviewed": the same 28
            add(Metric(name, f.q.value, f.q.unit, f.q.text, _evidence(s, offset), f.q.qualifier, f.q.value_high,
                       f.as_of))
    return out


def _sentence_figures(text: str, period: str | None) -> list[tuple[str, Found]]:
    """The figures of one sentence, named: special shapes first, then every other quantity that counts."""
    if not find_quantities(text):
        return []  # no number, no figure
    special = changes(text) + bracketed(text) + reviews_led_to(text)
    if _REVIEW_COUNTS.search(text):  # "initiated two practice reviews and signed off a further one": one more
        special += single_reviews(text)
    taken = [(f.q.start, f.q.end) for f in special] + _earlier_ends(text)
    out = [(name_metric(f.context, text, f.q.unit), f) for f in special
           if not any(a <= f.q.start < b for a, b in _earlier_ends(text))]
    accepted_here, previous_context = False, ""
    for q in find_quantities(text):
        if any(a < q.end and q.start < b for a, b in taken) or _not_a_figure(text, q, period):
            continue
        if q.unit == "count":
            context = _count_context(text, q, accepted_here, previous_context)
        else:
            context = _clause(text, q.end)
        if context is None:
            continue
        accepted_here = True
        before = re.split(r"[,;:]", text[:q.start])[-1]
        near, _, context = context.rpartition(_NEAR)
        noun, _, near = near.rpartition(_NOUN)
        name = name_metric(noun, "", q.unit) if noun else ""
        if not noun or name.startswith("other_"):
            name = name_metric(near, "", q.unit) if near else ""
        if not near or name.startswith("other_"):
            name = name_metric(f"{before} {context}", text, q.unit)
        previous_context = f"{near} {context}"
        base = bool(_BASE_OF.search(text, 0, q.start - (len(q.text) - len(text[q.start:q.end]))))
        out.append((name, Found(q, context, base=base)))
    return out


def _earlier_ends(text: str) -> list[tuple[int, int]]:
    """The first figure of "rose from 300 to 412": last year's, left out when it has no date of its own."""
    out = []
    for q in find_quantities(text):
        if re.search(r"\bfrom\s*$", text[:q.start - (len(q.text) - len(text[q.start:q.end]))], re.I) and \
                _FROM_TO.match(text[q.end:]):
            out.append((q.start, q.end))
    return out


def _not_a_figure(text: str, q: Quantity, period: str | None) -> bool:
    """References, dates, ratios, partner counts, survey bases, plans and figures for another year."""
    return (_is_reference(text, q) or is_ratio(text, q.start, q.end) or is_partner_count(text, q.start, q.end)
            or is_base_or_plan(text, q.start - (len(q.text) - len(text[q.start:q.end])))
            or in_other_period(text, q.start, q.end, period) or is_elsewhere(text, q.start, q.end))


def _count_context(text: str, q: Quantity, accepted_before: bool, previous_context: str) -> str | None:
    """What a count counts (None when it counts nothing we know of)."""
    ok, context = _accept_count(text, q, accepted_before)
    if not ok:
        return _activity_noun(text, q)
    if context.startswith(_ELLIPSIS):  # "500 people attended X, 700 Y": borrow "people attended"
        context = f"{context[len(_ELLIPSIS):]} {_subject(previous_context)}"
    return context


def _outside_tables(sentences: list[Sentence], spans: list[tuple[int, int]], text: str | None) -> list[Sentence]:
    """The sentences with any table cut out (a table flattened into a line may share it with prose)."""
    if not spans or text is None:
        return sentences
    out = []
    for s in sentences:
        pieces = [(s.start, s.end)]
        for a, b in spans:
            pieces = [p for x, y in pieces for p in ((x, min(y, a)), (max(x, b), y)) if p[0] < p[1]]
        for x, y in pieces:
            words = " ".join(text[x:y].split())
            if words:
                out.append(s if (x, y) == (s.start, s.end) else Sentence(words, x, y))
    return out


def _evidence(s: Sentence, offset: int) -> Evidence:
    return Evidence(s.text, s.start + offset, s.end + offset)
