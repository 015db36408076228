"""Actions and resolutions: what the meeting resolved or asked for.

Sentences in the resolution ("Resolved:", "Decision", "Agreed") are actions; elsewhere a
sentence is an action when it records a request (further detail to come back, someone to
attend a later meeting).

>>> from boardcompare.extract.text import split_sentences
>>> def a(t): return [(x.kind, x.text) for x in find_actions(split_sentences(t))]
>>> a("RESOLVED – That the report be noted.")
[('noted', 'the report be noted.')]
>>> a("Members asked if further detail could be shared with the Committee at a later date.")
[('further_information', 'Members asked if further detail could be shared with the Committee at a later date.')]
>>> a("Resolved: That:\\n\\na) the Chair attend a future meeting; and")
[('attend', 'the Chair attend a future meeting')]
"""

from __future__ import annotations

import re

from boardcompare.extract.text import Sentence
from boardcompare.models import Action, Evidence

_RESOLUTION_START = re.compile(
    r"^(?:it\s+was\s+)?(?:resolved|decision|agreed|recommendations?|recommended|decided)\b[\s:;,.–—-]*(?:that\b[\s:]*)?",
    re.IGNORECASE,
)
_RESOLUTION_END = re.compile(
    r"^(?:supporting\s+documents|background\s+papers|attachments?|the\s+meeting\s+(?:ended|closed))",
                             re.IGNORECASE)
_KINDS = (
    ("attend", re.compile(r"\battend\w*\b.*\b(?:future|later|next|subsequent)\b|"
                          r"\binvited\s+to\s+(?:a\s+)?(?:future|later)|"
                          r"\bcome\s+back\s+to\s+(?:a\s+)?(?:future|later)\s+meeting", re.I)),
    ("further_information", re.compile(
        r"further\s+(?:detail|information|report|update|work)|\b(?:be\s+)?(?:shared|provided|circulated|"
        r"reported\s+back|brought\s+back|come\s+back|amended)\b|\bupdat\w+\s+(?:the\s+)?(?:committee|panel|board|members)|"
        r"report\s+back|take\s+(?:these\s+issues\s+)?back|\bprogress\s+report", re.I)),
    ("recommendation", re.compile(r"\brecommend", re.I)),
    ("noted", re.compile(
        r"\b(?:noted|received|considered|commented|endorsed|approved|accepted|welcomed|agreed)\b", re.I)),
)
_REQUEST = re.compile(
    r"\b(?:asked\s+(?:if|that|for|whether)|requested|request\s+that|it\s+was\s+agreed|agreed\s+to|undertook\s+to|"
    r"would\s+(?:provide|circulate|share|report\s+back|come\s+back)|was\s+asked\s+to)\b",
    re.IGNORECASE,
)


def _kind(text: str) -> str:
    for kind, pattern in _KINDS:
        if pattern.search(text):
            return kind
    return "other"


def find_actions(sentences: list[Sentence], offset: int = 0) -> list[Action]:
    """The actions in ``sentences``: each clause of a resolution, and requests for information or attendance."""
    out = []
    in_resolution = False
    for s in sentences:
        text = s.text
        if _RESOLUTION_END.match(text):
            in_resolution = False
            continue
        m = _RESOLUTION_START.match(text)
        if m:
            in_resolution = True
            text = text[m.end():]
        evidence = Evidence(s.text, s.start + offset, s.end + offset)
        clause = text.strip(" ;").removesuffix(" and").removesuffix("; and").strip(" ;")
        if in_resolution and clause:
            out.append(Action(_kind(clause), clause, evidence))
        elif not in_resolution and _REQUEST.search(text) and _kind(text) in ("further_information", "attend"):
            out.append(Action(_kind(text), text, evidence))
    return out
