"""The extractor's version: a hash of everything a document's rows depend on besides its bytes.

An incremental build reuses a document's rows only when this is unchanged; a change to the
extraction code, a vocabulary, the readers, the row layout, the schema or a library the readers
and extraction use makes the next build a full one.
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

from boardcompare.paths import PACKAGE_DIR

#: Files (relative to the package) whose contents the extracted rows depend on. Not the views or the
#: summary tables: every build, incremental too, makes them again (build/summaries.py).
SOURCES = ("extract/*.py", "vocab/*.csv", "readers/*.py", "build/writer.py", "ingest.py", "search.py", "models.py",
           "authorities.py", "sql/schema.sql")
#: Libraries whose behaviour the extracted rows depend on.
LIBRARIES = ("duckdb", "pypdf", "python-docx", "beautifulsoup4", "lxml", "number-parser", "rapidfuzz")


def _library_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "none"


def extractor_version(package_dir: Path = PACKAGE_DIR) -> str:
    """A short hash of the source files and library versions the extraction reads (about 1 MB to read)."""
    h = hashlib.sha256()
    for pattern in SOURCES:
        for path in sorted(package_dir.glob(pattern)):
            h.update(path.relative_to(package_dir).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in LIBRARIES:
        h.update(f"{name}={_library_version(name)}\0".encode())
    return h.hexdigest()[:16]
