"""Concerns: themes the minutes record as a problem, a weakness, a lesson from a review, an
assurance members sought or something still to improve; with the concern's kind and who raised it.

Real minutes rarely say "concern". A sentence gives a concern on each theme it discusses when

- it names a problem near the theme's words ("difficulties", "not always", "remained unclear",
  "went wrong", "a need to"), not negated ("no concerns") and not said to be resolved
  ("fully addressed", "no longer concerned");
- it is a lesson: learning or findings from a review, audit or inspection ("a broad area of
  learning identified in the report relates to how agencies share information");
- members ask about the theme or seek assurance on it, in the sentence or in the lead-in of a
  list it belongs to ("Members asked questions on the following:"), whatever the answer.

A theme mentioned only as going well is not a concern, and neither is an officer's answer that
only describes what was done. Each sentence gives a concern once per theme. ``raised_by`` is
whoever the text says raised, asked or expressed it, else None; ``kind`` is one of
``members_raised``, ``assurance_sought``, ``review_learning``, ``board_improvement``.

>>> from boardcompare.extract.text import split_sentences
>>> def c(t): return [(x.code, x.kind, x.raised_by) for x in find_concerns(split_sentences(t))]
>>> c("Members raised concerns at the continued difficulties around sharing information.")
[('information_sharing', 'members_raised', 'Members')]
>>> c("Information sharing had improved markedly and was now good.")
[]
>>> c("Councillor Patel asked whether GDPR had made partners reluctant to share.")
[('information_sharing', 'members_raised', 'Councillor Patel')]
>>> c("There were no concerns about information sharing.")
[]
>>> c("Last year Members had been concerned about information sharing. Information sharing had since improved.")
[]
>>> c("The review found that agencies did not share information in time.")
[('information_sharing', 'review_learning', None)]
>>> c("Members sought assurance that agencies passed on what they knew.")
[('information_sharing', 'assurance_sought', 'Members')]
>>> c("The Chair said the year had been challenging, with the Chair standing down.")
[]
"""

from __future__ import annotations

import re

from boardcompare.extract.text import Sentence
from boardcompare.extract.themes import is_procedural, theme_index
from boardcompare.extract.triggers import may_match
from boardcompare.models import Concern, Evidence

