"""Which agenda items and committees are worth fetching: pure functions on titles, no I/O.

An agenda item is fetched when its title shows that a committee discussed the children's
safeguarding board's or partnership's annual report, or a serious case review / child
safeguarding practice review. Adults' boards, corporate parenting, the virtual school and
the council's other annual reports are left alone.

>>> match_title("Local Safeguarding Children Board Annual Report 2017/18").kind
'annual_report'
>>> match_title("LSCB & LSAB Annual Report 2018/19").kind
'annual_report'
>>> match_title("Child Safeguarding Practice Review: Child Q").kind
'review'
>>> match_title("Adult Safeguarding Board annual report") is None
True
>>> match_title("Annual Report of the Virtual School") is None
True
>>> committee_is_relevant("Children's Scrutiny Committee"), committee_is_relevant("Planning Committee")
(True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The children's board or partnership, named in words or by its acronym.
_CHILDREN_BOARD = re.compile(
    r"""
      safeguarding \s+ (?:of \s+)? children(?:'s|’s|s')? \s+
          (?:and \s+ (?:young \s+ people|adults?) \s+)? (?:board|partnership|arrangements)
    | child(?:ren)?(?:'s|’s|s')? \s+ safeguarding \s+ (?:board|partnership)
    | safeguarding \s+ (?:adults \s+ and \s+ children|children \s+ and \s+ adults)(?:'s|’s)? \s+ boards?
    | (?:arrangements|partnership) \s+ (?:to|for) \s+ safeguard(?:ing)? \s+ (?:and \s+ promot\w+ \s+)?
          (?:the \s+ welfare \s+ of \s+)? children
    | multi-?agency \s+ safeguarding \s+ arrangements          # what partnerships call themselves
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Board acronyms: LSCB, SSCB, KSCB, LSCP, CSCP, STSCP, NYSCP ... (capitals only, so "scp" in a word is not one).
_BOARD_ACRONYM = re.compile(r"\b[A-Z]{0,4}SC[BP]s?\b")

# Safeguarding children in words, without naming a board ("Safeguarding Children Annual Report").
_CHILDREN_SAFEGUARDING = re.compile(
    r"""
      safeguarding \s+ (?:of \s+)? children
    | child(?:ren)?(?:'s|’s|s')? \s+ safeguarding
    """,
    re.VERBOSE | re.IGNORECASE,
)

# The report is the yearly one: "annual", "yearly", or a financial year such as 2017/18 or 2024-2025.
_ANNUAL = re.compile(
    r"""
      \b annual \b
    | \b yearly \b
    | \b (?:19|20)\d\d \s* [-/–] \s* (?:\d\d|(?:19|20)\d\d) \b
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Reviews of serious cases involving children.
_REVIEW = re.compile(
    r"""
      serious \s+ case \s+ reviews?
    | \b SCRs? \b
    | child \s+ safeguarding \s+ practice \s+ reviews?
    | \b L?CSPRs? \b
    | (?:local \s+)? safeguarding \s+ practice \s+ reviews?
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Adults' safeguarding and other reviews: a title about these alone is not about the children's board.
_ADULTS = re.compile(
    r"""
      \b adults? \b                        # Safeguarding Adults Board, Adult Safeguarding Board, adults review
    | \b L?SABs? \b | \b SARs? \b
    | domestic \s+ homicide
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Other bodies and services with annual reports of their own.
_OTHER_BODY = re.compile(
    r"""
      corporate \s+ parenting | virtual \s+ school | fostering | adoption
    | designated \s+ officer | \b LADO \b | independent \s+ reviewing | youth \s+ (?:justice|offending)
    | child \s+ death | \b CDOP \b | \b NHS \b | hospital | clinical \s+ commissioning | \b CCG \b
    | in \s+ education | schools? \b | children(?:'s|’s)? \s+ services | complaints
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class TitleMatch:
    """Why an agenda item's title was chosen."""

    kind: str  # "annual_report" or "review"
    reason: str  # plain English, shown by --dry-run
    found: str = ""  # the words of the title that decided it

    @property
    def label(self) -> str:
        """A short reason for a table: what the item is, and the words that showed it.

        >>> match_title("LSCB Annual Report").label
        'Annual report: LSCB'
        """
        what = "Annual report" if self.kind == "annual_report" else "Case review"
        return f"{what}: {self.found}" if self.found else what


def match_title(title: str) -> TitleMatch | None:
    """The reason to fetch the item called ``title``, or None when it is not about the children's board.

    >>> match_title("Safeguarding Children Partnership - Update") is None
    True
    >>> match_title("Safeguarding Children Annual Report 2015/16").reason
    'an annual report on safeguarding children (no board named)'
    """
    text = " ".join(title.split())
    board = _CHILDREN_BOARD.search(text) or _BOARD_ACRONYM.search(text)
    if board and _ANNUAL.search(text):
        return TitleMatch("annual_report", f"names the children's board or partnership ({board.group(0)}) "
                                           "and an annual report", board.group(0))
    review = _REVIEW.search(text)
    if review and (board or not _ADULTS.search(text)):
        return TitleMatch("review", f"a review of a serious case ({review.group(0)})", review.group(0))
    if (_CHILDREN_SAFEGUARDING.search(text) and re.search(r"\bannual\b", text, re.I)
            and not _ADULTS.search(text) and not _OTHER_BODY.search(text)):
        return TitleMatch("annual_report", "an annual report on safeguarding children (no board named)",
                          "safeguarding children, no board named")
    return None


# Committees that may discuss the board: scrutiny, the executive, health and wellbeing, full council ...
_COMMITTEE_INCLUDE = re.compile(
    r"""
      child | young | famil | safeguard | scrutiny | select | overview | cabinet | executive
    | health \s+ (?:and|&) \s+ well-?being | people | education | learning | corporate \s+ parenting
    | ^ \s* (?:full \s+ |county \s+ |city \s+ |borough \s+ )? council \s* $
    """,
    re.VERBOSE | re.IGNORECASE,
)
# ... and the many that never do.
_COMMITTEE_EXCLUDE = re.compile(
    r"""
      planning | licens | audit | pension | standards | appeal | regulatory | development \s+ control
    | appointment | employment | remuneration | highway | transport | parish | \b ward | area \s+ (?:committee|board)
    | admissions | rights \s+ of \s+ way | member \s+ development | constitution | petition
    """,
    re.VERBOSE | re.IGNORECASE,
)


def committee_is_relevant(title: str) -> bool:
    """Whether a committee called ``title`` may have discussed the board's reports.

    >>> [committee_is_relevant(t) for t in ("Cabinet", "Council", "Licensing Sub-Committee", "Pensions Board")]
    [True, True, False, False]
    """
    return bool(_COMMITTEE_INCLUDE.search(title)) and not _COMMITTEE_EXCLUDE.search(title)


def committee_matches(title: str, wanted: str) -> bool:
    """Whether the committee ``title`` is the one the user asked for with --committee.

    Case, punctuation and "&"/"and" do not matter, and a part of the name is enough.

    >>> committee_matches("Children's Scrutiny Committee", "childrens scrutiny")
    True
    >>> committee_matches("Children & Young People Scrutiny Panel", "Children and Young People")
    True
    >>> committee_matches("Cabinet", "Children")
    False
    """
    return _simplify(wanted) in _simplify(title)


def _simplify(text: str) -> str:
    text = text.lower().replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9 ]+", "", text.replace("-", " ")).split())
