"""The Add minutes page (AppTest) and what "Save and rebuild" reports: a council or year the minutes never
give is chosen on the page and stored in sources.csv, and a file the build leaves out is never "saved"."""

from __future__ import annotations

import csv

import pytest
from streamlit.testing.v1 import AppTest

from boardcompare import preview as pv
from boardcompare.extract import SourceHints
from boardcompare.sources import load_sidecar, save_hint

NO_COUNCIL = b"""Overview and Scrutiny Committee
Minutes of the meeting held on 3 October 2018

6. Safeguarding Children Board Annual Report 2017-18

The Independent Chair of the Safeguarding Children Board presented the Board's Annual Report for 2017-18.
The Board had published two serious case reviews during the year.
Members discussed neglect and early help.
RESOLVED: That the report be noted.
"""

NO_YEAR = b"""Children's Scrutiny Committee
Minutes of the meeting held on 3 October 2018

Wigan Safeguarding Children Board Annual Report

The Independent Chair of the Wigan Safeguarding Children Board presented the Board's annual report.
Members discussed neglect.
RESOLVED: That the report be noted.
"""


def test_a_board_without_a_name_is_said_plainly():
    (m,) = pv.preview("x.txt", NO_COUNCIL).meetings
    assert "the a " not in m.summary
    assert m.summary.endswith("about a safeguarding children board's annual report for 2017-18.")


def test_a_file_that_never_names_its_council_asks_for_it():
    p = pv.preview("x.txt", NO_COUNCIL)
    assert p.usable and p.needs_council and not p.needs_period
    chosen = pv.preview("x.txt", NO_COUNCIL, SourceHints(council="Wigan"))
    assert not chosen.needs_council
    assert dict(chosen.meetings[0].facts)["Council"].startswith("Wigan (E0")


def test_a_file_that_never_states_its_year_asks_for_it():
    p = pv.preview("y.txt", NO_YEAR)
    assert p.needs_period and not p.needs_council
    assert dict(pv.preview("y.txt", NO_YEAR, SourceHints(period="2017-18")).meetings[0].facts)["Period"] == "2017-18"


def test_the_chosen_council_and_year_are_stored_and_used(tmp_path):
    folder, db_path = tmp_path / "minutes", tmp_path / "bc.duckdb"
    hints = {"no council.txt": SourceHints(council="Wigan", period="2017-18")}
    result = pv.save_and_rebuild([("no council.txt", NO_COUNCIL)], folder, db_path, root=tmp_path, hints=hints)
    assert result.saved == [("no council.txt", "saved as no_council.txt")] and result.left_out == []
    assert load_sidecar(folder)["no_council.txt"].council == "Wigan"
    assert result.totals() == "Database rebuilt: 1 of 1 minutes files used. It holds 1 board reports."


def test_a_file_the_build_leaves_out_is_never_called_saved(tmp_path):
    folder, db_path = tmp_path / "minutes", tmp_path / "bc.duckdb"
    result = pv.save_and_rebuild([("no council.txt", NO_COUNCIL)], folder, db_path, root=tmp_path)
    assert result.saved == []
    (name, reason), = result.left_out
    assert name == "no council.txt" and "left it out" in reason and "never name the council" in reason
    assert "saved" not in reason
    assert "1 left out" in result.totals()


def test_save_hint_keeps_other_rows_and_columns(tmp_path):
    (tmp_path / "sources.csv").write_text("file,council,source_url,notes\na.txt,Bury,https://x.example/a,keep\n")
    save_hint(tmp_path, "b.txt", council="Wigan", period="2016-17")
    save_hint(tmp_path, "a.txt", council="Bolton")
    with open(tmp_path / "sources.csv", newline="") as f:
        rows = {r["file"]: r for r in csv.DictReader(f)}
    assert rows["a.txt"]["council"] == "Bolton" and rows["a.txt"]["notes"] == "keep"  # other columns kept
    assert rows["b.txt"]["period"] == "2016-17"
    with pytest.raises(ValueError, match="no column colour"):
        save_hint(tmp_path, "c.txt", colour="red")


def _page_with_uploads():
    """The page with two uploads: minutes that never name their council, and a program."""
    import streamlit as st

    from boardcompare.ui import add_minutes_page
    from tests.test_add_minutes_page import NO_COUNCIL

    class Upload:
        def __init__(self, name, data):
            self.name, self.size, self._data = name, len(data), data

        def getvalue(self):
            return self._data

    real = st.file_uploader
    st.file_uploader = lambda *args, **kwargs: [Upload("no council.txt", NO_COUNCIL), Upload("tool.exe", b"MZ")]
    try:
        add_minutes_page.render()
    finally:
        st.file_uploader = real


@pytest.fixture
def data_env(tmp_path, monkeypatch):
    data = tmp_path / "data"
    (data / "minutes").mkdir(parents=True)
    monkeypatch.setenv("BOARDCOMPARE_DATA", str(data))
    monkeypatch.setenv("BOARDCOMPARE_DB", str(tmp_path / "bc.duckdb"))
    return data


def test_page_asks_for_the_council_before_saving(data_env):
    at = AppTest.from_function(_page_with_uploads, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    captions = " ".join(c.value for c in at.caption)
    assert "0 minutes files are stored." in captions and str(data_env) not in captions
    assert any("Unsupported file type .exe" in e.value for e in at.error)  # a sentence, not just an icon
    assert at.button(key="add_minutes_save").disabled
    at.selectbox(key="council-0").set_value("Wigan").run()
    assert not at.exception
    assert not at.button(key="add_minutes_save").disabled
    facts = next(d.value for d in at.dataframe if "What" in d.value.columns).set_index("What")
    assert facts.loc["Council", "Found"].startswith("Wigan")
    at.button(key="add_minutes_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    said = [s.value.replace("\\", "") for s in at.success]
    assert "no council.txt: saved as no_council.txt" in said
    assert any(s.startswith("Database rebuilt: 1 of 1 minutes files used.") for s in said)
    assert load_sidecar(data_env / "minutes")["no_council.txt"].council == "Wigan"
