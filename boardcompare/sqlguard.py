"""Run ONE read-only SQL statement typed by a person, safely.

Used by the free SQL box on the Queries page, by `boardcompare sql` and by the query files.
Four layers, each enough on its own for the common cases, together for the rest:

1. DuckDB parses the text (``duckdb.extract_statements``): exactly one statement, and it must be
   of the SELECT type (``WITH ... SELECT``, ``FROM t``, ``DESCRIBE``, ``SHOW``, ``VALUES`` count).
   Writes, COPY, EXPORT, ATTACH, INSTALL, LOAD, SET, PRAGMA, CALL... are refused by name.
2. A short denylist of table functions and table literals that read files or URLs, so those get
   a plain message before DuckDB is even asked. (URLs in ordinary strings are fine: a query may
   well filter on ``source_url LIKE 'https://%'``.)
3. The statement runs in a private, in-memory DuckDB instance to which the database file is
   attached READ_ONLY; before the user's SQL runs, external access is disabled, extension
   auto-install/auto-load is switched off and the configuration is locked so it cannot be undone.
   A private instance matters: DuckDB shares one instance between all connections to the same
   file in a process, so these settings (and the lock) would otherwise leak into the
   dashboard's other connections.
4. A time limit (the query runs in a thread; ``interrupt()`` after ``timeout_s``) and a row cap
   (at most ``row_cap + 1`` rows are fetched; the extra one only flags truncation).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from boardcompare.db import DatabaseMissing
from boardcompare.errors import BoardcompareError
from boardcompare.paths import default_db_path

DEFAULT_ROW_CAP = 5000
DEFAULT_TIMEOUT_S = 10.0
CATALOG = "boardcompare"  # name the attached database goes by inside the private instance

# Settings applied, in this order, before any user SQL runs. lock_configuration must be last.
LOCKDOWN_SETTINGS = (
    "SET autoinstall_known_extensions = false",
    "SET autoload_known_extensions = false",
    "SET allow_community_extensions = false",
    "SET enable_external_access = false",
    "SET lock_configuration = true",
)
RESOURCE_SETTINGS = (
    "SET threads = 2",
    "SET memory_limit = '1GB'",
)

_ST = duckdb.StatementType
# Plain words for statement types that are refused (anything not SELECT).
_REFUSED_KIND = {
    _ST.INSERT: "This console only reads: INSERT statements are not allowed",
    _ST.UPDATE: "This console only reads: UPDATE statements are not allowed",
    _ST.DELETE: "This console only reads: DELETE statements are not allowed",
    _ST.CREATE: "This console only reads: CREATE statements are not allowed",
    _ST.DROP: "This console only reads: DROP statements are not allowed",
    _ST.ALTER: "This console only reads: ALTER statements are not allowed",
    _ST.COPY: "This console only reads: COPY is not allowed (it reads or writes files)",
    _ST.EXPORT: "This console only reads: EXPORT DATABASE is not allowed (it writes files)",
    _ST.ATTACH: "Attaching other databases is not allowed here",
    _ST.DETACH: "Detaching databases is not allowed here",
    _ST.LOAD: "Installing or loading extensions is not allowed here",
    _ST.SET: "Changing settings (SET, RESET, USE) is not allowed here",
    _ST.PRAGMA: "PRAGMA statements are not allowed here",
    _ST.CALL: "CALL statements are not allowed here: use SELECT * FROM the_function() instead",
    _ST.TRANSACTION: "Transactions (BEGIN, COMMIT, ROLLBACK) are not allowed here",
    _ST.EXPLAIN: "EXPLAIN is not allowed here: run the SELECT itself",
    _ST.MULTI: "This statement expands into several statements (a PIVOT without an IN list does): "
               "name the columns, e.g. PIVOT t ON period IN ('2016-17', '2017-18') USING count(*)",
}

_FILE_FUNCTIONS = re.compile(
    r"""
    \b(?:
        read_\w+            # read_csv, read_csv_auto, read_text, read_blob, read_parquet, read_json...
      | glob
      | parquet_\w+         # parquet_scan, parquet_metadata, parquet_schema, parquet_file_metadata
      | sniff_csv
      | (?:iceberg|delta)_\w+
      | sqlite_\w+ | postgres_\w+ | mysql_\w+
    )
    \s*\(                   # called as a function
    """,
    re.VERBOSE | re.IGNORECASE,
)
_FILE_AS_TABLE = re.compile(
    r"""
    \b(?:FROM|JOIN)\s*\(?\s*'     # a string literal where a table goes: FROM 'minutes.csv'
    | "[^"]*\.(?:csv|tsv|txt|parquet|json|jsonl|ndjson|xlsx|gz|zst|duckdb|db|sqlite)"
                                  # a quoted identifier naming a file: FROM "minutes.csv"
    """,
    re.VERBOSE | re.IGNORECASE,
)
class SQLError(BoardcompareError):
    """A statement was refused or failed; ``str(err)`` is a plain message for the reader."""


class RefusedSQL(SQLError):
    """The statement is not allowed here (not a single read-only SELECT, or too slow)."""

    code = 2


class QueryFailed(SQLError):
    """The statement was allowed but DuckDB could not run it (a typo, an unknown column...)."""


@dataclass
class ReadonlyResult:
    df: pd.DataFrame
    truncated: bool  # more than row_cap rows: only the first row_cap are in df


def check_statement(sql: str) -> duckdb.Statement:
    """Refuse anything but exactly one SELECT-type statement; return DuckDB's parse of it.

    >>> check_statement("WITH a AS (SELECT 1) SELECT * FROM a").type
    StatementType.SELECT
    """
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as err:
        raise QueryFailed(f"DuckDB could not read this SQL: {_first_line(err)}") from err
    if not statements:
        raise RefusedSQL("There is no statement to run: write one SELECT statement")
    if len(statements) > 1:
        raise RefusedSQL(f"Only one statement can be run at a time (found {len(statements)})")
    statement = statements[0]
    if statement.type != _ST.SELECT:
        raise RefusedSQL(_REFUSED_KIND.get(
            statement.type, f"This console only runs SELECT statements, not {statement.type.name}"))
    if _FILE_FUNCTIONS.search(sql) or _FILE_AS_TABLE.search(sql):
        raise RefusedSQL("Reading files is not allowed here: query the tables and views of the database")
    return statement


def _first_line(err: BaseException) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__


def _open_private(db_path: Path) -> duckdb.DuckDBPyConnection:
    """A fresh in-memory instance with the database attached read-only and the settings locked."""
    if not db_path.exists():
        raise DatabaseMissing(
            f"The database {db_path} has not been built yet: run `boardcompare ingest` (or `make run`)."
        )
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH $path AS {CATALOG} (READ_ONLY)", {"path": str(db_path)})
        con.execute(f"USE {CATALOG}")
        for statement in RESOURCE_SETTINGS + LOCKDOWN_SETTINGS:
            con.execute(statement)
    except BaseException:
        con.close()
        raise
    return con


def _fetch(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None, row_cap: int) -> ReadonlyResult:
    result = con.execute(sql, params) if params else con.execute(sql)
    chunks: list[pd.DataFrame] = []
    n = 0
    while n <= row_cap:
        chunk = result.fetch_df_chunk(1)
        if chunk.empty:
            if not chunks:
                chunks.append(chunk)  # keeps the column names of an empty result
            break
        chunks.append(chunk)
        n += len(chunk)
    df = pd.concat(chunks, ignore_index=True) if len(chunks) > 1 else chunks[0]
    truncated = len(df) > row_cap
    return ReadonlyResult(df.iloc[:row_cap].reset_index(drop=True) if truncated else df, truncated)


def _explain_error(err: duckdb.Error) -> SQLError:
    if isinstance(err, duckdb.PermissionException):
        return RefusedSQL("Reading files is not allowed here, nor the network: "
                          "query the tables and views of the database")
    if isinstance(err, duckdb.InvalidInputException) and "read-only" in str(err):
        return RefusedSQL("This console only reads: the database cannot be changed")
    if isinstance(err, duckdb.InvalidInputException) and "configuration has been locked" in str(err):
        return RefusedSQL("Changing settings is not allowed here")
    return QueryFailed(f"DuckDB could not run this query: {_first_line(err)}")


def run_readonly(
    sql: str,
    params: dict | None = None,
    db_path: str | Path | None = None,
    row_cap: int = DEFAULT_ROW_CAP,
    timeout_s: float = DEFAULT_TIMEOUT_S,
) -> ReadonlyResult:
    """Run one read-only SELECT with named parameters ($name) bound; at most ``row_cap`` rows.

    Raises RefusedSQL (not allowed, or longer than ``timeout_s``), QueryFailed (DuckDB error)
    or db.DatabaseMissing.
    """
    check_statement(sql)
    con = _open_private(Path(db_path) if db_path else default_db_path())
    outcome: dict = {}

    def work() -> None:
        try:
            outcome["result"] = _fetch(con, sql, params, row_cap)
        except Exception as err:  # handed to the calling thread, raised there
            outcome["error"] = err

    worker = threading.Thread(target=work, name="sqlguard-query", daemon=True)
    worker.start()
    worker.join(timeout_s)
    if worker.is_alive():
        con.interrupt()
        worker.join(5.0)
        if not worker.is_alive():
            con.close()
        raise RefusedSQL(f"The query ran longer than {timeout_s:g} s and was stopped")
    con.close()
    err = outcome.get("error")
    if isinstance(err, duckdb.Error):
        raise _explain_error(err) from err
    if err is not None:
        raise err
    return outcome["result"]
