"""Themes: which of the 28 theme codes the minutes discuss, with evidence sentences.

Patterns live in vocab/theme_patterns.csv; names of things whose words must not count
(a "Health and Wellbeing Board" is not the mental health theme) in vocab/theme_ignore.csv.

>>> from boardcompare.extract.text import split_sentences
>>> sorted({t.code for t in find_themes(split_sentences(
...     "The Health and Wellbeing Board noted the neglect strategy and CAMHS waiting times."))})
['mental_health', 'neglect']
>>> [t.code for t in find_themes(split_sentences("Keep children safe from harm, abuse or neglect."))]
[]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from boardcompare.extract.text import Sentence
from boardcompare.extract.triggers import alternatives, may_match, positions
from boardcompare.extract.vocabulary import theme_ignore, theme_patterns
from boardcompare.models import Evidence, ThemeMention


def mask_ignored(text: str) -> str:
    """Blank out the names listed in theme_ignore.csv, keeping offsets; curly apostrophes read as straight ones."""
    text = text.replace("’", "'")
    lowered = text.lower()
    for pattern in theme_ignore():
        if may_match(pattern, lowered):
            text = pattern.sub(_blank, text)
    return text


def _blank(m: re.Match) -> str:
    return " " * len(m.group(0))


@dataclass(frozen=True)
class Hit:
    """Where a theme's words stand in a sentence's text (read like a match: ``start()``, ``end()``)."""

    first: int
    last: int

    def start(self) -> int:
        """Where the words start."""
        return self.first

    def end(self) -> int:
        """Where the words end."""
        return self.last


# Sentences are searched together, joined by a character no pattern can cross.
_JOIN = "\x00"


def theme_index(texts: list[str], year: int | None = None) -> list[tuple[tuple[str, Hit], ...]]:
    """For each sentence text, (code, hit) for every theme it discusses, in a report of the period starting in
    ``year`` (forms bound to a later era do not count; None: the year is unknown). The same as asking sentence
    by sentence, but each pattern runs once over all the sentences together, which is many times faster.
    """
    joined = _JOIN.join(texts)
    masked = mask_ignored(joined)
    lowered = masked.lower()
    starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
    first: list[dict[str, Hit]] = [{} for _ in texts]  # per sentence: the first hit of each code, in pattern order
    for row, p in enumerate(theme_patterns()):
        if p.from_year and year is not None and year < p.from_year:
            continue
        for i in _candidates(p.regex, lowered, starts, len(texts)):
            hits, begin = first[i], starts[i]
            if p.code in hits:
                continue  # an earlier form already found this theme here
            end = begin + len(texts[i])
            m = alternatives(p.regex).search(masked, lowered, begin, end)
            if m and (p.needs is None or p.needs.search(masked, begin, end)) and not (
                    p.unless and p.unless.search(masked, begin, end)):
                hits[p.code] = (row, Hit(m.start() - begin, m.end() - begin))
    order = {code: n for n, code in enumerate(dict.fromkeys(p.code for p in theme_patterns()))}
    return [tuple((code, hit) for code, (_, hit) in sorted(h.items(), key=lambda kv: (kv[1][0], order[kv[0]])))
            for h in first]


def _candidates(pattern: re.Pattern, lowered: str, starts: list[int], n: int) -> list[int]:
    """The sentences in which ``pattern`` may match: those holding one of its trigger words."""
    at = positions(pattern, lowered)
    if at is None:
        return list(range(n))
    return sorted({bisect_right(starts, a) - 1 for a in at})


def themes_in(text: str, year: int | None = None) -> tuple[tuple[str, Hit], ...]:
    """(code, hit) for every theme pattern that matches one sentence's ``text`` (ignored names masked)."""
    return theme_index([text], year)[0]


