"""What would be extracted from an uploaded file, in plain English, before it is saved.

No Streamlit here: the Add minutes page (boardcompare.ui.add_minutes_page) only shows what
these functions return, so the whole flow is testable without a browser.

* :func:`preview` reads an upload and extracts it, or explains why it cannot be used;
* :func:`already_stored` says whether the same bytes are already in the minutes folder;
* :func:`save_and_rebuild` saves usable files with :func:`boardcompare.uploads.save_upload` and
  rebuilds the database with :func:`boardcompare.ingest.build_database` (atomic: a failed build
  leaves the previous database in place).

Everything taken from the minutes passes through :func:`boardcompare.display_text.safe_text`,
so e-mail addresses and phone numbers are masked before they reach the screen.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from boardcompare.display_text import safe_text
from boardcompare.errors import OUT_OF_MEMORY
from boardcompare.extract import extract_document
from boardcompare.extract.vocabulary import metric_defs, themes
from boardcompare.ingest import BuildFailed, BuildSummary, build_database
from boardcompare.models import Report
from boardcompare.readers import UnusableDocument, read_bytes
from boardcompare.uploads import UploadRefused, safe_name, save_upload

NOT_STATED = "not stated"
NOT_FOUND = "not found"

ACTION_LABELS = {
    "noted": "Noted",
    "further_information": "Further information asked for",
    "attend": "Asked to attend",
    "recommendation": "Recommendation",
    "other": "Other decision",
}


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


@dataclass
class SaveResult:
    """What "Save and rebuild" did: one line per file, then the build's summary or its failure."""

    saved: list[tuple[str, str]] = field(default_factory=list)  # (uploaded name, message)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (uploaded name, reason)
    summary: BuildSummary | None = None
    build_error: str | None = None

    @property
    def new_files(self) -> int:
        return sum(not message.startswith("already stored") for _, message in self.saved)


def _label_maps() -> tuple[dict[str, str], dict[str, str]]:
    return {t.code: t.label for t in themes()}, {m.name: m.label for m in metric_defs()}


def long_date(iso: str | None) -> str:
    """
    >>> long_date("2017-11-04")
    '4 November 2017'
    >>> long_date(None)
    'not stated'
    """
    if not iso:
        return NOT_STATED
    try:
        d = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d.day} {d:%B %Y}"


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
    if not r.is_board_report:
        return _not_board_reason(r.problems[0] if r.problems else None)
    board = safe_text(r.board.name) or (f"{r.board.local_authority} board" if r.board.local_authority
                                        else "a safeguarding children board")
    what = f"the {board} annual report for {r.period}" if r.period else f"a report of the {board}"
    where = safe_text(r.meeting.committee) or "a council meeting"
    when = f" on {long_date(r.meeting.date)}" if r.meeting.date else ""
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
        ("Meeting date", long_date(r.meeting.date)),
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
        actions=tuple((ACTION_LABELS.get(a.kind, a.kind), safe_text(a.text)) for a in r.actions),
        problems=tuple(r.problems),
    )


def preview(name: str, data: bytes) -> Preview:
    """Read and extract one upload without saving it; explain in plain English if it cannot be used."""
    data = bytes(data)
    stored = safe_name(name)
    base = {"name": name, "stored_name": stored, "size": len(data)}
    try:
        doc = read_bytes(data, stored)  # the readers' limits first, the same as ingest --add and the build
        meetings = tuple(meeting_preview(r) for r in extract_document(doc))
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


def save_and_rebuild(uploads: Iterable[tuple[str, bytes]], folder: Path, db_path: Path,
                     root: Path | None = None) -> SaveResult:
    """Save each (name, bytes) in ``folder``, then rebuild ``db_path`` from the folder.

    A refused file is reported and skipped; files already stored are reported as such, and when
    nothing new was saved the existing database is left as it is. When the
    build fails, ``build_error`` says why and the previous database is still in place.
    """
    result = SaveResult()
    for name, data in uploads:
        try:
            saved = save_upload(name, bytes(data), folder)
        except UploadRefused as e:
            result.refused.append((name, _sentence(e.reason)))
            continue
        except OSError as e:
            result.refused.append((name, f"It could not be written to {folder}: {e.strerror or e}."))
            continue
        message = (f"already stored as {saved.duplicate_of.name}: not saved again" if saved.duplicate_of
                   else f"saved as {saved.path.name}")
        result.saved.append((name, message))
    if result.new_files == 0 and Path(db_path).exists():
        return result  # nothing new: the database already holds these files
    try:  # waits for another build of the same database (another session, or `ingest`) to finish
        result.summary = build_database([folder], db_path, root=root)
    except BuildFailed as e:
        result.build_error = str(e)
    return result
