"""The store build: deterministic, idempotent, atomic, and clear about files it cannot use."""

import shutil
from pathlib import Path

import duckdb
import pytest

from boardcompare import ingest
from boardcompare.cli import main
from boardcompare.ingest import BuildFailed, build_database

SEEDS = Path(__file__).resolve().parent.parent / "data" / "minutes"
TABLES = ("documents", "reports", "theme_mentions", "metrics", "concerns", "actions", "boards")


def rows(db: Path) -> dict[str, list]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}


@pytest.fixture
def minutes(tmp_path) -> Path:
    folder = tmp_path / "minutes"
    shutil.copytree(SEEDS, folder)
    return folder


def test_build_stores_every_seed_board(minutes, tmp_path):
    summary = build_database([minutes], tmp_path / "db.duckdb")
    assert summary.count("used") == 5 and not summary.problems
    with duckdb.connect(str(tmp_path / "db.duckdb"), read_only=True) as con:
        boards = [r[0] for r in con.execute("SELECT local_authority FROM v_reports ORDER BY 1").fetchall()]
    assert boards == ["Medway", "Rotherham", "Staffordshire", "Stockport", "Worcestershire"]


def test_same_inputs_give_the_same_rows(minutes, tmp_path):
    build_database([minutes], tmp_path / "a.duckdb")
    build_database([minutes], tmp_path / "b.duckdb")
    assert rows(tmp_path / "a.duckdb") == rows(tmp_path / "b.duckdb")


def test_same_document_under_two_names_is_stored_once(minutes, tmp_path):
    first = sorted(minutes.iterdir())[0]
    shutil.copy(first, minutes / "copy_of_first.txt")
    summary = build_database([minutes], tmp_path / "db.duckdb")
    assert summary.count("duplicate") == 1
    assert len(rows(tmp_path / "db.duckdb")["documents"]) == 5


BAD_FILES = {
    # file name -> (content, words the message must contain)
    "empty.txt": (b"", "empty"),
    "binary.txt": (bytes(range(256)) * 8, "binary"),
    "planning.txt": (b"Planning application 17/0042: erection of a two-storey rear extension. Approved.",
                     "does not mention a safeguarding children board"),
    "adults.txt": (b"The Safeguarding Adults Board annual report was noted. The Safeguarding Adults Board met.",
                   "adults board"),
    "sheet.xls": (b"whatever", "unsupported file type"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_file_that_cannot_be_used_is_named_with_its_reason(name, minutes, tmp_path, capsys):
    content, words = BAD_FILES[name]
    (minutes / name).write_bytes(content)
    db = tmp_path / "db.duckdb"
    code = main(["ingest", str(minutes), "--db", str(db), "--quiet"])
    err = capsys.readouterr().err
    assert code == 1
    line = next(line for line in err.splitlines() if name in line)
    assert words in line
    assert len([r for r in rows(db)["reports"] if r[5]]) == 5  # the good files still went in


def test_documents_that_are_not_about_a_board_are_kept_out_of_comparisons(minutes, tmp_path):
    (minutes / "planning.txt").write_text("Planning application: a rear extension was approved.")
    build_database([minutes], tmp_path / "db.duckdb")
    with duckdb.connect(str(tmp_path / "db.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents WHERE NOT is_board_document").fetchone()[0] == 1
        assert con.execute("SELECT count(*) FROM v_reports").fetchone()[0] == 5


def test_a_build_that_fails_its_checks_keeps_the_previous_database(minutes, tmp_path, monkeypatch):
    db = tmp_path / "db.duckdb"
    build_database([minutes], db)
    before = rows(db)
    (minutes / "new.txt").write_text((minutes / "medway_2017-18.txt").read_text() + "\nAn extra line.")
    monkeypatch.setattr("boardcompare.build.swap.run_checks", lambda con: ["reports have a unique id: e.g. [('x',)]"])
    with pytest.raises(BuildFailed, match="previous one was kept"):
        build_database([minutes], db)
    assert rows(db) == before
    assert [p.name for p in tmp_path.iterdir() if "building" in p.name] == []


def test_checks_pass_on_a_real_build_and_catch_an_orphan(minutes, tmp_path):
    db = tmp_path / "db.duckdb"
    build_database([minutes], db)
    with duckdb.connect(str(db)) as con:
        assert ingest.run_checks(con) == []
        con.execute("INSERT INTO metrics VALUES ('nope-0', 0, 'other_count', 1, 'count', '1', NULL, NULL, NULL,"
                    " 's', 0, 1)")
        assert any("metrics use known" in f for f in ingest.run_checks(con))


def test_two_workers_give_the_same_rows_as_one(minutes, tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "POOL_MINIMUM", 1)  # worker processes even for five files
    build_database([minutes], tmp_path / "one.duckdb", workers=1)
    build_database([minutes], tmp_path / "two.duckdb", workers=2)
    assert rows(tmp_path / "one.duckdb") == rows(tmp_path / "two.duckdb")


def test_if_stale_skips_an_up_to_date_database(minutes, tmp_path, capsys):
    db = tmp_path / "db.duckdb"
    assert main(["ingest", str(minutes), "--db", str(db), "--quiet"]) == 0
    assert main(["ingest", str(minutes), "--db", str(db), "--if-stale"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_sidecar_names_the_council_when_the_text_does_not(tmp_path):
    folder = tmp_path / "minutes"
    folder.mkdir()
    (folder / "item.txt").write_text("The Local Safeguarding Children Board annual report 2016-17 was noted. "
                                     "Members raised concerns about information sharing.")
    (folder / "sources.csv").write_text("file,council,source_url,meeting_date\nitem.txt,Wigan,https://example.org/x,"
                                        "2017-10-02\n")
    build_database([folder], tmp_path / "db.duckdb")
    with duckdb.connect(str(tmp_path / "db.duckdb"), read_only=True) as con:
        assert con.execute("SELECT local_authority, source_url, meeting_date::TEXT FROM v_reports").fetchall() == [
            ("Wigan", "https://example.org/x", "2017-10-02")]


@pytest.mark.parametrize("argv", [["ingest", "/no/such/folder"], ["ingest", "--workers", "0"], ["frobnicate"]])
def test_bad_arguments_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as e:
        code = main(argv)
        raise SystemExit(code)
    assert e.value.code == 2
