"""Incremental builds: only changed documents are read again, and the result is the same as a full build.

Grouped by what they exercise: equality with a full build (adding, changing, renaming, removing
files), what forces reading again (a new extractor version, a changed vocabulary file, a changed
sources.csv line, --full), and serialised builds (a lock across processes, never an older result).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from boardcompare import ingest
from boardcompare.build import version
from boardcompare.build.lock import BuildBusy, build_lock, lock_path
from boardcompare.build.summaries import SUMMARY_TABLES
from boardcompare.cli import main
from boardcompare.ingest import BuildFailed, build_database
from boardcompare.paths import PACKAGE_DIR, PROJECT_DIR
from tests.test_faults import minutes, write_minutes

# Every table except build_info (when and how the database was built).
CONTENT = ("local_authorities", "boards", "documents", "reports", "theme_taxonomy", "concern_kinds",
           "metric_catalogue", "theme_mentions", "metrics", "concerns", "actions", "ingest_log", "document_builds",
           "search_terms", "search_documents", "search_stats", "document_list", *SUMMARY_TABLES)


def contents(db_path: Path) -> dict[str, list]:
    with duckdb.connect(str(db_path), read_only=True) as con:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in CONTENT}


def assert_same(a: Path, b: Path) -> None:
    left, right = contents(a), contents(b)
    for table in CONTENT:
        assert left[table] == right[table], f"{table} differs"


def full_build_of(folder: Path, tmp_path: Path) -> Path:
    db_path = tmp_path / "full" / "db.duckdb"
    shutil.rmtree(db_path.parent, ignore_errors=True)
    build_database([folder], db_path, full=True)
    return db_path


@pytest.fixture
def built(tmp_path) -> tuple[Path, Path]:
    """Twelve minutes files and a database built from them."""
    folder = write_minutes(tmp_path / "minutes", 12)
    db_path = tmp_path / "data" / "db.duckdb"
    summary = build_database([folder], db_path)
    assert summary.kind == "full" and summary.n_read == 12
    return folder, db_path


# --------------------------------------------------------------------------------------------
# The same rows as a full build


def test_adding_a_file_reads_only_that_file_and_equals_a_full_build(built, tmp_path):
    folder, db_path = built
    (folder / "new.txt").write_text(minutes(40))
    summary = build_database([folder], db_path)
    assert (summary.kind, summary.n_read, summary.n_kept) == ("incremental", 1, 12)
    assert summary.count("used") == 13
    assert_same(db_path, full_build_of(folder, tmp_path))


def test_changing_renaming_and_removing_files(built, tmp_path):
    folder, db_path = built
    (folder / "minutes_0001.txt").write_text(minutes(1) + "\nA further note was recorded.\n")
    (folder / "minutes_0002.txt").rename(folder / "a_renamed.txt")
    (folder / "minutes_0003.txt").unlink()
    shutil.copy(folder / "minutes_0004.txt", folder / "0_copy_first.txt")  # a duplicate that sorts first
    summary = build_database([folder], db_path)
    assert summary.n_read == 2  # the changed file, and the second copy of a kept one (read, found a duplicate)
    assert summary.count("duplicate") == 1
    with duckdb.connect(str(db_path), read_only=True) as con:
        names = [r[0] for r in con.execute("SELECT file_name FROM documents ORDER BY 1").fetchall()]
        gone = con.execute("SELECT count(*) FROM reports r JOIN documents d USING (document_id) "
                           "WHERE d.file_name = 'minutes_0003.txt'").fetchone()[0]
    assert "a_renamed.txt" in names and "0_copy_first.txt" in names and "minutes_0004.txt" not in names
    assert gone == 0
    assert_same(db_path, full_build_of(folder, tmp_path))


def test_removing_a_file_removes_its_rows(built):
    folder, db_path = built
    with duckdb.connect(str(db_path), read_only=True) as con:
        (doc_id,) = con.execute("SELECT document_id FROM documents WHERE file_name = 'minutes_0005.txt'").fetchone()
    (folder / "minutes_0005.txt").unlink()
    build_database([folder], db_path)
    with duckdb.connect(str(db_path), read_only=True) as con:
        for table in ("documents", "reports", "document_builds", "search_terms", "search_documents",
                      "document_list"):
            assert con.execute(f"SELECT count(*) FROM {table} WHERE document_id = ?", [doc_id]).fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM theme_mentions WHERE report_id LIKE ?",
                           [f"{doc_id}-%"]).fetchone()[0] == 0


def test_built_in_steps_equals_built_at_once(tmp_path):
    folder = tmp_path / "minutes"
    db_path = tmp_path / "data" / "db.duckdb"
    for step in range(3):
        write_minutes(folder, 5, start=step * 5)
        build_database([folder], db_path)
    assert_same(db_path, full_build_of(folder, tmp_path))


# --------------------------------------------------------------------------------------------
# What makes a build read everything again


def test_a_new_extractor_version_reads_everything_again(built, monkeypatch):
    folder, db_path = built
    monkeypatch.setattr(ingest, "extractor_version", lambda: "another-version")
    summary = build_database([folder], db_path)
    assert (summary.kind, summary.n_read, summary.n_kept) == ("full", 12, 0)


@pytest.mark.parametrize("changed", ["vocab/theme_patterns.csv", "sql/schema.sql"])
def test_a_changed_vocabulary_or_layout_file_changes_the_extractor_version(tmp_path, changed):
    copy = tmp_path / "package"
    for pattern in version.SOURCES:
        for path in PACKAGE_DIR.glob(pattern):
            target = copy / path.relative_to(PACKAGE_DIR)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    before = version.extractor_version(copy)
    assert before == version.extractor_version(PACKAGE_DIR)
    edited = copy / changed
    edited.write_text(edited.read_text() + "\n")
    assert version.extractor_version(copy) != before


def test_changed_views_are_made_again_by_an_incremental_build(built, tmp_path, monkeypatch):
    folder, db_path = built
    sql = tmp_path / "sql"
    shutil.copytree(PACKAGE_DIR / "sql", sql)
    views = sql / "views.sql"
    views.write_text(views.read_text() + "\nCREATE OR REPLACE VIEW v_added AS SELECT count(*) AS n FROM reports;\n")
    monkeypatch.setattr("boardcompare.build.summaries.SQL_DIR", sql)
    summary = build_database([folder], db_path)
    assert (summary.kind, summary.n_read) == ("incremental", 0)
    with duckdb.connect(str(db_path), read_only=True) as con:
        assert con.execute("SELECT n FROM v_added").fetchone()[0] == 12


def test_a_changed_sources_line_reads_that_file_again(built):
    folder, db_path = built
    (folder / "sources.csv").write_text("file,council,source_url,meeting_date\n"
                                        "minutes_0007.txt,,https://example.org/item7,\n")
    summary = build_database([folder], db_path)
    assert summary.n_read == 1
    with duckdb.connect(str(db_path), read_only=True) as con:
        assert con.execute("SELECT source_url FROM documents WHERE file_name = 'minutes_0007.txt'"
                           ).fetchone() == ("https://example.org/item7",)


def test_full_reads_everything(built, capsys):
    folder, db_path = built
    assert main(["ingest", str(folder), "--db", str(db_path), "--full", "--quiet"]) == 0
    assert "full build: 12 files read" in capsys.readouterr().out


# --------------------------------------------------------------------------------------------
# One build at a time


def test_no_wait_says_a_build_is_running(built, capsys):
    folder, db_path = built
    with build_lock(db_path):
        with pytest.raises(BuildBusy):
            build_database([folder], db_path, wait=False)
        code = main(["ingest", str(folder), "--db", str(db_path), "--no-wait", "--quiet"])
    assert code == 3
    assert "a build is running" in capsys.readouterr().err
    assert lock_path(db_path).exists()


def test_a_later_ingest_add_waits_for_an_earlier_build_and_keeps_its_file(tmp_path):
    """Two processes: a slow build from the folder, then `ingest --add` while it runs. The added file stays."""
    data = tmp_path / "data"
    folder = write_minutes(data / "minutes", 30)
    db_path = data / "boardcompare.duckdb"
    slow = ("import sys, time\n"
            "from pathlib import Path\n"
            "from boardcompare.ingest import build_database\n"
            "def slowly(results, total):\n"
            "    for r in results:\n"
            "        time.sleep(0.1)\n"
            "        yield r\n"
            f"build_database([Path({str(folder)!r})], Path({str(db_path)!r}), root=Path({str(data)!r}), "
            "progress=slowly, full=True)\n")
    first = subprocess.Popen([sys.executable, "-c", slow], cwd=PROJECT_DIR)
    deadline = time.monotonic() + 60
    while not list(data.glob(".boardcompare.duckdb.building-*")):
        assert first.poll() is None and time.monotonic() < deadline, "the first build did not start"
        time.sleep(0.02)
    added = tmp_path / "added.txt"
    added.write_text(minutes(77))
    second = subprocess.run([sys.executable, "-m", "boardcompare", "ingest", "--add", str(added), "--quiet"],
                            cwd=PROJECT_DIR, capture_output=True, text=True, timeout=120,
                            env={**__import__("os").environ, "BOARDCOMPARE_DATA": str(data)})
    first.wait(timeout=120)
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    with duckdb.connect(str(db_path), read_only=True) as con:
        files = [r[0] for r in con.execute("SELECT file_name FROM documents").fetchall()]
    assert "added.txt" in files and len(files) == 31


def test_a_build_never_swaps_in_a_result_older_than_the_database(built, monkeypatch):
    folder, db_path = built
    before = contents(db_path)
    monkeypatch.setattr(ingest.time, "time_ns", lambda: 1)  # as if its inputs were listed long ago
    (folder / "new.txt").write_text(minutes(50))
    with pytest.raises(BuildFailed, match="older, was not swapped in"):
        build_database([folder], db_path)
    assert contents(db_path) == before
