"""Officers' briefing packs: one board's annual report, as minuted, set against the other boards.

:func:`build_briefing` reads the database (read-only, parameters bound) and returns a
:class:`Briefing` holding everything the pack shows; :func:`write_docx` and
:func:`write_markdown` turn it into an editable Word file or Markdown; :func:`write_brief` is the body
of ``boardcompare brief BOARD [--period YYYY-YY] --out FILE.docx|FILE.md``.

Every figure and quote carries note numbers pointing at :attr:`Briefing.notes`, each naming the
source document and the meeting (file name, committee, date). Text taken from the minutes is
always treated as plain text, with e-mail addresses and telephone numbers masked.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from boardcompare import db
from boardcompare.display_text import mask_contacts  # the project's one masking rule; re-exported
from boardcompare.errors import BoardcompareError

# A theme is a gap when more than this share of the other boards discussed it.
GAP_SHARE = 0.5
# Compare a figure within the same period only when at least this many other boards report it there,
# and theme coverage only when at least MIN_THEME_PEERS_SAME_PERIOD other boards have a report there.
MIN_PEERS_SAME_PERIOD = 2
MIN_THEME_PEERS_SAME_PERIOD = 3
# A figure is "far from the median" at this many times the median, or below its reciprocal.
FAR_FACTOR = 2.0
# Figures that fit no catalogue entry are listed but never compared.
UNCOMPARABLE_METRICS = ("other_count", "other_percent")
# At most this many gaps get a question each; the rest share one.
MAX_GAP_QUESTIONS = 5
# At most this many themes are drawn in the chart.
MAX_CHART_THEMES = 16
# At most this many source documents are named in one note about other boards.
MAX_PEER_SOURCES = 12

ACTION_KINDS = {
    "noted": "Noted",
    "further_information": "Further information requested",
    "attend": "Asked to attend",
    "recommendation": "Recommendation",
    "other": "Other action",
}

Query = Callable[[str, dict], pd.DataFrame]


class BriefingError(BoardcompareError):
    """The board or period asked for is not in the database; the message lists the known ones."""

    code = 2


# --------------------------------------------------------------------------------------------
# Text safety


def clean_text(text: object, limit: int | None = None) -> str:
    """Minutes text ready to show: contacts masked, whitespace collapsed, optionally shortened.

    >>> clean_text("Call  0161 474 5657   or jo@example.gov.uk")
    'Call [phone number removed] or [e-mail removed]'
    """
    if _missing(text):
        return ""
    out = " ".join(mask_contacts(str(text)).split())
    if limit and len(out) > limit:
        out = out[: limit - 1].rstrip() + "…"
    return out


# --------------------------------------------------------------------------------------------
# The briefing


@dataclass(frozen=True)
class Line:
    """A sentence of the briefing and the notes that back it (each note once, in order)."""

    text: str
    notes: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "notes", tuple(dict.fromkeys(n for n in self.notes if n)))


@dataclass(frozen=True)
class MetricRow:
    name: str
    label: str
    unit: str
    value: float
    shown: str  # the board's figure, formatted (with its qualifier)
    value_text: str  # as written in the minutes
    note: int
    others_median: float | None = None
    others_min: float | None = None
    others_max: float | None = None
    others_n: int = 0
    scope: str = ""  # 'same period (2017-18)', 'all periods', or why there is no comparison
    comparison_note: int | None = None
    out_of_line: str | None = None  # e.g. 'above the other boards' range'

    @property
    def median_shown(self) -> str:
        return format_value(self.others_median, self.unit) if self.others_n else "–"

    @property
    def range_shown(self) -> str:
        if not self.others_n:
            return "–"
        lo, hi = format_value(self.others_min, self.unit), format_value(self.others_max, self.unit)
        boards = "board" if self.others_n == 1 else "boards"
        return f"{lo}–{hi} ({self.others_n} {boards})" if lo != hi else f"{lo} ({self.others_n} {boards})"


@dataclass(frozen=True)
class ThemeCovered:
    code: str
    label: str
    n_sentences: int
    note: int


@dataclass(frozen=True)
class ThemeGap:
    code: str
    label: str
    n_boards: int  # other boards that discussed it
    n_other_boards: int  # other boards in the comparison

    @property
    def share(self) -> float:
        return self.n_boards / self.n_other_boards if self.n_other_boards else 0.0


@dataclass(frozen=True)
class ConcernItem:
    theme: str
    raised_by: str | None
    quote: str  # masked, plain text
    note: int

    @property
    def who(self) -> str:
        return _upper(self.raised_by) if self.raised_by else "Not named"


@dataclass(frozen=True)
class ActionItem:
    kind: str
    text: str  # masked, plain text
    note: int

    @property
    def kind_label(self) -> str:
        return ACTION_KINDS.get(self.kind, self.kind)


@dataclass
class Briefing:
    """Everything a briefing pack shows, ready for any writer."""

    board_id: str
    local_authority: str
    board_name: str
    region: str | None
    period: str | None
    report_id: str
    committee: str | None
    meeting_date: date | None
    presenter: str | None
    file_name: str
    source_url: str | None
    meeting_note: int
    summary: list[Line]
    metrics: list[MetricRow]
    comparison_text: str
    review_label: str  # 'Serious case reviews' or, from 2019-20, practice reviews
    scr_count: int | None
    scr_line: Line
    themes: list[ThemeCovered]
    theme_scope: str
    theme_peers: int
    gaps: list[ThemeGap]
    gaps_note: int | None
    concerns: list[ConcernItem]
    actions: list[ActionItem]
    questions: list[Line]
    chart_png: bytes
    chart_caption: Line
    notes: list[str]  # notes[i] is note number i + 1
    known_periods: list[str] = field(default_factory=list)
    other_meetings: list[Line] = field(default_factory=list)
    generated_on: date = field(default_factory=date.today)

    @property
    def scr_text(self) -> str:
        return "not stated" if self.scr_count is None else str(self.scr_count)

    @property
    def title(self) -> str:
        return f"Briefing: {self.board_name}"

    @property
    def subtitle(self) -> str:
        period = f"Annual report {self.period}" if self.period else "Annual report (period not stated)"
        return f"{period} · {self.committee or 'committee not stated'} · {format_date(self.meeting_date)}"

    def facts(self) -> list[tuple[str, str]]:
        """The key facts table: (label, value)."""
        return [
            ("Board", self.board_name),
            ("Local authority", self.local_authority + (f" ({self.region})" if self.region else "")),
            ("Period", self.period or "not stated"),
            ("Committee", self.committee or "not stated"),
            ("Meeting date", format_date(self.meeting_date)),
            ("Presented by", self.presenter or "not stated"),
            ("Source document", self.file_name),
        ]


class _Notes:
    """Numbered notes, each distinct source cited once."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self._keys: dict[object, int] = {}

    def add(self, key: object, text: str) -> int:
        if key not in self._keys:
            self.texts.append(text)
            self._keys[key] = len(self.texts)
        return self._keys[key]


