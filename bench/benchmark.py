#!/usr/bin/env python3
"""Benchmark: ingest speed, peak memory and database size; dashboard query latency on DuckDB and SQLite.

This is a script that prints figures, not a timed test. ``make bench`` runs a quick version
(the 5 seed minutes and a generated corpus of 1,000 documents)::

    .venv/bin/python bench/benchmark.py                              # quick: --sizes 5,1000
    .venv/bin/python bench/benchmark.py --sizes 5,1000,100000 --workers 1,2 --out BENCHMARKS.md
    .venv/bin/python bench/benchmark.py --sizes 5,1000,10000,100000 --ingest-max 10000 \\
        --corpus 10000=/tmp/c10k --out BENCHMARKS.md

What it measures, for each size:

* **Ingest** (``boardcompare ingest DIR --db FILE --workers N --quiet``, run as a subprocess for
  each worker count): wall time, reports per second, CPU seconds of the whole process tree,
  peak memory and the database's size. Peak memory is given two ways: the *sum* of the RSS of
  the ingest process and its workers, sampled every 0.2 s from /proc (psutil when installed);
  and each process's own peak (``ru_maxrss``, exact but per process: the main process and the
  largest worker, never their sum).
* **Dashboard queries**: every query each page sends to the database with its default
  choices (and, where a page shows more after a choice, one representative choice: one board,
  one theme, one search). Each runs through the same door as the page (a fresh read-only
  connection via ``boardcompare.db.query_df`` on a cache miss; the Queries page's files through
  ``sqlguard``), ``--repeats`` times after one warm-up run, and p50/p95 are reported.
* **SQLite** (the engine behind Datasette): the base tables are copied row for row into a SQLite
  file with the same primary keys, the views are re-created in SQLite's dialect, the same page
  queries are translated mechanically (see :func:`to_sqlite`) and timed the same way; the
  report gives SQLite/DuckDB as a ratio of medians and checks that both return as many rows.

Sizes: ``5`` means the seed minutes in data/minutes (read only; the database is built under
the work directory, never data/boardcompare.duckdb). Any other size N is a corpus of N documents
from ``bench/generate.py`` (150 boards x 12 years, seed 42, all four formats), or the folder
given with ``--corpus N=DIR``. Sizes above ``--ingest-max`` are not ingested: their database is
made by copying the rows of the largest ingested database as many times as needed (new ids,
same boards and years), and their ingest time is extrapolated from the measured rate. The
output says which figures are measured and which are extrapolated.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import pandas as pd  # noqa: E402

from boardcompare import compare, db  # noqa: E402
from boardcompare.paths import SQL_DIR, minutes_dir, queries_dir  # noqa: E402

START_MARK = "<!-- benchmark results: start (written by bench/benchmark.py) -->"
END_MARK = "<!-- benchmark results: end -->"
SEARCH_WORDS = "neglect"
GEN_BOARDS, GEN_YEARS, GEN_SEED = 150, 12, 42

# The runner for one ingest: the CLI's main(), then this process's and its reaped workers' peaks.
INGEST_WRAPPER = """\
import json, resource, sys, time
if __name__ == "__main__":
    from boardcompare.cli import main
    out = sys.argv[1]
    t0 = time.perf_counter()
    rc = main(sys.argv[2:])
    wall = time.perf_counter() - t0
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out, "w") as f:
        json.dump({"rc": rc, "wall": wall, "main_maxrss_kb": me.ru_maxrss, "worker_maxrss_kb": kids.ru_maxrss,
                   "cpu_main": me.ru_utime + me.ru_stime, "cpu_workers": kids.ru_utime + kids.ru_stime}, f)
    sys.exit(rc)
