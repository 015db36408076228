"""Build the DuckDB store from minutes files.

A build is deterministic (files in sorted order, ids from content hashes), idempotent (the
same inputs give the same rows; the same bytes under two names are stored once) and atomic:
it writes a new file beside the database, runs the checks of sql/checks.sql on it, and only
then swaps it in with os.replace, so a failed or interrupted build leaves the last good
database in place and a running dashboard keeps reading. Extraction runs in worker
processes (``workers``); rows are written in batches, so memory stays bounded.
"""

from __future__ import annotations

import csv
import os
import re
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path

import duckdb
import pandas as pd

from boardcompare.authorities import load_authorities
from boardcompare.db import create_schema
from boardcompare.errors import OUT_OF_MEMORY, BoardcompareError
from boardcompare.extract import SourceHints, extract_document, too_long
from boardcompare.models import Report
from boardcompare.paths import PACKAGE_DIR, SQL_DIR, VOCAB_DIR
from boardcompare.readers import UnusableDocument, read_document
from boardcompare.sources import SIDECAR, load_sidecar

BATCH_DOCUMENTS = 500
IGNORED_NAMES = {SIDECAR, "README.md", "README.txt", ".gitkeep"}


class BuildFailed(BoardcompareError):
    """The new database failed its checks or could not be written; the old one is untouched."""


@dataclass
class FileOutcome:
    path: str
    outcome: str  # used, duplicate, not_board, unusable
    message: str
    document_id: str | None = None


@dataclass
class BuildSummary:
    db_path: Path
    outcomes: list[FileOutcome] = field(default_factory=list)
    seconds: float = 0.0
    n_reports: int = 0

    def count(self, outcome: str) -> int:
        return sum(o.outcome == outcome for o in self.outcomes)

    @property
    def problems(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.outcome in ("unusable", "not_board")]

    def text(self) -> str:
        return (f"{len(self.outcomes)} files: {self.count('used')} used, {self.count('duplicate')} duplicates "
                f"stored once, {self.count('not_board')} not about a board, {self.count('unusable')} unusable; "
                f"{self.n_reports} reports in {self.db_path} ({self.seconds:.1f} s)")


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
            for f in sorted(p.rglob("*")):
                if f.is_file() and is_input_name(f.name):
                    files.append(f)
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
             *PACKAGE_DIR.glob("readers/*.py"), PACKAGE_DIR / "ingest.py"]
    return max((f.stat().st_mtime for f in [*files, *extra] if f.exists()), default=0.0)


def is_stale(db_path: Path, paths: Iterable[Path]) -> bool:
    return not db_path.exists() or db_path.stat().st_mtime < newest_input_mtime(paths)


def _process(item: tuple[str, str, SourceHints | None]):
    """Worker: read and extract one file. Returns (path, document or None, reports, error)."""
    path, display, hints = item
    try:
        doc = read_document(path)
    except UnusableDocument as e:
        return display, None, [], e.reason
    reason = too_long(doc)
    if reason:
        return display, None, [], reason
    try:
        return display, doc, extract_document(doc, hints), None
    except MemoryError:
        return display, None, [], OUT_OF_MEMORY


def _items(files: list[Path], root: Path | None) -> Iterator[tuple[str, str, SourceHints | None]]:
    sidecars: dict[Path, dict[str, SourceHints]] = {}
    for f in files:
        folder = f.parent
        if folder not in sidecars:
            sidecars[folder] = load_sidecar(folder)
        display = str(f.relative_to(root)) if root and f.is_relative_to(root) else str(f)
        yield str(f), display, sidecars[folder].get(f.name)


def slug(name: str) -> str:
    """
    >>> slug("Bath and North East Somerset")
    'bath-and-north-east-somerset'
    """
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


