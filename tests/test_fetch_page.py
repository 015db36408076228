"""The Add minutes page's "From a council's site" box and the functions behind it, against the stand-in site."""

import pytest
from streamlit.testing.v1 import AppTest

from boardcompare.fetch import council
from boardcompare.fetch.errors import FetchError
from boardcompare.paths import PROJECT_DIR
from tests.fetch_server import standard_server


@pytest.fixture
def modgov():
    """The stand-in sites of tests/fetch_server.py, running on 127.0.0.1."""
    with standard_server() as server:
        yield server


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setenv("BOARDCOMPARE_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("BOARDCOMPARE_DB", str(tmp_path / "bc.duckdb"))
    return tmp_path


@pytest.mark.parametrize("typed, expected", [
    ("Slough", "http://www.slough.gov.uk/moderngov"),
    ("slough borough council", "http://www.slough.gov.uk/moderngov"),
    ("democracy.westford.gov.uk", "https://democracy.westford.gov.uk"),
    ("https://democracy.kent.gov.uk/mgAi.aspx?ID=25929", "https://democracy.kent.gov.uk"),
])
def test_a_name_or_an_address(typed, expected):
    assert council.site_for(typed).site == expected


@pytest.mark.parametrize("typed, message", [("", "type a council's name"), ("Atlantis", "not an English council")])
def test_nothing_to_search(typed, message):
    with pytest.raises(FetchError, match=message) as e:
        council.site_for(typed)
    assert e.value.code == 2


def test_find_then_fetch(modgov, data):
    found = council.find_items(modgov.url("rutland"), 2014, "children's scrutiny")
    rows = council.item_rows(found)
    assert [r["What happens"] for r in rows] == ["Will be fetched"] * 3 + [
        "Not fetched: the minutes are not published yet"]
    assert rows[0]["Meeting"] == "11 Nov 2014"
    assert rows[0]["Why it matched"] == "Annual report: Safeguarding Children Board"
    assert council.to_fetch(found) == 3 and not (data / "data" / "minutes").exists()
    done = council.fetch_council(modgov.url("rutland"), 2014, "children's scrutiny")
    assert [r["What happens"].split(" as ")[0] for r in council.item_rows(done.report)][:3] == ["Saved"] * 3
    assert done.summary is not None and done.summary.count("used") == 3 and done.build_error is None
    again = council.fetch_council(modgov.url("rutland"), 2014, "children's scrutiny")
    assert again.summary is None and council.item_rows(again.report)[0]["What happens"].startswith("Already stored")


def box():
    """The box alone, as the page shows it."""
    from boardcompare.ui import fetch_box

    fetch_box.render()


def test_the_box_finds_shows_and_fetches(modgov, data):
    at = AppTest.from_function(box, default_timeout=60).run()
    assert not at.exception
    assert [s.value for s in at.subheader] == ["From a council's site"]
    at.text_input[0].set_value(modgov.url("halton"))
    at.button[0].click().run()  # Find matching items
    assert not at.exception
    (table,) = at.dataframe
    assert list(table.value["Item"]) == ["Halton Safeguarding Children Board Annual Report 2017-18"]
    assert list(table.value["What happens"]) == ["Will be fetched"]
    fetch = [b for b in at.button if b.label == "Fetch 1 item and rebuild"]
    fetch[0].click().run()
    assert not at.exception
    assert list(at.dataframe[0].value["What happens"]) == ["Saved as 127-0-0-1_2018-09-17_8001.html"]
    assert [s.value for s in at.success][0].startswith("Database rebuilt")


def test_the_box_says_plainly_what_it_cannot_search(data):
    at = AppTest.from_function(box, default_timeout=30).run()
    at.text_input[0].set_value("Stockton-on-Tees")
    at.button[0].click().run()
    assert not at.exception and not at.dataframe
    (warning,) = at.warning
    assert warning.value.startswith("Nothing was searched: Stockton-on-Tees: its democracy site")


def test_the_add_minutes_page_has_the_box(data):
    at = AppTest.from_file(str(PROJECT_DIR / "pages" / "add_minutes.py"), default_timeout=60).run()
    assert not at.exception
    assert "From a council's site" in [s.value for s in at.subheader]