"""


# --------------------------------------------------------------------------------------------
# The machine


def machine() -> dict:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_kb = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    except OSError:
        pass
    try:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        nproc = str(os.cpu_count())
    return {
        "nproc": nproc,
        "cpu_model": model,
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "sqlite": sqlite3.sqlite_version,
        "pandas": pd.__version__,
        "os": f"{platform.system()} {platform.release()}",
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


# --------------------------------------------------------------------------------------------
# Memory of a process tree


def _children(pid: int) -> list[int]:
    """Direct children of ``pid`` from /proc/PID/task/*/children (cheap); a scan of /proc otherwise."""
    tasks = Path(f"/proc/{pid}/task")
    try:
        files = list(tasks.glob("*/children"))
    except OSError:
        return []
    if files:
        out: list[int] = []
        for f in files:
            try:
                out += [int(c) for c in f.read_text().split()]
            except OSError:
                pass
        return out
    kids = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if int(Path(f"/proc/{entry.name}/stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    kids.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                pass
    return kids


def tree_rss(pid: int) -> int:
    """Sum of the resident memory (bytes) of ``pid`` and all its descendants."""
    try:
        import psutil  # optional
    except ImportError:
        psutil = None
    if psutil is not None:
        try:
            proc = psutil.Process(pid)
            procs = [proc, *proc.children(recursive=True)]
        except psutil.Error:
            return 0
        total = 0
        for p in procs:
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
        return total
    todo, total, page = [pid], 0, os.sysconf("SC_PAGE_SIZE")
    while todo:
        p = todo.pop()
        todo.extend(_children(p))
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * page
        except (OSError, IndexError, ValueError):
            pass
    return total


class Sampler(threading.Thread):
    def __init__(self, pid: int, interval: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self.stop.wait(self.interval)


# --------------------------------------------------------------------------------------------
# Ingest


@dataclass
class IngestResult:
    size: int
    workers: int
    documents: int
    reports: int
    board_reports: int
    wall_s: float
    cpu_s: float
    cpu_main_s: float
    cpu_workers_s: float
    peak_tree_mb: float
    main_maxrss_mb: float
    worker_maxrss_mb: float
    db_mb: float
    exit_code: int
    load_before: float
    load_after: float
    extrapolated: bool = False
    note: str = ""

    @property
    def reports_per_s(self) -> float:
        return self.reports / self.wall_s if self.wall_s else float("nan")


def file_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in [path, Path(f"{path}.wal")] if p.exists()) / 1_048_576


def run_ingest(inputs: list[Path], db_path: Path, workers: int, size: int, workdir: Path,
               nice: int) -> IngestResult:
    wrapper = workdir / "ingest_wrapper.py"
    wrapper.write_text(INGEST_WRAPPER)
    stats = workdir / f"ingest-{size}-{workers}.json"
    for p in (db_path, Path(f"{db_path}.wal")):
        p.unlink(missing_ok=True)
    cmd = [sys.executable, str(wrapper), str(stats), "ingest", *map(str, inputs), "--db", str(db_path),
           "--workers", str(workers), "--quiet"]
    if nice:
        cmd = ["nice", "-n", str(nice), *cmd]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    sampler = Sampler(proc.pid)
    sampler.start()
    out, _ = proc.communicate()
    wall = time.perf_counter() - started
    sampler.stop.set()
    sampler.join()
    if not db_path.exists():
        raise SystemExit(f"ingest of {inputs} with {workers} workers wrote no database (exit {proc.returncode}):"
                         f"\n{out}")
    s = json.loads(stats.read_text())
    with duckdb.connect(str(db_path), read_only=True) as con:
        n_docs, n_rep, n_board = con.execute(
            "SELECT (SELECT count(*) FROM documents), count(*), count(*) FILTER (WHERE is_board_report)"
            " FROM reports").fetchone()
    return IngestResult(
        size=size, workers=workers, documents=n_docs, reports=n_rep, board_reports=n_board,
        wall_s=s["wall"] if s.get("wall") else wall, cpu_s=s["cpu_main"] + s["cpu_workers"],
        cpu_main_s=s["cpu_main"], cpu_workers_s=s["cpu_workers"], peak_tree_mb=sampler.peak / 1_048_576,
        main_maxrss_mb=s["main_maxrss_kb"] / 1024, worker_maxrss_mb=s["worker_maxrss_kb"] / 1024,
        db_mb=file_mb(db_path), exit_code=proc.returncode, load_before=load_before,
        load_after=os.getloadavg()[0])


def generate_corpus(n: int, out: Path, nice: int) -> list[Path]:
    if not (out / "manifest.csv").exists():
        cmd = [sys.executable, str(ROOT / "bench" / "generate.py"), "--boards", str(GEN_BOARDS),
               "--years", str(GEN_YEARS), "--reports", str(n), "--out", str(out), "--seed", str(GEN_SEED)]
        if nice:
            cmd = ["nice", "-n", str(nice), *cmd]
        print(f"  generating {n} documents in {out} ...", flush=True)
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return corpus_inputs(out)


def corpus_inputs(folder: Path) -> list[Path]:
    """The generator's board folders (leaving out gold.json, manifest.csv and the like)."""
    subdirs = sorted(p for p in folder.iterdir() if p.is_dir())
    return subdirs or [folder]


def scale_database(src: Path, dst: Path, target_reports: int) -> int:
    """Copy the rows of ``src`` as many times as needed for ``target_reports`` reports; return the copies."""
    from boardcompare.db import create_schema

    with duckdb.connect(str(src), read_only=True) as con:
        n = con.execute("SELECT count(*) FROM reports").fetchone()[0]
    copies = max(1, math.ceil(target_reports / n))
    for p in (dst, Path(f"{dst}.wal")):
        p.unlink(missing_ok=True)
    con = duckdb.connect(str(dst))
    try:
        create_schema(con)
        con.execute(f"ATTACH '{src}' AS src (READ_ONLY)")
        for table in ("local_authorities", "theme_taxonomy", "metric_catalogue", "concern_kinds", "boards",
                      "build_info"):
            con.execute(f"INSERT INTO {table} SELECT * FROM src.{table}")
        for k in range(copies):
            sfx = f"'.{k}'"
            con.execute(f"""INSERT INTO documents SELECT document_id || {sfx}, content_hash || {sfx},
                source_path, file_name, format, n_chars, text, source_url, is_board_document FROM src.documents""")
            con.execute(f"""INSERT INTO reports SELECT report_id || {sfx}, document_id || {sfx},
                * EXCLUDE (report_id, document_id) FROM src.reports""")
            for table in ("theme_mentions", "metrics", "concerns", "actions"):
                con.execute(f"INSERT INTO {table} SELECT report_id || {sfx}, * EXCLUDE (report_id) FROM src.{table}")
            con.execute(f"""INSERT INTO ingest_log SELECT path || ' (copy {k})', outcome, message,
                document_id || {sfx} FROM src.ingest_log""")
        con.execute("UPDATE build_info SET value = (SELECT count(*)::TEXT FROM reports) WHERE key = 'n_reports'")
        con.execute("DETACH src")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return copies


# --------------------------------------------------------------------------------------------
# The pages' queries


@dataclass
class PageQuery:
    page: str
    label: str
    sql: str
    params: dict = field(default_factory=dict)
    via: str = "query_df"  # query_df (compare pages, briefing) or sqlguard (Queries page)


def _load_params(filters: compare.Filters | None = None, **extra) -> dict:
    """The parameters compare.load binds for these filters and extras."""
    params = filters.params() if filters is not None else {}
    params.update(extra)
    return params


def page_queries(db_path: Path) -> list[PageQuery]:
    """Every query each dashboard page runs, with its default choices and one representative choice.

    The compare pages' queries are the SQL constants of boardcompare/compare.py, listed in the
    order each module in boardcompare/ui/ calls them; the Briefing page's are recorded by running
    boardcompare.briefing with a recording query function; the Queries page's are the files in
    queries/ with their default parameters.
    """
    every = compare.Filters()
    top = db.query_df("SELECT board_id, count(*) AS n FROM v_reports WHERE board_id IS NOT NULL "
                      "GROUP BY board_id ORDER BY n DESC, board_id LIMIT 1", path=db_path)
    board = top["board_id"].iloc[0] if len(top) else "none"
    one = compare.Filters((board,))
    filters = [("boards (filter)", compare.SQL_BOARDS, {}), ("periods (filter)", compare.SQL_PERIODS, {})]
    out: list[PageQuery] = []

    def add(page: str, items: list[tuple[str, str, dict]]) -> None:
        out.extend(PageQuery(page, label, sql, params) for label, sql, params in items)

    add("Overview", [*filters,
                     ("reports", compare.SQL_REPORTS, _load_params(every)),
                     ("document totals", compare.SQL_DOCUMENT_TOTALS, {}),
                     ("theme coverage", compare.SQL_COVERAGE, _load_params(every)),
                     ("build info", compare.SQL_BUILD_INFO, {}),
                     ("ingest log", compare.SQL_INGEST_LOG, {})])
    add("Themes", [*filters,
                   ("theme coverage", compare.SQL_COVERAGE, _load_params(every)),
                   ("evidence: one board, one theme", compare.SQL_THEME_EVIDENCE,
                    _load_params(one, code=compare.INFORMATION_SHARING))])
    add("Reported figures", [*filters, ("metrics", compare.SQL_METRICS, _load_params(every))])
    add("Serious case reviews", [*filters, ("reviews", compare.SQL_REVIEWS, _load_params(every))])
    add("Recurring concerns", [*filters,
                               ("concerns", compare.SQL_CONCERNS, _load_params(every)),
                               ("evidence: one theme, all boards", compare.SQL_THEME_EVIDENCE,
                                _load_params(every, code=compare.INFORMATION_SHARING))])
    add("Board profile", [("boards (filter)", compare.SQL_BOARDS, {}),
                          ("periods (filter)", compare.SQL_PERIODS, {}),
                          ("reports", compare.SQL_REPORTS, _load_params(every)),
                          ("theme coverage", compare.SQL_COVERAGE, _load_params(every)),
                          ("metrics", compare.SQL_METRICS, _load_params(every)),
                          ("concerns: one board", compare.SQL_CONCERNS, _load_params(one)),
                          ("actions: one board", compare.SQL_ACTIONS, _load_params(one))])
    add("Sources and search", [*filters,
                               ("search count", compare.SQL_SEARCH_COUNT, _load_params(every, q=SEARCH_WORDS)),
                               ("search (first 50)", compare.SQL_SEARCH,
                                _load_params(every, q=SEARCH_WORDS, limit=50)),
                               ("documents", compare.SQL_DOCUMENTS, _load_params(every)),
                               ("ingest log", compare.SQL_INGEST_LOG, {})])
    out.extend(_briefing_queries(db_path, board))
    out.extend(_queries_page_queries(db_path))
    return out


def _briefing_queries(db_path: Path, board: str) -> list[PageQuery]:
    try:
        from boardcompare import briefing as bf
    except ImportError as e:
        print(f"  (Briefing page left out: {e})")
        return []
    seen: list[PageQuery] = []

    def record(sql: str, params: dict | None = None) -> pd.DataFrame:
        params = dict(params or {})
        if not any(q.sql == sql and q.params == params for q in seen):
            first = " ".join(sql.split())[:48]
            seen.append(PageQuery("Briefing", first, sql, params))
        return db.query_df(sql, params, path=db_path)

    try:
        bf.known_boards(query=record)
        bf.known_periods(board, query=record)
        bf.build_briefing(board, None, query=record)
    except Exception as e:  # the briefing module is another engineer's and may be changing
        print(f"  (Briefing queries recorded up to an error: {type(e).__name__}: {e})")
    return seen


def _queries_page_queries(db_path: Path) -> list[PageQuery]:
    try:
        from boardcompare import sqlguard
        from boardcompare.queries import default_params, load_queries, param_choices
    except ImportError as e:
        print(f"  (Queries page left out: {e})")
        return []
    specs, _ = load_queries(queries_dir())
    out = []
    for spec in specs:
        try:
            choices = param_choices(spec, lambda sql: sqlguard.run_readonly(sql, db_path=db_path).df)
            params = default_params(spec, choices)
        except Exception as e:
            print(f"  (query file {spec.id}: choices failed: {e})")
            continue
        out.append(PageQuery("Queries (files)", spec.id, spec.sql, params, via="sqlguard"))
    return out


# --------------------------------------------------------------------------------------------
# SQLite


def _split_call(sql: str, name: str, rewrite) -> str:
    """Rewrite every call ``name(args...)`` (balanced parentheses) with ``rewrite(args) -> str``."""
    pattern = re.compile(rf"\b{name}\s*\(", re.IGNORECASE)
    pos = 0
    while m := pattern.search(sql, pos):
        depth, i, args, start = 1, m.end(), [], m.end()
        quote = False
        while depth:
            c = sql[i]
            if c == "'":
                quote = not quote
            elif not quote and c == "(":
                depth += 1
            elif not quote and c == ")":
                depth -= 1
            elif not quote and c == "," and depth == 1:
                args.append(sql[start:i].strip())
                start = i + 1
            i += 1
        args.append(sql[start:i - 1].strip())
        new = rewrite(args)
        sql = sql[:m.start()] + new + sql[i:]
        pos = m.start() + len(new)
    return sql


def to_sqlite(sql: str) -> str:
    """DuckDB SQL as used by the views and pages, in SQLite's dialect (mechanical, for this benchmark)."""
    sql = re.sub(r"(\w+(?:\.\w+)?)\s*=\s*ANY\s*\(\s*\$(\w+)\s*\)", r"\1 IN (SELECT value FROM json_each($\2))",
                 sql)
    sql = re.sub(r"\bany_value\s*\(", "max(", sql, flags=re.I)
    sql = re.sub(r"\bTRY_CAST\s*\(", "CAST(", sql, flags=re.I)
    sql = re.sub(r"\bDATE\s+'", "'", sql)
    sql = re.sub(r"\bILIKE\b", "LIKE", sql, flags=re.I)
    sql = re.sub(r"(\$?[\w.]+)::(\w+)\b(?!\s*\[)", r"CAST(\1 AS \2)", sql)
    sql = _split_call(sql, "left", lambda a: f"substr({a[0]}, 1, {a[1]})")
    sql = _split_call(sql, "right", lambda a: f"substr({a[0]}, -({a[1]}))")
    sql = _split_call(sql, "contains", lambda a: f"(instr({a[0]}, {a[1]}) > 0)")
    sql = _split_call(sql, "string_agg", lambda a: f"group_concat({a[0]})" if a[0].upper().startswith(
        "DISTINCT") else f"group_concat({', '.join(a)})")
    sql = re.sub(r"(?is)(SELECT\s+(.*?)\s+FROM\s+v_theme_evidence\s+)GROUP BY ALL",
                 lambda m: m.group(1) + "GROUP BY " + ", ".join(
                     c.strip() for c in m.group(2).split(",") if "(" not in c), sql)
    return sql


def sqlite_params(params: dict) -> dict:
    return {k: json.dumps(v) if isinstance(v, list | tuple) else v for k, v in params.items()}


SQLITE_TYPES = {"VARCHAR": "TEXT", "INTEGER": "INTEGER", "BIGINT": "INTEGER", "DOUBLE": "REAL",
                "BOOLEAN": "INTEGER", "DATE": "TEXT"}


def export_sqlite(duck_path: Path, sqlite_path: Path) -> float:
    """Copy every base table into SQLite (same primary keys and unique columns) and re-create the views."""
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
            cur = con.execute(f'SELECT * FROM "{t}"')
            marks = ", ".join("?" * len(cols))
            while rows := cur.fetchmany(5000):
                sq.executemany(f'INSERT INTO "{t}" VALUES ({marks})', rows)
            sq.commit()
    views = (SQL_DIR / "views.sql").read_text()
    for statement in views.split(";"):
        body = "\n".join(line for line in statement.splitlines() if not line.lstrip().startswith("--")).strip()
        if body:
            sq.execute(to_sqlite(body))
    sq.execute("ANALYZE")
    sq.commit()
    sq.close()
    return time.perf_counter() - started


# --------------------------------------------------------------------------------------------
# Timing


@dataclass
class Timing:
    page: str
    label: str
    rows: int
    duck_ms: list[float]  # as the page runs it: a fresh read-only connection (or sqlguard's private one)
    kept_ms: list[float]  # the same SQL on a DuckDB connection kept open
    sqlite_ms: list[float] | None  # on a SQLite connection kept open
    sqlite_rows: int | None
    sqlite_error: str | None = None


def pct(values: list[float] | None, q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, max(0, math.ceil(q * len(s)) - 1))]


def time_runs(fn, repeats: int, budget_s: float) -> tuple[list[float], int]:
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
                 budget_s: float) -> list[Timing]:
    from boardcompare import sqlguard

    kept = duckdb.connect(str(duck_path), read_only=True)
    lite_con = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True) if sqlite_path else None
    out = []
    for q in queries:
        if q.via == "sqlguard":
            def page(q=q):
                return sqlguard.run_readonly(q.sql, q.params or None, db_path=duck_path).df
        else:
            def page(q=q):
                return db.query_df(q.sql, q.params, path=duck_path)
        d_ms, rows = time_runs(page, repeats, budget_s)
        # sqlguard fetches at most row_cap + 1 rows: the other two runs get the same cap, to compare like with like
        plain = (f"SELECT * FROM ({q.sql.strip().rstrip(';')}) AS capped LIMIT {sqlguard.DEFAULT_ROW_CAP + 1}"
                 if q.via == "sqlguard" else q.sql)
        k_ms, _ = time_runs(lambda plain=plain, q=q: kept.execute(plain, q.params or {}).df(), repeats, budget_s)
        s_ms = s_rows = err = None
        if lite_con is not None:
            sql, params = to_sqlite(plain), sqlite_params(q.params)
            try:
                s_ms, s_rows = time_runs(
                    lambda sql=sql, params=params: pd.read_sql_query(sql, lite_con, params=params),
                    repeats, budget_s)
            except Exception as e:  # DuckDB-only SQL that the mechanical translation does not cover
                err = str(e).rsplit("': ", 1)[-1][:60]
        out.append(Timing(q.page, q.label, rows, d_ms, k_ms, s_ms, s_rows, err))
        print(f"    {q.page[:18]:18} {q.label[:34]:34} rows {rows:>7}  page p50 {pct(d_ms, .5):7.1f} "
              f"p95 {pct(d_ms, .95):7.1f} | kept p50 {pct(k_ms, .5):7.1f} | "
              + (f"sqlite p50 {pct(s_ms, .5):7.1f} ms" if s_ms else f"sqlite: {err}"), flush=True)
    kept.close()
    if lite_con is not None:
        lite_con.close()
    return out


