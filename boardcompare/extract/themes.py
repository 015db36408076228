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
from functools import lru_cache

from boardcompare.extract.text import Sentence
from boardcompare.extract.vocabulary import theme_ignore, theme_patterns
from boardcompare.models import Evidence, ThemeMention


def mask_ignored(text: str) -> str:
    """Blank out the names listed in theme_ignore.csv, keeping offsets; curly apostrophes read as straight ones."""
    return theme_ignore().sub(lambda m: " " * len(m.group(0)), text.replace("’", "'"))


@lru_cache(maxsize=8192)
def themes_in(text: str, year: int | None = None) -> tuple[tuple[str, re.Match], ...]:
    """(code, match) for every theme pattern that matches ``text`` (ignored names masked), in a report of
    the period starting in ``year`` (forms bound to a later era do not count; None: the year is unknown).

    Cached: themes and concerns both ask about the same sentences.
    """
    masked = mask_ignored(text)
    out = []
    seen = set()
    for p in theme_patterns():
        if p.code in seen or (p.from_year and year is not None and year < p.from_year):
            continue
        m = p.regex.search(masked)
        if m and (p.needs is None or p.needs.search(masked)):
            seen.add(p.code)
            out.append((p.code, m))
    return tuple(out)


# The meeting's own business, not what the board did: declarations of interest, apologies, the last minutes.
_PROCEDURAL = re.compile(
    r"""declar\w*\s+(?:an?\s+)?(?:\w+\s+)?interests? | declarations?\s+of\s+interests?
      | disclos\w+\s+(?:any\s+)?interests?
      | apologies\s+(?:for\s+absence\s+)?(?:were\s+|had\s+been\s+)?(?:received|given|submitted|noted|from)
      | sent\s+(?:their\s+|his\s+|her\s+)?apologies | \bsubstitut\w+\s+(?:for|member)
      | (?:agreed|approved|confirmed|signed)\s+as\s+a\s+(?:correct|true|accurate)\s+record""",
    re.VERBOSE | re.IGNORECASE,
)


def is_procedural(sentence: str) -> bool:
    """A sentence of the meeting's own business ("Councillor X declared an interest as a foster carer").

    >>> is_procedural("Councillor Lee declared an interest as a foster carer."), is_procedural("Neglect rose.")
    (True, False)
    """
    return bool(_PROCEDURAL.search(sentence))


def find_themes(sentences: list[Sentence], offset: int = 0, year: int | None = None) -> list[ThemeMention]:
    """One mention per theme per sentence that discusses it, in a report whose period starts in ``year``."""
    out = []
    for s in sentences:
        if is_procedural(s.text):
            continue
        for code, m in themes_in(s.text, year):
            out.append(ThemeMention(code, s.text[m.start():m.end()],
                                    Evidence(s.text, s.start + offset, s.end + offset)))
    return out
