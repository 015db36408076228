"""Which board the minutes are about: its name as written, its local authority, its kind.

Identity comes from the name that precedes "Safeguarding Children Board" (or Partnership,
or a combined "Safeguarding Board"), matched against the reference list of local
authorities: never from an acronym, which several boards share (SSCB is Stockport's and
Staffordshire's). A joint board is named after the council named first.

>>> b = find_board("The Brighton & Hove Local Safeguarding Children Board (LSCB) presented.")
>>> (b.name, b.local_authority, b.kind)
('Brighton & Hove Local Safeguarding Children Board', 'Brighton and Hove', 'LSCB')
>>> find_board("The Walsall Safeguarding Children Partnership annual report.").kind
'partnership'
>>> find_board("Reg Hooke, Chair of the East Sussex Local Safeguarding Children Board, spoke.").name
'East Sussex Local Safeguarding Children Board'
>>> find_board("HAVERING SAFEGUARDING PARTNERSHIP ANNUAL REPORT 2023-24").local_authority
'Havering'

A board's own report is recognised by what the minutes say, in several strengths: a children's
board or partnership named ("Safeguarding Children Board", "LSCB"); or a combined safeguarding
board or partnership, an independent scrutineer, the safeguarding partners or the local
safeguarding arrangements, in minutes that are about children.

>>> board_problem("Planning application for a rear extension.")
'does not mention a safeguarding children board or partnership'
>>> board_problem("Safeguarding Adults Board Annual Report 2017-18\\n\\nThe Committee considered the annual report "
...               "of the Board, which set out its work on self-neglect and financial abuse over the year and "
...               "its plans for the next. Links with the Safeguarding Children Board were noted.")
"it is about a safeguarding adults board, not a children's board"
>>> board_problem("The Tynedale Children and Adults Safeguarding Partnership annual report.") is None
True
>>> board_problem("The Warwickshire Safeguarding Board annual report covered children and adults.") is None
True
"""

from __future__ import annotations

import re
from collections import Counter

from boardcompare.authorities import authority_by_name, find_authorities, match_authority
from boardcompare.extract.vocabulary import joint_boards, other_subjects
from boardcompare.models import Board

_BOARD_NAME = re.compile(
    r"""
    (?P<prefix>(?:(?:[A-Z][\w'’.-]*|&|and|upon|on|of|the|in)[ \t]*,?[ \t]+){1,8}?)
    (?P<kind>(?i:
        (?:Local\s+)?Safeguarding\s+Children(?:'s|’s|s'|s)?\s+(?:and\s+Young\s+People(?:'s|’s)?\s+)?
            (?:Board|Partnership)
      | Children(?:'s|’s|s)?\s+(?:and\s+(?:Adults?|Families)(?:'s|’s)?\s+)?Safeguarding\s+(?:Board|Partnership)
      | Safeguarding\s+(?:Board|Partnership)s?          # a combined board: "Warwickshire Safeguarding Board"
    )|(?:LSCB|LSCP|SCB|SCP|SSCB|SSCP)\b)
    """,
    re.VERBOSE,
)
# A children's board or partnership, named as such.
_CHILDREN_BOARD = re.compile(
    r"""
    safeguarding\s+children(?:'s|’s|s'|s)?\s+(?:and\s+young\s+people(?:'s|’s)?\s+)?
        (?:board|partnership|sub[- ]?committee)
  | children(?:'s|’s|s)?\s+(?:and\s+(?:adults?|families)(?:'s|’s)?\s+)?safeguarding\s+(?:board|partnership)
  | \bLSCBs?\b | \bLSCPs?\b | (?-i:\b[A-Z]{1,3}SC[BP]s?\b)       # a board's acronym: NSCB, GSCB, BSCP
  | safeguarding\s+children\s+(?:and\s+young\s+people\s+)?partnership
    """,
    re.VERBOSE | re.IGNORECASE,
)
# Weaker signs: a safeguarding board or partnership without "children" in its name (a combined
# or all-age body), or the partnership era's own words. They count in minutes about children.
_SAFEGUARDING_BODY = re.compile(
    r"""
    (?<!adults\ )(?<!adult\ )safeguarding\s+(?:board|partnership|arrangements)s?\b
  | serious\s+case\s+reviews? | safeguarding\s+practice\s+reviews? | national\s+(?:review|panel)\b
  | \bsafeguarding\s+partners\b | independent\s+scrutineer | multi-agency\s+safeguarding\s+arrangements
  | \bSCP\b | \bLSCP\b
    """,
    re.VERBOSE | re.IGNORECASE,
)
# A partnership's own brand: "Safeguarding Enfield Annual Report" (case matters: a proper name).
_SAFEGUARDING_BRAND = re.compile(
    r"\bSafeguarding\s+(?!Adults?\b)(?:[A-Z][\w&'’-]+\s+){1,3}(?:Annual\s+Report|Partnership)")
