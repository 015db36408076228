"""Word the briefing: the facts (boardcompare.briefing.facts) compared fairly (boardcompare.fairness)
become numbered-note sentences, figure rows, concerns by kind and scrutiny questions."""

from __future__ import annotations

import pandas as pd

from boardcompare.briefing import chart, questions
from boardcompare.briefing.blocks import Line
from boardcompare.briefing.facts import Facts, Query, gather, query_for
from boardcompare.briefing.model import (
    NO_CONCERNS,
    NO_THEMES,
    ActionItem,
    Briefing,
    ConcernItem,
    FigureRow,
    ThemeCovered,
)
from boardcompare.display import format_date, format_value, in_sentence, join_words, plural, safe_text
from boardcompare.fairness import (
    SAME_YEAR,
    UNCOMPARABLE,
    PeerFigure,
    Window,
    peer_figures,
    peer_reviews,
    theme_comparison,
)

MAX_PEER_SOURCES = 12  # source documents named in one note about other boards
MAX_SUMMARY_THEMES = 5


class Notes:
    """Numbered notes, each distinct source cited once."""

    def __init__(self, report: pd.Series) -> None:
        self.texts: list[str] = []
        self._keys: dict[object, int] = {}
        self.report = report

    def add(self, key: object, text: str) -> int:
        """The number of the note for ``key``, adding ``text`` as a new note the first time."""
        if key not in self._keys:
            self.texts.append(text)
            self._keys[key] = len(self.texts)
        return self._keys[key]

    def source(self, row: pd.Series | None = None, start=None, end=None, quote: str | None = None) -> int:
        """A note naming a document and meeting (default: this report's), where in it, and what it says."""
        row = self.report if row is None else row
        meeting = f"{safe_text(row['committee']) or 'committee not stated'}, {format_date(row['meeting_date'])}"
        where = f", characters {int(start)}–{int(end)}" if start is not None and not pd.isna(start) else ""
        text = f"{row['file_name']} ({meeting}){where}"
        if quote:
            text += f": “{safe_text(quote, 300)}”"
        return self.add((row["file_name"], row["report_id"], start, end, safe_text(quote) or None), text)

    def others(self, what: str, files: tuple[str, ...]) -> int | None:
        """A note naming the other boards' documents a comparison used."""
        files = tuple(dict.fromkeys(files))
        if not files:
            return None
        named = list(files[:MAX_PEER_SOURCES])
        more = len(files) - len(named)
        listed = "; ".join(named) + (f"; and {more} more" if more > 0 else "")
        return self.add(("others", what, files), f"{what}. Documents: {listed}")


def build_briefing(board: str, period: str | None = None, db_path=None, query: Query | None = None,
                   window: Window = SAME_YEAR) -> Briefing:
    """Gather, compare and word one board's briefing for a period (default: its latest report).

    ``board`` is a board_id, local authority or board name, case-insensitive. ``window`` is how many
    years either side of the report's year count as peers (the same year by default). Raises
    :class:`BriefingError` for an unknown board or period and :class:`boardcompare.db.DatabaseMissing`
    when there is no database.
    """
    query = query or query_for(db_path)
    facts = gather(board, period, query)
    notes = Notes(facts.report)
    meeting_note = notes.source()
    figures = _figures(facts, query, window, notes)
    themes = _themes(facts, notes)
    comparison = theme_comparison(query, facts.board_id, facts.period_start, {t.code for t in themes}, window)
    themes_note = notes.others(f"Themes discussed in the {comparison.scope}", comparison.files)
    concerns = _concerns(facts, notes)
    actions = [ActionItem(a["kind"], a["kind_label"], safe_text(a["text"]),
                          notes.source(None, a["start_offset"], a["end_offset"])) for _, a in facts.actions.iterrows()]
    review_label = facts.reviews["review_type"]
    scr = None if pd.isna(facts.reviews["scr_count"]) else int(facts.reviews["scr_count"])
    reviews = _reviews(facts, query, window, notes, meeting_note)
    png = chart.render(facts.local_authority, facts.period, themes, comparison, figures)
    briefing = Briefing(
        board_id=facts.board_id, local_authority=facts.local_authority, board_name=facts.board_name,
        region=None if pd.isna(facts.report["region"]) else facts.report["region"], period=facts.period,
        period_inferred=facts.period_inferred, committee=facts.committee, meeting_date=facts.meeting_date,
        presenter=facts.presenter, file_name=facts.report["file_name"],
        source_url=safe_text(facts.report["source_url"]) or None, meeting_note=meeting_note, window=window,
        summary=[], other_meetings=_other_meetings(facts, notes), figures=figures, review_label=review_label,
        scr_count=scr, reviews=reviews, themes=themes, theme_comparison=comparison, themes_note=themes_note,
        concerns=concerns, actions=actions, questions=[], chart_png=png,
        chart_caption=chart.caption(facts.local_authority, comparison, figures, meeting_note, themes_note),
        notes=notes.texts, known_periods=facts.periods)
    briefing.summary = _summary(briefing, facts)
    briefing.questions = questions.questions(briefing)
    return briefing


