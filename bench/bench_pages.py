"""The SQL each dashboard page runs, recorded from the pages themselves, and its timing on DuckDB and SQLite.

The pages are run with Streamlit's AppTest against a database while
``boardcompare.data_access._cached`` (every page's door to the database) and
``boardcompare.sqlguard.run_readonly`` (the Queries page's) record each statement and its bound
parameters. What is timed is therefore exactly what the pages send, with the default choices and
one representative choice per page (a board, a theme, a word and a phrase to search, each query
file); a page that changes its queries changes the benchmark with it.
"""

from __future__ import annotations

import json
import math
import os
import re
import sqlite3
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from boardcompare import data_access, db, sqlguard
from boardcompare.paths import PROJECT_DIR, SQL_DIR, queries_dir

SEARCHES = ("neglect", '"information sharing"')


@dataclass
class PageQuery:
    page: str
    sql: str
    params: dict
    via: str = "dashboard"  # dashboard (data_access) or sqlguard (the Queries page)
    label: str = ""


@dataclass
class Timing:
    page: str
    label: str
    rows: int
    duck_ms: list[float]
    sqlite_ms: list[float] | None = None
    sqlite_rows: int | None = None
    sqlite_error: str | None = None
    params: dict = field(default_factory=dict)


def pct(values: list[float] | None, q: float) -> float:
    """The q-quantile (nearest rank) of ``values``; NaN when there are none."""
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, max(0, math.ceil(q * len(s)) - 1))]


def _names() -> dict[str, str]:
    """The name of each SQL constant the pages use (compare.SQL_..., search.SQL_...) and each query file."""
    from boardcompare import briefing, compare, search

    names = {v: k for mod in (compare, search, briefing) for k, v in vars(mod).items()
             if k.startswith("SQL_") and isinstance(v, str)}
    from boardcompare.queries import load_queries

    names.update({spec.sql: f"queries/{spec.id}.sql" for spec in load_queries(queries_dir())[0]})
    return names


def _label(sql: str, names: dict[str, str] | None = None) -> str:
    """A statement's name: the SQL constant or query file it comes from, else its first words and table."""
    if names and sql in names:
        return names[sql]
    flat = " ".join(sql.split())
    m = re.search(r"\bFROM\s+(\w+)", flat, re.I)
    return f"{flat[:40]}… FROM {m.group(1)}" if m else flat[:60]


def _actions(page: str, board_id: str, board: str) -> list:
    """After the default run: the choices that make the page show more (each a function of the AppTest)."""
    if page == "themes":
        return [lambda at: (at.selectbox(key="board").set_value(board),
                            at.selectbox(key="theme").set_value("Information sharing"))]
    if page == "profile":
        return [lambda at: at.selectbox(key="board").set_value(board_id)]
    if page == "sources":
        return [lambda at, q=q: at.text_input(key="q").set_value(q) for q in SEARCHES]
    return []


def _query_params(page: str, board_id: str) -> list[dict]:
    if page == "briefing":
        return [{"board": board_id}]
    if page == "queries":
        return [{"query": p.stem} for p in sorted(queries_dir().glob("*.sql"))]
    return [{}]


