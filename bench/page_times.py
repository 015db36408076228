#!/usr/bin/env python3
"""Server-side rerun time of each comparison page after a filter change, with Streamlit's AppTest.

Usage::

    python bench/page_times.py                      # the test fixture database (built in a temp dir)
    python bench/page_times.py DB [DB ...]          # any built databases, e.g. the seed and a 1,000-report one

    # a seed database and one of ~1,000 generated reports, built under /tmp:
    boardcompare ingest --db /tmp/seed.duckdb
    python bench/generate.py --boards 150 --years 14 --reports 1000 --out /tmp/corpus1k
    boardcompare ingest --db /tmp/big.duckdb /tmp/corpus1k

For every page, the page is run once, then a filter is changed ``--repeats`` times, cycling through
a few values: the first pass over the values is timed as "first" (the queries for that filter are not
cached yet), later passes as "again" (cached). Each time is one ``AppTest.run()``: the page script,
its queries and shaping, and building the chart and table messages; no browser rendering.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from boardcompare import compare, db  # noqa: E402

PAGES = ["overview", "themes", "metrics", "reviews", "concerns", "profile", "sources"]


def filter_changes(page: str, path: Path) -> list:
    """Functions that each change one filter of the page to a new value."""
    boards = db.query_df(compare.SQL_BOARDS, path=path)
    periods = db.query_df(compare.SQL_PERIODS, path=path)["period"].tolist()
    ids, names = boards["board_id"].tolist(), boards["board"].tolist()
    if page == "profile":
        return [lambda at, b=b: at.selectbox(key="board").set_value(b) for b in ids[1:4] + ids[:1]]
    changes = [lambda at, b=ids[:1]: at.multiselect(key="boards").set_value(b),
               lambda at, b=ids[:3]: at.multiselect(key="boards").set_value(b),
               lambda at: at.multiselect(key="boards").set_value([])]
    if len(periods) >= 3:
        changes.insert(2, lambda at: at.select_slider(key="years").set_range(periods[1], periods[-1]))
        changes.append(lambda at: at.select_slider(key="years").set_range(periods[0], periods[-1]))
    if page == "sources":
        changes.insert(0, lambda at, q=names[0][:6]: at.text_input(key="q").set_value(q))
    return changes


def time_page(page: str, path: Path, repeats: int) -> tuple[float, list[float], list[float]]:
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=120)
    start = time.perf_counter()
    at.run()
    initial = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].value}")
    changes = filter_changes(page, path)
    first, again = [], []
    for i in range(max(repeats, len(changes))):
        changes[i % len(changes)](at)
        start = time.perf_counter()
        at.run()
        (first if i < len(changes) else again).append(time.perf_counter() - start)
        if at.exception:
            raise RuntimeError(f"{page}: {at.exception[0].value}")
    return initial, first, again


def ms(xs: list[float]) -> str:
    return f"{statistics.median(xs) * 1000:7.0f}" if xs else "      -"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("databases", nargs="*", type=Path)
    parser.add_argument("--repeats", type=int, default=10, help="filter changes per page")
    args = parser.parse_args()
    databases = args.databases
    if not databases:
        from tests.fixtures import make_fixture_db

        databases = [make_fixture_db(Path(tempfile.mkdtemp()) / "fixture.duckdb")]
    for path in databases:
        os.environ["BOARDCOMPARE_DB"] = str(path)
        n = db.query_df("SELECT count(*) AS n FROM v_reports", path=path)["n"].iloc[0]
        print(f"\n{path} ({n} board reports); milliseconds, median")
        print(f"{'page':<10} {'open':>7} {'first':>7} {'again':>7} {'max':>7}  changes")
        for page in PAGES:
            initial, first, again = time_page(page, path, args.repeats)
            print(f"{page:<10} {initial * 1000:7.0f} {ms(first)} {ms(again)} "
                  f"{max(first + again) * 1000:7.0f}  {len(first) + len(again)}")


if __name__ == "__main__":
    main()