def _other_meetings(facts: Facts, notes: Notes) -> list[Line]:
    return [Line(f"The {facts.period} report was also minuted by the"
                 f" {safe_text(r['committee']) or 'committee not stated'} on {format_date(r['meeting_date'])}.",
                 (notes.source(r),))
            for _, r in facts.other_meetings.iterrows()]


def _figures(facts: Facts, query: Query, window: Window, notes: Notes) -> list[FigureRow]:
    m = facts.metrics
    measures = list(zip(m["name"], m["unit"], strict=True))
    peers = peer_figures(query, facts.board_id, facts.period_start, measures, window)
    rows = []
    for _, r in m.iterrows():
        shown = format_value(r["value"], r["unit"], r["qualifier"], r["value_high"])
        note = notes.source(None, r["start_offset"], r["end_offset"], r["sentence"])
        peer = None if r["name"] in UNCOMPARABLE else peers[(r["name"], r["unit"])]
        cnote = _peer_note(notes, peer, f"Other boards' {in_sentence(r['metric'])}") if peer is not None else None
        rows.append(FigureRow(r["name"], r["metric"], r["unit"], float(r["value"]), shown, note, peer, cnote))
    return rows


def _peer_note(notes: Notes, peer: PeerFigure, what: str) -> int | None:
    if not peer.boards:
        return None
    return notes.others(f"{what}, from their reports of {peer.years}: {peer.boards_text()}",
                        peer.files)


def _reviews(facts: Facts, query: Query, window: Window, notes: Notes, meeting_note: int) -> list[Line]:
    label = facts.reviews["review_type"]
    count = facts.reviews["scr_count"]
    if pd.isna(count):
        first = Line(f"{label}: not stated. The minutes give no number.", (meeting_note,))
    else:
        sentence = facts.reviews["scr_sentence"]
        r = facts.reviews
        note = notes.source(None, r["scr_start"], r["scr_end"], sentence) if safe_text(sentence) else meeting_note
        first = Line(f"{label}: {int(count)}.", (note,))
    peer = peer_reviews(query, facts.board_id, facts.period_start, window)
    cnote = _peer_note(notes, peer, "Other boards' review counts")
    if peer.comparable:
        text = (f"In the {peer.scope}: median {format_value(peer.median, 'count')} of {plural(peer.n, 'board')}"
                f" ({peer.boards_text()}), range {peer.range_text()}. “Not stated” is left out, never counted as 0.")
    else:
        text = f"In the {peer.scope}: {peer.median_text()} ({plural(peer.n, 'board')} stated a number)."
    return [first, Line(text, (cnote,) if cnote else ())]


