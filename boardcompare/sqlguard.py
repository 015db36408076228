"""Run ONE read-only SQL statement typed by a person, safely.

Used by the free SQL box on the Queries page, by `boardcompare sql` and by the query files.
Five layers, each enough on its own for the common cases, together for the rest:

1. DuckDB parses the text (``duckdb.extract_statements``): exactly one statement, and it must be
   of the SELECT type (``WITH ... SELECT``, ``FROM t``, ``DESCRIBE``, ``SHOW``, ``VALUES`` count).
   Writes, COPY, EXPORT, ATTACH, INSTALL, LOAD, SET, PRAGMA, CALL... are refused by name.
2. DuckDB's parse tree of the statement (``json_serialize_sql``) is walked for the tables and
   table functions it reads: functions that read files or URLs, a file name where a table goes
   (``FROM 'minutes.csv'``), SQL run from a string (``query()``) and the catalogue functions that
   show the database's path are refused with a plain message. Names elsewhere (a column alias
   such as ``"minutes.txt"``, a string, ``extract(year FROM ...)``) are not tables and are fine.
3. The statement runs in a private, in-memory DuckDB instance to which the database file is
   attached READ_ONLY; before the user's SQL runs, external access is disabled, extension
   auto-install/auto-load and Python replacement scans are switched off and the configuration
   is locked so it cannot be undone. The instance lives in a process of its own (below), whose
   home folder is a neutral one, so settings show no user's folder.
4. That process (:mod:`boardcompare.sqlworker`) is limited in address space (``memory_bytes``),
   and it is ended when the time limit passes, DuckDB's threads with it.
5. A row cap (at most ``row_cap + 1`` rows are fetched; the extra one only flags truncation) and
   a byte cap on the result: the calling process (the dashboard) never receives more than
   ``result_bytes``, so its memory stays flat whatever the statement does.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from boardcompare.db import require_database
from boardcompare.errors import BoardcompareError
from boardcompare.paths import default_db_path

DEFAULT_ROW_CAP = 5000
DEFAULT_TIMEOUT_S = 10.0
DEFAULT_MEMORY_BYTES = 2 * 1024**3  # the worker process's whole address space (DuckDB itself takes ~1.2 GB of it)
DEFAULT_RESULT_BYTES = 32 * 1024**2  # the result as handed to the dashboard
MAX_SQL_CHARS = 100_000
CATALOG = "boardcompare"  # name the attached database goes by inside the private instance

# Settings applied, in this order, before any user SQL runs. lock_configuration must be last.
LOCKDOWN_SETTINGS = (
    "SET autoinstall_known_extensions = false",
    "SET autoload_known_extensions = false",
    "SET allow_community_extensions = false",
    "SET python_enable_replacements = false",
    "SET enable_external_access = false",
    "SET lock_configuration = true",
)
RESOURCE_SETTINGS = (
    "SET threads = 2",
    "SET memory_limit = '512MB'",
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

# Tables and table functions (by name, any case) that are refused although DuckDB would run them.
_READS_FILES = re.compile(
    r"""
    read_\w+               # read_csv, read_csv_auto, read_text, read_blob, read_parquet, read_json...
    | glob
    | parquet_\w+          # parquet_scan, parquet_metadata, parquet_schema, parquet_file_metadata
    | sniff_csv
    | (?:iceberg|delta)_\w+
    | (?:sqlite|postgres|mysql)_\w+
    """,
    re.VERBOSE | re.IGNORECASE,
)
_RUNS_SQL_TEXT = {"query", "query_table"}  # the SQL inside a string cannot be checked
# The database file's absolute path (the list of databases; the settings allowed_paths and
# allowed_directories, which a locked instance fills in), whether as a table, a table function or a call.
_SHOWS_PATHS = {"duckdb_databases", "pragma_database_list", "duckdb_settings", "current_setting"}
_TABLE_NAME = re.compile(r"\w+")  # a table or view; anything else where a table goes is a file or URL
FILES_REFUSED = "Reading files is not allowed here: query the tables and views of the database"


class SQLError(BoardcompareError):
    """A statement was refused or failed; ``str(err)`` is a plain message for the reader."""


class RefusedSQL(SQLError):
    """The statement is not allowed here (not a single read-only SELECT, too slow, too big)."""

    code = 2


class QueryFailed(SQLError):
    """The statement was allowed but DuckDB could not run it (a typo, an unknown column...)."""


@dataclass
class ReadonlyResult:
    """A read-only statement's result, with whether the row cap cut it short."""

    df: pd.DataFrame
    truncated: bool  # more than row_cap rows: only the first row_cap are in df


@dataclass(frozen=True)
class Limits:
    """What one statement may take: rows and bytes of result, seconds, memory of its process."""

    row_cap: int = DEFAULT_ROW_CAP
    timeout_s: float = DEFAULT_TIMEOUT_S
    memory_bytes: int = DEFAULT_MEMORY_BYTES
    result_bytes: int = DEFAULT_RESULT_BYTES

    def too_slow(self) -> RefusedSQL:
        """The error for a statement stopped at the time limit."""
        return RefusedSQL(f"The query ran longer than {self.timeout_s:g} s and was stopped")

    def too_big(self) -> RefusedSQL:
        """The error for a result over the size limit."""
        return RefusedSQL(f"The result is larger than {_size(self.result_bytes)}, the most this box shows: "
                          "choose fewer or shorter columns, or fewer rows")

    def too_hungry(self) -> RefusedSQL:
        """The error for a statement stopped at the memory limit."""
        return RefusedSQL(f"The query needed more than the {_size(self.memory_bytes)} of memory this box allows "
                          "and was stopped: count, filter or LIMIT what it reads")


