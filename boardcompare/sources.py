"""The optional sidecar data/minutes/sources.csv: file, council, source address, meeting date, committee,
period.

It supplies what the text of a file never says (usually the council, sometimes the period);
extraction from the text stays the default. The ``committee`` and ``period`` columns came later:
files without them are read as before, and the writers add them (empty for the old rows) the first
time they write. Columns they do not know are kept as they are. :func:`add_sources` adds rows for
new files (fetch); :func:`save_hint` adds or updates one file's row (the Add minutes page, when
someone names the council or period an upload never gives).
"""

from __future__ import annotations

import csv
import fcntl
import io
import os
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

from boardcompare.errors import BoardcompareError
from boardcompare.extract import SourceHints

SIDECAR = "sources.csv"
REQUIRED = ("file", "council", "source_url", "meeting_date")
COLUMNS = (*REQUIRED, "committee")
OPTIONAL = ("period",)  # written only for a file that needs it (save_hint)


class SidecarError(BoardcompareError):
    """A sources.csv that cannot be used; the message names the file."""


def load_sidecar(folder: Path) -> dict[str, SourceHints]:
    """Hints by file name from ``folder/sources.csv``; empty when there is no sidecar."""
    path = folder / SIDECAR
    if not path.exists():
        return {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        missing = [c for c in ("file",) if c not in (reader.fieldnames or [])]
        if missing:
            raise SidecarError(f"the header must name the column 'file' (columns: {', '.join(COLUMNS)})",
                               subject=str(path))
        return {
            row["file"].strip(): SourceHints(
                council=(row.get("council") or "").strip() or None,
                url=(row.get("source_url") or "").strip() or None,
                meeting_date=(row.get("meeting_date") or "").strip() or None,
                period=(row.get("period") or "").strip() or None,
            )
            for row in reader
            if (row.get("file") or "").strip()
        }


@contextmanager
def _locked(folder: Path):
    """One writer of the sidecar at a time (the command line and the dashboard may both add rows)."""
    with open(folder / f".{SIDECAR}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def add_sources(folder: Path, rows: Iterable[dict[str, str]]) -> int:
    """Add a row per file not yet in ``folder/sources.csv``; rows already there are never changed.

    Each row is a dict of some of :data:`COLUMNS` (``file`` is required). Returns how many rows
    were added. The file is rewritten whole and swapped in, so it is never left half-written.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / SIDECAR
    with _locked(folder):
        header, old_rows = _read_all(path)
        header += [c for c in COLUMNS if c not in header]
        known = {(r.get("file") or "").strip() for r in old_rows}
        new_rows = []
        for row in rows:
            name = (row.get("file") or "").strip()
            if name and name not in known:
                known.add(name)
                new_rows.append({c: row.get(c) or "" for c in header})
        if not new_rows:
            return 0
        _write_all(path, header, [*old_rows, *new_rows])
    return len(new_rows)


def save_hint(folder: Path, file: str, **values: str | None) -> Path:
    """Record what the text of ``file`` does not say (``council=``, ``period=``, ``source_url=``,
    ``meeting_date=``, ``committee=``) in ``folder/sources.csv``: its row is added, or its given
    columns updated; other rows and columns are kept, and the file is swapped in whole."""
    unknown = set(values) - set(COLUMNS) - set(OPTIONAL)
    if unknown:
        raise ValueError(f"sources.csv has no column {', '.join(sorted(unknown))}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / SIDECAR
    with _locked(folder):
        header, rows = _read_all(path)
        header += [c for c in (*COLUMNS, *(k for k, v in values.items() if v)) if c not in header]
        row = next((r for r in rows if (r.get("file") or "").strip() == file), None)
        if row is None:
            row = {"file": file}
            rows.append(row)
        row.update({k: v or "" for k, v in values.items() if v})
        _write_all(path, header, rows)
    return path


def _write_all(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n", extrasaction="ignore", restval="")
    writer.writeheader()
    writer.writerows(rows)
    tmp = path.with_name(f".{SIDECAR}.{os.getpid()}.part")
    tmp.write_text(out.getvalue(), encoding="utf-8")
    os.replace(tmp, path)


def _read_all(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    if not path.exists():
        return [], []
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        if "file" not in (reader.fieldnames or []):
            raise SidecarError(f"the header must name the column 'file' (columns: {', '.join(COLUMNS)}); "
                               "fix it before rows can be added (it was left as it is)", subject=str(path))
        return list(reader.fieldnames or []), [dict(r) for r in reader]
