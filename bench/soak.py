#!/usr/bin/env python3
"""Soak run (issue 10): readers, builds and the SQL box at once; no failed read, no lost document.

One long-lived process stands in for the dashboard's server: it runs the pages' own queries
(every ``SQL_*`` of :mod:`boardcompare.compare` with its parameters, every query file of
``queries/`` through the SQL box, and a briefing) from ``--readers`` threads, the way
:mod:`boardcompare.data_access` does (one read-only connection per database build, a cursor per
query), while ``--builds`` runs of ``boardcompare ingest --add FILE`` go one after another in
other processes (``--overlap`` starts them together, so the build lock has to serialise them),
and one more thread feeds the SQL box the hostile statements of issue 10.

Usage::

    python bench/soak.py                      # 8 readers, 3 builds, on the shipped minutes + 300 generated
    python bench/soak.py --generated 1000 --overlap --keep

The readers and the feeder run ``--warmup`` seconds before the first build, so that every thread
has read and the process's memory has reached its steady state (it grows for the first half
minute of reading from eight threads, then holds); "start" is the median resident memory of the
last 10 s before the builds and "end" that of the 10 s after the last one, the readers still
reading both times. Prints the reads done and failed, the documents before and after, the build
times and the memory; exits 1 unless there were 0 failed reads, 0 lost documents, every hostile
statement refused, every build exited 0 and the end is within 10% of the start. Everything is
written in a temporary folder (never data/).
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from boardcompare import briefing, compare, db, search, sqlguard  # noqa: E402
from boardcompare.queries import default_params, load_queries, param_choices, run_query  # noqa: E402

HOSTILE = (
    "SELECT repeat('x',1000000) AS s FROM range(3000)",
    "SELECT len(list_sort(list_reverse(range(150000000))))",
    "SELECT sum(hash(a.range * b.range)) FROM range(1000000) a, range(1000000) b",
    "SELECT * FROM duckdb_databases()",
)


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    reads: int = 0
    failed: list[str] = field(default_factory=list)
    hostile: int = 0
    hostile_wrong: list[str] = field(default_factory=list)
    documents_seen: list[int] = field(default_factory=list)
    went_down: int = 0

    def read(self, ok: bool, what: str = "") -> None:
        with self.lock:
            self.reads += 1
            if not ok:
                self.failed.append(what)


class Connections:
    """One read-only connection per database build, as data_access keeps them (the last two)."""

    def __init__(self, path: Path) -> None:
        self.path, self.lock, self.by_version = path, threading.Lock(), {}

    def cursor(self) -> duckdb.DuckDBPyConnection:
        st = os.stat(self.path)
        version = (st.st_ino, st.st_size, st.st_mtime_ns)
        with self.lock:
            if version not in self.by_version:
                self.by_version[version] = db.connect(self.path)
                while len(self.by_version) > 2:
                    self.by_version.pop(next(iter(self.by_version))).close()
            cur = self.by_version[version].cursor()
        cur.execute(f"USE {db.STORE}")
        return cur


def page_queries(path: Path) -> list[tuple[str, str, dict]]:
    """(name, sql, params) for every SQL constant of compare.py, its parameters given a typical value."""
    with db.connect(path) as con:
        board = con.execute("SELECT board_id FROM v_reports WHERE board_id IS NOT NULL LIMIT 1").fetchone()[0]
        metric = con.execute("SELECT metric FROM v_metrics GROUP BY metric ORDER BY count(*) DESC LIMIT 1").fetchone()
    typical = {"boards": None, "y0": None, "y1": None, "board": board, "code": compare.INFORMATION_SHARING,
               "limit": 500, "metric": metric[0] if metric else "People trained", "q": "neglect",
               **search.search_params("neglect training")}
    out = []
    for name in sorted(n for n in dir(compare) if n.startswith("SQL_")):
        sql = getattr(compare, name)
        names = duckdb.extract_statements(sql)[0].named_parameters
        unknown = set(names) - set(typical)
        if unknown:
            raise SystemExit(f"soak: {name} takes {', '.join(sorted(unknown))}: give it a typical value")
        out.append((name, sql, {k: typical[k] for k in names}))
    return out


@dataclass
class Pages:
    """What a round of reading runs: the pages' SQL, the query files, a briefing of one board."""

    conns: Connections
    queries: list[tuple[str, str, dict]]
    specs: list
    board: str
    path: Path

    def read_round(self, tally: Tally, last_docs: int) -> int:
        """Run everything once; return the number of documents seen (never fewer than last time)."""
        for name, sql, params in self.queries:
            self._read(tally, name, lambda sql=sql, params=params: self._page_query(sql, params))
        for spec in self.specs:
            self._read(tally, f"queries/{spec.id}.sql", lambda spec=spec: run_query(
                spec, default_params(spec, param_choices(spec, self._sql_box)), self.path))
        self._read(tally, "briefing", lambda: briefing.build_briefing(self.board, None, db_path=self.path))
        docs = self._read(tally, "documents", lambda: self._page_query("SELECT count(*) AS n FROM documents", {}))
        n = int(docs.n[0]) if docs is not None else last_docs
        with tally.lock:
            tally.documents_seen.append(n)
            tally.went_down += n < last_docs
        return n

    def _page_query(self, sql: str, params: dict):
        with self.conns.cursor() as cur:
            return cur.execute(sql, params).df()

    def _sql_box(self, sql: str):
        return sqlguard.run_readonly(sql, db_path=self.path).df  # as the Queries page runs a choices query

    @staticmethod
    def _read(tally: Tally, what: str, read):
        try:
            result = read()
        except Exception as err:  # counted, and the first few shown
            tally.read(False, f"{what}: {type(err).__name__}: {err}")
            return None
        tally.read(True)
        return result


