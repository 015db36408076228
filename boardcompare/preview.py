"""What would be extracted from an uploaded file, in plain English, before it is saved.

No Streamlit here: the Add minutes page (boardcompare.ui.add_minutes_page) only shows what
these functions return, so the whole flow is testable without a browser.

* :func:`preview` reads an upload and extracts it, or explains why it cannot be used; given
  :class:`~boardcompare.extract.SourceHints` (the council or period someone chose because the text
  never says), it extracts as the build will with them;
* :func:`already_stored` says whether the same bytes are already in the minutes folder;
* :func:`save_and_rebuild` saves usable files with :func:`boardcompare.uploads.save_upload`, records
  the chosen council and period in data/minutes/sources.csv, rebuilds the database with
  :func:`boardcompare.ingest.build_database` (atomic: a failed build leaves the previous database in
  place), and says for each file whether the build used it or left it out, and why.

Everything taken from the minutes passes through :func:`boardcompare.display.safe_text`,
so e-mail addresses and phone numbers are masked before they reach the screen.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from boardcompare.display import format_date, safe_text
from boardcompare.errors import OUT_OF_MEMORY
from boardcompare.extract import SourceHints, extract_document
from boardcompare.extract.vocabulary import metric_defs, themes
from boardcompare.ingest import BuildFailed, BuildSummary, build_database
from boardcompare.labels import labels as vocabulary_labels
from boardcompare.models import Report
from boardcompare.readers import UnusableDocument, read_bytes
from boardcompare.sources import save_hint
from boardcompare.uploads import UploadRefused, safe_name, save_upload

NOT_STATED = "not stated"
NOT_FOUND = "not found"



@dataclass(frozen=True)
class MeetingPreview:
    """What one meeting's minutes in the file would give, ready to show."""

    is_board_report: bool
    summary: str
    facts: tuple[tuple[str, str], ...]  # (what, found)
    themes: tuple[str, ...]  # theme labels, in order of first mention
    figures: tuple[tuple[str, str, str], ...]  # (figure, as written, sentence)
    concerns: tuple[tuple[str, str, str], ...]  # (about, raised by, sentence)
    actions: tuple[tuple[str, str], ...]  # (kind, text)
    problems: tuple[str, ...] = ()
    council_missing: bool = False  # a board's minutes that never name the council: the build leaves them out
    period_missing: bool = False  # the year is never stated: kept, but not compared


@dataclass(frozen=True)
class Preview:
    """One uploaded file: usable (with its meetings) or not (with the reason)."""

    name: str  # as uploaded
    stored_name: str  # the sanitised name it would be saved under
    size: int
    usable: bool
    reason: str | None = None  # why it cannot be used, in plain English
    meetings: tuple[MeetingPreview, ...] = ()

    @property
    def warnings(self) -> list[str]:
        """Problems of the usable file's board meetings (e.g. the council is never named)."""
        return [p for m in self.meetings if m.is_board_report for p in m.problems]

    @property
    def needs_council(self) -> bool:
        """The file is about a board but never names its council: someone must say which."""
        return self.usable and any(m.is_board_report and m.council_missing for m in self.meetings)

    @property
    def needs_period(self) -> bool:
        """The file is about a board but never states the year of the report."""
        return self.usable and any(m.is_board_report and m.period_missing for m in self.meetings)


@dataclass
class SaveResult:
    """What "Save and rebuild" did: one line per file, then the build's summary or its failure.

    ``saved`` holds files the build used (or, before a build, stored); ``left_out`` files that were
    stored but that the build did not use, with the reason."""

    saved: list[tuple[str, str]] = field(default_factory=list)  # (uploaded name, message)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (uploaded name, reason)
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (uploaded name, reason)
    summary: BuildSummary | None = None
    build_error: str | None = None
    stored: dict[str, str] = field(default_factory=dict)  # uploaded name -> stored file name
    hinted: int = 0  # files whose council or period was recorded in sources.csv

    @property
    def new_files(self) -> int:
        """How many files were newly stored (not already there)."""
        return sum(not message.startswith("already stored") for _, message in self.saved)

    def totals(self) -> str:
        """The build in one sentence, counting files (not reports)."""
        if self.summary is None:
            return ""
        s = self.summary
        used, total = s.count("used"), len(s.outcomes)
        left = total - used - s.count("duplicate")
        rest = f"; {left} left out (not about a board or unreadable: see Sources)" if left else ""
        return f"Database rebuilt: {used} of {total} minutes files used{rest}. It holds {s.n_reports} board reports."


