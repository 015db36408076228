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
    r"safeguarding\s+children(?:'s|’s|s'|s)?\s+(?:board|partnership)|children(?:'s|’s|s)?\s+safeguarding\s+"
    r"(?:board|partnership)|\bLSCBs?\b|\bLSCPs?\b|safeguarding\s+partners(?:hip)?\s+(?:for|arrangements)"
    r"|safeguarding\s+children\s+(?:and\s+young\s+people\s+)?partnership",
    re.IGNORECASE,
)
_ADULTS_BOARD = re.compile(r"safeguarding\s+adults?\s+(?:board|partnership)|adults?\s+safeguarding\s+board|\bSABs?\b",
                           re.IGNORECASE)
_PARTNERSHIP = re.compile(r"safeguarding\s+(?:children\s+)?partnership|safeguarding\s+partners\b|\bLSCP\b", re.I)
_LEADING_ARTICLE = re.compile(r"^(?:the|in|of|and|on)\s+", re.IGNORECASE)


def _kind(words: str) -> str:
    return "partnership" if re.search(r"partnership|LSCP|SCP", words, re.I) else "LSCB"


def _authority_in(prefix: str):
    whole = match_authority(prefix)
    if whole:
        return whole
    hits = find_authorities(prefix)
    return hits[-1].authority if hits else None


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
    children = len(_CHILDREN_BOARD.findall(text))
    adults = len(_ADULTS_BOARD.findall(text))
    if children == 0:
        if adults:
            return "it is about a safeguarding adults board, not a children's board"
        return "does not mention a safeguarding children board or partnership"
    if adults > 2 * children:
        return "it is mainly about a safeguarding adults board, not a children's board"
    return None
