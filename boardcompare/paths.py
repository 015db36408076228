"""Where things live. The database path can be overridden with BOARDCOMPARE_DB."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
SQL_DIR = PACKAGE_DIR / "sql"
VOCAB_DIR = PACKAGE_DIR / "vocab"


def data_dir() -> Path:
    """The data folder: ``BOARDCOMPARE_DATA``, else ``data/`` in the project."""
    return Path(os.environ.get("BOARDCOMPARE_DATA", PROJECT_DIR / "data"))


def minutes_dir() -> Path:
    """The folder of minutes files the database is built from."""
    return data_dir() / "minutes"


def default_db_path() -> Path:
    """The database file: ``BOARDCOMPARE_DB``, else ``boardcompare.duckdb`` in the data folder."""
    env = os.environ.get("BOARDCOMPARE_DB")
    return Path(env) if env else data_dir() / "boardcompare.duckdb"


def queries_dir() -> Path:
    """The folder of query files: ``BOARDCOMPARE_QUERIES``, else ``queries/`` in the project."""
    return Path(os.environ.get("BOARDCOMPARE_QUERIES", PROJECT_DIR / "queries"))
