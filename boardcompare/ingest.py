"""Build the DuckDB store from minutes files: incremental, atomic, one build at a time.

A build is deterministic (files in sorted order, ids from content hashes), idempotent (the
same inputs give the same rows; the same bytes under two names are stored once) and atomic:
it writes a new file beside the database, runs the checks of sql/checks.sql on it, and only
then swaps it in (:mod:`boardcompare.build.swap`), so a failed or interrupted build leaves
the last good database in place and a running dashboard keeps reading.

It is incremental: a file whose bytes, reading (its format and its line in sources.csv) and
extractor (:func:`boardcompare.build.version.extractor_version`) are those of a document in the
current database keeps that document's rows, copied with the database; only the others are read
and extracted, and documents whose files are gone lose their rows. The tables hold the same rows
whether a database was built at once or in steps; ``full=True`` (``ingest --full``) reads
everything again. Builds of one database are serialised across processes by a lock file beside
it (:mod:`boardcompare.build.lock`), and a build never swaps in a result older than the inputs
of the database it would replace.
"""

from __future__ import annotations

import csv
import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path

import duckdb
import pandas as pd

from boardcompare import db
from boardcompare.authorities import load_authorities
from boardcompare.build.derived import update_search_index, write_boards, write_document_list
from boardcompare.build.lock import BuildBusy, build_lock
from boardcompare.build.summaries import write_summaries
from boardcompare.build.swap import BuildFailed, new_database, remove_abandoned_builds, run_checks
from boardcompare.build.version import extractor_version
from boardcompare.build.writer import Writer, slug
from boardcompare.extract import SourceHints, extract_document, too_long
from boardcompare.models import Report
from boardcompare.paths import PACKAGE_DIR, SQL_DIR, VOCAB_DIR
from boardcompare.readers import FORMATS, MAX_FILE_BYTES, UnusableDocument, read_document
from boardcompare.search import index_terms
from boardcompare.sources import SIDECAR, load_sidecar

__all__ = ["BuildBusy", "BuildFailed", "BuildSummary", "FileOutcome", "build_database", "collect_files",
           "is_input_name", "is_stale", "newest_input_mtime", "remove_abandoned_builds", "run_checks", "slug"]

IGNORED_NAMES = {SIDECAR, "README.md", "README.txt", ".gitkeep"}
#: Below this many files to read, a build reads them in this process rather than start workers: starting
#: two workers costs about 2.5 CPU-seconds (each imports the extraction), about 170 files' extraction.
POOL_MINIMUM = 200
DERIVED_TABLES = ("ingest_log", "build_info")


@dataclass
class FileOutcome:
    """What the build did with one input file."""

    path: str
    outcome: str  # used, duplicate, not_board, unusable
    message: str
    document_id: str | None = None


@dataclass
class BuildSummary:
    """What a build did: one outcome per file, how many were read again or kept, how long it took."""

    db_path: Path
    outcomes: list[FileOutcome] = field(default_factory=list)
    seconds: float = 0.0
    n_reports: int = 0
    kind: str = "full"  # or "incremental"
    n_read: int = 0  # files read and extracted
    n_kept: int = 0  # documents whose rows were kept from the previous database

    def count(self, outcome: str) -> int:
        """How many files had this outcome."""
        return sum(o.outcome == outcome for o in self.outcomes)

    @property
    def problems(self) -> list[FileOutcome]:
        """The files that could not be used or are not about a board."""
        return [o for o in self.outcomes if o.outcome in ("unusable", "not_board")]

    def text(self) -> str:
        """One line for the terminal or the page."""
        how = (f"{self.kind} build: {self.n_read} files read, {self.n_kept} unchanged documents kept"
               if self.kind == "incremental" else f"full build: {self.n_read} files read")
        return (f"{len(self.outcomes)} files: {self.count('used')} used, {self.count('duplicate')} duplicates "
                f"stored once, {self.count('not_board')} not about a board, {self.count('unusable')} unusable; "
                f"{self.n_reports} reports in {self.db_path} ({how}; {self.seconds:.1f} s)")


