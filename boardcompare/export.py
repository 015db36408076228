"""`boardcompare export --parquet DIR`: every normalised table as Parquet, for engines past one machine."""

from __future__ import annotations

import sys
from pathlib import Path

from boardcompare.db import DatabaseMissing, connect

TABLES = ("local_authorities", "boards", "documents", "reports", "theme_taxonomy", "metric_catalogue",
          "theme_mentions", "metrics", "concerns", "actions", "ingest_log", "build_info")


def export_parquet(out_dir: Path, db_path: Path | None = None) -> int:
    try:
        con = connect(db_path)
    except DatabaseMissing as e:
        print(f"boardcompare export: {e}", file=sys.stderr)
        return 1
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        print(f"boardcompare export: cannot create {out_dir}: {e.strerror}", file=sys.stderr)
        return 1
    with con:
        for table in TABLES:
            target = out_dir / f"{table}.parquet"
            # The target is a path we chose, passed as a bound string literal would be refused by COPY,
            # so it is quoted here from a known-safe name.
            con.execute(f"COPY {table} TO '{target.as_posix().replace(chr(39), chr(39) * 2)}' (FORMAT parquet)")
            print(f"{target}: {con.execute(f'SELECT count(*) FROM {table}').fetchone()[0]} rows")
    return 0