class _Writer:
    """Collects rows and writes them to the new database in batches."""

    TABLES = ("documents", "reports", "theme_mentions", "metrics", "concerns", "actions")

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        self.rows: dict[str, list[tuple]] = {t: [] for t in self.TABLES}
        self.boards: dict[str, tuple[str, str]] = {}  # board_id -> (authority, name) of the latest report
        self.board_period: dict[str, str] = {}
        self.n_reports = 0
        self.pending = 0

    def add(self, display: str, doc, reports: list[Report], hints: SourceHints | None) -> str:
        doc_id = doc.content_hash[:16]
        is_board = any(r.is_board_report for r in reports)
        self.rows["documents"].append((doc_id, doc.content_hash, display, Path(display).name, doc.format,
                                       len(doc.text), doc.text, hints.url if hints else None, is_board))
        for r in reports:
            self._add_report(doc_id, doc, r)
        self.pending += 1
        if self.pending >= BATCH_DOCUMENTS:
            self.flush()
        return doc_id

    def _add_report(self, doc_id: str, doc, r: Report) -> None:
        report_id = f"{doc_id}-{r.section_index}"
        section = doc.sections[r.section_index]
        usable = r.is_board_report and r.board.local_authority is not None
        board_id = slug(r.board.local_authority) if r.board.local_authority else None
        if usable:
            period = r.period or ""
            if board_id not in self.boards or period >= self.board_period.get(board_id, ""):
                self.boards[board_id] = (r.board.local_authority, r.board.name or
                                         f"{r.board.local_authority} Safeguarding Children Board")
                self.board_period[board_id] = period
        ev = r.scr_evidence
        self.rows["reports"].append((
            report_id, doc_id, r.section_index, section.start, section.end, usable, board_id, r.board.name,
            r.board.kind, r.period, int(r.period[:4]) if r.period else None, r.period_inferred,
            r.meeting.committee, r.meeting.date,
            r.meeting.presenter_role, r.meeting.presenter_name, r.scr_count,
            ev.sentence if ev else None, ev.start if ev else None, ev.end if ev else None,
            "; ".join(r.problems) or None,
        ))
        self.n_reports += 1
        seen = set()
        for t in r.themes:
            key = (t.code, t.evidence.start)
            if key not in seen:
                seen.add(key)
                self.rows["theme_mentions"].append((report_id, t.code, t.matched, t.evidence.sentence,
                                                    t.evidence.start, t.evidence.end))
        for i, m in enumerate(r.metrics):
            self.rows["metrics"].append((report_id, i, m.name, m.value, m.unit, m.text, m.qualifier,
                                         m.value_high, m.as_of, m.evidence.sentence, m.evidence.start, m.evidence.end))
        for i, c in enumerate(r.concerns):
            self.rows["concerns"].append((report_id, i, c.code, c.kind, c.raised_by, c.evidence.sentence,
                                          c.evidence.start, c.evidence.end))
        for i, a in enumerate(r.actions):
            self.rows["actions"].append((report_id, i, a.kind, a.text, a.evidence.sentence,
                                         a.evidence.start, a.evidence.end))

    def flush(self) -> None:
        for table, rows in self.rows.items():
            if rows:
                columns = [c[0] for c in self.con.execute(f"SELECT * FROM {table} LIMIT 0").description]
                frame = pd.DataFrame(rows, columns=columns, dtype=object)  # noqa: F841 (read by DuckDB)
                self.con.execute(f"INSERT INTO {table} SELECT * FROM frame")
                rows.clear()
        self.pending = 0

    def finish(self) -> None:
        self.flush()
        authorities = {a.name: a for a in load_authorities()}
        for board_id, (authority, name) in sorted(self.boards.items()):
            a = authorities[authority]
            self.con.execute("INSERT INTO boards VALUES (?, ?, ?, ?, ?)",
                             [board_id, authority, a.ons_code, a.region, name])


def _load_vocabularies(con: duckdb.DuckDBPyConnection) -> None:
    for name, table, cols in (("themes.csv", "theme_taxonomy", ("code", "label", "description")),
                              ("metrics.csv", "metric_catalogue", ("name", "label", "unit", "description")),
                              ("concern_kinds.csv", "concern_kinds", ("code", "label", "description"))):
        with open(VOCAB_DIR / name, newline="", encoding="utf-8") as f:
            rows = [tuple(r[c] for c in cols) for r in csv.DictReader(f)]
        con.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(cols))})", rows)
    con.executemany(
        "INSERT INTO local_authorities VALUES (?, ?, ?, ?, ?, ?)",
        [(a.name, a.ons_code, a.region, a.la_type, "|".join(a.aliases) or None, a.valid_to)
         for a in load_authorities()],
    )


