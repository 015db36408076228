"""sqlguard: one read-only SELECT, nothing else; plain reasons; the runner keeps working."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from boardcompare import sqlguard, sqlworker
from boardcompare.cli import main as cli_main
from boardcompare.cli_sql import sql_command
from boardcompare.db import DatabaseMissing
from boardcompare.paths import PROJECT_DIR
from boardcompare.sqlguard import RefusedSQL, run_readonly
from tests.fixtures import BOARDS

# kind -> (statement, words the reason must contain). Paths are relative: nothing may be written.
REFUSED = {
    "writes": [
        ("INSERT INTO boards VALUES ('x', 'X', NULL, NULL, 'X board')", "INSERT statements are not allowed"),
        ("UPDATE boards SET name = 'x'", "UPDATE statements are not allowed"),
        ("DELETE FROM boards", "DELETE statements are not allowed"),
        ("DROP TABLE boards", "DROP statements are not allowed"),
        ("DROP VIEW v_reports", "DROP statements are not allowed"),
        ("CREATE TABLE x AS SELECT 1", "CREATE statements are not allowed"),
        ("CREATE TEMP TABLE x AS SELECT 1", "CREATE statements are not allowed"),
        ("CREATE MACRO m() AS 1", "CREATE statements are not allowed"),
        ("ALTER TABLE boards ADD COLUMN x INTEGER", "ALTER statements are not allowed"),
        ("COPY boards TO 'boards_copy.csv'", "COPY is not allowed"),
        ("COPY (SELECT * FROM boards) TO 'boards_copy.parquet' (FORMAT parquet)", "COPY is not allowed"),
        ("EXPORT DATABASE 'exported'", "EXPORT DATABASE is not allowed"),
        ("WITH gone AS (DELETE FROM boards RETURNING *) SELECT * FROM gone", "only reads"),
    ],
    "reading files": [
        ("SELECT * FROM read_csv('minutes.csv')", "Reading files is not allowed"),
        ("SELECT * FROM read_csv_auto('minutes.csv')", "Reading files is not allowed"),
        ("SELECT * FROM read_text('/etc/passwd')", "Reading files is not allowed"),
        ("SELECT * FROM read_blob('/etc/passwd')", "Reading files is not allowed"),
        ("SELECT * FROM read_parquet('x.parquet')", "Reading files is not allowed"),
        ("SELECT * FROM parquet_scan('x.parquet')", "Reading files is not allowed"),
        ("SELECT * FROM read_json('x.json')", "Reading files is not allowed"),
        ("SELECT * FROM glob('*')", "Reading files is not allowed"),
        ("SELECT * FROM 'minutes.csv'", "Reading files is not allowed"),
        ('SELECT * FROM "minutes.csv"', "Reading files is not allowed"),
        # not caught by the denylist: stopped by enable_external_access in the locked instance
        ("SELECT * FROM boards, 'x.csv'", "Reading files is not allowed"),
        ("SELECT * FROM READ_CSV ('x.csv')", "Reading files is not allowed"),
        ("SELECT * FROM read_parquet('https://example.com/x.parquet')", "Reading files is not allowed"),
        ("SELECT * FROM 'https://example.com/x.csv'", "Reading files is not allowed"),
        ("SELECT * FROM boards JOIN 'x.parquet' USING (board_id)", "Reading files is not allowed"),
        ("WITH t AS (SELECT * FROM sniff_csv('x.csv')) SELECT * FROM t", "Reading files is not allowed"),
        ("SELECT (SELECT count(*) FROM glob('*')) AS n", "Reading files is not allowed"),
        ("SELECT * FROM query('SELECT * FROM read_text(''x'')')", "not a string holding it"),
        ("SELECT * FROM query_table('boards')", "not a string holding it"),
    ],
    "folders of this machine": [
        ("SELECT * FROM duckdb_databases()", "duckdb_databases is not available here: it shows folders"),
        ("SELECT path FROM duckdb_databases", "it shows folders"),
        ("SELECT * FROM system.main.duckdb_databases", "it shows folders"),
        ("SELECT * FROM pragma_database_list", "it shows folders"),
        ("SELECT * FROM boards WHERE board_id IN (SELECT database_name FROM DUCKDB_DATABASES())", "it shows folders"),
        ("SELECT name, value FROM duckdb_settings()", "duckdb_settings is not available here"),
        ("SELECT current_setting('allowed_paths') AS p", "current_setting is not available here"),
        ("SELECT upper(CURRENT_SETTING('secret_directory')) AS p", "current_setting is not available here"),
    ],
    "attach": [
        ("ATTACH 'other.duckdb' AS other", "Attaching other databases is not allowed"),
        ("DETACH boardcompare", "Detaching databases is not allowed"),
    ],
    "extensions": [
        ("INSTALL httpfs", "extensions is not allowed"),
        ("LOAD httpfs", "extensions is not allowed"),
        ("FORCE INSTALL spatial", "extensions is not allowed"),
    ],
    "settings": [
        ("SET enable_external_access = true", "Changing settings"),
        ("RESET enable_external_access", "Changing settings"),
        ("SET threads = 1", "Changing settings"),
        ("USE memory", "Changing settings"),
        ("PRAGMA version", "PRAGMA statements are not allowed"),
        ("PRAGMA enable_profiling", "PRAGMA statements are not allowed"),
        ("CALL pragma_version()", "CALL statements are not allowed"),
        ("CHECKPOINT", "CALL statements are not allowed"),
    ],
    "several statements": [
        ("SELECT 1; SELECT 2", "Only one statement can be run at a time"),
        ("SELECT * FROM boards; DROP TABLE boards", "Only one statement can be run at a time"),
        ("SELECT 1;; SET threads = 1", "Only one statement can be run at a time"),
    ],
    "not a query": [
        ("", "There is no statement to run"),
        ("-- just a comment", "There is no statement to run"),
        ("BEGIN TRANSACTION", "Transactions"),
        ("EXPLAIN SELECT 1", "EXPLAIN is not allowed"),
        ("PIVOT boards ON region", "PIVOT without an IN list"),
    ],
}
CASES = [pytest.param(sql, reason, id=f"{kind}: {sql[:40]}") for kind, cases in REFUSED.items()
         for sql, reason in cases]


@pytest.mark.parametrize(("sql", "reason"), CASES)
def test_refused(fixture_db, sql, reason, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # if anything slipped through, it would land here
    with pytest.raises(RefusedSQL) as err:
        run_readonly(sql, db_path=fixture_db)
    assert reason in err.value.reason
    assert str(err.value) == err.value.reason
    assert list(tmp_path.iterdir()) == []
    # the same database still answers a normal query afterwards
    assert run_readonly("SELECT count(*) AS n FROM boards", db_path=fixture_db).df.n[0] == len(BOARDS)


def test_runaway_query_is_stopped_by_the_time_limit(fixture_db):
    with pytest.raises(RefusedSQL, match=r"ran longer than 1 s and was stopped"):
        run_readonly("SELECT sum(hash(a.range * b.range)) FROM range(1000000) a, range(1000000) b",
                     db_path=fixture_db, timeout_s=1.0)
    assert run_readonly("SELECT 42 AS answer", db_path=fixture_db).df.answer[0] == 42


def test_settings_are_in_force_and_locked(fixture_db):
    """Checked on the sandbox itself: the SQL box does not show settings (some name folders)."""
    with sqlguard.open_sandbox(fixture_db) as con:
        df = con.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name IN ('enable_external_access',"
            " 'lock_configuration', 'autoinstall_known_extensions', 'autoload_known_extensions') ORDER BY name",
        ).df()
    assert dict(zip(df.name, df.value, strict=True)) == {
        "autoinstall_known_extensions": "false",
        "autoload_known_extensions": "false",
        "enable_external_access": "false",
        "lock_configuration": "true",
    }


def test_the_database_layer_refuses_what_the_parse_check_would_miss(fixture_db, tmp_path):
    """Layers (b): a private, read-only, locked instance stops file access without the denylist."""
    (tmp_path / "x.csv").write_text("a\n1\n")
    con = sqlguard.open_sandbox(fixture_db)
    try:
        with pytest.raises(duckdb.PermissionException):
            con.execute("SELECT * FROM read_csv($p)", {"p": str(tmp_path / "x.csv")})
        with pytest.raises(duckdb.InvalidInputException, match="locked"):
            con.execute("SET enable_external_access = true")
        with pytest.raises(duckdb.InvalidInputException, match="read-only"):
            con.execute("INSERT INTO boards VALUES ('x', 'X', NULL, NULL, 'X board')")
    finally:
        con.close()


def test_settings_do_not_leak_into_other_connections(fixture_db):
    """sqlguard's lock is private: a plain connection to the same file can still change settings."""
    with duckdb.connect(str(fixture_db), read_only=True) as plain:
        run_readonly("SELECT 1", db_path=fixture_db)
        plain.execute("SET threads = 1")
        assert plain.execute("SELECT current_setting('enable_external_access')").fetchone()[0] is True


