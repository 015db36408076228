"""Literal words a pattern cannot match without, found by reading the pattern itself.

Running dozens of vocabulary patterns over every report is the extractor's main cost. Most patterns
cannot match most reports: "child sexual exploitation|\\bCSE\\b" needs "exploitation" or "cse" somewhere.
:func:`triggers` reads a compiled pattern's structure and returns a set of lower-case strings such
that every match contains at least one of them (or None when no such set can be told, e.g. a pattern
that starts with a character class). A caller skips the pattern when none of them is in the text,
lower-cased: the results are the same, only found sooner.

>>> sorted(triggers(re.compile(r"child sexual exploitation|\\bCSE\\b", re.I)))
['child sexual exploitation', 'cse']
>>> sorted(triggers(re.compile(r"sexual(?:ly)? exploit\\w*|grooming gangs?")))
[' exploit', 'grooming gang']
>>> triggers(re.compile(r"\\d+ people")) == {" people"}, triggers(re.compile(r"[a-z]+"))
(True, None)
"""

from __future__ import annotations

import re
from functools import cache

try:  # the regular-expression parser of the standard library (re._parser from Python 3.11)
    from re import _constants as _c
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT} | ({_c.POSSESSIVE_REPEAT} if hasattr(_c, "POSSESSIVE_REPEAT") else set())


def _branch(av) -> set[str] | None:
    found = [_sequence(b) for b in av[1]]
    return None if any(t is None for t in found) else set().union(*found)


def _element(op, av) -> set[str] | None:
    """The triggers of one element of a sequence that the match must contain, or None."""
    if op is _c.SUBPATTERN:
        return _sequence(av[-1])
    if op is _c.BRANCH:
        return _branch(av)
    if op in _REPEATS:
        low, _, item = av
        return _sequence(item) if low >= 1 else None
    if getattr(_c, "ATOMIC_GROUP", None) is op:
        return _sequence(av)
    return None  # classes, any character, anchors, look-arounds: no literal to rely on


# Words in nearly every set of minutes about a board: a poor choice of trigger when another is on offer.
_COMMON = ("child", "children", "young people", "safeguard", "board", "partner", "information", "review", "service",
           "the ", "and ", "of ", "to ", "report", "agency", "council", "school", "learning", "work")


def _rank(found: set[str]) -> tuple[int, int]:
    """Rarer first (no common word), then longer."""
    common = any(any(c.strip() == w.strip() or (len(w) < 12 and c in w) for c in _COMMON) for w in found)
    return (0 if common else 1, min(map(len, found)))


def _sequence(items) -> set[str] | None:
    """The best trigger set of a sequence: of its literal runs and mandatory parts, the one with no common word
    and then with the longest shortest string."""
    candidates: list[set[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av).lower())
            continue
        if run:
            candidates.append({"".join(run)})
            run = []
        found = _element(op, av)
        if found and all(found):
            candidates.append(found)
    if run:
        candidates.append({"".join(run)})
    return max(candidates, key=_rank, default=None)


@cache
def triggers(pattern: re.Pattern) -> frozenset[str] | None:
    """Lower-case strings one of which every match of ``pattern`` contains; None when it cannot be told."""
    found = _sequence(_sre_parse.parse(pattern.pattern, pattern.flags))
    return frozenset(found) if found else None


def may_match(pattern: re.Pattern, lowered: str) -> bool:
    """False only when ``pattern`` cannot match a text whose lower-cased form is ``lowered``."""
    words = triggers(pattern)
    return words is None or any(w in lowered for w in words)


def positions(pattern: re.Pattern, lowered: str) -> list[int] | None:
    """Where in ``lowered`` the pattern's triggers stand (sorted), or None when every place must be tried."""
    words = triggers(pattern)
    if words is None:
        return None
    found = []
    for w in words:
        at = lowered.find(w)
        while at != -1:
            found.append(at)
            at = lowered.find(w, at + 1)
    return sorted(found)


def split_alternatives(source: str) -> list[str]:
    """A pattern's top-level alternatives (not for verbose patterns).

    >>> split_alternatives(r"a(?:b|c)|[|x]|d\\|e")
    ['a(?:b|c)', '[|x]', 'd\\\\|e']
    """
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if source[i + 1:i + 2] == "^":
                i += 1
            if source[i + 1:i + 2] == "]":
                i += 1  # a ']' first in a class is a literal
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    parts.append(source[start:])
    return parts


class Alternatives:
    """A pattern searched one top-level alternative at a time, each only where one of its own triggers stands.

    The first match is the one the whole pattern would find: the leftmost, and of those starting at the same
    place, the earliest alternative.

    >>> alts = Alternatives(re.compile(r"child sexual exploitation|\\bCSE\\b|grooming", re.I))
    >>> text = "Work on grooming and CSE."
    >>> alts.search(text, text.lower(), 0, len(text)).group(0)
    'grooming'
    """

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        sources = [pattern.pattern] if pattern.flags & re.VERBOSE else split_alternatives(pattern.pattern)
        self.parts = tuple(re.compile(s, pattern.flags) for s in sources)

    def search(self, text: str, lowered: str, pos: int, endpos: int) -> re.Match | None:
        """The first match in ``text[pos:endpos]`` (``lowered`` is ``text`` lower-cased)."""
        best = None
        for part in self.parts:
            words = triggers(part)
            if words is not None and not any(lowered.find(w, pos, endpos) != -1 for w in words):
                continue
            m = part.search(text, pos, endpos)
            if m and (best is None or m.start() < best.start()):
                best = m
        return best


@cache
def alternatives(pattern: re.Pattern) -> Alternatives:
    """The pattern split for searching (made once per pattern)."""
    return Alternatives(pattern)