def limits_text(limits: Limits | None = None) -> str:
    """What the SQL box allows, in one sentence for the page and the command line's help.

    >>> limits_text()
    'One read-only SELECT at a time: at most 5,000 rows and 32 MB of result, 2 GB of memory, 10 seconds.'
    """
    limits = limits or Limits()
    return (f"One read-only SELECT at a time: at most {limits.row_cap:,} rows and {_size(limits.result_bytes)} "
            f"of result, {_size(limits.memory_bytes)} of memory, {limits.timeout_s:g} seconds.")


def _size(n: int) -> str:
    """
    >>> _size(2 * 1024**3), _size(32 * 1024**2)
    ('2 GB', '32 MB')
    """
    return f"{n / 1024**3:g} GB" if n >= 1024**3 else f"{n / 1024**2:g} MB"


def check_statement(sql: str) -> duckdb.Statement:
    """Refuse anything but exactly one SELECT-type statement reading only the database; return its parse.

    >>> check_statement("WITH a AS (SELECT 1) SELECT * FROM a").type
    StatementType.SELECT
    """
    if len(sql) > MAX_SQL_CHARS:
        raise RefusedSQL(f"The statement is {len(sql):,} characters long; at most {MAX_SQL_CHARS:,} are read")
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
    for kind, name in tables_read(sql):
        _check_source(kind, name)
    return statement


def _check_source(kind: str, name: str) -> None:
    low = name.lower()
    if low in _SHOWS_PATHS:
        raise RefusedSQL(f"{name} is not available here: it shows folders of the machine the database is kept on")
    if kind == "function" and low in _RUNS_SQL_TEXT:
        raise RefusedSQL(f"{name}() is not allowed here: write the SQL itself, not a string holding it")
    if (kind == "function" and _READS_FILES.fullmatch(name)) or (kind == "table" and not _TABLE_NAME.fullmatch(name)):
        raise RefusedSQL(FILES_REFUSED)


def tables_read(sql: str) -> list[tuple[str, str]]:
    """What one SELECT reads and calls, from DuckDB's own parse tree, in the order written.

    ("table", name) for a table or view, ("function", name) for a table function and ("call", name)
    for any function called (a table function's own call included).

    >>> tables_read("SELECT 1 AS \\"minutes.txt\\" FROM boards JOIN read_csv('x.csv') USING (a)")
    [('table', 'boards'), ('function', 'read_csv'), ('call', 'read_csv')]
    >>> tables_read("SELECT extract(year FROM '2019-04-01'::DATE) AS y")
    [('call', 'date_part')]
    """
    with _parser().cursor() as cur:
        tree = json.loads(cur.execute("SELECT json_serialize_sql($sql)", {"sql": sql}).fetchone()[0])
    if tree.get("error"):
        raise QueryFailed(f"DuckDB could not read this SQL: {tree.get('error_message', '').strip()}")
    return list(_sources(tree["statements"]))


@functools.cache
def _parser() -> duckdb.DuckDBPyConnection:
    """An empty in-memory DuckDB that only parses (a new instance costs ~50 ms; a cursor on it ~1 ms)."""
    return duckdb.connect(":memory:")


def _sources(node: object) -> Iterator[tuple[str, str]]:
    """Every table reference in a parse tree (depth first, in the order written)."""
    if isinstance(node, list):
        for item in node:
            yield from _sources(item)
        return
    if not isinstance(node, dict):
        return
    if node.get("type") == "BASE_TABLE":
        yield "table", node.get("table_name", "")
    elif node.get("type") == "TABLE_FUNCTION" and isinstance(node.get("function"), dict):
        yield "function", node["function"].get("function_name", "")
    elif node.get("class") == "FUNCTION":
        yield "call", node.get("function_name", "")
    for value in node.values():
        yield from _sources(value)


def _first_line(err: BaseException) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__


def open_sandbox(db_path: Path) -> duckdb.DuckDBPyConnection:
    """A fresh in-memory instance with the database attached read-only and the settings locked."""
    require_database(db_path)
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


def explain_error(err: duckdb.Error, limits: Limits) -> SQLError:
    """DuckDB's error for a statement that was allowed, in plain words."""
    if isinstance(err, duckdb.PermissionException):
        return RefusedSQL("Reading files is not allowed here, nor the network: "
                          "query the tables and views of the database")
    if isinstance(err, duckdb.OutOfMemoryException):
        return limits.too_hungry()
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
    memory_bytes: int = DEFAULT_MEMORY_BYTES,
    result_bytes: int = DEFAULT_RESULT_BYTES,
) -> ReadonlyResult:
    """Run one read-only SELECT with named parameters ($name) bound, in a process of its own.

    At most ``row_cap`` rows and ``result_bytes`` of result come back; the process may use
    ``memory_bytes`` of address space and ``timeout_s`` seconds. Raises RefusedSQL (not allowed,
    too slow, too big, too much memory), QueryFailed (DuckDB error) or db.DatabaseMissing.
    """
    from boardcompare import sqlworker  # the worker imports this module

    check_statement(sql)
    db_path = require_database(db_path or default_db_path()).resolve()
    return sqlworker.run(sql, params, db_path, Limits(row_cap, timeout_s, memory_bytes, result_bytes))
