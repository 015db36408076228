"""`boardcompare sql "SELECT ..."`: one read-only statement from the terminal, through sqlguard."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from boardcompare import sqlguard
from boardcompare.display import write_csv

FORMATS = ("table", "csv")


def sql_command(
    statement: str,
    db_path: str | Path | None = None,
    out: TextIO | None = None,
    fmt: str = "table",
    err: TextIO | None = None,
    row_cap: int = sqlguard.DEFAULT_ROW_CAP,
    timeout_s: float = sqlguard.DEFAULT_TIMEOUT_S,
) -> int:
    """Print the result of one read-only SELECT; return 0.

    Raises sqlguard.RefusedSQL (exit status 2), sqlguard.QueryFailed or db.DatabaseMissing (1):
    :func:`boardcompare.cli.main` words them. In CSV the truncation note goes to ``err`` so the
    CSV itself stays clean.
    """
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {', '.join(FORMATS)}, not {fmt!r}")
    result = sqlguard.run_readonly(statement, db_path=db_path, row_cap=row_cap, timeout_s=timeout_s)
    note = f"(truncated at {row_cap} rows)" if result.truncated else None
    if fmt == "csv":
        write_csv(result.df, out)  # no cell is a live spreadsheet formula
        if note:
            print(note, file=err)
        return 0
    if result.df.empty:
        print(f"(no rows; columns: {', '.join(map(str, result.df.columns))})", file=out)
    else:
        print(result.df.to_string(index=False), file=out)
    if note:
        print(note, file=out)
    return 0