@pytest.mark.parametrize("sql", [
    "SELECT local_authority, period, scr_count FROM v_reviews ORDER BY 1, 2",
    "WITH t AS (SELECT theme, count(*) AS n FROM v_theme_coverage GROUP BY 1) SELECT * FROM t ORDER BY n",
    "SELECT count(*) AS n FROM documents WHERE source_url IS NULL OR source_url LIKE 'https://%'",
    "FROM boards",
    "SHOW TABLES",
    "DESCRIBE v_reports",
    "SELECT 'FROM x' AS words_that_look_like_a_file_are_fine",
    "SELECT extract(year FROM '2019-04-01'::DATE) AS y",
    "SELECT 1 AS \"minutes.txt\"",
    "SELECT local_authority AS \"board.csv\" FROM boards",
    "SELECT substring('read_csv(x)' FROM 1 FOR 4) AS s",
    "SHOW DATABASES",
    "SELECT count(*) AS n FROM duckdb_tables()",
    "SELECT * FROM (PIVOT v_theme_coverage ON period IN ('2016-17', '2017-18') USING sum(n_sentences)"
    " GROUP BY theme)",
    "select count(*) from v_documents where not is_board_document;",
])
def test_allowed_queries_run(fixture_db, sql):
    result = run_readonly(sql, db_path=fixture_db)
    assert not result.truncated
    assert len(result.df) >= 1


