"""The meeting: committee, date and who presented the report.

>>> m = find_meeting("Gill Frame, Independent Chair of the Board, attended the meeting to present the report.")
>>> (m.presenter_name, m.presenter_role)
('Gill Frame', 'Independent Chair')
>>> find_meeting("Minutes of the Children and Young People Overview and Scrutiny Committee, 12 March 2015").date
'2015-03-12'
"""

from __future__ import annotations

import re
from datetime import date

from boardcompare.models import Meeting

_ROLE = (r"Independent\s+(?:Chair(?:man|person|woman)?|Scrutineer|Reviewer)|Business\s+(?:Unit\s+)?Manager|"
         r"Board\s+(?:Performance\s+and\s+Development\s+)?Manager|Partnership\s+(?:Business\s+)?Manager|"
         r"Performance\s+and\s+Development\s+Manager|Director\s+of\s+Children'?s\s+Services|"
         r"(?:Strategic\s+)?Director\s+of\s+(?:People|Children[\w\s,&']{0,30}?)(?=[,.;)]|\s+(?:of|and|to|presented))|"
         r"Head\s+of\s+[\w\s]{3,40}?(?=[,.;)]|\s+(?:of|and|to|presented))|Chair(?:man|person|woman)?|Vice[- ]Chair")
_PRESENTER = re.compile(
    rf"""(?:(?P<name>[A-Z][a-z'’-]+\s+[A-Z][a-z'’-]+),\s+(?:the\s+)?)?(?P<role>{_ROLE})""",
    re.VERBOSE,
)
_PRESENTING = re.compile(
    r"present(?:ed|ing|s)?\b|introduc\w+|attended\s+(?:the\s+meeting\s+)?to|invited\s+to\s+present",
                         re.IGNORECASE)
_COMMITTEE = re.compile(
    r"""
    (?P<name>(?:[A-Z][\w'’&,-]*\s+|and\s+|&\s+|of\s+|for\s+){0,9}?
      (?:Overview\s+and\s+Scrutiny\s+(?:Committee|Panel|Board|Commission)|Scrutiny\s+(?:Committee|Panel|Board|Commission)|
         Select\s+(?:Committee|Commission)|Health\s+and\s+Well-?being\s+Board|Cabinet|Policy\s+Committee|
         (?:Policy\s+and\s+)?Performance\s+(?:Committee|Board)|[A-Z][\w']+\s+Committee|Scrutiny\s+Sub-Committee))
    """,
    re.VERBOSE,
)
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
_DATE = re.compile(
    r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m>January|February|March|April|May|June|July|August|September|"
    r"October|November|December),?\s+(?P<y>(?:19|20)\d\d)|(?P<d2>\d{1,2})/(?P<m2>\d{1,2})/(?P<y2>(?:19|20)\d\d)",
)
# Minutes name their own meeting in the heading; further down, a committee named is usually another body
# ("the report would go to Cabinet"), unless introduced as "Minutes of the ...".
_HEADING_CHARS = 400
_MINUTES_OF = re.compile(r"(?:minutes|meeting)\s+of\s+(?:the\s+)?", re.I)
_MEETING_DATE_CUE = re.compile(r"meeting|held\s+on|date|minutes\s+of", re.I)


def _iso(m: re.Match) -> str | None:
    try:
        if m.group("d"):
            return date(int(m.group("y")), _MONTHS[m.group("m").lower()], int(m.group("d"))).isoformat()
        return date(int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))).isoformat()
    except ValueError:
        return None


def find_meeting(text: str) -> Meeting:
    """The committee, meeting date and presenter that a minutes text names, where it names them."""
    presenter_role = presenter_name = None
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        if _PRESENTING.search(sentence) or sentence.startswith("["):
            m = _PRESENTER.search(sentence)
            if m:
                presenter_role = " ".join(m.group("role").split())
                presenter_name = m.group("name")
                break
    committee = None
    heading = text[:_HEADING_CHARS]
    named = (_COMMITTEE.match(text, x.end()) for x in _MINUTES_OF.finditer(text))
    for m in [*_COMMITTEE.finditer(heading), *(x for x in named if x)]:
        name = re.sub(r"^(?:The|This|Minutes|Meeting|Of|And)\s+", "", " ".join(m.group("name").split()))
        if not re.search(r"safeguarding|overview panel|corporate parenting", name, re.I) and len(name.split()) > 1:
            committee = name
            break
    meeting_date = None
    for m in _DATE.finditer(text[:600]):
        if _MEETING_DATE_CUE.search(text[max(0, m.start() - 200):m.start()]):
            meeting_date = _iso(m)
            break
    return Meeting(committee, meeting_date, presenter_role, presenter_name)