def is_input_name(name: str) -> bool:
    """Whether the build reads a file of this name in a minutes folder (README files, the sidecar and
    hidden files are left alone).

    >>> is_input_name("README.txt"), is_input_name("minutes_README.txt"), is_input_name(".draft.txt")
    (False, True, False)
    """
    return name not in IGNORED_NAMES and not name.startswith(".")


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], list[FileOutcome]]:
    """The input files in a stable order, and the named paths that cannot be used at all."""
    files: list[Path] = []
    bad: list[FileOutcome] = []
    for p in paths:
        if p.is_dir():
            files += [f for f in sorted(p.rglob("*")) if f.is_file() and is_input_name(f.name)]
        elif p.is_file():
            files.append(p)
        else:
            bad.append(FileOutcome(str(p), "unusable", "no such file or folder"))
    seen: set[Path] = set()
    unique = []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, bad


def newest_input_mtime(paths: Iterable[Path]) -> float:
    """The newest modification time among the inputs and the code and vocabularies they go through."""
    files, _ = collect_files(paths)
    extra = [*VOCAB_DIR.glob("*.csv"), *SQL_DIR.glob("*.sql"), *PACKAGE_DIR.glob("extract/*.py"),
             *PACKAGE_DIR.glob("readers/*.py"), *PACKAGE_DIR.glob("build/*.py"), PACKAGE_DIR / "ingest.py"]
    return max((f.stat().st_mtime for f in [*files, *extra] if f.exists()), default=0.0)


def is_stale(db_path: Path, paths: Iterable[Path]) -> bool:
    """Whether the database is missing or older than any of its inputs, code or vocabularies."""
    return not db_path.exists() or db_path.stat().st_mtime < newest_input_mtime(paths)


# --------------------------------------------------------------------------------------------
# The inputs and what the previous database holds


@dataclass(frozen=True)
class Input:
    """One file to build from: where it is, how it is shown, its sidecar line and its content's hash."""

    path: str
    display: str
    hints: SourceHints | None
    content_hash: str | None  # None when it cannot be hashed cheaply: the reader will say why

    @property
    def format(self) -> str | None:
        """txt, html, pdf or docx, from the suffix (None: unsupported)."""
        return FORMATS.get(Path(self.path).suffix.lower())

    @property
    def hints_key(self) -> str:
        """The sidecar's line as stored in document_builds ('' when none applies)."""
        h = self.hints
        return "|".join(x or "" for x in (h.council, h.url, h.meeting_date)) if h else ""


def _content_hash(path: Path) -> str | None:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _inputs(files: list[Path], root: Path | None) -> list[Input]:
    sidecars: dict[Path, dict[str, SourceHints]] = {}
    out = []
    for f in files:
        if f.parent not in sidecars:
            sidecars[f.parent] = load_sidecar(f.parent)
        display = str(f.relative_to(root)) if root and f.is_relative_to(root) else str(f)
        out.append(Input(str(f), display, sidecars[f.parent].get(f.name), _content_hash(f)))
    return out


@dataclass
class Previous:
    """The current database, when its rows can be reused: its documents and how each was read."""

    path: Path
    documents: dict[str, tuple[str, str, str, str, str]]  # id -> format, hints, outcome, message, path
    unsorted_terms: int


def _previous(db_path: Path, version: str) -> Previous | None:
    """The current database if it was built by this extractor and can be copied as it is, else None."""
    if not db_path.exists() or Path(f"{db_path}.wal").exists():
        return None
    try:
        with db.connect(db_path) as con:
            info = dict(con.execute("SELECT key, value FROM build_info").fetchall())
            if info.get("extractor_version") != version:
                return None
            rows = con.execute("SELECT d.document_id, d.format, b.hints, b.outcome, b.message, d.source_path "
                               "FROM documents d JOIN document_builds b USING (document_id)").fetchall()
    except (duckdb.Error, db.DatabaseOutdated):
        return None  # an older layout, or not a database: build it all again
    return Previous(db_path, {r[0]: tuple(r[1:]) for r in rows}, int(info.get("search_unsorted_terms", 0)))