def record_page_queries(db_path: Path, pages: list[str] | None = None) -> list[PageQuery]:
    """Run every page (default choices, then representative ones) and record each statement it sends."""
    from streamlit.testing.v1 import AppTest

    os.environ["BOARDCOMPARE_DB"] = str(db_path)
    top = db.query_df("SELECT board_id, any_value(local_authority) AS board, count(*) AS n FROM v_reports "
                      "WHERE board_id IS NOT NULL GROUP BY board_id ORDER BY n DESC, board_id LIMIT 1", path=db_path)
    board_id, board = top["board_id"].iloc[0], top["board"].iloc[0]
    recorded: list[PageQuery] = []
    current = {"page": ""}
    cached, guarded = data_access._cached, sqlguard.run_readonly

    def record_cached(sql, params, version):
        recorded.append(PageQuery(current["page"], sql, {k: list(v) if isinstance(v, tuple) else v
                                                        for k, v in params}))
        return cached.__wrapped__(sql, params, version) if hasattr(cached, "__wrapped__") else cached(
            sql, params, version)

    def record_guarded(sql, params=None, **kwargs):
        recorded.append(PageQuery(current["page"], sql, dict(params or {}), via="sqlguard"))
        return guarded(sql, params, **kwargs)

    data_access._cached, sqlguard.run_readonly = record_cached, record_guarded
    try:
        for page in pages or sorted(p.stem for p in (PROJECT_DIR / "pages").glob("*.py")):
            if page == "add_minutes":
                continue  # reads no database
            current["page"] = page
            for qp in _query_params(page, board_id):
                at = AppTest.from_file(str(PROJECT_DIR / "pages" / f"{page}.py"), default_timeout=600)
                at.query_params.update(qp)
                at.run()
                for act in _actions(page, board_id, board) if not qp or page != "queries" else []:
                    act(at)
                    at.run()
                if at.exception:
                    print(f"  ({page}: {at.exception[0].value})")
    finally:
        data_access._cached, sqlguard.run_readonly = cached, guarded
    unique: dict[tuple, PageQuery] = {}
    names = _names()
    for q in recorded:
        key = (q.page, q.sql, json.dumps(q.params, sort_keys=True, default=str))
        if key not in unique and not q.sql.lstrip().upper().startswith(("SET", "USE", "PRAGMA")):
            q.label = _label(q.sql, names)
            unique[key] = q
    return list(unique.values())


def _time(fn, repeats: int, budget_s: float) -> tuple[list[float], int]:
    result = fn()  # warm-up, not counted
    times: list[float] = []
    spent = 0.0
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        dt = time.perf_counter() - t0
        times.append(dt * 1000)
        spent += dt
        if spent > budget_s and len(times) >= 5:
            break
    return times, len(result)


def time_queries(duck_path: Path, sqlite_path: Path | None, queries: list[PageQuery], repeats: int,
                 budget_s: float, to_sqlite, not_copied: tuple[str, ...] = ()) -> list[Timing]:
    """Each query as the dashboard runs it on a cache miss (its one connection per build, a cursor per
    query; sqlguard for the Queries page), and the same SQL on SQLite (connection kept open)."""
    kept = db.connect(duck_path)
    lite = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True) if sqlite_path else None
    out = []
    for q in queries:
        if q.via == "sqlguard":
            def run(q=q):
                return sqlguard.run_readonly(q.sql, q.params or None, db_path=duck_path).df
        else:
            def run(q=q):
                with kept.cursor() as cur:
                    cur.execute(f"USE {db.STORE}")
                    return cur.execute(q.sql, q.params).df()
        d_ms, rows = _time(run, repeats, budget_s)
        t = Timing(q.page, q.label, rows, d_ms, params=q.params)
        missing = [t for t in not_copied if t in q.sql]
        if missing:
            t.sqlite_error = f"{', '.join(missing)} not copied to SQLite"
        elif lite is not None:
            capped = (f"SELECT * FROM ({q.sql.strip().rstrip(';')}) AS capped LIMIT {sqlguard.DEFAULT_ROW_CAP + 1}"
                      if q.via == "sqlguard" else q.sql)
            sql, params = to_sqlite(capped), {k: json.dumps(v) if isinstance(v, list | tuple) else v
                                              for k, v in q.params.items()}
            try:
                t.sqlite_ms, t.sqlite_rows = _time(lambda s=sql, p=params: pd.read_sql_query(s, lite, params=p),
                                                   repeats, budget_s)
            except Exception as e:  # DuckDB-only SQL the mechanical translation does not cover
                t.sqlite_error = str(e).rsplit("': ", 1)[-1][:60]
        out.append(t)
        print(f"    {q.page[:10]:10} {q.label[:60]:60} rows {rows:>7}  p50 {pct(d_ms, .5):7.1f} "
              f"p95 {pct(d_ms, .95):7.1f}" + (f" | sqlite p50 {pct(t.sqlite_ms, .5):7.1f}" if t.sqlite_ms else
                                              f" | sqlite: {t.sqlite_error or '-'}"), flush=True)
    kept.close()
    if lite is not None:
        lite.close()
    return out