def reader(stop: threading.Event, tally: Tally, pages: Pages) -> None:
    last_docs = 0
    while not stop.is_set():
        last_docs = pages.read_round(tally, last_docs)


def hostile_round(tally: Tally, path: Path) -> None:
    """Each hostile statement once through the SQL box: each must be refused."""
    for sql in HOSTILE:
        try:
            sqlguard.run_readonly(sql, db_path=path)
            outcome = "ran"
        except sqlguard.RefusedSQL:
            outcome = "refused"
        except Exception as err:
            outcome = f"{type(err).__name__}: {err}"
        with tally.lock:
            tally.hostile += 1
            if outcome != "refused":
                tally.hostile_wrong.append(f"{sql[:40]}: {outcome}")


def hostile_feeder(stop: threading.Event, tally: Tally, path: Path) -> None:
    while not stop.is_set():
        hostile_round(tally, path)


MEASURE_S = 10.0  # memory is the median of this many seconds of samples, taken every 0.2 s


@dataclass
class Memory:
    """This process's resident memory, sampled while the soak runs."""

    samples: list[tuple[float, float]] = field(default_factory=list)  # (monotonic time, MB)
    start: float = float("nan")
    end: float = float("nan")
    stopped: float = float("nan")

    def sample(self, stop: threading.Event) -> None:
        while not stop.wait(0.2):
            self.samples.append((time.monotonic(), rss_mb()))

    def median_since(self, since: float) -> float:
        return statistics.median([mb for t, mb in self.samples if t >= since] or [rss_mb()])

    def text(self) -> str:
        peak = max((mb for _, mb in self.samples), default=self.end)
        return (f"memory of this process (the server's part), median of {MEASURE_S:g} s while reading: "
                f"{self.start:.0f} MB before the builds, {self.end:.0f} MB after them "
                f"({(self.end - self.start) / self.start:+.1%}); peak {peak:.0f} MB; "
                f"{self.stopped:.0f} MB once the readers stopped")


class Running:
    """The readers, the hostile SQL feeder and the memory sampler, running inside a ``with``."""

    def __init__(self, readers: int, tally: Tally, pages: Pages, memory: Memory) -> None:
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=reader, args=(self.stop, tally, pages), daemon=True)
                        for _ in range(readers)]
        self.threads += [threading.Thread(target=hostile_feeder, args=(self.stop, tally, pages.path), daemon=True),
                         threading.Thread(target=memory.sample, args=(self.stop,), daemon=True)]

    def __enter__(self) -> Running:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(300)


def prepare(work: Path, generated: int, n_add: int) -> tuple[Path, list[Path]]:
    """A data folder with the shipped minutes and generated ones, and ``n_add`` files kept back to add."""
    corpus, minutes = work / "corpus", work / "data" / "minutes"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--boards", "60", "--years", "10",
                    "--reports", str((generated + n_add) * 5 // 4), "--formats", "txt", "--out", str(corpus)],
                   check=True, capture_output=True)
    minutes.mkdir(parents=True)
    for f in (ROOT / "data" / "minutes").iterdir():
        if f.is_file():
            shutil.copy(f, minutes / f.name)
    with open(corpus / "manifest.csv", newline="") as f:  # board reports only: every build then exits 0
        files = sorted(corpus / row["file"] for row in csv.DictReader(f) if row["kind"] == "board_report")
    for f in files[n_add:n_add + generated]:
        shutil.copy(f, minutes / f"{f.parent.name}_{f.name}")
    to_add = []
    for f in files[:n_add]:
        target = work / "to_add" / f"{f.parent.name}_{f.name}"
        target.parent.mkdir(exist_ok=True)
        shutil.copy(f, target)
        to_add.append(target)
    return work / "data", to_add