def _plan(inputs: list[Input], prev: Previous | None) -> tuple[list[bool], set[str]]:
    """Which inputs keep their previous rows, and the previous documents whose rows go.

    An input is kept when it is the first with its content and the previous database holds that
    content read the same way (format and sidecar line).
    """
    keep, kept_ids, firsts = [], set(), set()
    for i in inputs:
        doc_id = i.content_hash[:16] if i.content_hash else None
        old = prev.documents.get(doc_id) if prev and doc_id else None
        reuse = old is not None and doc_id not in firsts and old[:2] == (i.format, i.hints_key)
        firsts.add(doc_id)
        keep.append(reuse)
        if reuse:
            kept_ids.add(doc_id)
    dropped = set(prev.documents) - kept_ids if prev else set()
    return keep, dropped


# --------------------------------------------------------------------------------------------
# Reading and classifying


@dataclass
class Result:
    """What reading one file gave: the document and its reports, or the reason it cannot be used."""

    display: str
    doc: object | None = None
    reports: list[Report] = field(default_factory=list)
    error: str | None = None
    terms: tuple | None = None


def _process(item: Input) -> Result:
    """Worker: read and extract one file, and count its words for the search index."""
    try:
        doc = read_document(item.path)
    except UnusableDocument as e:
        return Result(item.display, error=e.reason)
    reason = too_long(doc)
    if reason:
        return Result(item.display, error=reason)
    # running out of memory is not the file's fault: it stops the build, and the database in place stays
    return Result(item.display, doc, extract_document(doc, item.hints), terms=index_terms(doc.text))


def _classify(display: str, doc_id: str, reports: list[Report]) -> FileOutcome:
    """Used, or not about a board (and why), from a stored document's reports."""
    board_reports = [r for r in reports if r.is_board_report]
    if not board_reports:
        why = "; ".join(reports[0].problems) if reports else "no text"
        return FileOutcome(display, "not_board", why, doc_id)
    if all(r.board.local_authority is None for r in board_reports):
        return FileOutcome(display, "not_board", board_reports[0].problems[0], doc_id)
    return FileOutcome(display, "used", "", doc_id)


def _extracted(items: list[Input], workers: int, progress) -> Iterator[Result]:
    """The results of reading ``items``, in order, from worker processes when there are enough."""
    if workers > 1 and len(items) >= POOL_MINIMUM:
        with get_context("spawn").Pool(workers) as pool:
            results = pool.imap(_process, items, chunksize=8)
            yield from (progress(results, len(items)) if progress else results)
            pool.close()
            pool.join()
    else:
        results = map(_process, items)
        yield from (progress(results, len(items)) if progress else results)


