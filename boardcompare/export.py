"""`boardcompare export --parquet DIR`: every normalised table as Parquet, for engines past one machine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from boardcompare.db import connect
from boardcompare.errors import BoardcompareError

TABLES = ("local_authorities", "boards", "documents", "reports", "theme_taxonomy", "concern_kinds", "action_kinds",
          "metric_catalogue", "theme_mentions", "metrics", "concerns", "actions", "ingest_log", "build_info")


class ExportFailed(BoardcompareError):
    """The Parquet files could not be written; the message names the folder."""


def export_parquet(out_dir: Path, db_path: Path | None = None) -> Iterator[tuple[Path, int]]:
    """Write each table to ``out_dir/<table>.parquet``, yielding (file, rows) as each is written.

    Raises db.DatabaseMissing before anything is written, ExportFailed when the folder cannot be made.
    """
    con = connect(db_path)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        con.close()
        raise ExportFailed(f"cannot create the folder: {e.strerror}", subject=str(out_dir)) from e
    with con:
        for table in TABLES:
            target = out_dir / f"{table}.parquet"
            # COPY takes no bound parameter for its target: the path is ours (a known table name in
            # the folder asked for), quoted as a string literal.
            con.execute(f"COPY {table} TO '{target.as_posix().replace(chr(39), chr(39) * 2)}' (FORMAT parquet)")
            yield target, con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