# --------------------------------------------------------------------------------------------
# Formatting


def format_value(value: float | None, unit: str) -> str:
    """A figure as a reader expects it.

    >>> format_value(245000, "gbp"), format_value(82, "percent"), format_value(21.5, "count")
    ('£245,000', '82%', '21.5')
    """
    if value is None or pd.isna(value):
        return "–"
    whole = float(value).is_integer()
    if unit == "gbp":
        return f"£{value:,.0f}" if whole or abs(value) >= 100 else f"£{value:,.2f}"
    number = f"{value:,.0f}" if whole else f"{value:,.1f}"
    return f"{number}%" if unit == "percent" else number


def _missing(value: object) -> bool:
    """None, NaN or NaT (NaT is also a datetime, so test this first)."""
    return value is None or (not isinstance(value, str | bytes) and bool(pd.isna(value)))


def format_date(value: object) -> str:
    """
    >>> format_date(date(2017, 10, 12)), format_date(pd.NaT), format_date(None)
    ('12 October 2017', 'date not stated', 'date not stated')
    """
    value = _as_date(value)
    return "date not stated" if value is None else f"{value.day} {value:%B %Y}"


def _as_date(value: object) -> date | None:
    if _missing(value):
        return None
    if isinstance(value, datetime):  # pandas Timestamps too
        return value.date()
    return value


def _none(value: object):
    return None if _missing(value) else value


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _lower(label: str) -> str:
    """A label inside a sentence: 'Neglect' -> 'neglect', but 'MASH and front door' unchanged."""
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _meeting(row) -> str:
    return f"{_none(row['committee']) or 'committee not stated'}, {format_date(row['meeting_date'])}"


# --------------------------------------------------------------------------------------------
# Building


def _query_for(db_path) -> Query:
    def run(sql: str, params: dict) -> pd.DataFrame:
        return db.query_df(sql, params, path=db_path)

    return run


def known_boards(db_path=None, query: Query | None = None) -> pd.DataFrame:
    """Boards with at least one board report: board_id, local_authority, board_name, n_reports."""
    query = query or _query_for(db_path)
    return query(
        "SELECT board_id, any_value(local_authority) AS local_authority,"
        " arg_max(board_name, coalesce(meeting_date, DATE '1900-01-01')) AS board_name,"
        " count(*) AS n_reports"
        " FROM v_reports WHERE board_id IS NOT NULL GROUP BY board_id ORDER BY local_authority",
        {},
    )


def known_periods(board_id: str, db_path=None, query: Query | None = None) -> list[str]:
    query = query or _query_for(db_path)
    df = query(
        "SELECT DISTINCT period FROM v_reports WHERE board_id = $board AND period IS NOT NULL"
        " ORDER BY period",
        {"board": board_id},
    )
    return df["period"].tolist()


def resolve_board(board: str, db_path=None, query: Query | None = None) -> pd.Series:
    """Find a board by board_id, local authority or board name (case-insensitive)."""
    query = query or _query_for(db_path)
    boards = known_boards(query=query)
    wanted = " ".join(str(board).split()).casefold()
    for column in ("board_id", "local_authority", "board_name"):
        hit = boards[boards[column].fillna("").str.casefold() == wanted]
        if len(hit):
            return hit.iloc[0]
    listed = ", ".join(boards["local_authority"].fillna(boards["board_id"]).tolist()) or "none"
    known = query(
        "SELECT local_authority FROM boards WHERE lower(board_id) = $b OR lower(local_authority) = $b",
        {"b": wanted},
    )
    if len(known):
        raise BriefingError(
            f"{known.iloc[0]['local_authority']} has no board reports in the database. Known boards: {listed}"
        )
    raise BriefingError(f"No board called {board!r}. Known boards: {listed}")