class _Reading:
    """Goes through the inputs in order, keeping or storing each document and recording every outcome."""

    def __init__(self, writer: Writer, prev: Previous | None, summary: BuildSummary):
        self.writer, self.prev, self.summary = writer, prev, summary
        self.seen: dict[str, str] = {}  # content hash -> the display name it is stored under
        self.order: list[str] = []  # stored documents, in the order read
        self.renamed: list[tuple[str, str, str]] = []  # (source_path, file_name, document_id) of kept ones

    def keep(self, item: Input) -> None:
        """A document whose rows stay: only its name may have changed."""
        doc_id = item.content_hash[:16]
        _, _, outcome, message, old_path = self.prev.documents[doc_id]
        self.seen[item.content_hash] = item.display
        self.order.append(doc_id)
        if old_path != item.display:
            self.renamed.append((item.display, Path(item.display).name, doc_id))
        self.summary.outcomes.append(FileOutcome(item.display, outcome, message, doc_id))
        self.summary.n_kept += 1

    def store(self, item: Input, result: Result) -> None:
        """A file read now: unusable, a duplicate, or a new document."""
        out = self.summary.outcomes
        doc = result.doc
        if doc is None:
            out.append(FileOutcome(item.display, "unusable", result.error))
        elif doc.content_hash in self.seen:
            out.append(FileOutcome(item.display, "duplicate",
                                   f"same content as {self.seen[doc.content_hash]}: stored once",
                                   doc.content_hash[:16]))
        else:
            doc_id = doc.content_hash[:16]
            self.seen[doc.content_hash] = item.display
            self.order.append(doc_id)
            outcome = _classify(item.display, doc_id, result.reports)
            self.writer.add(doc_id, item.display, doc, result.reports, item.hints.url if item.hints else None,
                            {"hints": item.hints_key, "outcome": outcome.outcome,
                             "message": outcome.message or "used"}, result.terms)
            out.append(outcome)


def _drop(con: duckdb.DuckDBPyConnection, ids: set[str]) -> None:
    """Remove every row of these documents (files gone, changed, or read again)."""
    if not ids:
        return
    dropped = pd.DataFrame({"document_id": sorted(ids)})  # noqa: F841 (read by DuckDB below)
    con.execute("CREATE TEMP TABLE dropped AS SELECT * FROM dropped")
    for table in ("theme_mentions", "metrics", "concerns", "actions"):
        con.execute(f"DELETE FROM {table} WHERE report_id IN (SELECT report_id FROM reports "
                    "WHERE document_id IN (SELECT document_id FROM temp.dropped))")
    for table in ("reports", "document_builds", "search_terms", "search_documents", "documents"):
        con.execute(f"DELETE FROM {table} WHERE document_id IN (SELECT document_id FROM temp.dropped)")
    con.execute("DROP TABLE temp.dropped")


def _load_vocabularies(con: duckdb.DuckDBPyConnection) -> None:
    """The vocabulary tables, from boardcompare/vocab (one insert per table: executemany is slow in DuckDB)."""
    for name, table in (("themes.csv", "theme_taxonomy"), ("metrics.csv", "metric_catalogue"),
                        ("concern_kinds.csv", "concern_kinds"), ("action_kinds.csv", "action_kinds")):
        columns = [c[0] for c in con.execute(f"SELECT * FROM {table} LIMIT 0").description]
        with open(VOCAB_DIR / name, newline="", encoding="utf-8") as f:  # an empty cell is NULL
            frame = pd.DataFrame([{c: r[c] or None for c in columns} for r in csv.DictReader(f)], columns=columns)  # noqa: F841
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM frame")
    frame = pd.DataFrame(  # noqa: F841 (read by DuckDB below)
        [(a.name, a.ons_code, a.region, a.la_type, "|".join(a.aliases) or None, a.valid_to)
         for a in load_authorities()],
        columns=["name", "ons_code", "region", "la_type", "aliases", "valid_to"], dtype=object)
    con.execute("INSERT INTO local_authorities BY NAME SELECT * FROM frame")


def _not_older(db_path: Path, listed_at: int, con: duckdb.DuckDBPyConnection) -> None:
    """Refuse to swap in a build whose inputs were listed before those of the database it would replace."""
    if not db_path.exists():
        return
    try:
        with db.connect(db_path) as current:
            row = current.execute("SELECT value FROM build_info WHERE key = 'inputs_listed_at'").fetchone()
    except (duckdb.Error, db.DatabaseOutdated):
        return
    if row and int(row[0]) > listed_at:
        raise BuildFailed(f"a build that read the minutes later has already replaced {db_path}; this one, "
                          "older, was not swapped in")


