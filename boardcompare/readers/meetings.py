"""Splitting a text into meetings: ModernGov pages often hold several meetings' minutes."""

from __future__ import annotations

import datetime as dt
import re

from boardcompare.models import Section

_MEETING_HEADING = re.compile(
    r"""
    ^[ \t]*
    (?P<head>
        (?P<prefix>[Mm]eeting:[ \t]*(?:\n[ \t]*)?)?      # ModernGov's label, sometimes on its own line
        (?P<day>\d{1,2}) / (?P<month>\d{1,2}) / (?P<year>(?:19|20)\d\d)   # dd/mm/yyyy
        [ \t]* [-\u2013\u2014] [ \t]*                     # hyphen, en or em dash
        (?P<committee>[A-Z][^\n]{2,150}?)                 # the committee's name
        (?: [ \t]* \( (?:Item|Agenda[ ]item) [ \t]* [^)\n]{0,12} \) )?   # "(Item 5)"
        [ \t.]*
    )
    $
    """,
    re.VERBOSE | re.MULTILINE,
)

_COMMITTEE_WORD = re.compile(
    r"""
    \b(?: Committee | Sub-Committee | Panel | Board | Cabinet | Council | Scrutiny | Forum
        | Partnership | Executive | Commission | Group )\b     # what a committee's name contains
    """,
    re.VERBOSE | re.IGNORECASE,
)

_MINUTES_LABEL = re.compile(
    r"""
    ^[ \t]* (?: Minutes | Decisions? | Resolved ) \b    # a meeting's record starts with one of these
    """,
    re.VERBOSE | re.MULTILINE | re.IGNORECASE,
)

_ISSUE_TITLE = re.compile(
    r"""
    ^[ \t]* Issue [ \t]* - [ \t]* items[ ]at[ ]meetings [ \t]* - [ \t]*   # ModernGov issue page title
    (?P<title>[^\n]+?) [ \t]* $
    """,
    re.VERBOSE | re.MULTILINE | re.IGNORECASE,
)

_ITEM_NUMBER = re.compile(
    r"""
    ^ \d{1,3} [a-z]? \.? [ \t]+    # "5 " or "38. " before an item's title
    """,
    re.VERBOSE,
)

_AGENDA_ITEM = re.compile(
    r"""
    ^ [ \t]* Agenda[ ]item [ \t]* \n \s* (?P<title>[^\n]{1,300}?) [ \t]* $   # ModernGov page heading
    """,
    re.VERBOSE | re.MULTILINE | re.IGNORECASE,
)


def _heading_date(m: re.Match) -> str | None:
    try:
        return dt.date(int(m["year"]), int(m["month"]), int(m["day"])).isoformat()
    except ValueError:
        return None


def _committee(m: re.Match) -> str:
    return " ".join(m["committee"].split()).rstrip(" .,-")


def split_sections(text: str) -> tuple[Section, ...]:
    """One Section per meeting when the text holds several meetings' minutes, else one for all.

    A meeting starts at a ModernGov heading such as "Meeting: 12/03/2015 - Cabinet (Item 5)"
    (or "12/03/2015 - Children's Services Scrutiny Committee" followed by "Minutes:"), and runs
    to the next one. Text before the first heading (a page title) belongs to no section. A text
    with a single "Meeting:" heading is one section spanning it all, with date and committee.
    """
    candidates = [m for m in _MEETING_HEADING.finditer(text) if _heading_date(m)]
    candidates = [m for m in candidates if m["prefix"] or _COMMITTEE_WORD.search(m["committee"])]
    heads: list[re.Match] = []
    for i, m in enumerate(candidates):
        end = candidates[i + 1].start("head") if i + 1 < len(candidates) else len(text)
        # a bare "date - committee" line counts only when minutes follow it
        if m["prefix"] or _MINUTES_LABEL.search(text, m.end(), end):
            heads.append(m)
    page_title = _page_title(text)
    if len(heads) == 1 and heads[0]["prefix"]:
        m = heads[0]
        return (Section(0, len(text), _heading_date(m), _committee(m), page_title),)
    if len(heads) < 2:
        return (Section(0, len(text), title=page_title),)
    sections = []
    for i, m in enumerate(heads):
        start = m.start("head")
        end = heads[i + 1].start("head") if i + 1 < len(heads) else len(text)
        while end > start and text[end - 1].isspace():
            end -= 1
        title = _item_title(text, m.end(), end) or page_title
        sections.append(Section(start, end, _heading_date(m), _committee(m), title))
    return tuple(sections)


def _page_title(text: str) -> str | None:
    m = _AGENDA_ITEM.search(text, 0, min(len(text), 2000))
    if m:
        return m["title"].strip()
    m = _ISSUE_TITLE.search(text, 0, min(len(text), 2000))
    return m["title"] if m else None


def _item_title(text: str, start: int, end: int) -> str | None:
    """The line after a meeting heading, when it names the item rather than starting the minutes."""
    for line in text[start : min(end, start + 2000)].split("\n"):
        line = line.strip()
        if not line:
            continue
        if len(line) > 250 or (line.endswith(":") and len(line) < 40) or _MINUTES_LABEL.match(line):
            return None
        return _ITEM_NUMBER.sub("", line) or None
    return None
