"""`boardcompare fetch` as a user runs it, against the local stand-in site: output, files, database, pages.

BOARDCOMPARE_DATA and BOARDCOMPARE_DB point everything at pytest's tmp folders.
"""

import re

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from boardcompare import cli
from boardcompare.fetch import command, sites
from boardcompare.paths import PROJECT_DIR
from tests.fetch_server import RUTLAND_SAVED_ITEMS, standard_server


@pytest.fixture
def modgov():
    """The stand-in sites of tests/fetch_server.py, running on 127.0.0.1."""
    with standard_server() as server:
        yield server

FAST = ["--interval", "0", "--quiet"]


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setenv("BOARDCOMPARE_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("BOARDCOMPARE_DB", str(tmp_path / "bc.duckdb"))
    return tmp_path


@pytest.fixture
def table(modgov, tmp_path, monkeypatch):
    """A sites table naming the stand-in sites (and one council that is not ModernGov)."""
    path = tmp_path / "council_sites.csv"
    path.write_text("council,site,system,source,notes\n"
                    f"Halton,{modgov.url('halton')},moderngov,{modgov.url('halton')}/mgAi.aspx?ID=8001,\n"
                    f"Luton,{modgov.url('broken')},moderngov,{modgov.url('broken')}/mgAi.aspx?ID=1,\n"
                    f"Rutland,{modgov.url('rutland')},moderngov,{modgov.url('rutland')}/mgAi.aspx?ID=7002,\n"
                    "Stockton-on-Tees,http://egenda.example,other,http://egenda.example/x,\n")
    monkeypatch.setattr(sites, "SITES_CSV", path)
    return path


def boards(tmp_path) -> dict[str, int]:
    with duckdb.connect(str(tmp_path / "bc.duckdb"), read_only=True) as con:
        return dict(con.execute("SELECT board_id, count(*) FROM reports WHERE board_id IS NOT NULL GROUP BY 1"
                                ).fetchall())


def test_fetch_one_site_saves_rebuilds_and_the_dashboard_shows_it(modgov, data, capsys):
    status = cli.main(["fetch", modgov.url("rutland"), "--since", "2014", *FAST])
    out, err = capsys.readouterr()
    assert status == 1  # one meeting's agenda was broken XML: said, and the rest went in
    assert "warning: Health and Wellbeing Board, 20 June 2018: skipped" in err
    saved = sorted(re.findall(r"saved as (\S+)", out))
    assert len(saved) == len(RUTLAND_SAVED_ITEMS)
    assert all((data / "data" / "minutes" / name).exists() for name in saved)
    assert "why: names the children's board or partnership (LSCB) and an annual report" in out
    assert re.search(r"Database rebuilt with 4 new files\. 4 files: 4 used", out)
    assert boards(data) == {"rutland": 4}
    at = AppTest.from_file(str(PROJECT_DIR / "pages" / "overview.py"), default_timeout=60).run()
    assert not at.exception
    assert "Rutland" in " ".join(df.value.to_string() for df in at.dataframe)


def test_dry_run_prints_the_items_and_why_and_changes_nothing(modgov, data, table, capsys):
    assert cli.main(["fetch", modgov.url("halton"), "--dry-run", "--since", "2015", *FAST]) == 0
    out = capsys.readouterr().out
    assert "  2018-09-17  Children, Young People and Families Policy and Performance Board, item 1: " \
           "Halton Safeguarding Children Board Annual Report 2017-18" in out
    assert f"would fetch {modgov.url('halton')}/mgAi.aspx?ID=8001" in out
    assert "Halton: 1 meeting read, 1 item matched (1 to fetch)" in out
    assert not (data / "data" / "minutes").exists() and not (data / "bc.duckdb").exists()


def test_an_address_not_in_the_table_still_works(modgov, data, capsys):
    assert cli.main(["fetch", modgov.url("halton"), *FAST]) == 0
    out = capsys.readouterr().out
    host = modgov.root.split("//")[1]
    assert f"{host}: 1 meeting read, 1 item matched (1 saved)" in out
    assert "saved as 127-0-0-1_2018-09-17_8001.html" in out
    assert boards(data) == {"halton": 1}  # the minutes name their council


def test_council_by_name_from_the_table(modgov, data, table, capsys):
    assert cli.main(["fetch", "--council", "Halton Borough Council", "--since", "2018", *FAST]) == 0
    out = capsys.readouterr().out
    assert "saved as halton_2018-09-17_8001.html" in out
    assert boards(data) == {"halton": 1}


def test_all_councils_go_on_past_a_failing_one(modgov, data, table, capsys):
    assert cli.main(["fetch", "--all", "--since", "2014", "--committee", "children", *FAST]) == 1
    out, err = capsys.readouterr()
    assert "Luton: FAILED: " in err and "not valid XML" in err
    assert "3 sites: 2 read in full, 1 with problems." in out
    assert set(boards(data)) == {"halton", "rutland"}


def test_a_rerun_saves_nothing_new_and_does_not_rebuild(modgov, data, table, capsys):
    cli.main(["fetch", modgov.url("halton"), *FAST])
    capsys.readouterr()
    built = (data / "bc.duckdb").stat().st_mtime_ns
    assert cli.main(["fetch", modgov.url("halton"), *FAST]) == 0
    out = capsys.readouterr().out
    assert "fetched before: halton_2018-09-17_8001.html" in out
    assert "0 requests, 3 answers from the cache" in out
    assert "Nothing new was saved, so the database was not rebuilt." in out
    assert (data / "bc.duckdb").stat().st_mtime_ns == built


@pytest.mark.parametrize("args, message", [
    (["--council", "Stockton-on-Tees"],
     "Stockton-on-Tees: its democracy site (http://egenda.example) is not ModernGov"),
    (["--council", "Barnet"], "Barnet: no democracy site address is known yet"),
    (["--council", "Narnia"], "Narnia: not an English council"),
    (["ftp://democracy.example.gov.uk"], "ftp://democracy.example.gov.uk: not a web address"),
    (["https://democracy.example.gov.uk", "--interval", "0.2"], "--interval below 1 s is only for a test site"),
])
def test_bad_targets_are_refused_with_the_reason(data, table, capsys, args, message):
    assert cli.main(["fetch", *args, "--quiet"]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("args", [[], ["--all", "--council", "Kent"], ["--council", "Kent", "--since", "1999"],
                                  ["--council", "Kent", "--since", "soon"]])
def test_bad_arguments_exit_2(args, capsys):
    with pytest.raises(SystemExit) as e:
        cli.main(["fetch", *args])
    assert e.value.code == 2


def test_interrupted_says_how_to_resume(modgov, data, capsys, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(command, "fetch_sites", interrupted)
    assert cli.main(["fetch", modgov.url("halton"), *FAST]) == 130
    assert "run the same command again to resume" in capsys.readouterr().err