def test_parameters_are_bound(fixture_db):
    df = run_readonly("SELECT period FROM v_reviews WHERE board_id = $board ORDER BY period",
                      {"board": "northshire"}, db_path=fixture_db).df
    assert df.period.tolist() == ["2016-17", "2017-18"]
    injected = run_readonly("SELECT count(*) AS n FROM boards WHERE board_id = $board",
                            {"board": "x' OR '1'='1"}, db_path=fixture_db).df
    assert injected.n[0] == 0


@pytest.mark.parametrize(("n_rows", "cap", "truncated"), [
    (10, 5, True), (5, 5, False), (0, 5, False), (6000, 5000, True), (2049, 2048, True),
])
def test_row_cap(fixture_db, n_rows, cap, truncated):
    result = run_readonly(f"SELECT range AS i FROM range({n_rows})", db_path=fixture_db, row_cap=cap)
    assert result.truncated is truncated
    assert len(result.df) == min(n_rows, cap)
    assert list(result.df.columns) == ["i"]


def test_errors_are_plain(fixture_db):
    with pytest.raises(sqlguard.QueryFailed, match="Table with name no_such_table does not exist"):
        run_readonly("SELECT * FROM no_such_table", db_path=fixture_db)
    with pytest.raises(sqlguard.QueryFailed, match="could not read this SQL"):
        run_readonly("SELEC 1", db_path=fixture_db)


def test_missing_database(tmp_path):
    with pytest.raises(DatabaseMissing, match="has not been built yet"):
        run_readonly("SELECT 1", db_path=tmp_path / "none.duckdb")