def build_briefing(
    board: str, period: str | None = None, db_path=None, query: Query | None = None
) -> Briefing:
    """Gather one board's briefing for a period (default: its latest report).

    ``board`` is a board_id or local authority name, case-insensitive. ``query`` runs one
    parametrised SQL statement (the dashboard passes its cached query); by default the database
    at ``db_path`` is read directly. Raises :class:`BriefingError` for an unknown board or period
    and :class:`boardcompare.db.DatabaseMissing` when there is no database.
    """
    query = query or _query_for(db_path)
    found = resolve_board(board, query=query)
    board_id, la = found["board_id"], found["local_authority"]
    reports = query(
        "SELECT * FROM v_reports WHERE board_id = $board"
        " ORDER BY period_start DESC NULLS LAST, meeting_date DESC NULLS LAST, report_id",
        {"board": board_id},
    )
    periods = sorted(p for p in reports["period"].dropna().unique())
    if period is not None:
        period = period.strip()
        chosen = reports[reports["period"] == period]
        if chosen.empty:
            raise BriefingError(
                f"{la} has no report for {period}. Known periods: {', '.join(periods) or 'none'}"
            )
    else:
        chosen = reports
    report = chosen.iloc[0]
    period = _none(report["period"])
    notes = _Notes()

    def source(row, start=None, end=None, quote: str | None = None) -> int:
        where = f", characters {int(start)}–{int(end)}" if _none(start) is not None else ""
        text = f"{row['file_name']} ({_meeting(row)}){where}"
        if quote:
            text += f": “{clean_text(quote, 300)}”"
        key = (row["file_name"], row["report_id"], _none(start), _none(end), clean_text(quote) or None)
        return notes.add(key, text)

    meeting_note = source(report)
    other_meetings = [
        Line(f"The {period} report was also minuted by the {_none(r['committee']) or 'committee not stated'}"
             f" on {format_date(r['meeting_date'])}.", (source(r),))
        for _, r in chosen.iloc[1:].iterrows()
    ]

    # Peers: other boards' reports in the same period when there are enough, else all periods.
    peers_all = query(
        "SELECT report_id, board_id, period, committee, meeting_date, file_name FROM v_reports"
        " WHERE board_id IS NOT NULL AND board_id <> $board"
        " ORDER BY board_id, period_start DESC NULLS LAST, meeting_date DESC NULLS LAST",
        {"board": board_id},
    )

    def peer_note(rows: pd.DataFrame, what: str) -> int | None:
        if rows.empty:
            return None
        rows = rows.drop_duplicates("report_id")
        named = [f"{r['file_name']} ({_meeting(r)})" for _, r in rows.head(MAX_PEER_SOURCES).iterrows()]
        more = len(rows) - len(named)
        text = f"{what}: {'; '.join(named)}" + (f"; and {more} more reports" if more > 0 else "")
        return notes.add(("peers", what, tuple(rows["report_id"])), text)

    # Themes
    themes_df = query(
        "SELECT code, theme, count(*) AS n_sentences, min(start_offset) AS first_start FROM v_theme_evidence"
        " WHERE report_id = $report GROUP BY code, theme ORDER BY n_sentences DESC, theme",
        {"report": report["report_id"]},
    )
    first_mentions = query(
        "SELECT code, start_offset, end_offset, sentence FROM v_theme_evidence WHERE report_id = $report",
        {"report": report["report_id"]},
    )
    themes = []
    for _, t in themes_df.iterrows():
        m = first_mentions[(first_mentions["code"] == t["code"])
                           & (first_mentions["start_offset"] == t["first_start"])].iloc[0]
        themes.append(ThemeCovered(t["code"], t["theme"], int(t["n_sentences"]),
                                   source(report, m["start_offset"], m["end_offset"], m["sentence"])))
    same = peers_all[peers_all["period"] == period] if period else peers_all.iloc[0:0]
    if same["board_id"].nunique() >= MIN_THEME_PEERS_SAME_PERIOD:
        theme_peers_df, theme_scope = same, f"reports for {period}"
    else:
        theme_peers_df, theme_scope = peers_all, "reports for all periods"
    n_theme_peers = int(theme_peers_df["board_id"].nunique())
    coverage = query(
        "SELECT DISTINCT board_id, report_id, code, theme FROM v_theme_evidence"
        " WHERE report_id IN (SELECT unnest($reports::VARCHAR[]))",
        {"reports": theme_peers_df["report_id"].tolist()},
    )
    peer_share = (coverage.groupby(["code", "theme"])["board_id"].nunique().rename("n_boards")
                  .reset_index().sort_values(["n_boards", "theme"], ascending=[False, True]))
    covered_codes = {t.code for t in themes}
    gaps = [ThemeGap(r["code"], r["theme"], int(r["n_boards"]), n_theme_peers)
            for _, r in peer_share.iterrows()
            if r["code"] not in covered_codes and n_theme_peers and r["n_boards"] / n_theme_peers > GAP_SHARE]
    theme_note = peer_note(theme_peers_df, f"Themes discussed by the other boards, from their {theme_scope}")

    # Metrics
    metrics_df = query(
        "SELECT * FROM v_metrics WHERE report_id = $report ORDER BY metric_no",
        {"report": report["report_id"]},
    )
    names = sorted(set(metrics_df["name"]) - set(UNCOMPARABLE_METRICS))
    peer_metrics = query(
        "SELECT m.board_id, m.report_id, m.period, m.period_start, m.meeting_date, m.committee, m.file_name,"
        " m.name, m.value, m.metric_no FROM v_metrics AS m"
        " WHERE m.board_id IS NOT NULL AND m.board_id <> $board"
        " AND m.name IN (SELECT unnest($names::VARCHAR[]))"
        " ORDER BY m.board_id, m.period_start DESC NULLS LAST, m.meeting_date DESC NULLS LAST, m.metric_no",
        {"board": board_id, "names": names},
    )
    metric_rows: list[MetricRow] = []
    scopes_used: set[str] = set()
    for _, m in metrics_df.iterrows():
        shown = format_value(m["value"], m["unit"])
        if _none(m["qualifier"]):
            shown = f"{m['qualifier']} {shown}"
        note = source(report, m["start_offset"], m["end_offset"], m["sentence"])
        base = dict(name=m["name"], label=m["metric"], unit=m["unit"], value=float(m["value"]), shown=shown,
                    value_text=clean_text(m["value_text"]), note=note)
        if m["name"] in UNCOMPARABLE_METRICS:
            metric_rows.append(MetricRow(**base, scope="not compared (fits no catalogue entry)"))
            continue
        rows = peer_metrics[peer_metrics["name"] == m["name"]]
        in_period = rows[rows["period"] == period] if period else rows.iloc[0:0]
        if in_period["board_id"].nunique() >= MIN_PEERS_SAME_PERIOD:
            rows, scope = in_period, f"same period ({period})"
        else:
            scope = "all periods"
        per_board = rows.drop_duplicates("board_id")  # each board's latest report stating it, first mention
        if per_board.empty:
            metric_rows.append(MetricRow(**base, scope="no other board reports this figure"))
            continue
        scopes_used.add(scope)
        values = per_board["value"].astype(float)
        med, lo, hi, n = float(values.median()), float(values.min()), float(values.max()), len(values)
        value = float(m["value"])
        out = None
        if n >= 2:
            if value > hi:
                out = "above the other boards' range"
            elif value < lo:
                out = "below the other boards' range"
            elif med > 0 and value >= FAR_FACTOR * med:
                out = f"{value / med:.1f} times the other boards' median"
            elif med > 0 and value <= med / FAR_FACTOR:
                out = "less than half the other boards' median"
        cnote = peer_note(per_board, f"Other boards' {_lower(m['metric'])}, {scope}")
        metric_rows.append(MetricRow(**base, others_median=med, others_min=lo, others_max=hi, others_n=n,
                                     scope=scope, comparison_note=cnote, out_of_line=out))
    if not metric_rows:
        comparison_text = "The minutes of this meeting record no figures from the catalogue."
    else:
        comparison_text = (
            "Each figure is set beside the other boards' median and range (lowest–highest, number of boards),"
            f" one value per board from its latest report stating the figure. The same period is used when at"
            f" least {MIN_PEERS_SAME_PERIOD} other boards report the figure for it; otherwise all periods."
        )

    # Reviews
    reviews = query("SELECT review_type, scr_count, scr_sentence FROM v_reviews WHERE report_id = $report",
                    {"report": report["report_id"]}).iloc[0]
    review_label = reviews["review_type"]
    scr_count = None if pd.isna(reviews["scr_count"]) else int(reviews["scr_count"])
    if scr_count is None:
        scr_line = Line(f"{review_label}: not stated. The minutes give no number.", (meeting_note,))
    else:
        scr_note = (source(report, quote=reviews["scr_sentence"])
                    if _none(reviews["scr_sentence"]) else meeting_note)
        scr_line = Line(f"{review_label}: {scr_count}.", (scr_note,))

    # Concerns and actions
    concerns = [
        ConcernItem(c["theme"], clean_text(_none(c["raised_by"])) or None, clean_text(c["sentence"]),
                    source(report, c["start_offset"], c["end_offset"]))
        for _, c in query("SELECT * FROM v_concerns WHERE report_id = $report ORDER BY concern_no",
                          {"report": report["report_id"]}).iterrows()
    ]
    actions = [
        ActionItem(a["kind"], clean_text(a["text"]), source(report, a["start_offset"], a["end_offset"]))
        for _, a in query("SELECT * FROM v_actions WHERE report_id = $report ORDER BY action_no",
                          {"report": report["report_id"]}).iterrows()
    ]

    board_name = clean_text(report["board_name"]) or la
    who = la
    for_period = f"for {period}" if period else ""

    # Summary
    on_date = f" on {format_date(report['meeting_date'])}" if _as_date(report["meeting_date"]) else ""
    summary = [Line(
        f"The {_none(report['committee']) or 'committee'} considered the annual report of {board_name}"
        f" {for_period}{on_date}".rstrip()
        + (f", presented by {_presented_by(report)}" if _presenter(report) else "") + ".",
        (meeting_note,),
    )]
    if themes:
        labels = [_lower(t.label) for t in themes[:5]]
        if len(themes) > 5:
            labels.append(f"{len(themes) - 5} more")
        summary.append(Line(f"The minutes discuss {_plural(len(themes), 'theme')}: {_join(labels)}.",
                            tuple(t.note for t in themes[:5])))
    else:
        summary.append(Line("The minutes discuss none of the themes tracked.", (meeting_note,)))
    headline = [r for r in metric_rows if r.name not in UNCOMPARABLE_METRICS][:3] or metric_rows[:3]
    if headline:
        figures = _join([f"{_lower(r.label)} ({r.shown})" for r in headline])
        lead = "including " if len(metric_rows) > len(headline) else ""
        summary.append(Line(f"They record {_plural(len(metric_rows), 'figure')}: {lead}{figures}.",
                            tuple(r.note for r in headline)))
    else:
        summary.append(Line("They record no figures from the catalogue.", ()))
    summary.append(Line(f"{review_label}: {'not stated' if scr_count is None else scr_count}.",
                        scr_line.notes))
    if concerns:
        about = _join(sorted({_lower(c.theme) for c in concerns}))
        raised = _plural(len(concerns), "concern was", "concerns were")
        summary.append(Line(f"{raised} raised, about {about}.",
                            tuple(c.note for c in concerns)))
    else:
        summary.append(Line("The minutes record no concerns raised.", ()))
    resolved = [a for a in actions if a.kind in ("noted", "recommendation")] or actions
    if resolved:
        summary.append(Line(f"Resolved: {resolved[0].text}", (resolved[0].note,)))
    if gaps:
        summary.append(Line(
            f"Compared with the other boards' {theme_scope}, {_plural(len(gaps), 'theme')} that most of them"
            f" discussed {'is' if len(gaps) == 1 else 'are'} missing:"
            f" {_join([_lower(g.label) for g in gaps])}.",
            (theme_note,) if theme_note else ()))

    # Scrutiny questions: one per gap (the most widely covered first), concern and figure out of line.
    questions: list[Line] = []
    gap_notes = (theme_note,) if theme_note else ()
    for g in gaps[:MAX_GAP_QUESTIONS]:
        questions.append(Line(
            f"{g.n_boards} of the {g.n_other_boards} other boards ({g.share:.0%}, {theme_scope}) discussed"
            f" {_lower(g.label)}, but the minutes of {who}'s {period + ' ' if period else ''}report"
            f" do not mention it. What is the board doing about {_lower(g.label)}, and how does it know"
            " it is working?", gap_notes))
    if len(gaps) > MAX_GAP_QUESTIONS:
        rest = _join([_lower(g.label) for g in gaps[MAX_GAP_QUESTIONS:]])
        questions.append(Line(
            f"Most other boards also discussed {rest}, which these minutes do not mention. Does the board"
            " cover them elsewhere, and if not, should it?", gap_notes))
    by_note: dict[int, list[ConcernItem]] = {}
    for c in concerns:
        by_note.setdefault(c.note, []).append(c)
    for note, items in by_note.items():
        c = items[0]
        about = _join([_lower(i.theme) for i in items])
        who_raised = f"{_upper(c.raised_by)} raised a concern" if c.raised_by else "A concern was raised"
        questions.append(Line(
            f"{who_raised} about {about}: “{clean_text(c.quote, 160)}” What has the board done about it"
            " since, and what evidence will show the committee that things have improved?", (note,)))
    for r in metric_rows:
        if r.out_of_line:
            questions.append(Line(
                f"{who}'s figure for {_lower(r.label)} was {r.shown}, {r.out_of_line}: the other boards"
                f" reported {_span(r)} (median {r.median_shown}; {_plural(r.others_n, 'board')}, {r.scope})."
                " What explains the difference: local need, the way it is counted, or practice?",
                (r.note, r.comparison_note)))
    if scr_count is None:
        questions.append(Line(
            f"The minutes do not say how many {_lower(review_label)} there were"
            f"{' in ' + period if period else ''}."
            " How many were started or published, and what did they find?", (meeting_note,)))
    if not questions:
        questions.append(Line(
            "The minutes raise no gaps, concerns or unusual figures. What are the board's priorities for the"
            " coming year, and how will the committee see progress against them?", (meeting_note,)))

    chart_png = render_chart(who, period, themes, peer_share, n_theme_peers, theme_scope, metric_rows)
    chart_notes = tuple(n for n in (theme_note, *(r.comparison_note for r in metric_rows)) if n)
    chart_caption = Line(
        f"Chart: the themes {who} discussed, against the share of the other boards ({theme_scope}) that"
        " discussed each" + ("; and each compared figure against the other boards' range and median."
                             if any(r.others_n for r in metric_rows) else "."),
        tuple(dict.fromkeys((meeting_note, *chart_notes))))

    return Briefing(
        board_id=board_id, local_authority=la, board_name=board_name, region=_none(report["region"]),
        period=period, report_id=report["report_id"], committee=_none(report["committee"]),
        meeting_date=_as_date(report["meeting_date"]), presenter=_presenter(report),
        file_name=report["file_name"], source_url=_none(report["source_url"]), meeting_note=meeting_note,
        summary=summary, metrics=metric_rows, comparison_text=comparison_text, review_label=review_label,
        scr_count=scr_count, scr_line=scr_line, themes=themes, theme_scope=theme_scope,
        theme_peers=n_theme_peers, gaps=gaps, gaps_note=theme_note, concerns=concerns, actions=actions,
        questions=questions, chart_png=chart_png, chart_caption=chart_caption, notes=notes.texts,
        known_periods=periods, other_meetings=other_meetings,
    )