SQLITE_TYPES = {"VARCHAR": "TEXT", "INTEGER": "INTEGER", "BIGINT": "INTEGER", "DOUBLE": "REAL",
                "BOOLEAN": "INTEGER", "DATE": "TEXT"}


def export_sqlite(duck_path: Path, sqlite_path: Path, to_sqlite, skip: tuple[str, ...] = ()) -> float:
    """Copy the base tables into SQLite (same primary keys and unique columns) and re-create the views."""
    started = time.perf_counter()
    sqlite_path.unlink(missing_ok=True)
    sq = sqlite3.connect(sqlite_path)
    sq.execute("PRAGMA journal_mode = OFF")
    sq.execute("PRAGMA synchronous = OFF")
    with duckdb.connect(str(duck_path), read_only=True) as con:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_name").fetchall()]
        for t in tables:
            cols = con.execute("SELECT column_name, data_type FROM information_schema.columns "
                               "WHERE table_name = ? ORDER BY ordinal_position", [t]).fetchall()
            keys = con.execute("SELECT constraint_type, constraint_column_names FROM duckdb_constraints() "
                               "WHERE table_name = ? AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')",
                               [t]).fetchall()
            defs = [f'"{c}" {SQLITE_TYPES.get(ty, "TEXT")}' for c, ty in cols]
            defs += [f"{kind} ({', '.join(names)})" for kind, names in keys]
            sq.execute(f'CREATE TABLE "{t}" ({", ".join(defs)})')
            if t in skip:
                continue
            # lists (concern_sentence_rows.codes) as their text: SQLite has no list type
            cur = con.execute("SELECT " + ", ".join(f'"{c}"::VARCHAR' if ty.endswith("[]") else f'"{c}"'
                                                    for c, ty in cols) + f' FROM "{t}"')
            while rows := cur.fetchmany(5000):
                sq.executemany(f'INSERT INTO "{t}" VALUES ({", ".join("?" * len(cols))})', rows)
            sq.commit()
        if "search_terms" not in skip:
            sq.execute("CREATE INDEX search_terms_term ON search_terms (term)")
    code = "\n".join(line for line in (SQL_DIR / "views.sql").read_text().splitlines()
                     if not line.lstrip().startswith("--"))  # comments first: they may hold a ';'
    for statement in code.split(";"):
        body = statement.strip()
        if body:
            sq.execute(to_sqlite(body))
    sq.execute("ANALYZE")
    sq.commit()
    sq.close()
    return time.perf_counter() - started


def summary_rows(timings: list[Timing]) -> dict:
    """Figures for the issue's table: search, the documents list, every other query (p95, ms)."""
    def is_search(t):
        return t.label.startswith("SQL_SEARCH")

    def is_documents(t):
        return t.page == "sources" and t.label.startswith("SQL_DOCUMENTS")
    search = [pct(t.duck_ms, .95) for t in timings if is_search(t)]
    documents = [pct(t.duck_ms, .95) for t in timings if is_documents(t)]
    others = [t for t in timings if not is_search(t) and not is_documents(t)]
    return {"search_p95": max(search, default=float("nan")),
            "documents_p95": max(documents, default=float("nan")),
            "others_worst_p95": max((pct(t.duck_ms, .95) for t in others), default=float("nan")),
            "others_over_50": sum(pct(t.duck_ms, .95) > 50 for t in others), "others_n": len(others),
            "median_p95": statistics.median(pct(t.duck_ms, .95) for t in timings) if timings else float("nan")}