def _label_maps() -> tuple[dict[str, str], dict[str, str]]:
    return {t.code: t.label for t in themes()}, {m.name: m.label for m in metric_defs()}


def _not_board_reason(problem: str | None) -> str:
    """
    >>> _not_board_reason("it is about an adults board")
    'Not minutes about a safeguarding children board: it is about an adults board.'
    >>> _not_board_reason("does not mention one")
    'Not minutes about a safeguarding children board: the text does not mention one.'
    """
    if not problem:
        return "Not minutes about a safeguarding children board."
    problem = problem if problem.startswith("it ") else f"the text {problem}"
    return f"Not minutes about a safeguarding children board: {problem}."


def _summary(r: Report) -> str:
    """What the minutes are, in one sentence: "Minutes of ... about the ... annual report for 2016-17"."""
    if not r.is_board_report:
        return _not_board_reason(r.problems[0] if r.problems else None)
    board = safe_text(r.board.name) or (f"{r.board.local_authority} Safeguarding Children Board"
                                        if r.board.local_authority else None)
    period = f" for {r.period}" if r.period else ""
    what = f"the {board} annual report{period}" if board else f"a safeguarding children board's annual report{period}"
    where = safe_text(r.meeting.committee) or "a council meeting"
    when = f" on {format_date(r.meeting.date, NOT_STATED)}" if r.meeting.date else ""
    return f"Minutes of {where}{when} about {what}."


def meeting_preview(r: Report) -> MeetingPreview:
    """One extracted report in plain English; minutes text masked and tidied."""
    theme_labels, metric_labels = _label_maps()
    council = r.board.local_authority
    facts = (
        ("Board", safe_text(r.board.name) or NOT_FOUND),
        ("Council", f"{council} ({r.board.la_code})" if council and r.board.la_code
         else council or NOT_FOUND),
        ("Period", r.period or NOT_STATED),
        ("Committee", safe_text(r.meeting.committee) or NOT_STATED),
        ("Meeting date", format_date(r.meeting.date, NOT_STATED)),
        ("Presented by", safe_text(r.meeting.presenter_role) or NOT_STATED),
        ("Serious case reviews", NOT_STATED if r.scr_count is None else str(r.scr_count)),
    )
    labels: list[str] = []
    for t in r.themes:
        label = theme_labels.get(t.code, t.code)
        if label not in labels:
            labels.append(label)
    return MeetingPreview(
        is_board_report=r.is_board_report,
        summary=_summary(r),
        facts=facts,
        themes=tuple(labels),
        figures=tuple((metric_labels.get(m.name, m.name), safe_text(m.text), safe_text(m.evidence.sentence))
                      for m in r.metrics),
        concerns=tuple((theme_labels.get(c.code, c.code), safe_text(c.raised_by) or NOT_STATED,
                        safe_text(c.evidence.sentence)) for c in r.concerns),
        actions=tuple((vocabulary_labels('action_kinds').get(a.kind, a.kind), safe_text(a.text)) for a in r.actions),
        problems=tuple(r.problems),
        council_missing=r.board.local_authority is None,
        period_missing=r.period is None,
    )


