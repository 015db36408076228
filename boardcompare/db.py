"""Plain (non-Streamlit) access to the built database: read-only, parameters bound.

The dashboard's cached layer is :mod:`boardcompare.data_access`; briefings, queries and the
command line use these functions directly.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from boardcompare.build.summaries import write_summaries
from boardcompare.errors import BoardcompareError
from boardcompare.paths import SQL_DIR, default_db_path

STORE = "store"  # the name the database file is attached under in read-only connections


class DatabaseMissing(BoardcompareError):
    """The database file has not been built yet."""


class DatabaseOutdated(BoardcompareError):
    """The database file was built from another layout of tables and views than this code's."""


@cache
def layout_version() -> str:
    """A short hash of schema.sql, summaries.sql and views.sql: what a database's tables and views look like.

    Every build stores it in ``build_info``; a database whose stamp differs was made by another
    version of boardcompare, and its views may lack columns this code reads.
    """
    h = hashlib.sha256()
    for name in ("schema.sql", "summaries.sql", "views.sql"):
        h.update((SQL_DIR / name).read_bytes() + b"\0")
    return h.hexdigest()[:16]


def check_layout(con: duckdb.DuckDBPyConnection, path: str | Path) -> None:
    """DatabaseOutdated, with what to do, when the database at ``path`` has another layout than this code's."""
    try:
        row = con.execute("SELECT value FROM build_info WHERE key = 'layout_version'").fetchone()
    except duckdb.Error:
        row = None
    if row is None or row[0] != layout_version():
        raise DatabaseOutdated(
            f"The database {path} was built by another version of boardcompare and does not match this one: "
            "rebuild it with `boardcompare ingest` (or `make run`)."
        )


def require_database(path: str | Path) -> Path:
    """``path`` as a Path when the database file is there; DatabaseMissing, with what to do, when not."""
    path = Path(path)
    if not path.exists():
        raise DatabaseMissing(
            f"The database {path} has not been built yet: run `boardcompare ingest` (or `make run`)."
        )
    return path


def connect(path: str | Path | None = None, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """Open the database; read-only unless asked otherwise.

    A read-only connection is a private in-memory DuckDB with the file attached: DuckDB shares one
    instance per path within a process, so a plain ``duckdb.connect(path)`` made while another
    connection is open would keep reading a file that a rebuild has since replaced.
    """
    path = Path(path) if path else default_db_path()
    if not read_only:
        return duckdb.connect(str(path))
    require_database(path)
    con = duckdb.connect(":memory:")
    literal = str(path).replace("'", "''")  # ATTACH takes no bound parameters; the path is ours, not user input
    con.execute(f"ATTACH '{literal}' AS {STORE} (READ_ONLY)")
    con.execute(f"USE {STORE}")
    try:
        check_layout(con, path)
    except DatabaseOutdated:
        con.close()
        raise
    return con


def query_df(sql: str, params: dict | None = None, path: str | Path | None = None) -> pd.DataFrame:
    """Run one read-only query with named parameters ($name) bound, never formatted in."""
    with connect(path) as con:
        return con.execute(sql, params or {}).df()


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the base tables, the (empty) summary tables and the views on an empty database."""
    con.execute((SQL_DIR / "schema.sql").read_text())
    write_summaries(con)
    con.execute("INSERT INTO build_info VALUES ('layout_version', ?)", [layout_version()])