def ingest(env: dict, *args: str) -> tuple[float, int, str]:
    """One ``boardcompare ingest`` in its own process: seconds, exit status, its last line."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "boardcompare", "ingest", "--quiet", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    last = done.stdout.strip().splitlines()[-1:] or done.stderr.strip().splitlines()[-1:] or [""]
    return time.perf_counter() - started, done.returncode, last[0]


def run_builds(env: dict, to_add: list[Path], overlap: bool) -> list[tuple[float, int, str]]:
    if not overlap:
        return [ingest(env, "--add", str(f)) for f in to_add]
    results: list = [None] * len(to_add)
    threads = [threading.Thread(target=lambda i=i, f=f: results.__setitem__(i, ingest(env, "--add", str(f))))
               for i, f in enumerate(to_add)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--readers", type=int, default=8)
    ap.add_argument("--builds", type=int, default=3, help="files added, one build each")
    ap.add_argument("--generated", type=int, default=300, help="generated minutes besides the shipped ones")
    ap.add_argument("--overlap", action="store_true", help="start the builds together (the lock serialises them)")
    ap.add_argument("--warmup", type=float, default=60, help="seconds of reading before the builds start")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="boardcompare-soak-"))
    try:
        return soak(args, work)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def soak(args, work: Path) -> int:
    """Set up, soak, check; print the figures and return the exit status."""
    data, to_add = prepare(work, args.generated, args.builds)
    db_path = data / "boardcompare.duckdb"
    env = {**os.environ, "BOARDCOMPARE_DATA": str(data), "BOARDCOMPARE_DB": str(db_path)}
    os.environ.update(BOARDCOMPARE_DATA=str(data), BOARDCOMPARE_DB=str(db_path))
    seconds, rc, last = ingest(env)
    print(f"first build: {seconds:.1f} s, exit {rc}: {last}")
    docs_before = _documents(db_path)[0]
    queries, (specs, _) = page_queries(db_path), load_queries(ROOT / "queries")
    pages = Pages(Connections(db_path), queries, specs, next(p["board"] for _, _, p in queries if "board" in p),
                  db_path)
    tally, memory = Tally(), Memory()
    started = time.perf_counter()
    with Running(args.readers, tally, pages, memory):
        time.sleep(args.warmup)  # the server's steady state: every thread has read, each arena is grown
        memory.start = memory.median_since(time.monotonic() - MEASURE_S)
        builds = run_builds(env, to_add, args.overlap)
        time.sleep(MEASURE_S)
        memory.end = memory.median_since(time.monotonic() - MEASURE_S)
    soak_s = time.perf_counter() - started
    gc.collect()
    memory.stopped = rss_mb()
    docs_after, stored = _documents(db_path)
    missing = [f.name for f in to_add if not any(f.name in s for s in stored)]
    lost = max(0, docs_before + len(to_add) - docs_after) + len(missing)
    print(f"readers: {args.readers}; builds: {len(builds)} {'started together' if args.overlap else 'back to back'}; "
          f"{soak_s:.0f} s in all, {args.warmup:g} s of it reading before the builds")
    for i, (seconds, rc, last) in enumerate(builds, 1):
        print(f"  build {i}: {seconds:.1f} s, exit {rc}: {last}")
    print(f"reads: {tally.reads} ({len(queries)} page queries, {len(specs)} query files and a briefing per round), "
          f"failed: {len(tally.failed)}", *(f"\n  {what}" for what in tally.failed[:5]))
    print(f"documents: {docs_before} before, {docs_after} after ({len(to_add)} added); lost: {lost}; "
          f"readers saw the count go down {tally.went_down} times")
    print(f"SQL box hostile statements: {tally.hostile} sent, {len(tally.hostile_wrong)} not refused",
          *(f"\n  {what}" for what in tally.hostile_wrong[:5]))
    print(memory.text())
    ok = (not tally.failed and lost == 0 and not tally.went_down and not tally.hostile_wrong
          and memory.end <= memory.start * 1.10 and all(rc == 0 for _, rc, _ in builds))
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


def _documents(db_path: Path) -> tuple[int, set[str]]:
    with db.connect(db_path) as con:
        n = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        used = {r[0] for r in con.execute("SELECT path FROM ingest_log WHERE outcome = 'used'").fetchall()}
    return n, used


if __name__ == "__main__":
    raise SystemExit(main())
