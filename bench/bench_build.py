"""The build side of the benchmark: the machine, ingest runs with their CPU and memory, corpora, the
100,000-report database made by copying rows, and the naive cost floor of a plain keyword pass.
"""

from __future__ import annotations

import json
import math
import os
import platform
import re
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
GEN_BOARDS, GEN_YEARS, GEN_SEED = 150, 12, 42

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
               nice: int, fresh: bool = True) -> IngestResult:
    """``boardcompare ingest`` in a subprocess: a full build into a new file, or (``fresh`` false) an
    incremental build of the database in place."""
    wrapper = workdir / "ingest_wrapper.py"
    wrapper.write_text(INGEST_WRAPPER)
    stats = workdir / f"ingest-{size}-{workers}-{'full' if fresh else 'incremental'}.json"
    if fresh:
        for p in (db_path, Path(f"{db_path}.wal")):
            p.unlink(missing_ok=True)
    cmd = [sys.executable, str(wrapper), str(stats), "ingest", *map(str, inputs), "--db", str(db_path),
           "--workers", str(workers), "--quiet", *(["--full"] if fresh else [])]
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
    """Copy the rows of ``src`` as many times as needed for ``target_reports`` reports; return the copies.

    Each copy gets new document and report ids; the search index is copied with them and written in
    term order, and the documents list, the summary tables and search statistics are made as a build
    makes them.
    """
    from boardcompare.build.derived import update_search_index, write_document_list
    from boardcompare.build.summaries import write_summaries
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
        for table in ("local_authorities", "theme_taxonomy", "metric_catalogue", "concern_kinds", "action_kinds",
                      "boards"):
            con.execute(f"INSERT INTO {table} SELECT * FROM src.{table}")
        # the copy's layout is this code's (create_schema stamped it): the rows are copied, the rest made anew
        con.execute("INSERT INTO build_info SELECT * FROM src.build_info WHERE key <> 'layout_version'")
        copied = "FROM src.{t}, range({n}) AS c(k)".replace("{n}", str(copies))
        sfx = "'.' || k"
        con.execute(f"""INSERT INTO documents SELECT document_id || {sfx}, content_hash || {sfx}, source_path,
            file_name, format, n_chars, text, source_url, is_board_document {copied.format(t="documents")}""")
        con.execute(f"""INSERT INTO reports SELECT report_id || {sfx}, document_id || {sfx},
            * EXCLUDE (report_id, document_id, k) {copied.format(t="reports")}""")
        for table in ("theme_mentions", "metrics", "concerns", "actions"):
            con.execute(f"INSERT INTO {table} SELECT report_id || {sfx}, * EXCLUDE (report_id, k) "
                        f"{copied.format(t=table)}")
        for table in ("document_builds", "search_documents"):
            con.execute(f"INSERT INTO {table} SELECT document_id || {sfx}, * EXCLUDE (document_id, k) "
                        f"{copied.format(t=table)}")
        con.execute(f"""INSERT INTO ingest_log SELECT path || ' (copy ' || k || ')', outcome, message,
            document_id || {sfx} {copied.format(t="ingest_log")}""")
        con.execute(f"CREATE TEMP TABLE new_terms AS SELECT term, document_id || {sfx} AS document_id, n, n_words "
                    f"{copied.format(t='search_terms')}")
        update_search_index(con, 0)
        write_document_list(con)
        write_summaries(con)
        con.execute("UPDATE build_info SET value = (SELECT count(*)::TEXT FROM reports) WHERE key = 'n_reports'")
        con.execute("DETACH src")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return copies


def keyword_floor(files: list[Path], limit: int = 2000) -> dict:
    """CPU milliseconds per file (one core, this process) to read a file, to read it and make one plain
    keyword pass over its words, and to read and extract it: how far extraction is from the floor."""
    from boardcompare.extract import extract_document
    from boardcompare.extract.vocabulary import metric_defs, themes
    from boardcompare.readers import UnusableDocument, read_document
    from boardcompare.search import words

    keywords = {w for t in themes() for w in words(t.label)} | {w for m in metric_defs() for w in words(m.label)}
    sample = files[:limit]
    docs, cpu = [], {}
    t0 = time.process_time()
    for f in sample:
        try:
            docs.append(read_document(f))
        except UnusableDocument:
            pass
    cpu["read"] = time.process_time() - t0
    t0 = time.process_time()
    hits = sum(sum(w in keywords for w in words(d.text)) for d in docs)
    cpu["keywords"] = time.process_time() - t0
    t0 = time.process_time()
    n_reports = sum(len(extract_document(d)) for d in docs)
    cpu["extract"] = time.process_time() - t0
    per = 1000 / max(1, n_reports)
    return {"files": len(sample), "documents": len(docs), "reports": n_reports, "keyword_hits": hits,
            "read_ms": cpu["read"] * per, "keyword_pass_ms": cpu["keywords"] * per,
            "extract_ms": cpu["extract"] * per}


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
    sql = re.sub(r"\bCREATE\s+OR\s+REPLACE\s+VIEW\b", "CREATE VIEW", sql, flags=re.I)
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


