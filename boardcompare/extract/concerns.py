"""Concerns: themes that members or the board raise as a concern, difficulty or area for
improvement, with who raised them.

A sentence raises a concern on a theme when a concern word ("concern", "difficulties",
"challenges", "room for improvement", "reluctant", "not always"...) stands within a short
distance of the theme's words and is not negated ("no concerns", "no longer a problem").
A theme mentioned only as going well is not a concern.

>>> from boardcompare.extract.text import split_sentences
>>> def c(t): return [(x.code, x.raised_by) for x in find_concerns(split_sentences(t))]
>>> c("Members raised concerns at the continued difficulties around sharing information.")
[('information_sharing', 'Members')]
>>> c("Information sharing had improved markedly and was now good.")
[]
>>> c("Councillor Patel asked whether GDPR had made partners reluctant to share.")
[('information_sharing', 'Councillor Patel')]
>>> c("There were no concerns about information sharing.")
[]
>>> c("Last year Members had been concerned about information sharing. Information sharing had since improved.")
[]
"""

from __future__ import annotations

import re

from boardcompare.extract.text import Sentence
from boardcompare.extract.themes import themes_in
from boardcompare.models import Concern, Evidence

_CONCERN = re.compile(
    r"""
    concern(?:s|ed|ing)?\b | worr(?:y|ied|ies|ying) | difficult(?:y|ies) | challeng(?:e|es|ing)\b |
    problem(?:s|atic)? | frustrat\w* | areas?\ (?:for|of|requiring|needing)\ (?:further\ )?(?:improvement|development) |
    room\ for\ (?:further\ )?improvement | (?:still|further)\ (?:work|way)\ to\ go |
    not\ (?:always|yet|consistently|sufficiently|fully|robust|effective|working|forthcoming|happening|timely) |
    (?:was|were|remained|is|are|be)\ (?:poor|inconsistent|weak|patchy|limited|lacking|variable|
                                         a\ gap|a\ barrier|a\ weakness) |
    lack\ of | lacking | reluctan\w* | barriers? | \bgaps?\b | weakness(?:es)? | risk[- ]aver\w* | shortfall |
    fail(?:ed|ure|ing|s)?\ to | insufficient | inadequate | delays? | backlog | waiting\ (?:times|lists) |
    cause\ for\ concern | needs?\ (?:to\ )?(?:improve|improving|strengthening) |
    improvement\ (?:was|is)\ (?:needed|required) |
    remain(?:s|ed)?\ an?\ (?:issue|priority\ for\ improvement) | an\ issue | issues\ (?:with|around|about) |
    step\ back |
    could\ be\ improved | struggl\w* | unable\ to | hamper\w* | hinder\w* | \bpoor(?:ly)?\b |
    recurring\ (?:finding|issue|theme|problem|concern)
    """,
    re.VERBOSE | re.IGNORECASE,
)
_PAST = re.compile(r"last\s+year|previous(?:ly)?|in\s+the\s+past|at\s+that\s+time|used\s+to|had\s+been\s+a\s+concern",
                   re.IGNORECASE)
_RESOLVED = re.compile(r"improved|now\s+(?:good|strong|effective|working\s+well)|been\s+resolved|been\s+addressed|"
                       r"no\s+longer|working\s+well", re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:no|not|never|nor|without|no\ longer|any)\s+(?:\w+\s+)?$", re.IGNORECASE)
_WINDOW = 110

_RAISED_BY = re.compile(
    r"""
    (?P<who>
        (?:Councillor|Cllr\.?)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?
      | (?:A|a|One|one)\s+(?:Board\s+|Committee\s+|Panel\s+)?Member
      | (?:The\ |the\ )?(?:Board\s+|Committee\s+|Panel\s+)?Members
      | (?:The|the)\ (?:Committee|Panel|Commission|Sub-Committee|Cabinet)
      | (?:The|the)\ (?:Independent\ )?(?:Chair(?:man|person|woman)?|Scrutineer)
        (?:\ of\ the\ (?:Board|Partnership|[A-Z]+))?
      | (?:The|the)\ (?:Board|Partnership|LSCB|[A-Z]{3,5})\b
      | Partners | Practitioners | Officers
    )
    """,
    re.VERBOSE,
)
_QUESTION_LEAD = re.compile(r"(?:raised|asked|queried|question|comments?|sought|expressed|noted|concern)", re.I)


def _raised_by(sentences: list[Sentence], i: int) -> str | None:
    m = _RAISED_BY.search(sentences[i].text)
    if m:
        return " ".join(m.group("who").split())
    for j in range(i - 1, max(-1, i - 12), -1):
        text = sentences[j].text
        if _QUESTION_LEAD.search(text):
            m = _RAISED_BY.search(text)
            if m:
                return " ".join(m.group("who").split())
    return None


def _concern_cues(text: str) -> list[re.Match]:
    return [m for m in _CONCERN.finditer(text)
            if m.group(0).lower().startswith("not ") or not _NEGATED.search(text[max(0, m.start() - 20):m.start()])]


def _since_resolved(sentences: list[Sentence], i: int, code: str) -> bool:
    """A past concern ("last year Members had been concerned...") that the next sentences say has improved."""
    if not _PAST.search(sentences[i].text):
        return False
    for later in sentences[i + 1:i + 3]:
        if (_RESOLVED.search(later.text) and not _concern_cues(later.text)
                and any(c == code for c, _ in themes_in(later.text))):
            return True
    return False


def find_concerns(sentences: list[Sentence], offset: int = 0) -> list[Concern]:
    out = []
    for i, s in enumerate(sentences):
        cues = _concern_cues(s.text)
        if not cues:
            continue
        for code, m in themes_in(s.text):
            near = any(abs(c.start() - m.start()) <= _WINDOW or abs(c.end() - m.end()) <= _WINDOW for c in cues)
            if near and not _since_resolved(sentences, i, code):
                out.append(Concern(code, _raised_by(sentences, i), Evidence(s.text, s.start + offset, s.end + offset)))
    return out