# The board's statutory functions, whose own reports come to committees: the child death overview panel, the
# designated officer for allegations, private fostering; in an item's title, exploitation and missing children.
_BOARD_FUNCTION = re.compile(r"child\s+death\s+(?:overview\s+panel|review)|\bCDOP\b|\bLADO\b|designated\s+officer|"
                             r"private\s+fostering", re.IGNORECASE)
_BOARD_FUNCTION_TITLE = re.compile(
    r"(?:sexual|criminal)\s+exploitation|\bCSE\b|missing\s+(?:children|from\s+(?:home|care))|return\s+home\s+interview",
    re.IGNORECASE)
_ABOUT_CHILDREN = re.compile(r"\bchild(?:ren|ren's|ren’s)?\b|young\s+people", re.IGNORECASE)
_ADULTS_BOARD = re.compile(r"safeguarding\s+adults?\s+(?:board|partnership)|adults?\s+safeguarding\s+board|\bSABs?\b",
                           re.IGNORECASE)
_PREDECESSOR = re.compile(
    r"\b(?:succeeded|replac\w+|previously|former(?:ly)?|predecessors?|superseded|took\s+over\s+from)\b", re.IGNORECASE)
_OWNER_AFTER = re.compile(r"\s+(?:City\s+|Borough\s+|County\s+|Metropolitan\s+)*(?:Council|Corporation|[\w\s'’&-]{0,40}"
                          r"(?:Committee|Sub[- ]Committee|Panel|Commission|Cabinet)\b)")
# A surname that is also a place: a capitalised given name before it, a role or a verb after it.
_GIVEN_NAME_BEFORE = re.compile(r"(?<![\w.])(?!(?:The|In|At|For|Of|And|By|To|From|With|Council|Borough|County|City)\b)"
                                r"[A-Z][a-z]{2,}\s$")
_PERSON_AFTER = re.compile(r",?\s+(?:who|the\s+(?:Independent|Chair)|Independent|Chair(?:man|person)?|presented|said|"
                           r"stated|explained|noted|advised|reported|added|(?:MBE|OBE|CBE)\b)", re.IGNORECASE)
# A place word inside another body's name: "North Cumbria Integrated Care Board", "Kent Police" stay places of theirs.
_OTHER_BODY_AFTER = re.compile(r"(?:\s+[A-Z][\w&-]*){0,2}\s+(?:Integrated\s+Care|ICB\b|CCG\b|Clinical\s+Commissioning|"
                               r"NHS\b|(?:NHS\s+)?Foundation\s+Trust|Health\s+Care\s+Trust|Ambulance)")
_LEADING_WORDS = re.compile(r"(?:(?:the|in|of|and|on)\s+)*", re.IGNORECASE)
_HEADING_CHARS = 200  # the item's title: what the minutes are about
_TITLE_CHARS, _PASSING_MENTIONS = 400, 2
_ITEM_HEADER = re.compile(r"^(?:agenda\s+item|issue\s+-\s+(?:meetings|decisions|items\s+at\s+meetings))\b.*$",
                          re.IGNORECASE | re.MULTILINE)