def _finish(con: duckdb.DuckDBPyConnection, reading: _Reading, prev: Previous | None, paths: list[Path],
            listed_at: int, version: str) -> int:
    """Write the tables derived from all the rows, the build log and the build's own facts."""
    summary = reading.summary
    reading.writer.flush()
    if reading.renamed:
        con.executemany("UPDATE documents SET source_path = ?, file_name = ? WHERE document_id = ?",
                        reading.renamed)
    unsorted = update_search_index(con, prev.unsorted_terms if prev else 0)
    write_boards(con, reading.order)
    write_document_list(con)
    write_summaries(con)
    summary.n_reports = con.execute("SELECT count(*) FROM reports").fetchone()[0]
    for table in DERIVED_TABLES:
        con.execute(f"DELETE FROM {table}")
    log = pd.DataFrame([(o.path, o.outcome, o.message or "used", o.document_id) for o in summary.outcomes],  # noqa: F841
                       columns=["path", "outcome", "message", "document_id"], dtype=object)
    con.execute("INSERT INTO ingest_log BY NAME SELECT * FROM log")
    info = pd.DataFrame([  # noqa: F841 (read by DuckDB below)
        ("built_at", datetime.now(UTC).isoformat(timespec="seconds")),
        ("n_files", str(len(summary.outcomes))),
        ("n_reports", str(summary.n_reports)),
        ("inputs", "; ".join(str(p) for p in paths)),
        ("build", f"{summary.kind}: {summary.n_read} files read, {summary.n_kept} documents kept"),
        ("extractor_version", version),
        ("layout_version", db.layout_version()),
        ("inputs_listed_at", str(listed_at)),
        ("search_unsorted_terms", str(unsorted)),
    ], columns=["key", "value"])
    con.execute("INSERT INTO build_info BY NAME SELECT * FROM info")
    return unsorted


def _build(paths: list[Path], db_path: Path, workers: int, root: Path | None, progress, full: bool) -> BuildSummary:
    listed_at = time.time_ns()
    files, bad = collect_files(paths)
    inputs = _inputs(files, root)
    version = extractor_version()
    prev = None if full else _previous(db_path, version)
    keep, dropped = _plan(inputs, prev)
    summary = BuildSummary(db_path, list(bad), kind="incremental" if prev else "full")
    to_read = [i for i, k in zip(inputs, keep, strict=True) if not k]
    summary.n_read = len(to_read)
    with new_database(db_path, copy_of=prev.path if prev else None,
                      before_swap=lambda con: _not_older(db_path, listed_at, con)) as con:
        if prev is None:
            db.create_schema(con)
            _load_vocabularies(con)
        _drop(con, dropped)
        reading = _Reading(Writer(con), prev, summary)
        results = _extracted(to_read, workers, progress)
        for item, k in zip(inputs, keep, strict=True):
            if k:
                reading.keep(item)
            else:
                reading.store(item, next(results))
        _finish(con, reading, prev, paths, listed_at, version)
    return summary


def build_database(paths: list[Path], db_path: Path, workers: int = 1, root: Path | None = None,
                   progress: Callable[[Iterable, int], Iterable] | None = None, full: bool = False,
                   wait: bool = True, on_wait: Callable[[str], None] | None = None) -> BuildSummary:
    """Build the database at ``db_path`` from ``paths``: incrementally unless ``full``, then swap it in.

    Waits for another build of the same database to finish (telling ``on_wait`` which process has
    it), or raises :class:`BuildBusy` when ``wait`` is false. ``progress(results, total)`` wraps the
    files being read, e.g. in a progress bar.
    """
    started = time.perf_counter()
    db_path = Path(db_path)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BuildFailed(f"cannot create the folder {db_path.parent}: {e.strerror}") from e
    with build_lock(db_path, wait=wait, on_wait=on_wait):
        remove_abandoned_builds(db_path)
        summary = _build(list(paths), db_path, workers, root, progress, full)
    summary.seconds = time.perf_counter() - started
    return summary
