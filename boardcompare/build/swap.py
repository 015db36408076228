"""The new database file: written beside the old one, checked, then swapped in atomically.

:func:`new_database` is a context manager. Inside it the caller writes into a new file (empty,
or a copy of the current database for an incremental build); when the block ends normally the
checks of sql/checks.sql run, the file is checkpointed and ``os.replace`` swaps it in. When the
block raises, or a check fails, the new file is removed and the database in place is untouched,
so a failed or interrupted build leaves the last good database and a running dashboard keeps
reading it.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

from boardcompare.errors import BoardcompareError
from boardcompare.paths import SQL_DIR


class BuildFailed(BoardcompareError):
    """The new database failed its checks or could not be written; the old one is untouched."""


def run_checks(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The failed checks of sql/checks.sql, each with a few offending rows."""
    failures = []
    for block in re.split(r"^-- check: ", (SQL_DIR / "checks.sql").read_text(), flags=re.M)[1:]:
        name, _, body = block.partition("\n")
        sql = "\n".join(line for line in body.splitlines() if not line.lstrip().startswith("--")).strip()
        rows = con.execute(f"SELECT * FROM ({sql.rstrip(';')}) LIMIT 3").fetchall()
        if rows:
            failures.append(f"{name.strip()}: e.g. {rows}")
    return failures


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_abandoned_builds(db_path: Path) -> list[Path]:
    """Delete the build files of earlier builds whose process is gone (killed mid-build)."""
    removed = []
    for f in db_path.parent.glob(f".{db_path.name}.building-*"):
        m = re.match(rf"\.{re.escape(db_path.name)}\.building-(\d+)-", f.name)
        if m and not _alive(int(m.group(1))):
            f.unlink(missing_ok=True)
            removed.append(f)
    return removed


def _write_failed(db_path: Path, e: BaseException) -> BuildFailed:
    reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e).splitlines()[0]
    return BuildFailed(f"could not write the new database beside {db_path} ({reason}), so the previous one was kept")


@contextlib.contextmanager
def new_database(db_path: Path, copy_of: Path | None = None,
                 before_swap: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
                 ) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a new database file beside ``db_path`` (a copy of ``copy_of`` when given).

    On a normal exit: the checks, then ``before_swap`` (which may raise to keep the old database),
    a checkpoint, and the swap. On any exception the new file is removed and nothing is swapped.
    """
    tmp = db_path.with_name(f".{db_path.name}.building-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        if copy_of is not None:
            shutil.copyfile(copy_of, tmp)
        # No DuckDB progress bar: the build prints its own, and a page's rebuild none.
        con = duckdb.connect(str(tmp))
        con.execute("SET enable_progress_bar = false")
    except (duckdb.Error, OSError) as e:
        tmp.unlink(missing_ok=True)
        raise BuildFailed(f"cannot write a new database beside {db_path}: {e}") from e
    try:
        yield con
        failures = run_checks(con)
        if failures:
            raise BuildFailed("the new database failed its checks, so the previous one was kept: "
                              + " | ".join(failures))
        if before_swap is not None:
            before_swap(con)
        con.execute("CHECKPOINT")
        con.close()
        os.replace(tmp, db_path)
    except BaseException as e:
        con.close()
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}.wal").unlink(missing_ok=True)
        if isinstance(e, (OSError, duckdb.IOException)):
            raise _write_failed(db_path, e) from e
        raise