# --------------------------------------------------------------------------------------------
# Report


def fmt_ms(v: float) -> str:
    if v != v:  # nan
        return "–"
    return f"{v:,.0f}" if v >= 100 else f"{v:.1f}"


def report(results: dict) -> str:
    m = results["machine"]
    lines = [START_MARK, "", f"Run of {results['started']} (UTC), `{results['command']}`.", ""]
    lines += ["### Machine", "",
              f"- `nproc`: {m['nproc']}; CPU: {m['cpu_model']}; memory: {m['memory_gb']} GB; {m['os']}",
              f"- Python {m['python']}, DuckDB {m['duckdb']}, SQLite {m['sqlite']}, pandas {m['pandas']}",
              f"- load average when the run started: {', '.join(map(str, m['load_average_at_start']))} "
              "(the machine is shared: other engineers' tests ran at the same time)", ""]
    lines += ["### Ingest", "",
              "| Size | Documents | Reports | Workers | Wall (s) | Reports/s | CPU (s, all processes) "
              "| Peak RSS, tree sum (MB) | Peak RSS main / largest worker (MB) | Database (MB) | Load avg "
              "before → after | |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    for r in results["ingest"]:
        r = IngestResult(**r)
        kind = "**extrapolated**: " + r.note if r.extrapolated else (r.note or "measured")
        lines.append(
            f"| {r.size:,} | {r.documents:,} | {r.reports:,} | {r.workers} | {r.wall_s:,.1f} | "
            f"{r.reports_per_s:,.1f} | {r.cpu_s:,.1f} | {r.peak_tree_mb:,.0f} | "
            f"{r.main_maxrss_mb:,.0f} / {r.worker_maxrss_mb:,.0f} | {r.db_mb:,.1f} | "
            f"{r.load_before:.1f} → {r.load_after:.1f} | {kind} |")
    lines.append("")
    for size_key, block in results["queries"].items():
        info = block["info"]
        lines += [f"### Dashboard queries at {int(size_key):,} reports requested "
                  f"({info['reports']:,} report rows, {info['documents']:,} documents; {info['how']})", "",
                  f"DuckDB {info['duck_mb']:.1f} MB; SQLite copy {info['sqlite_mb']:.1f} MB "
                  f"(copied in {info['sqlite_export_s']:.1f} s). Milliseconds, up to {info['repeats']} runs "
                  "after a warm-up (at least 5 when a query is slow). *As the page runs it*: a new read-only "
                  "connection per query (`db.query_df`; the Queries page's files through `sqlguard`), which is "
                  "what a dashboard cache miss costs; *kept open*: the same SQL on a connection opened once. "
                  "SQLite: connection kept open. Ratio: SQLite p50 / DuckDB kept-open p50. ⚠: p95 over 100 ms.",
                  "",
                  "| Page | Query | Rows | DuckDB p50 (as page) | DuckDB p95 (as page) | DuckDB p50 (kept open) "
                  "| DuckDB p95 (kept open) | SQLite p50 | SQLite p95 | SQLite/DuckDB |",
                  "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for t in block["timings"]:
            t = Timing(**t)
            d50, d95 = pct(t.duck_ms, .5), pct(t.duck_ms, .95)
            k50, k95 = pct(t.kept_ms, .5), pct(t.kept_ms, .95)
            if t.sqlite_ms:
                s50, s95 = pct(t.sqlite_ms, .5), pct(t.sqlite_ms, .95)
                ratio = f"{s50 / k50:.2f}" + ("" if t.sqlite_rows == t.rows else f" (rows {t.sqlite_rows})")
                s = f"{fmt_ms(s50)} | {fmt_ms(s95)} | {ratio}"
            else:
                s = f"– | – | n/a ({t.sqlite_error or 'not run'})"
            flag = " ⚠" if d95 > 100 else ""
            kflag = " ⚠" if k95 > 100 else ""
            lines.append(f"| {t.page} | {t.label} | {t.rows:,} | {fmt_ms(d50)} | {fmt_ms(d95)}{flag} | "
                         f"{fmt_ms(k50)} | {fmt_ms(k95)}{kflag} | {s} |")
        lines.append("")
        lines += ["Per page (a page's queries run one after another on a cache miss):", "",
                  "| Page | Queries | Sum of p50 as page (ms) | Slowest p95 as page (ms) | Over 100 ms p95 "
                  "as page | Sum of p50 kept open (ms) | Slowest p95 kept open (ms) | Over 100 ms p95 kept open |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|"]
        pages: dict[str, list[Timing]] = {}
        for t in block["timings"]:
            pages.setdefault(t["page"], []).append(Timing(**t))
        for page, ts in pages.items():
            p95s = [pct(t.duck_ms, .95) for t in ts]
            k95s = [pct(t.kept_ms, .95) for t in ts]
            lines.append(f"| {page} | {len(ts)} | {fmt_ms(sum(pct(t.duck_ms, .5) for t in ts))} | "
                         f"{fmt_ms(max(p95s))} | {sum(p > 100 for p in p95s)} | "
                         f"{fmt_ms(sum(pct(t.kept_ms, .5) for t in ts))} | {fmt_ms(max(k95s))} | "
                         f"{sum(p > 100 for p in k95s)} |")
        lines.append("")
    lines.append(END_MARK)
    return "\n".join(lines)


def write_out(path: Path, text: str) -> None:
    old = path.read_text() if path.exists() else ""
    if START_MARK in old and END_MARK in old:
        head, rest = old.split(START_MARK, 1)
        _, tail = rest.split(END_MARK, 1)
        new = head + text + tail
    else:
        new = (old.rstrip() + "\n\n## Results\n\n" if old else "# Benchmarks\n\n## Results\n\n") + text + "\n"
    path.write_text(new)


# --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="5,1000", help="comma-separated; 5 means the seed minutes (default 5,1000)")
    ap.add_argument("--workers", default="1,2", help="worker counts to ingest with (default 1,2)")
    ap.add_argument("--out", help="Markdown file whose results section is rewritten (e.g. BENCHMARKS.md)")
    ap.add_argument("--workdir", help="where corpora and databases go (default: a new folder in /tmp)")
    ap.add_argument("--corpus", action="append", default=[], metavar="N=DIR",
                    help="use this already generated corpus for size N")
    ap.add_argument("--ingest-max", type=int, default=20000,
                    help="sizes above this are made by copying rows of the largest ingested database")
    ap.add_argument("--repeats", type=int, default=20, help="timed runs per query (default 20)")
    ap.add_argument("--budget", type=float, default=8.0, help="seconds per query and engine before stopping early")
    ap.add_argument("--no-sqlite", action="store_true")
    ap.add_argument("--nice", type=int, default=10, help="niceness of the ingest subprocesses (default 10)")
    ap.add_argument("--json", help="also write the raw figures here")
    ap.add_argument("--keep", action="store_true", help="keep the work directory made when --workdir is not given")
    a = ap.parse_args(argv)
    sizes = [int(s) for s in a.sizes.split(",") if s.strip()]
    worker_counts = [int(w) for w in a.workers.split(",") if w.strip()]
    corpora = {int(k): Path(v) for k, v in (c.split("=", 1) for c in a.corpus)}
    workdir = Path(a.workdir) if a.workdir else Path(tempfile.mkdtemp(prefix="boardcompare-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"Work directory: {workdir} (free: {shutil.disk_usage(workdir).free / 1e9:.1f} GB)")
    results: dict = {"started": datetime.now(UTC).isoformat(timespec="seconds"),
                     "command": "bench/benchmark.py " + " ".join(argv if argv is not None else sys.argv[1:]),
                     "machine": machine(), "ingest": [], "queries": {}}
    m = results["machine"]
    print(f"Machine: nproc {m['nproc']}, {m['cpu_model']}, {m['memory_gb']} GB, Python {m['python']}, "
          f"DuckDB {m['duckdb']}, SQLite {m['sqlite']}; load {m['load_average_at_start']}")

    ingested: dict[int, Path] = {}  # size -> database built by the last ingest run
    rates: dict[int, IngestResult] = {}  # workers -> result at the largest ingested size
    for size in sizes:
        print(f"\n== size {size:,}", flush=True)
        duck = workdir / f"bench-{size}.duckdb"
        if size == 5 or size <= a.ingest_max:
            if size == 5:
                inputs = [minutes_dir()]
            elif size in corpora:
                inputs = corpus_inputs(corpora[size])
            else:
                inputs = generate_corpus(size, workdir / f"corpus-{size}", a.nice)
            for w in worker_counts:
                print(f"  ingest with {w} worker(s) ...", flush=True)
                r = run_ingest(inputs, duck, w, size, workdir, a.nice)
                print(f"    {r.reports:,} reports in {r.wall_s:.1f} s = {r.reports_per_s:.1f} reports/s; "
                      f"CPU {r.cpu_s:.1f} s; peak tree RSS {r.peak_tree_mb:.0f} MB; DB {r.db_mb:.1f} MB",
                      flush=True)
                results["ingest"].append(asdict(r))
                if size != 5:
                    rates[w] = r
            ingested[size] = duck
            how = "seed minutes, ingested" if size == 5 else "generated corpus, ingested"
        else:
            src_size = max(s for s in ingested if s != 5) if any(s != 5 for s in ingested) else None
            if src_size is None:
                raise SystemExit(f"size {size} is above --ingest-max and no generated size was ingested first")
            print(f"  copying the rows of the {src_size:,} database to reach {size:,} reports ...", flush=True)
            copies = scale_database(ingested[src_size], duck, size)
            how = f"the {src_size:,}-document database's rows copied {copies} times; not ingested"
            with duckdb.connect(str(duck), read_only=True) as con:
                n_rep, n_docs = con.execute("SELECT count(*), (SELECT count(*) FROM documents) FROM reports").fetchone()
            for w, r in sorted(rates.items()):
                factor = n_rep / r.reports
                results["ingest"].append(asdict(IngestResult(
                    size=size, workers=w, documents=n_docs, reports=n_rep, board_reports=0,
                    wall_s=r.wall_s * factor, cpu_s=r.cpu_s * factor, cpu_main_s=r.cpu_main_s * factor,
                    cpu_workers_s=r.cpu_workers_s * factor, peak_tree_mb=r.peak_tree_mb,
                    main_maxrss_mb=r.main_maxrss_mb, worker_maxrss_mb=r.worker_maxrss_mb, db_mb=file_mb(duck),
                    exit_code=0, load_before=r.load_before, load_after=r.load_after, extrapolated=True,
                    note=f"time × {factor:.1f} from the {src_size:,} run; memory as measured there; "
                         "database size of the copied rows")))
        with duckdb.connect(str(duck), read_only=True) as con:
            n_rep, n_docs = con.execute("SELECT count(*), (SELECT count(*) FROM documents) FROM reports").fetchone()
        sqlite_path, export_s = None, 0.0
        if not a.no_sqlite:
            sqlite_path = workdir / f"bench-{size}.sqlite"
            print("  copying to SQLite ...", flush=True)
            export_s = export_sqlite(duck, sqlite_path)
        print("  timing the pages' queries ...", flush=True)
        queries = page_queries(duck)
        timings = time_queries(duck, sqlite_path, queries, a.repeats, a.budget)
        results["queries"][str(size)] = {
            "info": {"reports": n_rep, "documents": n_docs, "how": how, "duck_mb": file_mb(duck),
                     "sqlite_mb": file_mb(sqlite_path) if sqlite_path else 0.0, "sqlite_export_s": export_s,
                     "repeats": a.repeats},
            "timings": [asdict(t) for t in timings],
        }
        if a.json:
            Path(a.json).write_text(json.dumps(results, indent=1))
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    text = report(results)
    print("\n" + text)
    if a.json:
        Path(a.json).write_text(json.dumps(results, indent=1))
    if a.out:
        write_out(Path(a.out), text)
        print(f"\nWrote the results section of {a.out}")
    if not a.workdir and not a.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
