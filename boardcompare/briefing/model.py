"""What a briefing holds once compared and worded: the records the layout and the tests read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from boardcompare.briefing.blocks import Line
from boardcompare.display import format_date, period_shown
from boardcompare.fairness import PeerFigure, ThemeComparison, Window

NO_CONCERNS = "The minutes record no concerns raised."
NO_ACTIONS = "The minutes record no actions or resolutions."
NO_THEMES = "The minutes discuss none of the themes tracked."


@dataclass(frozen=True)
class FigureRow:
    """One figure of the report beside the other boards' (or why it is not compared)."""

    name: str
    label: str
    unit: str
    value: float
    shown: str  # the board's figure, formatted (with its qualifier)
    note: int
    peer: PeerFigure | None  # None: fits no catalogue entry, never compared
    comparison_note: int | None = None

    @property
    def position(self) -> str | None:
        """Where the figure stands against a fair median ("above the other boards' range"), or None."""
        return self.peer.position(self.value) if self.peer is not None else None

    @property
    def median_shown(self) -> str:
        """The other boards' median with its number of boards, or why there is none."""
        return "not compared (fits no catalogue entry)" if self.peer is None else self.peer.median_text()

    @property
    def range_shown(self) -> str:
        """The other boards' lowest to highest, when compared."""
        return "" if self.peer is None else self.peer.range_text()

    @property
    def scope(self) -> str:
        """What the figure was compared with ("other boards' reports of 2017-18"), blank when not compared."""
        return "" if self.peer is None else self.peer.scope


@dataclass(frozen=True)
class ThemeCovered:
    """A theme these minutes discuss: how many sentences, and the note citing the first."""
    code: str
    label: str
    n_sentences: int
    note: int


@dataclass(frozen=True)
class ConcernItem:
    """One concern sentence (once, however many themes it is about)."""

    kind: str
    kind_label: str
    raised_by: str | None
    themes: str  # "Information sharing; Online safety"
    quote: str  # masked, plain text
    note: int

    @property
    def who(self) -> str:
        """Who raised it, or "Not named in the minutes"."""
        return (self.raised_by[:1].upper() + self.raised_by[1:]) if self.raised_by else "Not named in the minutes"


@dataclass(frozen=True)
class ActionItem:
    """An action or resolution recorded, with its kind's label."""
    kind: str
    kind_label: str
    text: str  # masked, plain text
    note: int


@dataclass
class Briefing:
    """Everything a briefing pack says, ready to lay out (:func:`boardcompare.briefing.layout.blocks`)."""

    board_id: str
    local_authority: str
    board_name: str
    region: str | None
    period: str | None
    period_inferred: bool
    committee: str | None
    meeting_date: date | None
    presenter: str | None
    file_name: str
    source_url: str | None
    meeting_note: int
    window: Window
    summary: list[Line]
    other_meetings: list[Line]
    figures: list[FigureRow]
    review_label: str  # 'Serious case reviews' or, from 2019-20, practice reviews
    scr_count: int | None
    reviews: list[Line]
    themes: list[ThemeCovered]
    theme_comparison: ThemeComparison
    themes_note: int | None
    concerns: list[ConcernItem]
    actions: list[ActionItem]
    questions: list[Line]
    chart_png: bytes | None
    chart_caption: Line
    notes: list[str]  # notes[i] is note number i + 1
    known_periods: list[str] = field(default_factory=list)
    generated_on: date = field(default_factory=date.today)

    @property
    def gaps(self):
        """The themes most other boards discussed and these minutes do not (fairly compared)."""
        return self.theme_comparison.gaps

    @property
    def scr_text(self) -> str:
        """The review count as shown: the number, or "not stated"."""
        return "not stated" if self.scr_count is None else str(self.scr_count)

    @property
    def title(self) -> str:
        """The briefing's title."""
        return f"Briefing: {self.board_name}"

    @property
    def period_text(self) -> str:
        """The period as shown, marked when inferred."""
        return period_shown(self.period, self.period_inferred) if self.period else "period not stated"

    @property
    def subtitle(self) -> str:
        """Period, committee and meeting date in one line."""
        return (f"Annual report {self.period_text} · {self.committee or 'committee not stated'}"
                f" · {format_date(self.meeting_date)}")

    def facts(self) -> list[tuple[str, str]]:
        """The key facts table: (label, value)."""
        return [
            ("Board", self.board_name),
            ("Local authority", self.local_authority + (f" ({self.region})" if self.region else "")),
            ("Period", self.period_text),
            ("Committee", self.committee or "not stated"),
            ("Meeting date", format_date(self.meeting_date)),
            ("Presented by", self.presenter or "not stated"),
            ("Source document", self.file_name),
        ]