# `boardcompare sql`

def test_sql_command_prints_a_table(fixture_db):
    out = io.StringIO()
    assert sql_command("SELECT board_id FROM boards ORDER BY 1", db_path=fixture_db, out=out) == 0
    assert out.getvalue().split() == ["board_id", *sorted(b[0] for b in BOARDS)]


def test_sql_command_csv_and_truncation(fixture_db):
    out, err = io.StringIO(), io.StringIO()
    assert sql_command("SELECT range AS i FROM range(10)", db_path=fixture_db, out=out, fmt="csv", err=err,
                       row_cap=3) == 0
    assert out.getvalue().splitlines() == ["i", "0", "1", "2"]
    assert err.getvalue().strip() == "(truncated at 3 rows)"
    out = io.StringIO()
    assert sql_command("SELECT range AS i FROM range(10)", db_path=fixture_db, out=out, row_cap=3) == 0
    assert out.getvalue().splitlines()[-1] == "(truncated at 3 rows)"


def test_sql_command_refuses_with_status_2(fixture_db, capsys):
    assert cli_main(["sql", "DROP TABLE boards", "--db", str(fixture_db)]) == 2
    captured = capsys.readouterr()
    assert captured.err.strip() == "boardcompare sql: This console only reads: DROP statements are not allowed"
    assert captured.out == ""


def test_sql_command_missing_database_and_errors(tmp_path, fixture_db, capsys):
    assert cli_main(["sql", "SELECT 1", "--db", str(tmp_path / "none.duckdb")]) == 1
    assert "has not been built yet" in capsys.readouterr().err
    assert cli_main(["sql", "SELECT nope FROM boards", "--db", str(fixture_db)]) == 1
    assert capsys.readouterr().err.startswith("boardcompare sql: DuckDB could not run this query")


# --------------------------------------------------------------------------------------------
# What the sandbox shows about the machine: neither the database's folder nor the home folder


def test_settings_and_catalogue_show_no_path_of_this_machine(fixture_db):
    home = os.path.expanduser("~")
    shown = []
    for sql in ("SHOW DATABASES", "SHOW ALL", "SELECT * FROM duckdb_tables()", "SELECT * FROM duckdb_views()",
                "SELECT * FROM duckdb_temporary_files()",
                "SELECT database_name, database_size FROM pragma_database_size()",
                "SELECT * FROM duckdb_extensions()"):  # refused: it would look at the extension folder
        try:
            shown.append(run_readonly(sql, db_path=fixture_db).df.astype(str).to_string())
        except RefusedSQL as refused:
            shown.append(refused.reason)
    text = "\n".join(shown)
    assert "v_reports" in text  # the catalogue was read
    assert str(fixture_db.parent) not in text
    assert home not in text


# --------------------------------------------------------------------------------------------
# Memory, bytes and time: the statement runs in a process of its own; the caller stays flat

HOSTILE = {
    "a 3 GB result": "SELECT repeat('x',1000000) AS s FROM range(3000)",
    "a list of 150 million numbers sorted": "SELECT len(list_sort(list_reverse(range(150000000))))",
}


def _rss_kb(field: str = "VmRSS") -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise AssertionError(f"no {field} in /proc/self/status")


def _reset_peak() -> None:
    """Start VmHWM (the peak resident memory) again from now."""
    Path("/proc/self/clear_refs").write_text("5")


