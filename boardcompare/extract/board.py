"""Which board the minutes are about: its name as written, its local authority, its kind.

Identity comes from the name that precedes "Safeguarding Children Board" (or Partnership),
matched against the reference list of local authorities: never from an acronym, which
several boards share (SSCB is Stockport's and Staffordshire's).

>>> b = find_board("The Brighton & Hove Local Safeguarding Children Board (LSCB) presented.")
>>> (b.name, b.local_authority, b.kind)
('Brighton & Hove Local Safeguarding Children Board', 'Brighton and Hove', 'LSCB')
>>> find_board("The Walsall Safeguarding Children Partnership annual report.").kind
'partnership'
>>> board_problem("Planning application for a rear extension.")
'does not mention a safeguarding children board or partnership'
>>> board_problem("Safeguarding Adults Board Annual Report 2017-18\\n\\nThe Committee considered the annual report "
...               "of the Board, which set out its work on self-neglect and financial abuse over the year and "
...               "its plans for the next. Links with the Safeguarding Children Board were noted.")
"it is about a safeguarding adults board, not a children's board"
>>> board_problem("The Tynedale Children and Adults Safeguarding Partnership annual report.") is None
True
"""

from __future__ import annotations

import re
from collections import Counter

from boardcompare.authorities import find_authorities, match_authority
from boardcompare.models import Board

_BOARD_NAME = re.compile(
    r"""
    (?P<prefix>(?:(?:[A-Z][\w'’.-]*|&|and|upon|on|of|the|in)[ \t]*,?[ \t]+){1,8}?)
    (?P<kind>
        (?:Local\s+)?Safeguarding\s+Children(?:'s|’s|s'|s)?\s+(?:Board|Partnership)
      | Safeguarding\s+(?:Children\s+and\s+Young\s+People\s+)?Partnership
      | Children(?:'s|’s|s)?\s+Safeguarding\s+(?:Board|Partnership)
      | (?:LSCB|LSCP|SCB|SCP|SSCB|SSCP)\b
    )
    """,
    re.VERBOSE,
)
_CHILDREN_BOARD = re.compile(
    r"safeguarding\s+children(?:'s|’s|s'|s)?\s+(?:board|partnership)|children(?:'s|’s|s)?\s+"
    r"(?:and\s+(?:adults?|families)(?:'s|’s)?\s+)?safeguarding\s+(?:board|partnership)|\bLSCBs?\b|\bLSCPs?\b|safeguarding\s+partners(?:hip)?\s+(?:for|arrangements)"
    r"|safeguarding\s+children\s+(?:and\s+young\s+people\s+)?partnership",
    re.IGNORECASE,
)
_ADULTS_BOARD = re.compile(r"safeguarding\s+adults?\s+(?:board|partnership)|adults?\s+safeguarding\s+board|\bSABs?\b",
                           re.IGNORECASE)
_HEADING_CHARS = 200  # the item's title: what the minutes are about
_PARTNERSHIP = re.compile(r"safeguarding\s+(?:children\s+)?partnership|safeguarding\s+partners\b|\bLSCP\b", re.I)
_LEADING_ARTICLE = re.compile(r"^(?:the|in|of|and|on)\s+", re.IGNORECASE)


def _kind(words: str) -> str:
    return "partnership" if re.search(r"partnership|LSCP|SCP", words, re.I) else "LSCB"


def _authority_in(prefix: str):
    whole = match_authority(prefix)
    if whole:
        return whole
    hits = find_authorities(prefix)
    return hits[0].authority if hits else None  # a joint board is named after its lead council first


def find_board(text: str) -> Board:
    """The board the text is about (fields are None where the text does not say)."""
    named = []
    for m in _BOARD_NAME.finditer(text):
        prefix = m.group("prefix").strip(" ,\t")
        prefix = _LEADING_ARTICLE.sub("", prefix)
        while _LEADING_ARTICLE.match(prefix):
            prefix = _LEADING_ARTICLE.sub("", prefix)
        authority = _authority_in(prefix)
        if authority:
            named.append((authority, f"{prefix} {' '.join(m.group('kind').split())}", m.group("kind")))
    if named:
        counts = Counter(a.name for a, _, _ in named)
        top = max(counts.values())
        authority, name, kind = next(x for x in named if counts[x[0].name] == top)
        full = [n for a, n, k in named if a.name == authority.name and not re.fullmatch(r"[A-Z]+", k)]
        name = full[0] if full else name
        return Board(name, authority.name, authority.ons_code, _kind(name))
    kind = ("partnership" if _PARTNERSHIP.search(text) else "LSCB") if _CHILDREN_BOARD.search(text) else None
    hits = find_authorities(text)
    if not hits:
        return Board(None, None, None, kind)
    counts = Counter(h.authority.name for h in hits)
    top = max(counts.values())
    authority = next(h.authority for h in hits if counts[h.authority.name] == top)
    return Board(None, authority.name, authority.ons_code, kind)


def board_problem(text: str) -> str | None:
    """Why the text is not about a safeguarding children board, or None when it is."""
    heading = text[:_HEADING_CHARS]
    if _ADULTS_BOARD.search(heading) and not _CHILDREN_BOARD.search(heading):
        return "it is about a safeguarding adults board, not a children's board"
    if not _CHILDREN_BOARD.search(text):
        if _ADULTS_BOARD.search(text):
            return "it is about a safeguarding adults board, not a children's board"
        return "does not mention a safeguarding children board or partnership"
    return None