# A title that names the board, its report, its reviews or its work.
_BOARD_TITLE = re.compile(
    r"safeguarding|\bLSCB|\bLSCP|\bSCP\b|serious\s+case|practice\s+review|case\s+review|child\s+death|CDOP|"
    r"independent\s+scrutineer|children'?s?\s+board", re.IGNORECASE)
_PARTNERSHIP = re.compile(r"safeguarding\s+(?:children\s+)?partnership|safeguarding\s+partners\b|\bLSCP\b", re.I)


def _kind(words: str) -> str:
    return "partnership" if re.search(r"partnership|LSCP|SCP", words, re.I) else "LSCB"


def _named_boards(text: str, year: int | None = None) -> list[tuple]:
    """(authority, name as written, kind words) for every board named after an authority, leaving out
    predecessors ("it succeeded the Middlesbrough LSCB"). A joint board is the council whose minutes these
    are: of its councils, the one the text names most outside the board's name (ties: the one named first)."""
    named = []
    spans = [m.span() for m in _BOARD_NAME.finditer(text)]
    for m in _BOARD_NAME.finditer(text):
        if _PREDECESSOR.search(text[_sentence_start(text, m.start()):m.start()]):
            continue
        prefix = m.group("prefix")
        start = m.start("prefix") + _LEADING_WORDS.match(prefix).end()
        members, at = joint_members(prefix, year)
        if members:
            named.append((_owner(text, members, spans), _name(text, m.start("prefix") + at, m.end()), m.group("kind")))
            continue
        whole = match_authority(text[start:m.end("prefix")].strip(" ,\t"))
        hits = [h.authority for h in find_authorities(prefix)]
        authority = whole or (_owner(text, list(dict.fromkeys(hits)), spans) if hits else None)
        if authority:
            first = next((h.start for h in find_authorities(prefix) if h.authority == authority), None)
            begin = start if whole or first is None else max(start, m.start("prefix") + min(
                h.start for h in find_authorities(prefix)))
            named.append((authority, _name(text, begin, m.end()), m.group("kind")))
    return named


def _sentence_start(text: str, pos: int) -> int:
    return max(text.rfind(c, 0, pos) for c in ".;:\n") + 1


def joint_members(prefix: str, year: int | None) -> tuple[list, int]:
    """The councils of a joint board named in ``prefix`` ("City and Hackney", "South Tees") and where its
    name starts in ``prefix``, or ([], 0)."""
    for pattern, members, from_year in joint_boards():
        m = pattern.search(prefix)
        if m and (from_year is None or (year is not None and year >= from_year)):
            return [authority_by_name(name) for name in members], m.start()
    return [], 0


def _owner(text: str, authorities: list, board_spans: list[tuple[int, int]]):
    """Of a joint board's councils, the one whose minutes these are: named most often outside board names,
    most of all as a council or a committee ("City of London Corporation", "Hackney Council"); ties go to the
    council the board's name puts first."""
    if len(authorities) == 1:
        return authorities[0]
    score = {a.name: 0.0 for a in authorities}
    for h in find_authorities(text):
        if h.authority.name not in score or any(a <= h.start < b for a, b in board_spans):
            continue
        owner = _OWNER_AFTER.match(text, h.end) or re.search(r"(?:Council|Corporation)$", h.matched)
        score[h.authority.name] += 3 if owner else 1
    order = {a.name: i for i, a in enumerate(authorities)}
    return max(authorities, key=lambda a: (score[a.name], -order[a.name]))


def _name(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split())