def _span(r: MetricRow) -> str:
    lo, hi = format_value(r.others_min, r.unit), format_value(r.others_max, r.unit)
    return lo if lo == hi else f"{lo} to {hi}"


def _presented_by(report) -> str:
    if clean_text(_none(report["presenter_name"])):
        return _presenter(report)
    return f"the {_presenter(report)}"


def _presenter(report) -> str | None:
    parts = [clean_text(_none(report["presenter_name"])), clean_text(_none(report["presenter_role"]))]
    if parts[0] and parts[1]:
        return f"{parts[0]}, {parts[1]}"
    return (parts[0] or parts[1]) or None


# --------------------------------------------------------------------------------------------
# Chart


def render_chart(who: str, period: str | None, themes: list[ThemeCovered], peer_share: pd.DataFrame,
                 n_peers: int, theme_scope: str, metric_rows: list[MetricRow]) -> bytes:
    """Theme coverage against the other boards, and each figure against their range: a PNG."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    covered = {t.code: t.label for t in themes}
    shares = {r["code"]: (r["theme"], r["n_boards"] / n_peers if n_peers else 0.0)
              for _, r in peer_share.iterrows()}
    for code, label in covered.items():
        shares.setdefault(code, (label, 0.0))
    # Keep the chart readable: this board's themes and the gaps first, then the most covered others.
    def rank(kv):
        code, (label, share) = kv
        return (code not in covered and share <= GAP_SHARE, -share, label)

    shown = sorted(shares.items(), key=rank)[:MAX_CHART_THEMES]
    hidden = len(shares) - len(shown)
    theme_items = sorted(shown, key=lambda kv: (kv[1][1], kv[1][0]), reverse=False)
    compared = [r for r in metric_rows if r.others_n]

    h_themes = 0.8 + 0.22 * max(len(theme_items), 1)
    h_metrics = (0.9 + 0.45 * len(compared)) if compared else 0
    fig = Figure(figsize=(7.5, h_themes + h_metrics + 0.3), dpi=150)
    FigureCanvasAgg(fig)
    grid = fig.add_gridspec(2 if compared else 1, 1, height_ratios=[h_themes, h_metrics] if compared else [1])
    blue, orange, grey = "#1f5f99", "#d9822b", "#b8b8b8"

    ax = fig.add_subplot(grid[0])
    if theme_items:
        ys = range(len(theme_items))
        colours = [blue if code in covered else (orange if share > GAP_SHARE else grey)
                   for code, (_, share) in theme_items]
        ax.barh(list(ys), [share * 100 for _, (_, share) in theme_items], color=colours, height=0.7)
        ax.set_yticks(list(ys), [_short(label, 34) for _, (label, _) in theme_items], fontsize=7.5)
        for y, (code, (_, share)) in zip(ys, theme_items, strict=True):
            mark = " ✓" if code in covered else ""
            ax.text(share * 100 + 1, y, f"{share:.0%}{mark}", va="center", fontsize=7)
    else:
        ax.text(0.5, 0.5, "No themes recorded", ha="center", va="center", transform=ax.transAxes)
        ax.set_yticks([])
    ax.axvline(GAP_SHARE * 100, color="#666666", linestyle=":", linewidth=0.8)
    ax.set_xlim(0, 112)
    not_shown = f"\n{hidden} less discussed themes not shown" if hidden else ""
    ax.set_xlabel(f"Share of the {n_peers} other boards that discussed the theme ({theme_scope}){not_shown}",
                  fontsize=8)
    ax.tick_params(axis="x", labelsize=7)
    ax.xaxis.set_major_formatter(lambda x, _pos: f"{x:.0f}%")
    ax.set_title(f"Themes: {who} {period or ''} (blue = discussed, orange = gap)", fontsize=9.5, loc="left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)

    if compared:
        ax2 = fig.add_subplot(grid[1])
        for y, r in enumerate(reversed(compared)):
            lo, hi = min(r.others_min, r.value), max(r.others_max, r.value)
            span = (hi - lo) or 1.0

            def pos(v, lo=lo, span=span, flat=hi == lo):
                return 0.5 if flat else (v - lo) / span

            ax2.plot([pos(r.others_min), pos(r.others_max)], [y, y], color=grey, linewidth=6,
                     solid_capstyle="butt")
            ax2.plot([pos(r.others_median)], [y], marker="|", color="black", markersize=14, mew=2)
            ax2.plot([pos(r.value)], [y], marker="o", color=orange if r.out_of_line else blue, markersize=8)
            ax2.text(pos(r.value), y + 0.28, r.shown, ha="center", fontsize=7, color="#222222")
            ax2.text(1.12, y, f"others {_span(r)}\nmedian {r.median_shown} ({_plural(r.others_n, 'board')})",
                     ha="left", va="center", fontsize=7, color="#555555")
        ax2.set_yticks(range(len(compared)), [_short(r.label, 34) for r in reversed(compared)], fontsize=7.5)
        ax2.set_xlim(-0.08, 1.6)
        ax2.set_ylim(-0.6, len(compared) - 0.2)
        ax2.set_xticks([])
        for side in ("top", "right", "bottom", "left"):
            ax2.spines[side].set_visible(False)
        ax2.tick_params(axis="y", length=0)
        ax2.set_title(f"Figures: {who} (dot) against the other boards' range (bar) and median (tick)",
                      fontsize=9.5, loc="left")
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


# --------------------------------------------------------------------------------------------
# Writers


def _marks(notes: tuple[int, ...]) -> str:
    return ",".join(str(n) for n in notes)


def write_docx(briefing: Briefing, path) -> Path:
    """Write the briefing as an editable Word document.

    python-docx cannot make real Word footnotes, so notes are numbered superscript reference
    marks in the text and a "Sources" section at the end lists them in order. Text from the
    minutes is added as plain runs (python-docx escapes it; nothing is interpreted). ``path`` may
    also be a binary file object.
    """
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    b = briefing
    doc = Document()
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(2.2)
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = b.title
    doc.core_properties.subject = "Safeguarding children board briefing"

    def para(line: Line | str, style: str | None = None, bold_prefix: str | None = None):
        p = doc.add_paragraph(style=style)
        if bold_prefix:
            p.add_run(bold_prefix).bold = True
        text, notes = (line.text, line.notes) if isinstance(line, Line) else (line, ())
        p.add_run(text)
        if notes:
            p.add_run(_marks(notes)).font.superscript = True
        return p

    def cell_text(cell, text: str, notes: tuple[int, ...] = (), bold: bool = False):
        p = cell.paragraphs[0]
        run = p.add_run(text)
        run.bold = bold
        if notes:
            p.add_run(_marks(notes)).font.superscript = True

    doc.add_heading(b.title, level=0)
    sub = doc.add_paragraph()
    sub_run = sub.add_run(b.subtitle)
    sub_run.italic = True
    sub_run.font.color.rgb = RGBColor(0x44, 0x44, 0x44)

    facts = doc.add_table(rows=0, cols=2)
    facts.style = "Table Grid"
    for label, value in b.facts():
        row = facts.add_row().cells
        cell_text(row[0], label, bold=True)
        cell_text(row[1], value, (b.meeting_note,) if label == "Source document" else ())
    _widths(facts, (4.0, 12.6))

    doc.add_heading("Summary", level=1)
    for line in b.summary + b.other_meetings:
        para(line, style="List Bullet")

    doc.add_heading("Key figures", level=1)
    if b.metrics:
        table = doc.add_table(rows=1, cols=5)
        table.style = "Light Grid Accent 1"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        headers = ["Figure", f"{b.local_authority} {b.period or ''}".strip(), "Other boards' median",
                   "Other boards' range (n boards)", "Compared with"]
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            cell_text(cell, text, bold=True)
        for r in b.metrics:
            cells = table.add_row().cells
            cell_text(cells[0], r.label)
            cell_text(cells[1], r.shown, (r.note,))
            cell_text(cells[2], r.median_shown, (r.comparison_note,) if r.comparison_note else ())
            cell_text(cells[3], r.range_shown)
            cell_text(cells[4], r.scope + (f"; {r.out_of_line}" if r.out_of_line else ""))
        _widths(table, (4.2, 2.7, 2.6, 3.5, 3.6))
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(9)
    explain = para(b.comparison_text)
    explain.paragraph_format.space_before = Pt(6)
    for run in explain.runs:
        run.font.size = Pt(9)

    doc.add_heading(b.review_label, level=1)
    para(b.scr_line)

    doc.add_heading("Themes", level=1)
    if b.themes:
        p = doc.add_paragraph()
        p.add_run("Discussed in these minutes: ").bold = True
        for i, t in enumerate(b.themes):
            p.add_run(("; " if i else "") + t.label)
            p.add_run(str(t.note)).font.superscript = True
    else:
        para("The minutes discuss none of the themes tracked.")
    p = doc.add_paragraph()
    p.add_run("Gaps: ").bold = True
    if b.gaps:
        p.add_run(f"themes discussed by more than half of the {b.theme_peers} other boards (their"
                  f" {b.theme_scope}) but not in these minutes:")
        if b.gaps_note:
            p.add_run(str(b.gaps_note)).font.superscript = True
        for g in b.gaps:
            para(f"{g.label}: {g.n_boards} of {g.n_other_boards} other boards ({g.share:.0%})", "List Bullet")
    else:
        p.add_run(f"none. Every theme discussed by more than half of the {b.theme_peers} other boards"
                  f" (their {b.theme_scope}) is in these minutes.")

    # As wide as the text, unless that would make it taller than most of a page.
    png_w, png_h = int.from_bytes(b.chart_png[16:20], "big"), int.from_bytes(b.chart_png[20:24], "big")
    if png_h / png_w * 16.5 > 19:
        doc.add_picture(io.BytesIO(b.chart_png), height=Cm(19))
    else:
        doc.add_picture(io.BytesIO(b.chart_png), width=Cm(16.5))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    cap = para(b.chart_caption)
    for run in cap.runs:
        run.italic = True
        run.font.size = Pt(9)

    doc.add_heading("Concerns raised", level=1)
    if b.concerns:
        for c in b.concerns:
            p = doc.add_paragraph(style="List Bullet")
            p.add_run(f"{c.who} ({c.theme}): ").bold = True
            p.add_run(f"“{c.quote}”")
            p.add_run(str(c.note)).font.superscript = True
    else:
        para("The minutes record no concerns raised.")

    doc.add_heading("Actions and resolutions", level=1)
    if b.actions:
        for a in b.actions:
            p = doc.add_paragraph(style="List Bullet")
            p.add_run(f"{a.kind_label}: ").bold = True
            p.add_run(a.text)
            p.add_run(str(a.note)).font.superscript = True
    else:
        para("The minutes record no actions or resolutions.")

    doc.add_heading("Suggested scrutiny questions", level=1)
    for q in b.questions:
        para(q, style="List Number")

    doc.add_heading("Sources", level=1)
    note = doc.add_paragraph()
    note.add_run("Numbered marks in the text refer to these notes. Quotations are from the minutes, with"
                 " e-mail addresses and telephone numbers removed.").italic = True
    for i, text in enumerate(b.notes, 1):
        p = doc.add_paragraph()
        p.paragraph_format.space_after = Pt(2)
        number = p.add_run(f"{i}. ")
        number.bold = True
        run = p.add_run(text)
        number.font.size = run.font.size = Pt(9)
    if b.source_url:
        para(f"Minutes online: {b.source_url}")
    foot = doc.add_paragraph()
    foot_run = foot.add_run(f"Prepared with boardcompare on {format_date(b.generated_on)} from figures"
                            " extracted from council minutes. Check each figure against its source"
                            " before quoting it.")
    foot_run.italic = True
    foot_run.font.size = Pt(8)
    doc.save(path if not isinstance(path, str | Path) else str(path))
    return Path(path) if isinstance(path, str | Path) else path


def _widths(table, cm: tuple[float, ...]) -> None:
    """Fix column widths (Word reads the cells, LibreOffice the grid)."""
    from docx.shared import Cm

    table.autofit = False
    for column, width in zip(table.columns, cm, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, cm, strict=True):
            cell.width = Cm(width)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def md_escape(text: str) -> str:
    """Plain text made inert in Markdown: HTML escaped, Markdown punctuation backslashed.

    >>> md_escape("<script>alert('x')</script> *bold* [link](x)")
    "&lt;script&gt;alert('x')&lt;/script&gt; \\\\*bold\\\\* \\\\[link\\\\](x)"
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _fn(notes: tuple[int, ...]) -> str:
    return "".join(f"[^{n}]" for n in notes)