# Words that name a problem, a weakness or work still to do.
_PROBLEM = re.compile(
    r"""
    concern(?:s|ed|ing)?\b | worr(?:y|ied|ies|ying) | difficult(?:y|ies) | challenges\b
  | challenging\b(?!\s+(?:the|partners|agencies|each\ other|practice|organisations|them))  # not "challenging partners"
  | (?<!provide\ )(?<!provided\ )(?<!offer\ )(?<!robust\ )(?<!constructive\ )(?<!and\ )(?<!scrutiny\ )
    \bchallenge\b(?!\s+(?:and\s+support|panels?|log|sessions?|to\b|partners|agencies))  # scrutiny's own challenge
  | problem(?:s|atic)? | frustrat\w* | unclear | uncertain\w* | confus\w* | went\ wrong | gone\ wrong
  | areas?\ (?:for|of|requiring|needing)\ (?:further\ )?(?:improvement|development|focus)
  | room\ for\ (?:further\ )?improvement | (?:still|further)\ (?:work|way)\ to\ go | more\ (?:work|needed)
  | not\ (?:always|yet|consistently|sufficiently|fully|robust|effective|working|forthcoming|happening|timely|good|
             clear|known|shared|passed|told|routinely|properly|appropriately|aware)
  | (?:was|were|remained|is|are|be|been)\ (?:poor|inconsistent|weak|patchy|limited|lacking|variable|slow|
                                              a\ gap|a\ barrier|a\ weakness|an\ issue|an\ area)
  | lack\ of | lacking | reluctan\w* | barriers? | \bgaps?\b | weakness(?:es)? | risk[- ]aver\w* | shortfall
  | fail(?:ed|ure|ures|ing|s)?\b | insufficient | inadequate | delay(?:s|ed)? | backlog | waiting\ (?:times|lists)
  | cause\ for\ concern | needs?\ (?:to\ )?(?:improve|improving|strengthening|be\ improved|be\ strengthened)
  | (?:there\ (?:was|is|remained|remains)\ )?(?:a|the)\ need\ (?:for|to)
  | needed\ to(?!\s+be\s+(?:produced|published|submitted|presented|agreed|signed|approved)) | still\ needed
  | improvement\ (?:was|is)\ (?:needed|required)
  | (?:further|more)\ (?:work|improvement|development)\ (?:was|is)\ (?:needed|required)
  | remain(?:s|ed)?\ an?\ (?:issue|priority\ for\ improvement|area) | an\ issue | issues\ (?:with|around|about|in|of)\b
  | could\ (?:be|have\ been)\ (?:improved|better) | struggl\w* | unable\ to | hamper\w* | hinder\w* | \bpoor(?:ly)?\b
  | recurring\ (?:finding|issue|theme|problem|concern) | vulnerab\w*\ to
  | (?:did|do|does|had|could)\ not\ (?:share|tell|pass) | issue\ behind | (?:main|key|biggest|common)\ issue
  | should\ have\ (?:been\ )?\w+ | missed\ opportunit\w*
  | \bonly\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|a\s+minority|half)\b  # "only 4 of 10"
  | unnecessar\w* | inappropriate | excessive | too\s+(?:much|many|little|few|late|slow)
    """,
    re.VERBOSE | re.IGNORECASE,
)
# Lessons: what a review, audit or inspection found. "Learning" with a capital is usually a group's name
# ("the Learning and Improvement sub-group"), and learning that is shared or embedded is an action.
_LEARNING = re.compile(
    r"""
    (?<!disseminate\ )(?<!share\ )(?<!sharing\ )(?<!embed\ )(?<!embedding\ )(?<!spread\ )(?<!apply\ )
    (?:\b(?-i:learning)\b(?!\s*[,;])  # not one item of a list ("quality assurance, learning, transition")
     |\bLearning\b(?=\s+(?:from|identified|points?|themes?|outcomes?)))
    (?!\s+(?:and\s+development|events?|programme|sessions?|disabilit\w*|difficult\w*|(?:was|were|had\s+been)\s+
              (?:shared|disseminated|embedded|implemented|circulated)))
  | lessons? | findings? | found\ that | (?:review|audit|inspection|report)s?\ (?:found|identified|highlighted|showed)
  | identified\ (?:in|by|through|from)\ (?:the\ )?(?:review|audit|inspection|report) | highlighted\ in\ .{0,40}reviews
  | recommendations?\ (?:of|from)\ (?:the\ )?(?:review|SCR|serious\ case)
    """,
    re.VERBOSE | re.IGNORECASE,
)
# Members asking: a question, an enquiry, a request for assurance.
_ASSURANCE = re.compile(
    r"(?:sought|seek|seeking|asked\s+for|requested|wanted|received|given|gave|provided|for)\s+(?:\w+\s+)?"
    r"(?:re)?assurances?|\bassured\b|\breassured\b|how\s+confident|whether\s+(?:they|the\s+\w+)\s+(?:was|were)\s+"
    r"(?:confident|satisfied)",
    re.IGNORECASE,
)
_QUESTION = re.compile(
    r"""
    \b(?:asked|asking|queried|questioned|enquired|challenged|raised|sought\ clarification
       |clarification\ (?:on|of|as\ to))\b
  | \b(?:question|questions|query|queries|enquiry|enquiries)\b | \bwhether\b | \?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_MEMBERS = re.compile(
    r"""
    (?P<who>
        (?:Councillor|Cllr\.?)\s+(?:[A-Z]\.\s*)*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?
      | (?:A|a|One|one|Another|another)\s+(?:Board\s+|Committee\s+|Panel\s+)?Member(?!\s+of\s+(?:staff|the\ public))
      | (?:The\ |the\ )?(?:Board\s+|Committee\s+|Panel\s+)?Members\b
      | (?:The|the)\ (?:Committee|Panel|Commission|Sub-Committee|Cabinet|Scrutiny\ Panel|Forum)\b
      | (?:The|the)\ Chair(?:man|person|woman)?\ of\ the\ (?:Committee|Panel|Commission|Sub-Committee)
      | (?:The|the)\ Chair(?:man|person|woman)?\b(?!\s+of\s+the\s+(?:Board|Partnership|LSCB|LSCP|Safeguarding))
        (?=\s+(?:asked|queried|questioned|enquired|sought|raised|expressed|requested|wondered))  # the committee's chair
      | (?:The|the|A|a)\ (?:[A-Z][\w'’-]*\s+){0,3}(?:[Rr]epresentative|[Cc]o-opted\s+[Mm]ember|[Cc]o-optee)\b
    )
    """,
    re.VERBOSE,
)
# Who else may raise a concern: the board, its chair, partners or officers.
_OTHERS = re.compile(
    r"""(?P<who>
        (?:The|the)\ (?:Independent\ )?(?:Chair(?:man|person|woman)?|Scrutineer|Commissioner)\b
      | (?:The|the)\ (?:Board|Partnership|LSCB|LSCP)\b | Partners | Practitioners | Officers | (?:The|the)\ Director\b
    )""",
    re.VERBOSE,
)
_SAID = (r"(?:\s*,[^,]{1,60},)?\s+(?:also\s+)?(?:raised|asked|queried|questioned|enquired|expressed|sought|said|stated|"
         r"referred\s+to|discussed|"
         r"felt|noted|highlighted|commented|challenged|suggested|reported|explained|advised|acknowledged|"
         r"(?:was|were)\s+(?:concerned|worried|assured)|had\s+(?:raised|asked|concerns?))\b")
_WHO_SAID = re.compile(rf"(?:{_MEMBERS.pattern}|{_OTHERS.pattern.replace('?P<who>', '?:')}){_SAID}", re.VERBOSE)
_ASKED_BY = re.compile(
    rf"(?:question|query|enquiry|questions|queries|comments?)\s+(?:from|by|raised\s+by)\s+{_MEMBERS.pattern}"
    r"|(?P<poss>(?:a|the)\s+Member|Members|Councillor\s+[A-Z][\w'’-]+)(?:'s|’s|s'|s’)\s+(?:question|query|enquiry)",
    re.VERBOSE,
)
_POSITIVE = re.compile(
    r"\b(?:good|effective(?:ly)?|excellent|strong|robust|timely|extensive|well|improved|improving|positive|"
    r"successful(?:ly)?|better|embedded|outstanding)\b",
    re.IGNORECASE,
)
_RESOLVED = re.compile(
    r"fully\s+addressed|been\s+(?:resolved|addressed)|no\s+longer\s+(?:a\s+)?(?:concern|concerned|an?\s+issue|a\s+problem)"
    r"|(?:concerns?|issues?)\s+(?:had|have)\s+(?:now\s+)?been\s+(?:resolved|addressed|met)",
    re.IGNORECASE,
)
_PAST = re.compile(r"last\s+year|previous(?:ly)?|in\s+the\s+past|at\s+that\s+time|used\s+to|had\s+been\s+a\s+concern",
                   re.IGNORECASE)
_SINCE_IMPROVED = re.compile(r"improved|now\s+(?:good|strong|effective|working\s+well)|been\s+resolved|"
                             r"been\s+addressed|no\s+longer|working\s+well", re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:no|not|never|nor|without|no\ longer|any|nothing(?:\s+of)?)\s+(?:\w+\s+)?$",
                      re.IGNORECASE)
# The statutory test for a review, quoted: not a concern anyone raised.
_DEFINITION = re.compile(r"(?:there\s+is\s+|is\s+)?cause\s+for\s+concern\s+(?:as\s+to|about)\s+the\s+way\s+in\s+which"
                         r"[^.;]*", re.IGNORECASE)
_ANSWER = re.compile(r"^(?:in\s+response|responding|in\s+reply|in\s+answer)|\b(?:replied|responded|answered)\b",
                     re.IGNORECASE)
_NEED = re.compile(r"(?:there\s+\w+\s+)?(?:a|the)\s+need|needed|still\s+needed|more\s", re.IGNORECASE)
_ANSWERS_LEAD = re.compile(
    r"\b(?:in\s+response|responding|in\s+reply|replied|responded|(?:was|were)\s+(?:informed|advised|told|reminded|"
    r"assured|reassured|given)|(?:informed|advised|told|assured)\s+(?:the\s+)?(?:members|committee|panel))\b",
    re.IGNORECASE)
_LEAD_IN = re.compile(r"[:\-–]\s*$")
_WINDOW = 110
_LESSON_REACH = 150


def _found(pattern: re.Pattern, text: str) -> re.Match | None:
    """``pattern.search(text)``, skipped when none of its trigger words is in the text."""
    return pattern.search(text) if may_match(pattern, text.lower()) else None


def _problem_cues(text: str) -> list[re.Match]:
    """Problem words that are not negated ("no concerns", "without difficulty") nor quoted from a definition."""
    if not may_match(_PROBLEM, text.lower()):
        return []
    if _found(_DEFINITION, text):
        text = _DEFINITION.sub(lambda m: " " * len(m.group(0)), text)
    return [m for m in _PROBLEM.finditer(text)
            if m.group(0).lower().startswith(("not ", "did not", "do not", "does not", "had not", "could not"))
            or not _NEGATED.search(text[max(0, m.start() - 20):m.start()])]


def _lead_in(sentences: list[Sentence], i: int) -> Sentence | None:
    """The sentence introducing the list a bullet belongs to ("The following issues were raised:"); a lead-in
    that introduces answers ("In response, Members were informed:") is not one whose bullets members raise."""
    s = sentences[i]
    if not s.bullet:
        return None
    for j in range(i - 1, max(-1, i - 40), -1):
        prev = sentences[j]
        if prev.block == s.block:
            continue
        if not prev.bullet:
            return prev if _LEAD_IN.search(prev.text) and not _ANSWERS_LEAD.search(prev.text) else None
    return None


def _raised_by(text: str) -> str | None:
    """Who the sentence says raised, asked or expressed something (a question in a Q&A list: the committee)."""
    if _QA.match(text):
        return "the Committee"
    m = _ASKED_BY.search(text)
    if m:
        return " ".join((m.group("poss") or m.group("who")).split())
    m = _WHO_SAID.search(text)
    if m:
        who = _MEMBERS.match(text, m.start()) or _OTHERS.match(text, m.start())
        return " ".join(who.group("who").split()) if who else None
    return None


_QA = re.compile(r"^(?:Q|Question)\s*(?:\d+\s*)?[:.\-–]", re.IGNORECASE)  # "Question: How did ...?"


def _members_ask(text: str) -> bool:
    """Members (or one of them) ask or seek assurance in this sentence."""
    if _QA.match(text):
        return True
    asks = _found(_QUESTION, text) or _found(_ASSURANCE, text)
    return bool(asks and (_MEMBERS.search(text) or _found(_ASKED_BY, text)))


# Something seen in reviews ("went wrong in most of the reviews"), not a count of them ("a year with five reviews").
_IN_REVIEWS = re.compile(r"\b(?:in|from|across|through|by)\s+(?:[\w-]+\s+){0,5}?reviews?\b", re.IGNORECASE)
# Raised in the meeting, no one named: in committee minutes the passive voice reports what members said.
_RAISED_UNNAMED = re.compile(
    r"""
    \b(?:concerns?|questions?|queries|query)\s+(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:also\s+)?
       (?:expressed|raised|voiced|asked|put)\b
       (?!\s+(?:by|in|through|from|during|within)\b)     # "raised by the Chair", "raised in the review": not members
  | \bit\s+was\s+(?:also\s+)?(?:asked|queried|questioned|enquired)\b
    """,
    re.VERBOSE | re.IGNORECASE,
)


def _kind(text: str, lead: Sentence | None, members: bool) -> str:
    """What kind of concern: members asking for assurance or raising it, a review's lesson, or the board's own."""
    context = f"{lead.text if lead else ''} {text}"
    if _ASSURANCE.search(context):
        return "assurance_sought"
    if members:
        return "members_raised"
    if _LEARNING.search(context) or _IN_REVIEWS.search(context):
        return "review_learning"
    if _RAISED_UNNAMED.search(text):
        return "members_raised"
    return "board_improvement"


def _governs(cue: re.Match, theme: re.Match) -> bool:
    """A problem word bears on a theme's words when close to them; "a need to..." on all that follows it."""
    if cue.re is _LEARNING:  # a lesson bears on what follows it: "learning ... relates to how agencies share"
        return cue.start() < theme.start() <= cue.end() + _LESSON_REACH
    if _NEED.match(cue.group(0)) and cue.start() < theme.start():
        return True
    return abs(cue.start() - theme.start()) <= _WINDOW or abs(cue.end() - theme.end()) <= _WINDOW


def _since_resolved(sentences: list[Sentence], i: int, code: str, index: list) -> bool:
    """A past concern ("last year Members had been concerned...") that the next sentences say has improved."""
    if not _PAST.search(sentences[i].text):
        return False
    for j, later in enumerate(sentences[i + 1:i + 3], i + 1):
        if (_SINCE_IMPROVED.search(later.text) and not _problem_cues(later.text)
                and any(c == code for c, _ in index[j])):
            return True
    return False


def _signal(sentences: list[Sentence], i: int) -> tuple[list[re.Match] | None, Sentence | None, bool]:
    """Why a sentence may give concerns: (problem cues near which themes count, or None for every theme in it;
    its list's lead-in; whether members ask). ``([], ...)`` means no concern."""
    s, lead = sentences[i], _lead_in(sentences, i)
    text = s.text
    if _found(_RESOLVED, text):
        return [], lead, False
    members = _members_ask(text) or bool(lead and _members_ask(lead.text))
    cues = _problem_cues(text)
    if members:
        return None, lead, True
    if cues:
        answer = _ANSWER.search(text) and not _MEMBERS.search(text)
        weak_only = all(_NEED.match(c.group(0)) for c in cues)
        return ([] if answer and weak_only else cues), lead, False
    if not _POSITIVE.search(text):
        lessons = list(_LEARNING.finditer(text))
        if lessons:
            return lessons, lead, False
        if lead and _LEARNING.search(lead.text):  # a bullet in a list of lessons
            return None, lead, False
    if _ASSURANCE.search(text) and not _ANSWER.search(text):
        return None, lead, False
    return [], lead, False


def find_concerns(sentences: list[Sentence], offset: int = 0, year: int | None = None,
                  index: list | None = None) -> list[Concern]:
    """Every concern in the sentences: one per theme per sentence, with its kind and who raised it
    (``index``: the sentences' theme_index, when already made)."""
    index = index if index is not None else theme_index([s.text for s in sentences], year)
    out = []
    for i, s in enumerate(sentences):
        themes = () if is_procedural(s.text) else index[i]
        if not themes:
            continue
        cues, lead, members = _signal(sentences, i)
        if cues == []:
            continue
        raised_by = _raised_by(s.text) or (_raised_by(lead.text) if lead else None)
        members = members or bool(raised_by and _MEMBERS.fullmatch(raised_by))
        kind = _kind(s.text, lead, members)
        for code, m in themes:
            near = cues is None or any(_governs(c, m) for c in cues)
            if near and not _since_resolved(sentences, i, code, index):
                out.append(Concern(code, raised_by, Evidence(s.text, s.start + offset, s.end + offset), kind))
    return out