def find_board(text: str, year: int | None = None) -> Board:
    """The board the text is about (fields are None where the text does not say), in a report of the
    period starting in ``year`` (which joint boards existed depends on it)."""
    named = _named_boards(text, year)
    if named:
        counts = Counter(a.name for a, _, _ in named)
        top = max(counts.values())
        authority, name, kind = next(x for x in named if counts[x[0].name] == top)
        full = [n for a, n, k in named if a.name == authority.name and not re.fullmatch(r"[A-Z]+", k)]
        name = full[0] if full else name
        return Board(name, authority.name, authority.ons_code, _kind(name))
    kind = ("partnership" if _PARTNERSHIP.search(text) else "LSCB") if _is_children_board(text) else None
    hits = place_hits(text)
    if not hits:
        return Board(None, None, None, kind)
    counts = Counter(h.authority.name for h in hits)
    top = max(counts.values())
    authority = next(h.authority for h in hits if counts[h.authority.name] == top)
    return Board(None, authority.name, authority.ons_code, kind)


def place_hits(text: str) -> list:
    """Mentions of councils that name a place, not a person or another body: not "Alan Bedford, who chaired",
    not the "North Cumbria" of an NHS body's name.

    >>> [h.authority.name for h in place_hits("Alan Bedford, who chairs the LSCB, thanked Brighton and Hove.")]
    ['Brighton and Hove']
    >>> place_hits("The North East and North Cumbria Integrated Care Board attended.")
    []
    """
    out = []
    for h in find_authorities(text):
        before, after = text[max(0, h.start - 30):h.start], text[h.end:h.end + 80]
        if _GIVEN_NAME_BEFORE.search(before) and _PERSON_AFTER.match(after):
            continue
        if _OTHER_BODY_AFTER.match(after):
            continue
        out.append(h)
    return out


def _is_children_board(text: str) -> bool:
    if _CHILDREN_BOARD.search(text):
        return True
    weak = (_SAFEGUARDING_BODY.search(text) or _SAFEGUARDING_BRAND.search(text) or _BOARD_FUNCTION.search(text)
            or _BOARD_FUNCTION_TITLE.search(text[:_HEADING_CHARS * 2]))
    return bool(weak and _ABOUT_CHILDREN.search(text))


def item_title(text: str) -> str | None:
    """The agenda item's title: the line after a democracy page's "Agenda item" or "Issue - ..." header.

    >>> item_title("Agenda item\\n\\nVirtual School Annual Report\\n\\nMinutes:")
    'Virtual School Annual Report'
    """
    m = _ITEM_HEADER.search(text[:_TITLE_CHARS])
    if not m:
        return None
    for line in text[m.end():m.end() + _TITLE_CHARS].splitlines():
        line = " ".join(line.split())
        if line:
            return line
    return None


def in_passing(text: str) -> bool:
    """The item is about another subject (a budget, a virtual school's report) and names the board in passing.

    >>> in_passing("Agenda item\\n\\nVirtual School Annual Report\\n\\nMinutes:\\n\\nThe Head presented the report. "
    ...            "Attainment of children in care had risen. The report would also go to the Safeguarding "
    ...            "Children Board. Members noted the report.")
    True
    >>> in_passing("Agenda item\\n\\nLSCB Annual Report 2017-18\\n\\nMinutes:\\n\\nThe Chair presented the report.")
    False
    """
    title = item_title(text)
    if not title or _BOARD_TITLE.search(title) or not other_subjects().search(title):
        return False
    sentences = re.split(r"(?<=[.!?])\s+", text)
    mentions = [s for s in sentences if _CHILDREN_BOARD.search(s) or _SAFEGUARDING_BODY.search(s)]
    return len(mentions) <= _PASSING_MENTIONS


def board_problem(text: str) -> str | None:
    """Why the text is not about a safeguarding children board, or None when it is."""
    heading = text[:_HEADING_CHARS]
    if _ADULTS_BOARD.search(heading) and not _CHILDREN_BOARD.search(heading) and not _ABOUT_CHILDREN.search(heading):
        return "it is about a safeguarding adults board, not a children's board"
    if not _is_children_board(text):
        if _ADULTS_BOARD.search(text):
            return "it is about a safeguarding adults board, not a children's board"
        return "does not mention a safeguarding children board or partnership"
    if in_passing(text):
        return "it is about another subject and mentions the safeguarding children board only in passing"
    return None