def _themes(facts: Facts, notes: Notes) -> list[ThemeCovered]:
    return [ThemeCovered(t["code"], t["theme"], int(t["n_sentences"]),
                         notes.source(None, t["start_offset"], t["end_offset"], t["sentence"]))
            for _, t in facts.themes.iterrows()]


def _concerns(facts: Facts, notes: Notes) -> list[ConcernItem]:
    return [ConcernItem(c["kind"], c["kind_label"], safe_text(c["raised_by"]) or None, c["themes"],
                        safe_text(c["sentence"]), notes.source(None, c["start_offset"], c["end_offset"]))
            for _, c in facts.concerns.iterrows()]


def _summary(b: Briefing, facts: Facts) -> list[Line]:
    on = f" on {format_date(b.meeting_date)}" if b.meeting_date else ""
    by = f", presented by {facts.presented_by}" if facts.presented_by else ""
    period = f" for {b.period}" + (" (the year is inferred from the meeting date)" if b.period_inferred else "") \
        if b.period else ""
    out = [Line(f"The {b.committee or 'committee'} considered the annual report of {b.board_name}{period}{on}{by}.",
                (b.meeting_note,))]
    if b.themes:
        labels = [in_sentence(t.label) for t in b.themes[:MAX_SUMMARY_THEMES]]
        if len(b.themes) > MAX_SUMMARY_THEMES:
            labels.append(f"{len(b.themes) - MAX_SUMMARY_THEMES} more")
        out.append(Line(f"The minutes discuss {plural(len(b.themes), 'theme')}: {join_words(labels)}.",
                        tuple(t.note for t in b.themes[:MAX_SUMMARY_THEMES])))
    else:
        out.append(Line(NO_THEMES, (b.meeting_note,)))
    out += _summary_figures(b)
    out.append(b.reviews[0])
    out.append(_summary_concerns(b))
    resolved = [a for a in b.actions if a.kind in ("noted", "recommendation")] or b.actions
    if resolved:
        out.append(Line(f"Resolved: {resolved[0].text}", (resolved[0].note,)))
    out.append(_summary_gaps(b))
    return out


def _summary_figures(b: Briefing) -> list[Line]:
    if not b.figures:
        return [Line("They record no figures from the catalogue.")]
    headline = [r for r in b.figures if r.peer is not None][:3] or b.figures[:3]
    lead = "including " if len(b.figures) > len(headline) else ""
    listed = join_words([f"{in_sentence(r.label)} ({r.shown})" for r in headline])
    return [Line(f"They record {plural(len(b.figures), 'figure')}: {lead}{listed}.", tuple(r.note for r in headline))]


def _summary_concerns(b: Briefing) -> Line:
    if not b.concerns:
        return Line(NO_CONCERNS)
    about = join_words(sorted({in_sentence(t) for c in b.concerns for t in c.themes.split("; ")}))
    kinds: dict[str, int] = {}
    for c in b.concerns:
        kinds[c.kind_label] = kinds.get(c.kind_label, 0) + 1
    by_kind = "; ".join(f"{in_sentence(k)}: {n}" for k, n in kinds.items())
    return Line(f"{plural(len(b.concerns), 'concern was', 'concerns were')} recorded, about {about} ({by_kind}).",
                tuple(c.note for c in b.concerns))


def _summary_gaps(b: Briefing) -> Line:
    c = b.theme_comparison
    notes = (b.themes_note,) if b.themes_note else ()
    if c.reason():
        return Line(f"Themes are not compared with other boards: {c.reason()}.", notes)
    if not c.gaps:
        return Line(f"Every theme discussed in most of the {c.scope} is in these minutes.", notes)
    missing = join_words([in_sentence(g.label) for g in c.gaps])
    verb = "is" if len(c.gaps) == 1 else "are"
    return Line(f"{plural(len(c.gaps), 'theme').capitalize()} discussed in most of the {c.scope} {verb} missing from"
                f" these minutes: {missing}.", notes)
