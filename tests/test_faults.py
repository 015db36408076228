"""Faults on purpose: an ingest killed halfway, a rebuild under constant reading, a folder that cannot be
written and a full disk. The last good database must survive each, and the user must be told plainly.

Every test builds its own small minutes in tmp_path (never data/) and is bounded in time.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from boardcompare import compare, db
from boardcompare.cli import main as cli_main
from boardcompare.ingest import build_database
from boardcompare.paths import PROJECT_DIR

AUTHORITIES = ["Stockport", "Medway", "Rotherham", "Worcestershire", "Staffordshire", "Bristol", "Camden", "Devon"]
NUMBERS = ["two", "three", "four", "no", "one"]
TABLES = ("documents", "reports", "theme_mentions", "metrics", "concerns", "actions", "boards", "ingest_log")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def minutes(i: int) -> str:
    """Short, distinct minutes about one board's annual report (a real local authority, so checks pass)."""
    la = AUTHORITIES[i % len(AUTHORITIES)]
    y = 2010 + (i // len(AUTHORITIES)) % 9
    period = f"{y}-{(y + 1) % 100:02d}"
    return (f"Minutes of the Children and Young People Scrutiny Committee, 12 October {y + 1}\n\n"
            f"{la} Safeguarding Children Board Annual Report {period}\n\n"
            f"The Independent Chair of the {la} Safeguarding Children Board presented the annual report for "
            f"{period}. The Board had published {NUMBERS[i % 5]} serious case reviews in the year. "
            "Members raised concerns about information sharing between agencies. Neglect and child sexual "
            f"exploitation remained priorities, and {100 + i} people attended multi-agency training.\n\n"
            f"RESOLVED: that the report be noted. (Reference {i}.)\n")


def write_minutes(folder: Path, n: int, start: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        (folder / f"minutes_{i:04d}.txt").write_text(minutes(i), encoding="utf-8")
    return folder


def counts(db_path: Path) -> dict[str, int]:
    with duckdb.connect(str(db_path), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def leftovers(folder: Path, db_path: Path) -> list[str]:
    """Half-written build files beside the database."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(f".{db_path.name}.building"))


def ingest_cmd(src: Path, db_path: Path, workers: int = 1) -> list[str]:
    return [sys.executable, "-m", "boardcompare", "ingest", str(src), "--db", str(db_path),
            "--workers", str(workers), "--quiet"]


def run_cli(src: Path, db_path: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(ingest_cmd(src, db_path), cwd=PROJECT_DIR, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture
def good_db(tmp_path) -> tuple[Path, dict[str, int]]:
    """A small good database in its own folder, and its row counts."""
    folder = tmp_path / "data"
    folder.mkdir()
    db_path = folder / "boardcompare.duckdb"
    build_database([write_minutes(tmp_path / "first", 12)], db_path)
    before = counts(db_path)
    assert before["reports"] == 12 and before["boards"] == len(AUTHORITIES)
    return db_path, before


def start_and_kill_when_building(src: Path, db_path: Path, after_s: float = 0.3) -> subprocess.Popen:
    """Start an ingest and SIGKILL it once its temporary build file has appeared (plus ``after_s``)."""
    proc = subprocess.Popen(ingest_cmd(src, db_path), cwd=PROJECT_DIR, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    try:
        while not leftovers(db_path.parent, db_path):
            assert proc.poll() is None, "the ingest ended before its build file was seen"
            assert time.monotonic() < deadline, "no build file appeared within 60 s"
            time.sleep(0.02)
        time.sleep(after_s)
        assert proc.poll() is None, "the ingest finished before it could be killed: give it more files"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    return proc


# --------------------------------------------------------------------------------------------
# Killed halfway


def test_sigkill_halfway_keeps_the_last_good_database(tmp_path, good_db):
    db_path, before = good_db
    inode = db_path.stat().st_ino
    src = write_minutes(tmp_path / "many", 250, start=100)
    start_and_kill_when_building(src, db_path)

    # The database file is the old one, untouched, and opens read-only with the same rows.
    assert db_path.stat().st_ino == inode
    assert counts(db_path) == before
    # The dashboard keeps serving from it.
    assert len(db.query_df(compare.SQL_REPORTS, compare.Filters().params(), path=db_path)) == 12
    # Whatever was half written lies beside it under a different name and is not what is read.
    assert all(name != db_path.name for name in leftovers(db_path.parent, db_path))

    # A later ingest succeeds and swaps in the full database.
    done = run_cli(src, db_path)
    assert done.returncode == 0, done.stderr
    assert counts(db_path)["reports"] == 250


def test_a_later_ingest_cleans_up_after_a_killed_one(tmp_path, good_db):
    db_path, _ = good_db
    src = write_minutes(tmp_path / "many", 250, start=100)
    start_and_kill_when_building(src, db_path)
    assert leftovers(db_path.parent, db_path), "the killed build should have left its file"
    done = run_cli(src, db_path)
    assert done.returncode == 0, done.stderr
    assert leftovers(db_path.parent, db_path) == []


# --------------------------------------------------------------------------------------------
# Rebuilt while being read


def test_rebuild_while_eight_threads_query_fails_no_query(tmp_path, good_db):
    db_path, _ = good_db
    src = write_minutes(tmp_path / "many", 150, start=100)
    stop = threading.Event()
    errors: list[str] = []
    seen: set[int] = set()
    done_queries = [0] * 8
    sqls = [
        ("SELECT count(*) AS n FROM v_reports", {}),
        (compare.SQL_COVERAGE, compare.Filters().params()),
        (compare.SQL_CONCERNS, compare.Filters(("stockport",)).params()),
        (compare.SQL_DOCUMENT_TOTALS, {}),
    ]

    def reader(k: int) -> None:
        while not stop.is_set():
            sql, params = sqls[k % len(sqls)]
            try:
                df = db.query_df(sql, params, path=db_path)
                if k % len(sqls) == 0:
                    seen.add(int(df["n"].iloc[0]))
                done_queries[k] += 1
            except Exception as e:  # any failure at all is what this test looks for
                errors.append(f"thread {k}: {type(e).__name__}: {e}")

    threads = [threading.Thread(target=reader, args=(k,), daemon=True) for k in range(8)]
    for t in threads:
        t.start()
    try:
        time.sleep(0.3)
        rebuild = run_cli(src, db_path, timeout=240)  # a bound, not a speed target: CI machines can be busy
        time.sleep(0.3)  # keep reading after the swap for a moment
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=30)
    assert rebuild.returncode == 0, rebuild.stderr
    assert counts(db_path)["reports"] == 150
    assert not errors, errors[:5]
    assert all(n > 0 for n in done_queries), done_queries
    # Only ever the old database or the new one, never anything in between.
    assert seen <= {12, 150}, seen


def test_readers_see_the_new_database_after_the_swap_while_others_are_reading(tmp_path, good_db):
    db_path, _ = good_db
    src = write_minutes(tmp_path / "more", 20, start=100)
    busy = db.connect(db_path)  # another session's query, still running
    try:
        build_database([src], db_path)
        n = db.query_df("SELECT count(*) AS n FROM reports", path=db_path)["n"].iloc[0]
    finally:
        busy.close()
    assert n == 20


# --------------------------------------------------------------------------------------------
# A folder that cannot be written, a full disk


def test_database_path_under_a_file_gives_a_clear_message(tmp_path):
    src = write_minutes(tmp_path / "in", 3)
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder")
    target = blocker / "boardcompare.duckdb"
    done = run_cli(src, target)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert str(blocker) in done.stderr
    assert blocker.read_text() == "not a folder"


@pytest.mark.skipif(IS_ROOT, reason="root ignores folder permissions; see the simulated test below")
def test_read_only_data_folder_gives_a_clear_message(tmp_path, good_db):
    db_path, before = good_db
    src = write_minutes(tmp_path / "in", 3, start=50)
    os.chmod(db_path.parent, 0o555)
    try:
        done = run_cli(src, db_path)
    finally:
        os.chmod(db_path.parent, 0o755)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert str(db_path) in done.stderr and "ermission denied" in done.stderr
    assert counts(db_path) == before


def test_read_only_data_folder_simulated_gives_a_clear_message(tmp_path, good_db, monkeypatch, capsys):
    """As root, permissions are not enforced: make opening the new database file fail as they would."""
    db_path, before = good_db
    src = write_minutes(tmp_path / "in", 3, start=50)
    real_connect = duckdb.connect

    def refusing_connect(path=":memory:", *args, **kwargs):
        if ".building" in str(path):
            raise duckdb.IOException(f'IO Error: Cannot open file "{path}": Permission denied')
        return real_connect(path, *args, **kwargs)

    monkeypatch.setattr("boardcompare.build.swap.duckdb.connect", refusing_connect)
    rc = cli_main(["ingest", str(src), "--db", str(db_path), "--quiet"])
    err = capsys.readouterr().err
    assert rc == 1
    assert str(db_path) in err and "Permission denied" in err
    monkeypatch.undo()
    assert counts(db_path) == before
    assert leftovers(db_path.parent, db_path) == []


@pytest.mark.parametrize("error", ["oserror", "duckdb"])
def test_full_disk_gives_a_clear_message(tmp_path, good_db, monkeypatch, capsys, error):
    db_path, before = good_db
    src = write_minutes(tmp_path / "in", 3, start=50)

    def full(self):
        tmp = next(iter(leftovers(db_path.parent, db_path)), "the new database")
        if error == "oserror":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(db_path.parent / tmp))
        raise duckdb.IOException(f'IO Error: Could not write file "{db_path.parent / tmp}": '
                                 "No space left on device")

    monkeypatch.setattr("boardcompare.build.writer.Writer.flush", full)
    try:
        rc = cli_main(["ingest", str(src), "--db", str(db_path), "--quiet"])
    finally:
        monkeypatch.undo()
        # Whatever the outcome, the old database is intact and nothing half-written is left.
        assert counts(db_path) == before
        assert leftovers(db_path.parent, db_path) == []
    err = capsys.readouterr().err
    assert rc == 1
    assert str(db_path) in err and "No space left on device" in err


# --------------------------------------------------------------------------------------------
# Errors become messages: one base error, worded in one place on the command line and the pages


def _project_exceptions() -> list[type[BaseException]]:
    import importlib
    import inspect
    import pkgutil

    import boardcompare

    found = {}
    for info in pkgutil.walk_packages(boardcompare.__path__, "boardcompare."):
        if ".ui" in info.name or info.name.endswith("__main__"):
            continue  # Streamlit modules (none defines an exception) and the entry point (runs the CLI)
        module = importlib.import_module(info.name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, BaseException) and obj.__module__.startswith("boardcompare"):
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return [found[k] for k in sorted(found)]


def test_every_project_exception_derives_from_the_base_error():
    from boardcompare.errors import BoardcompareError

    classes = _project_exceptions()
    assert len(classes) >= 11  # the base, the SQL three, briefing, queries, build, upload, sidecar, reader, db
    assert [c.__name__ for c in classes if not issubclass(c, BoardcompareError)] == []


def test_a_sources_csv_without_a_file_column_is_a_message(tmp_path):
    src = write_minutes(tmp_path / "in", 2)
    (src / "sources.csv").write_text("name,council\nminutes_0000.txt,Stockport\n", encoding="utf-8")
    done = run_cli(src, tmp_path / "db.duckdb")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "sources.csv" in done.stderr and "'file'" in done.stderr
    assert not (tmp_path / "db.duckdb").exists()


def test_running_out_of_memory_while_adding_is_a_message(tmp_path, good_db, monkeypatch, capsys):
    """One file that needs more memory than there is is left out; the build goes on without it."""
    db_path, before = good_db
    monkeypatch.setenv("BOARDCOMPARE_DATA", str(tmp_path / "data2"))
    big, fine = tmp_path / "big.txt", tmp_path / "fine.txt"
    big.write_text(minutes(90), encoding="utf-8")
    fine.write_text(minutes(91), encoding="utf-8")
    real_read = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes",
                        lambda self: (_ for _ in ()).throw(MemoryError()) if self == big else real_read(self))
    rc = cli_main(["ingest", "--add", str(big), str(fine), "--db", str(db_path), "--quiet"])
    err = capsys.readouterr().err
    assert rc == 1
    assert f"{big}: not added: this machine ran out of memory" in err
    saved = tmp_path / "data2" / "minutes"
    assert (saved / "fine.txt").exists() and not (saved / "big.txt").exists()


def test_running_out_of_memory_while_building_is_a_message(tmp_path, good_db, monkeypatch, capsys):
    db_path, before = good_db
    src = write_minutes(tmp_path / "in", 3, start=50)

    def no_memory(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr("boardcompare.ingest.extract_document", no_memory)
    rc = cli_main(["ingest", str(src), "--db", str(db_path), "--quiet"])
    err = capsys.readouterr().err
    assert rc == 1
    assert err.startswith("boardcompare ingest: this machine ran out of memory")
    assert counts(db_path) == before
    assert leftovers(db_path.parent, db_path) == []


@pytest.mark.parametrize(("argv", "status", "words"), [
    (["ingest", "no/such/folder", "--quiet"], 2, "no/such/folder: no such file or folder"),
    (["sql", "SELECT 1", "--db", "{tmp}/none.duckdb"], 1, "has not been built yet"),
    (["export", "--parquet", "{tmp}/out", "--db", "{tmp}/none.duckdb"], 1, "has not been built yet"),
    (["export", "--parquet", "{tmp}/file.txt/out", "--db", "{db}"], 1, "file.txt/out: cannot create the folder"),
    (["brief", "Narnia", "--out", "{tmp}/x.md", "--db", "{db}"], 2, "No board called 'Narnia'"),
    (["extract", "--json", "{tmp}/none.txt"], 1, "none.txt: "),
])
def test_each_command_words_its_errors_in_one_line(tmp_path, good_db, capsys, argv, status, words):
    db_path, _ = good_db
    (tmp_path / "file.txt").write_text("not a folder")
    argv = [a.format(tmp=tmp_path, db=db_path) for a in argv]
    assert cli_main(argv) == status
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_a_page_that_runs_out_of_memory_says_so(fixture_db_env, monkeypatch):
    from streamlit.testing.v1 import AppTest

    def no_memory(*args, **kwargs):
        raise MemoryError

    at = AppTest.from_file(str(PROJECT_DIR / "pages" / "reviews.py"), default_timeout=60)
    monkeypatch.setattr(compare, "load", no_memory)
    at.run()
    assert not at.exception
    assert [e.value for e in at.error][0].startswith("This machine ran out of memory")


def _outdate(db_path: Path) -> None:
    """Make the database look built by another version of boardcompare (its layout stamp differs)."""
    with duckdb.connect(str(db_path)) as con:
        con.execute("UPDATE build_info SET value = 'older' WHERE key = 'layout_version'")


@pytest.mark.parametrize("argv", [
    ["brief", "Stockport", "--out", "{tmp}/x.md", "--db", "{db}"],
    ["export", "--parquet", "{tmp}/out", "--db", "{db}"],
])
def test_a_database_from_another_version_is_a_message_not_a_traceback(tmp_path, good_db, capsys, argv):
    db_path, _ = good_db
    _outdate(db_path)
    assert cli_main([a.format(tmp=tmp_path, db=db_path) for a in argv]) == 1
    err = capsys.readouterr().err
    assert "was built by another version of boardcompare" in err and "boardcompare ingest" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_building_again_replaces_a_database_from_another_version(tmp_path, good_db):
    db_path, before = good_db
    _outdate(db_path)
    with pytest.raises(db.DatabaseOutdated):
        db.connect(db_path)
    build_database([tmp_path / "first"], db_path)
    with db.connect(db_path) as con:
        stamp = con.execute("SELECT value FROM build_info WHERE key = 'layout_version'").fetchone()[0]
    assert stamp == db.layout_version()
    assert counts(db_path) == before