def _children(pid: int | None) -> list[int]:
    """Live processes whose parent is ``pid`` (the worker server's statement children)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if pid is not None and int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def _no_children_within(seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := _children(sqlworker.SERVER.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


@pytest.mark.parametrize("sql", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_queries_are_refused_quickly_and_the_caller_stays_flat(fixture_db, sql):
    run_readonly("SELECT 1", db_path=fixture_db)  # the worker server is running
    before = _rss_kb()
    _reset_peak()
    started = time.monotonic()
    with pytest.raises(RefusedSQL, match=r"needed more than the 2 GB of memory|larger than 32 MB") as err:
        run_readonly(sql, db_path=fixture_db)
    took = time.monotonic() - started
    assert took < sqlguard.DEFAULT_TIMEOUT_S, f"refused for time ({took:.1f} s), not for memory: {err.value}"
    assert _rss_kb("VmHWM") - before < 100_000, "the calling process grew by more than 100 MB on the way"
    assert _rss_kb() - before < 50_000, "the calling process holds more than 50 MB more afterwards"
    assert _no_children_within(2.0) == []
    assert run_readonly("SELECT 42 AS answer", db_path=fixture_db).df.answer[0] == 42


@pytest.mark.parametrize(("rows", "width", "cap", "refused"), [
    (100, 1000, 1, False), (2000, 1000, 1, True), (5000, 1000, 8, False), (5000, 2000, 8, True),
    (100_000, 1000, 8, False),  # the row cap comes first: 5,000 rows of 1 KB are 5 MB
])
def test_results_past_the_byte_cap_are_refused(fixture_db, rows, width, cap, refused):
    sql = f"SELECT range AS i, repeat('x', {width}) AS s FROM range({rows})"
    if not refused:
        assert len(run_readonly(sql, db_path=fixture_db, result_bytes=cap * 2**20).df) == min(rows, 5000)
        return
    with pytest.raises(RefusedSQL, match=f"The result is larger than {cap} MB"):
        run_readonly(sql, db_path=fixture_db, result_bytes=cap * 2**20)


def test_a_stopped_query_really_stops(fixture_db):
    run_readonly("SELECT 1", db_path=fixture_db)
    started = time.monotonic()
    with pytest.raises(RefusedSQL, match=r"ran longer than 1 s and was stopped"):
        run_readonly("SELECT sum(hash(a.range * b.range)) FROM range(1000000) a, range(1000000) b",
                     db_path=fixture_db, timeout_s=1.0)
    assert time.monotonic() - started < 5.0
    assert _no_children_within(1.0) == [], "the statement's process is still running"


def test_a_worker_server_that_died_is_started_again(fixture_db):
    run_readonly("SELECT 1", db_path=fixture_db)
    old, old_folder = sqlworker.SERVER.pid, Path(sqlworker.SERVER.address()).parent
    os.kill(old, 9)
    deadline = time.monotonic() + 5
    while sqlworker.SERVER.pid == old and time.monotonic() < deadline:
        time.sleep(0.05)
    assert run_readonly("SELECT 7 AS n", db_path=fixture_db).df.n[0] == 7
    assert sqlworker.SERVER.pid not in (None, old)
    assert not old_folder.exists()


def test_boardcompare_sql_refuses_hostile_queries_and_stays_small(fixture_db):
    """The command line goes through the same worker: its own process never holds the result."""
    code = ("import sys; from boardcompare.cli import main; rc = main(sys.argv[1:]); "
            "print([l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1], file=sys.stderr); "
            "sys.exit(rc)")
    for sql in HOSTILE.values():
        done = subprocess.run([sys.executable, "-c", code, "sql", sql, "--db", str(fixture_db)], cwd=PROJECT_DIR,
                              capture_output=True, text=True, timeout=60)
        message, peak_kb = done.stderr.strip().splitlines()
        assert done.returncode == 2, done.stderr
        assert message.startswith("boardcompare sql: The ")
        assert "Traceback" not in done.stderr
        assert int(peak_kb) < 400_000, f"boardcompare sql reached {int(peak_kb) // 1024} MB"


def test_a_worker_server_ended_with_its_caller_removes_its_folder(fixture_db):
    run_readonly("SELECT 1", db_path=fixture_db)
    pid, folder = sqlworker.SERVER.pid, Path(sqlworker.SERVER.address()).parent
    os.kill(pid, 15)  # as when the dashboard's process group is stopped
    deadline = time.monotonic() + 5
    while folder.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not folder.exists()
    assert run_readonly("SELECT 8 AS n", db_path=fixture_db).df.n[0] == 8
