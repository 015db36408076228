"""Typed records: the contract between reading, extraction, the store and the pages.

Every extracted fact carries its :class:`Evidence`: the sentence it came from and the
character offsets of that sentence in the document text, so any figure on screen is one
click from its source.

The ``EXAMPLE_*`` instances at the bottom are reused by the tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field

UNITS = ("count", "percent", "gbp")
# Kinds of concern (codes and plain-English labels in vocab/concern_kinds.csv).
CONCERN_KINDS = ("members_raised", "review_learning", "board_improvement", "assurance_sought")


@dataclass(frozen=True)
class Evidence:
    """A sentence of the minutes and where it stands in the document text."""

    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class Section:
    """One meeting's minutes inside a document (a page may hold several meetings)."""

    start: int
    end: int
    meeting_date: str | None = None  # ISO date, when the page says
    committee: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Document:
    """A file read into plain text, split into one section per meeting."""

    path: str
    format: str  # txt, html, pdf, docx
    content_hash: str  # sha256 of the file's bytes
    text: str
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Board:
    """A safeguarding children board (or partnership), identified by its local authority."""

    name: str | None  # as written in the minutes
    local_authority: str | None  # canonical name from the reference list
    la_code: str | None  # ONS code
    kind: str | None  # "LSCB" or "partnership" (schema.sql checks it)


@dataclass(frozen=True)
class Meeting:
    """The meeting whose minutes a report is in: committee, date and who presented the report."""

    committee: str | None = None
    date: str | None = None  # ISO date
    presenter_role: str | None = None
    presenter_name: str | None = None


@dataclass(frozen=True)
class Metric:
    """An explicit quantity about safeguarding activity."""

    name: str  # code from the metric catalogue
    value: float
    unit: str  # one of UNITS
    text: str  # the quantity as written ("five", "55%", "over 500")
    evidence: Evidence
    qualifier: str | None = None  # "over", "about", "up to", ...
    value_high: float | None = None  # the top of a range ("between 300 and 350": value 300, value_high 350)
    as_of: str | None = None  # the date or period the figure is for, when the sentence gives its own


@dataclass(frozen=True)
class ThemeMention:
    """A theme of the taxonomy that a sentence discusses."""

    code: str
    matched: str  # the words that matched the taxonomy
    evidence: Evidence


@dataclass(frozen=True)
class Concern:
    """A concern about a theme that the minutes say someone raised."""

    code: str
    raised_by: str | None  # who the text says raised, asked or expressed it: "Members", "Councillor Shah"; None
    evidence: Evidence
    kind: str = "members_raised"  # one of CONCERN_KINDS


@dataclass(frozen=True)
class Action:
    """Something the committee resolved, asked for or was promised."""

    kind: str  # a code of vocab/action_kinds.csv
    text: str
    evidence: Evidence


@dataclass(frozen=True)
class Report:
    """What one meeting's minutes record about one board's annual report."""

    source: str
    section_index: int
    is_board_report: bool
    board: Board
    period: str | None  # "2015-16"
    meeting: Meeting
    scr_count: int | None
    scr_evidence: Evidence | None
    metrics: tuple[Metric, ...] = ()
    themes: tuple[ThemeMention, ...] = ()
    concerns: tuple[Concern, ...] = ()
    actions: tuple[Action, ...] = ()
    problems: tuple[str, ...] = field(default=())  # why this is not usable, in plain words
    period_inferred: bool = False  # the period is not stated: inferred from the meeting date

    def to_json(self) -> dict:
        """The ``extract --json`` contract (scored by ``shared/eval/score.py``)."""
        return {
            "source": self.source,
            "section": self.section_index,
            "is_board_report": self.is_board_report,
            "board_name": self.board.name,
            "local_authority": self.board.local_authority,
            "la_code": self.board.la_code,
            "board_kind": self.board.kind,
            "period": self.period,
            "period_inferred": self.period_inferred,
            "committee": self.meeting.committee,
            "meeting_date": self.meeting.date,
            "presenter_role": self.meeting.presenter_role,
            "scr_count": self.scr_count,
            "metrics": [
                {
                    "name": m.name,
                    "value": int(m.value) if float(m.value).is_integer() else m.value,
                    "unit": m.unit,
                    "text": m.text,
                    "qualifier": m.qualifier,
                    "value_high": m.value_high,
                    "as_of": m.as_of,
                    "evidence": m.evidence.sentence,
                    "start": m.evidence.start,
                    "end": m.evidence.end,
                }
                for m in self.metrics
            ],
            "themes": _grouped_themes(self.themes),
            "concerns": [
                {"code": c.code, "kind": c.kind, "raised_by": c.raised_by, "evidence": c.evidence.sentence}
                for c in self.concerns
            ],
            "actions": [{"kind": a.kind, "text": a.text} for a in self.actions],
            "problems": list(self.problems),
        }


def _grouped_themes(mentions: tuple[ThemeMention, ...]) -> list[dict]:
    by_code: dict[str, list[str]] = {}
    for t in mentions:
        sentences = by_code.setdefault(t.code, [])
        if t.evidence.sentence not in sentences:
            sentences.append(t.evidence.sentence)
    return [{"code": code, "evidence": sentences} for code, sentences in by_code.items()]


_S = "The MSCB had published two serious case reviews in the year."
EXAMPLE_EVIDENCE = Evidence(sentence=_S, start=100, end=100 + len(_S))
EXAMPLE_BOARD = Board(
    name="Northshire Safeguarding Children Board",
    local_authority="Northshire",
    la_code="E10000000",
    kind="LSCB",
)
EXAMPLE_METRIC = Metric(
    name="serious_case_reviews_published",
    value=2.0,
    unit="count",
    text="two",
    evidence=EXAMPLE_EVIDENCE,
)
EXAMPLE_THEME = ThemeMention(
    code="serious_case_reviews", matched="serious case reviews", evidence=EXAMPLE_EVIDENCE
)
EXAMPLE_CONCERN = Concern(
    code="information_sharing",
    raised_by="Members",
    evidence=Evidence("Members raised concerns about information sharing.", 300, 351),
)
EXAMPLE_ACTION = Action(
    kind="noted",
    text="That the report be noted.",
    evidence=Evidence("Resolved: That the report be noted.", 400, 435),
)
EXAMPLE_REPORT = Report(
    source="northshire_2017-18.txt",
    section_index=0,
    is_board_report=True,
    board=EXAMPLE_BOARD,
    period="2017-18",
    meeting=Meeting(committee="Children's Scrutiny Committee", date="2018-11-05",
                    presenter_role="Independent Chair"),
    scr_count=2,
    scr_evidence=EXAMPLE_EVIDENCE,
    metrics=(EXAMPLE_METRIC,),
    themes=(EXAMPLE_THEME,),
    concerns=(EXAMPLE_CONCERN,),
    actions=(EXAMPLE_ACTION,),
)