def markdown_text(briefing: Briefing, chart_name: str) -> str:
    """The briefing as Markdown, the chart linked as ``chart_name``."""
    b, e = briefing, md_escape
    out = [f"# {e(b.title)}", "", f"*{e(b.subtitle)}*", ""]
    out += ["| | |", "|---|---|"]
    for label, value in b.facts():
        mark = _fn((b.meeting_note,)) if label == "Source document" else ""
        out.append(f"| **{label}** | {e(value)}{mark} |")
    out += ["", "## Summary", ""]
    out += [f"- {e(line.text)}{_fn(line.notes)}" for line in b.summary + b.other_meetings]
    out += ["", "## Key figures", ""]
    if b.metrics:
        out.append(f"| Figure | {e(b.local_authority)} {e(b.period or '')} | Other boards' median"
                   " | Other boards' range (n boards) | Compared with |")
        out.append("|---|---:|---:|---:|---|")
        for r in b.metrics:
            cnote = _fn((r.comparison_note,)) if r.comparison_note else ""
            scope = r.scope + (f"; {r.out_of_line}" if r.out_of_line else "")
            out.append(f"| {e(r.label)} | {e(r.shown)}{_fn((r.note,))} | {e(r.median_shown)}{cnote}"
                       f" | {e(r.range_shown)} | {e(scope)} |")
        out.append("")
    out += [e(b.comparison_text), "", f"## {e(b.review_label)}", "",
            f"{e(b.scr_line.text)}{_fn(b.scr_line.notes)}"]
    out += ["", "## Themes", ""]
    if b.themes:
        listed = "; ".join(f"{e(t.label)}{_fn((t.note,))}" for t in b.themes)
        out.append(f"**Discussed in these minutes:** {listed}")
    else:
        out.append("The minutes discuss none of the themes tracked.")
    out.append("")
    if b.gaps:
        out.append(f"**Gaps:** themes discussed by more than half of the {b.theme_peers} other boards"
                   f" (their {e(b.theme_scope)}) but not in these minutes:"
                   + (_fn((b.gaps_note,)) if b.gaps_note else ""))
        out.append("")
        out += [f"- {e(g.label)}: {g.n_boards} of {g.n_other_boards} other boards ({g.share:.0%})"
                for g in b.gaps]
    else:
        out.append(f"**Gaps:** none. Every theme discussed by more than half of the {b.theme_peers} other"
                   f" boards (their {e(b.theme_scope)}) is in these minutes.")
    out += ["", f"![{e(b.chart_caption.text)}]({chart_name})", "",
            f"*{e(b.chart_caption.text)}*{_fn(b.chart_caption.notes)}", "", "## Concerns raised", ""]
    if b.concerns:
        out += [f"- **{e(c.who)} ({e(c.theme)}):** “{e(c.quote)}”{_fn((c.note,))}"
                for c in b.concerns]
    else:
        out.append("The minutes record no concerns raised.")
    out += ["", "## Actions and resolutions", ""]
    if b.actions:
        out += [f"- **{e(a.kind_label)}:** {e(a.text)}{_fn((a.note,))}" for a in b.actions]
    else:
        out.append("The minutes record no actions or resolutions.")
    out += ["", "## Suggested scrutiny questions", ""]
    out += [f"{i}. {e(q.text)}{_fn(q.notes)}" for i, q in enumerate(b.questions, 1)]
    out += ["", "## Sources", "",
            "*Numbered notes give the source of each figure and quotation. Quotations are from the minutes,"
            " with e-mail addresses and telephone numbers removed.*", ""]
    out += [f"[^{i}]: {e(text)}" for i, text in enumerate(b.notes, 1)]
    if b.source_url:
        out += ["", f"Minutes online: <{b.source_url}>" if re.match(r"https?://\S+$", b.source_url)
                else f"Minutes online: {e(b.source_url)}"]
    out += ["", f"*Prepared with boardcompare on {format_date(b.generated_on)} from figures extracted from"
            " council minutes. Check each figure against its source before quoting it.*", ""]
    return "\n".join(out)


