"""The dashboard's only door to the database: read-only, parameters bound, results cached.

Cache entries are keyed on the database file's identity (inode, size, modification time), so
a rebuilt database, swapped in atomically by `boardcompare ingest`, is picked up on the next
rerun without restarting the dashboard. This is the only module that uses Streamlit caching.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from boardcompare import db
from boardcompare.paths import default_db_path


def database_version(path: str | Path | None = None) -> tuple:
    """Identity of the current database file; changes whenever a build is swapped in."""
    path = Path(path) if path else default_db_path()
    try:
        st_ = os.stat(path)
    except FileNotFoundError:
        return (str(path), None)
    return (str(path), st_.st_ino, st_.st_size, st_.st_mtime_ns)


@st.cache_resource(show_spinner=False, max_entries=2)
def _connection(version: tuple) -> duckdb.DuckDBPyConnection:
    """One read-only connection per database build (opening one costs ~40 ms, a cursor ~2 ms).

    It holds the build's file open, so it keeps answering from that build while a rebuild swaps
    in another; the next rerun sees a new version and gets a new connection.
    """
    return db.connect(version[0])


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(sql: str, params: tuple, version: tuple) -> pd.DataFrame:
    bound = {k: list(v) if isinstance(v, tuple) else v for k, v in params}
    with _connection(version).cursor() as cur:  # a cursor per query: safe across sessions' threads
        cur.execute(f"USE {db.STORE}")
        return cur.execute(sql, bound).df()


def cached_query(sql: str, params: dict | None = None) -> pd.DataFrame:
    """Run a read-only query with named parameters; results are cached per database build."""
    items = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in (params or {}).items()))
    result = _cached(sql, items, database_version())
    return result.copy()
