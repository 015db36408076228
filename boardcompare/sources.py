"""The optional sidecar data/minutes/sources.csv: file, council, source address, meeting date.

It supplies what the text of a file never says (usually the council); extraction from the
text stays the default.
"""

from __future__ import annotations

import csv
from pathlib import Path

from boardcompare.errors import BoardcompareError
from boardcompare.extract import SourceHints

SIDECAR = "sources.csv"
COLUMNS = ("file", "council", "source_url", "meeting_date")


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
            )
            for row in reader
            if (row.get("file") or "").strip()
        }