def preview(name: str, data: bytes, hints: SourceHints | None = None) -> Preview:
    """Read and extract one upload without saving it; explain in plain English if it cannot be used.

    ``hints`` are the council and period someone chose for a file whose text never says them."""
    data = bytes(data)
    stored = safe_name(name)
    base = {"name": name, "stored_name": stored, "size": len(data)}
    try:
        doc = read_bytes(data, stored)  # the readers' limits first, the same as ingest --add and the build
        meetings = tuple(meeting_preview(r) for r in extract_document(doc, hints))
    except UnusableDocument as e:
        return Preview(**base, usable=False, reason=_sentence(e.reason))
    except MemoryError:
        return Preview(**base, usable=False, reason=_sentence(OUT_OF_MEMORY))
    if not meetings:
        return Preview(**base, usable=False, reason="No minutes text was found in the file.")
    if not any(m.is_board_report for m in meetings):
        return Preview(**base, usable=False, reason=meetings[0].summary, meetings=meetings)
    return Preview(**base, usable=True, meetings=meetings)


def _sentence(reason: str) -> str:
    """
    >>> _sentence("the file is empty")
    'The file is empty.'
    """
    reason = reason.strip()
    return (reason[:1].upper() + reason[1:]).rstrip(".") + "."


def already_stored(data: bytes, folder: Path) -> Path | None:
    """The file in ``folder`` holding exactly these bytes, if any (as save_upload decides)."""
    if not folder.is_dir():
        return None
    digest = None
    for existing in sorted(folder.iterdir()):
        if existing.is_file() and not existing.name.startswith(".") and existing.stat().st_size == len(data):
            digest = digest or hashlib.sha256(data).hexdigest()
            if hashlib.sha256(existing.read_bytes()).hexdigest() == digest:
                return existing
    return None


def _save(name: str, data: bytes, folder: Path, result: SaveResult) -> None:
    try:
        saved = save_upload(name, bytes(data), folder)
    except UploadRefused as e:
        result.refused.append((name, _sentence(e.reason)))
        return
    except OSError as e:
        result.refused.append((name, f"It could not be written to the minutes folder: {e.strerror or e}."))
        return
    result.stored[name] = (saved.duplicate_of or saved.path).name
    result.saved.append((name, f"already stored as {saved.duplicate_of.name}: not saved again" if saved.duplicate_of
                         else f"saved as {saved.path.name}"))


def _record_hints(hints: dict[str, SourceHints], folder: Path, result: SaveResult) -> None:
    """Write the chosen council and period of each stored file to the sidecar."""
    for name, hint in hints.items():
        if name in result.stored and (hint.council or hint.period):
            save_hint(folder, result.stored[name], council=hint.council, period=hint.period,
                      source_url=hint.url, meeting_date=hint.meeting_date)
            result.hinted += 1


def _sort_by_outcome(result: SaveResult) -> None:
    """Keep as "saved" only the files the build used; the others are "left out", with the reason."""
    outcomes = {Path(o.path).name: o for o in result.summary.outcomes}
    kept = []
    for name, message in result.saved:
        o = outcomes.get(result.stored.get(name, ""))
        if o is not None and o.outcome in ("not_board", "unusable"):
            result.left_out.append((name, f"stored as {result.stored[name]}, but the build left it out: "
                                          f"{o.message}."))
        else:
            kept.append((name, message))
    result.saved = kept


def save_and_rebuild(uploads: Iterable[tuple[str, bytes]], folder: Path, db_path: Path,
                     root: Path | None = None, hints: dict[str, SourceHints] | None = None) -> SaveResult:
    """Save each (name, bytes) in ``folder``, record ``hints`` (by uploaded name) in its sources.csv,
    then rebuild ``db_path`` from the folder.

    A refused file is reported and skipped; files already stored are reported as such, and when
    nothing new was saved or recorded the existing database is left as it is. After the build, a
    file it left out is reported as left out, with the reason, never as saved. When the build fails,
    ``build_error`` says why and the previous database is still in place.
    """
    result = SaveResult()
    for name, data in uploads:
        _save(name, data, folder, result)
    _record_hints(hints or {}, folder, result)
    if result.new_files == 0 and not result.hinted and Path(db_path).exists():
        return result  # nothing new: the database already holds these files
    try:  # waits for another build of the same database (another session, or `ingest`) to finish
        result.summary = build_database([folder], db_path, root=root)
    except BuildFailed as e:
        result.build_error = str(e)
        return result
    _sort_by_outcome(result)
    return result