# The meeting's own business, not what the board did: declarations of interest, apologies, the last minutes.
_PROCEDURAL = re.compile(
    r"""declar\w*\s+(?:an?\s+)?(?:\w+\s+)?interests? | declarations?\s+of\s+interests?
      | disclos\w+\s+(?:any\s+)?interests?
      | apologies\s+(?:for\s+absence\s+)?(?:were\s+|had\s+been\s+)?(?:received|given|submitted|noted|from)
      | sent\s+(?:their\s+|his\s+|her\s+)?apologies | \bsubstitut\w+\s+(?:for|member)
      | (?:agreed|approved|confirmed|signed)\s+as\s+a\s+(?:correct|true|accurate)\s+record
      | amend\w*\s+(?:to\s+)?the\s+minutes | minutes\s+of\s+the\s+(?:previous|last)\s+meeting
      | \bminute\s+\d+(?:\.\d+)?\s+(?:remove|amend|delete|replace|insert|add)""",
    re.VERBOSE | re.IGNORECASE,
)


def is_procedural(sentence: str) -> bool:
    """A sentence of the meeting's own business ("Councillor X declared an interest as a foster carer"), or a
    line of an attendance list ("Jo Bell, Head Teacher, Hill Primary School").

    >>> is_procedural("Councillor Lee declared an interest as a foster carer."), is_procedural("Neglect rose.")
    (True, False)
    >>> is_procedural("Jo Bell, Head Teacher, Hill Primary School"), is_procedural("Child Sexual Exploitation")
    (True, False)
    """
    return (may_match(_PROCEDURAL, sentence.lower()) and bool(_PROCEDURAL.search(sentence))) or is_roster(sentence)


# A line of an attendance list: a person's role and hardly a lower-case word (no sentence around it).
_ROLE = re.compile(r"\b(?:Head(?:\s*Teacher|teacher)?|Director|Manager|Officer|Councillor|Cllr|Chair(?:man|person)?|"
                   r"Representative|Teacher|Nurse|Lead|Superintendent|Inspector|Commander|Co-?ordinator|Advis[eo]r|"
                   r"Governor|Apols?|Apologies|Present|Substitute)\b")
# Marks of an attendance list: ticks, attendance codes, "Attended:", "Apologies".
_ATTENDANCE = re.compile(r"√|✓|\bApols?\b|\b(?:Attended|Present|Attendance|In\s+attendance)\s*:|\bApologies\b"
                         r"|\b[YNAD](?:\s+[YNAD]){2,}\b|Designated\s+Board\s+Members")
_NAME_LINE = re.compile(
    r"(?:[A-Z][\w'’.-]*\s+){1,6}(?:Primary|Secondary|Junior|Infant|High)?\s*(?:School|Academy|College)")
_SMALL = frozenset("of and for the to in on at from with a an".split())


def is_roster(sentence: str) -> bool:
    """A line naming people and their posts (or an attendance grid flattened into one line, or a school's
    name on its own), not a sentence about the board's work."""
    if _ATTENDANCE.search(sentence) or _NAME_LINE.fullmatch(sentence):
        return True
    if not _ROLE.search(sentence):
        return False
    words = re.findall(r"\b[A-Za-z][\w'’-]*", sentence)
    lower = [w for w in words if w[0].islower() and w not in _SMALL]
    many_roles = len(_ROLE.findall(sentence)) >= 3
    return len(lower) < 2 or (many_roles and len(words) >= 12 and len(lower) <= 0.15 * len(words))


def find_themes(sentences: list[Sentence], offset: int = 0, year: int | None = None,
                index: list | None = None) -> list[ThemeMention]:
    """One mention per theme per sentence that discusses it, in a report whose period starts in ``year``
    (``index``: the sentences' theme_index, when already made)."""
    index = index if index is not None else theme_index([s.text for s in sentences], year)
    out = []
    for s, found in zip(sentences, index, strict=True):
        if is_procedural(s.text):
            continue
        for code, m in found:
            out.append(ThemeMention(code, s.text[m.start():m.end()],
                                    Evidence(s.text, s.start + offset, s.end + offset)))
    return out
