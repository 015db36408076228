"""Where things live. The database path can be overridden with BOARDCOMPARE_DB."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
SQL_DIR = PACKAGE_DIR / "sql"
VOCAB_DIR = PACKAGE_DIR / "vocab"


def data_dir() -> Path:
    return Path(os.environ.get("BOARDCOMPARE_DATA", PROJECT_DIR / "data"))


def minutes_dir() -> Path:
    return data_dir() / "minutes"


def default_db_path() -> Path:
    env = os.environ.get("BOARDCOMPARE_DB")
    return Path(env) if env else data_dir() / "boardcompare.duckdb"


def queries_dir() -> Path:
    return Path(os.environ.get("BOARDCOMPARE_QUERIES", PROJECT_DIR / "queries"))
