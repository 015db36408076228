"""The summary tables the views read, written by every build from the base tables (sql/summaries.sql).

A view such as ``v_theme_evidence`` used to join every theme mention to its report, document and
board each time a page read it; at 100,000 reports that took seconds. The build now writes each
view's rows once, in an order that keeps what a filter reads together, and the views read those
tables. Everything is recomputed from the base tables on every build, full or incremental, so a
database built in steps holds the same rows as one built at once.

>>> [s.table for s in summaries()][:3]
['report_rows', 'theme_rows', 'theme_coverage']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import duckdb

from boardcompare.paths import SQL_DIR

_BLOCK = re.compile(
    r"""
    ^--\ table:\ (?P<table>\w+)\s*\n      # the table's name
    --\ order:\ (?P<order>[\w ,]+)\s*\n   # the columns it is sorted by
    (?P<body>.*?)                          # its comment and SELECT, up to the next block or the end
    (?=^--\ table:|\Z)
    """,
    re.MULTILINE | re.DOTALL | re.VERBOSE,
)


@dataclass(frozen=True)
class Summary:
    """One summary table: its name, the SELECT that fills it, and the order its rows are written in."""

    table: str
    select: str
    order: str

    def create_sql(self) -> str:
        """The statement that (re)writes the table from the base tables."""
        return f"CREATE OR REPLACE TABLE {self.table} AS\nSELECT * FROM (\n{self.select}\n) ORDER BY {self.order}"


@cache
def summaries() -> tuple[Summary, ...]:
    """The summary tables of sql/summaries.sql, in the order they must be written."""
    text = (SQL_DIR / "summaries.sql").read_text()
    out = []
    for m in _BLOCK.finditer(text):
        lines = [line for line in m["body"].splitlines() if not line.lstrip().startswith("--")]
        out.append(Summary(m["table"], "\n".join(lines).strip().rstrip(";"), m["order"].strip()))
    return tuple(out)


SUMMARY_TABLES = tuple(s.table for s in summaries())


def write_summaries(con: duckdb.DuckDBPyConnection) -> None:
    """Write every summary table from the base tables, then (re)create the views that read them.

    The views are made again on every build so that a database carried over by an incremental build
    gets the views of the code that built it.
    """
    for s in summaries():
        con.execute(s.create_sql())
    con.execute((SQL_DIR / "views.sql").read_text())