def chart_path_for(path) -> Path:
    path = Path(path)
    return path.with_name(f"{path.stem}_chart.png")


def write_markdown(briefing: Briefing, path) -> Path:
    """Write the briefing as Markdown with ``[^n]`` footnotes.

    The chart is saved beside it as ``<stem>_chart.png`` and linked. Text from the minutes is
    escaped so that it is shown, never interpreted (no HTML, no Markdown formatting).
    """
    path = Path(path)
    chart = chart_path_for(path)
    chart.write_bytes(briefing.chart_png)
    path.write_text(markdown_text(briefing, chart.name), encoding="utf-8")
    return path


WRITERS = {".docx": write_docx, ".md": write_markdown}


def write_brief(board: str, period: str | None, out, db_path=None) -> Path:
    """``boardcompare brief``: build the pack and write it to ``out`` (.docx or .md); return the path.

    Raises BriefingError (unknown board or period, a file type or folder that cannot be written)
    or db.DatabaseMissing; the command line turns either into a message.
    """
    out = Path(out)
    writer = WRITERS.get(out.suffix.lower())
    if writer is None:
        raise BriefingError("the briefing file must end in .docx (Word) or .md (Markdown)", subject=str(out))
    if not out.parent.exists():
        raise BriefingError(f"the folder {out.parent} does not exist", subject=str(out))
    return writer(build_briefing(board, period, db_path=db_path), out)
