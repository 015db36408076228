"""Pure extraction: minutes text in, typed :class:`~boardcompare.models.Report` records out.

No I/O here beyond reading the vocabularies in boardcompare/vocab once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from boardcompare.authorities import authority_by_name, match_authority
from boardcompare.extract.actions import find_actions
from boardcompare.extract.board import board_problem, find_board
from boardcompare.extract.concerns import find_concerns
from boardcompare.extract.meeting import find_meeting
from boardcompare.extract.metrics import find_metrics
from boardcompare.extract.periods import Period, report_period_of
from boardcompare.extract.reviews import review_count
from boardcompare.extract.text import split_sentences
from boardcompare.extract.themes import find_themes, theme_index
from boardcompare.models import Board, Document, Meeting, Report, Section

__all__ = ["MAX_TEXT_CHARS", "SourceHints", "extract_document", "extract_report", "too_long"]

# Far longer than any meeting's minutes (a long one is ~100,000 characters): refused, not read for hours.
MAX_TEXT_CHARS = 2_000_000


def too_long(doc: Document) -> str | None:
    """Why a document is too long to be minutes, or None."""
    if len(doc.text) <= MAX_TEXT_CHARS:
        return None
    return (f"the text is {len(doc.text) / 1e6:.1f} million characters long, far longer than any meeting's "
            f"minutes (the limit is {MAX_TEXT_CHARS / 1e6:.0f} million): split it into one file per meeting")


@dataclass(frozen=True)
class SourceHints:
    """What a sidecar (data/minutes/sources.csv) says about a file, used only where the text is silent."""

    council: str | None = None
    url: str | None = None
    meeting_date: str | None = None
    period: str | None = None  # "2016-17", when the text never states it


def extract_report(text: str, source: str = "", section: Section | None = None, section_index: int = 0,
                   hints: SourceHints | None = None, offset: int = 0) -> Report:
    """Extract one meeting's minutes. Offsets in evidence are ``offset`` + position in ``text``."""
    sentences = split_sentences(text)
    problem = board_problem(text)
    meeting = _meeting(text, section, hints)
    stated = report_period_of(text, meeting.date)
    if hints and hints.period and (stated.value is None or stated.inferred):
        stated = Period(hints.period)  # a person named it (sources.csv): better than none or an inference
    period = stated.value
    year = int(period[:4]) if period else None
    board = _board(text, hints, year)
    index = None if problem else theme_index([s.text for s in sentences], year)
    metrics = find_metrics(sentences, offset, text=text, period=period)
    scr_count, scr_evidence = review_count(metrics, period, sentences, offset)
    problems = (problem,) if problem else ()
    if not problem and board.local_authority is None:
        problems = ("the minutes never name the council: add it to data/minutes/sources.csv",)
    if problem:  # not about a board: nothing it says is compared, so nothing is extracted from it
        metrics, scr_count, scr_evidence = [], None, None
    return Report(
        source=source,
        section_index=section_index,
        is_board_report=problem is None,
        board=board,
        period=period,
        meeting=meeting,
        scr_count=scr_count,
        scr_evidence=scr_evidence,
        metrics=tuple(metrics),
        themes=() if problem else tuple(find_themes(sentences, offset, year, index)),
        concerns=() if problem else tuple(find_concerns(sentences, offset, year, index)),
        actions=() if problem else tuple(find_actions(sentences, offset)),
        problems=problems,
        period_inferred=stated.inferred,
    )


def _board(text: str, hints: SourceHints | None, year: int | None) -> Board:
    """The board the text names; the sidecar's council where the text names none."""
    board = find_board(text, year)
    if board.local_authority is None and hints and hints.council:
        authority = match_authority(hints.council)
        if authority:
            board = replace(board, local_authority=authority.name, la_code=authority.ons_code)
    if board.local_authority:
        authority_by_name(board.local_authority)  # raises if the gazetteer lost a name it gave: a bug, not input
    return board


def _meeting(text: str, section: Section | None, hints: SourceHints | None) -> Meeting:
    """The meeting as the text says, completed by the page's section and the sidecar."""
    meeting = find_meeting(text)
    if section is not None:
        meeting = replace(meeting, committee=section.committee or meeting.committee,
                          date=section.meeting_date or meeting.date)
    if meeting.date is None and hints and hints.meeting_date:
        meeting = replace(meeting, date=hints.meeting_date)
    return meeting


def extract_document(doc: Document, hints: SourceHints | None = None) -> list[Report]:
    """One report per meeting section of a document; evidence offsets refer to ``doc.text``."""
    return [
        extract_report(doc.text[s.start:s.end], source=doc.path, section=s, section_index=i, hints=hints,
                       offset=s.start)
        for i, s in enumerate(doc.sections)
    ]