def run_checks(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The failed checks of sql/checks.sql, each with a few offending rows."""
    failures = []
    for block in re.split(r"^-- check: ", (SQL_DIR / "checks.sql").read_text(), flags=re.M)[1:]:
        name, _, body = block.partition("\n")
        sql = "\n".join(line for line in body.splitlines() if not line.lstrip().startswith("--")).strip()
        rows = con.execute(f"SELECT * FROM ({sql.rstrip(';')}) LIMIT 3").fetchall()
        if rows:
            failures.append(f"{name.strip()}: e.g. {rows}")
    return failures


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_abandoned_builds(db_path: Path) -> list[Path]:
    """Delete the build files of earlier builds whose process is gone (killed mid-build)."""
    removed = []
    for f in db_path.parent.glob(f".{db_path.name}.building-*"):
        m = re.match(rf"\.{re.escape(db_path.name)}\.building-(\d+)-", f.name)
        if m and not _alive(int(m.group(1))):
            f.unlink(missing_ok=True)
            removed.append(f)
    return removed


def build_database(paths: list[Path], db_path: Path, workers: int = 1, root: Path | None = None,
                   progress: Callable[[Iterable], Iterable] | None = None) -> BuildSummary:
    """Build a new database from ``paths`` and swap it in at ``db_path``."""
    started = time.perf_counter()
    db_path = Path(db_path)
    files, bad = collect_files(paths)
    summary = BuildSummary(db_path, list(bad))
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BuildFailed(f"cannot create the folder {db_path.parent}: {e.strerror}") from e
    remove_abandoned_builds(db_path)
    tmp = db_path.with_name(f".{db_path.name}.building-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        con = duckdb.connect(str(tmp))
    except (duckdb.Error, OSError) as e:
        raise BuildFailed(f"cannot write a new database beside {db_path}: {e}") from e
    try:
        create_schema(con)
        _load_vocabularies(con)
        writer = _Writer(con)
        items = list(_items(files, root))
        hints_by_path = {display: hints for _, display, hints in items}
        seen_hashes: dict[str, str] = {}
        if workers > 1:
            pool = get_context("spawn").Pool(workers)
            results = pool.imap(_process, items, chunksize=8)
        else:
            pool = None
            results = map(_process, items)
        try:
            for display, doc, reports, error in (progress(results) if progress else results):
                if doc is None:
                    summary.outcomes.append(FileOutcome(display, "unusable", error))
                elif doc.content_hash in seen_hashes:
                    summary.outcomes.append(FileOutcome(
                        display, "duplicate", f"same content as {seen_hashes[doc.content_hash]}: stored once",
                        doc.content_hash[:16]))
                else:
                    seen_hashes[doc.content_hash] = display
                    doc_id = writer.add(display, doc, reports, hints_by_path.get(display))
                    board_reports = [r for r in reports if r.is_board_report]
                    if not board_reports:
                        why = "; ".join(reports[0].problems) if reports else "no text"
                        summary.outcomes.append(FileOutcome(display, "not_board", why, doc_id))
                    elif all(r.board.local_authority is None for r in board_reports):
                        summary.outcomes.append(FileOutcome(display, "not_board", board_reports[0].problems[0],
                                                            doc_id))
                    else:
                        summary.outcomes.append(FileOutcome(display, "used", "", doc_id))
        finally:
            if pool is not None:
                pool.close()
                pool.join()
        writer.finish()
        con.executemany("INSERT INTO ingest_log VALUES (?, ?, ?, ?)",
                        [(o.path, o.outcome, o.message or "used", o.document_id) for o in summary.outcomes])
        summary.n_reports = writer.n_reports
        con.executemany("INSERT INTO build_info VALUES (?, ?)", [
            ("built_at", datetime.now(UTC).isoformat(timespec="seconds")),
            ("n_files", str(len(summary.outcomes))),
            ("n_reports", str(writer.n_reports)),
            ("inputs", "; ".join(str(p) for p in paths)),
        ])
        failures = run_checks(con)
        if failures:
            raise BuildFailed("the new database failed its checks, so the previous one was kept: "
                              + " | ".join(failures))
        con.execute("CHECKPOINT")
        con.close()
        os.replace(tmp, db_path)
    except BaseException as e:
        con.close()
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}.wal").unlink(missing_ok=True)
        if isinstance(e, (OSError, duckdb.IOException)):
            reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e).splitlines()[0]
            raise BuildFailed(f"could not write the new database beside {db_path} ({reason}), "
                              f"so the previous one was kept") from e
        raise
    summary.seconds = time.perf_counter() - started
    return summary
