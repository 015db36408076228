"""Adding minutes: the preview before saving, safe saving, the rebuild, and the page itself.

Everything is written under pytest's tmp folders; BOARDCOMPARE_DATA and BOARDCOMPARE_DB point
the page there, never at data/.
"""

from __future__ import annotations

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from boardcompare import preview as pv
from boardcompare.paths import PROJECT_DIR
from boardcompare.uploads import MAX_BYTES, save_upload

PAGE = str(PROJECT_DIR / "pages" / "add_minutes.py")

MINUTES = b"""Children and Young People Scrutiny Committee
Minutes of the meeting held on 14 November 2017

5. Wigan Safeguarding Children Board Annual Report 2016-17

The Independent Chair of the Wigan Safeguarding Children Board presented the
Board's Annual Report for 2016-17.
The Board had published two serious case reviews during the year.
The Board's work on neglect and child sexual exploitation continued.
Members raised concerns about information sharing between agencies.
Members were concerned about neglect and asked for <b>details</b> from jo.bloggs@wigan.gov.uk or 01942 404040.

RESOLVED: That the report be noted.
"""

NO_REVIEWS = b"""Overview and Scrutiny Committee, 3 October 2018

Northumberland Safeguarding Children Board Annual Report 2017-18
The Chair presented the annual report. Members discussed early help and domestic abuse.
RESOLVED: That the report be noted.
"""

PLANNING = b"""Planning Committee, 3 March 2018

Application 17/0042: rear extension at 12 High Street. The officer recommended approval.
RESOLVED: That permission be granted subject to conditions.
"""


def test_preview_of_good_minutes_in_plain_english():
    p = pv.preview("Wigan minutes.txt", MINUTES)
    assert p.usable and p.reason is None
    assert p.stored_name == "Wigan_minutes.txt"
    (m,) = p.meetings
    facts = dict(m.facts)
    assert facts["Board"] == "Wigan Safeguarding Children Board"
    assert facts["Council"].startswith("Wigan (E0")
    assert facts["Period"] == "2016-17"
    assert facts["Committee"] == "Children and Young People Scrutiny Committee"
    assert facts["Meeting date"] == "14 November 2017"
    assert facts["Serious case reviews"] == "2"
    assert m.summary == ("Minutes of Children and Young People Scrutiny Committee on 14 November 2017 about "
                         "the Wigan Safeguarding Children Board annual report for 2016-17.")
    # themes as labels from themes.csv, not codes
    assert {"Neglect", "Child sexual exploitation", "Information sharing"} <= set(m.themes)
    assert "information_sharing" not in m.themes
    scr = "The Board had published two serious case reviews during the year."
    assert ("Serious case reviews", "two", scr) in m.figures
    assert ("Information sharing", "Members",
            "Members raised concerns about information sharing between agencies.") in m.concerns
    assert ("Report noted", "the report be noted.") in m.actions
    assert p.warnings == []


def test_preview_masks_contact_details_and_keeps_markup_as_text():
    (m,) = pv.preview("w.txt", MINUTES).meetings
    shown = "\n".join(s for row in (*m.figures, *m.concerns, *m.actions, *m.facts) for s in row)
    assert "jo.bloggs" not in shown and "404040" not in shown
    assert ("Neglect", "Members", "Members were concerned about neglect and asked for <b>details</b> from "
            "[e-mail removed] or [phone number removed].") in m.concerns


def test_serious_case_reviews_not_stated_when_absent():
    (m,) = pv.preview("n.txt", NO_REVIEWS).meetings
    assert dict(m.facts)["Serious case reviews"] == "not stated"
    assert {"Early help", "Domestic abuse"} <= set(m.themes)


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("empty.txt", b"", "The file is empty."),
    ("blank.txt", b"  \n\t\n", "The file is empty."),
    ("photo.txt", bytes(range(256)) * 40, "This looks like a binary file, not minutes."),
    ("minutes.exe", b"MZ\x90\x00", "Unsupported file type .exe: use .txt, .html, .htm, .pdf or .docx."),
    ("scan.pdf", b"%PDF-1.4 not really a pdf", None),
])
def test_unusable_files_are_explained(name, data, reason):
    p = pv.preview(name, data)
    assert not p.usable and p.meetings == ()
    assert p.reason
    if reason:
        assert p.reason == reason


def test_oversize_file_is_refused_with_the_size():
    p = pv.preview("huge.txt", b"a" * (MAX_BYTES + 1))
    assert not p.usable
    assert p.reason == "The file is 21.0 MB; the limit is 20 MB."


def test_document_not_about_a_board_is_explained():
    p = pv.preview("planning.txt", PLANNING)
    assert not p.usable
    assert p.reason == ("Not minutes about a safeguarding children board: the text does not mention a "
                        "safeguarding children board or partnership.")


def test_saved_names_cannot_escape_the_folder(tmp_path):
    folder = tmp_path / "data" / "minutes"
    saved = save_upload("../../evil.txt", MINUTES, folder)
    assert saved.path.parent == folder
    assert saved.path.name == "evil.txt"
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == ["evil.txt"]


def test_same_bytes_twice_are_stored_once(tmp_path):
    folder = tmp_path / "minutes"
    first = save_upload("a.txt", MINUTES, folder)
    second = save_upload("b.txt", MINUTES, folder)
    assert first.duplicate_of is None
    assert second.duplicate_of == first.path
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]
    assert pv.already_stored(MINUTES, folder) == first.path
    assert pv.already_stored(NO_REVIEWS, folder) is None
    assert pv.already_stored(MINUTES, tmp_path / "missing") is None


def test_save_and_rebuild(tmp_path):
    folder, db_path = tmp_path / "minutes", tmp_path / "bc.duckdb"
    result = pv.save_and_rebuild([("wigan.txt", MINUTES), ("again.txt", MINUTES), ("empty.txt", b"")],
                                 folder, db_path, root=tmp_path)
    assert result.saved == [("wigan.txt", "saved as wigan.txt"),
                            ("again.txt", "already stored as wigan.txt: not saved again")]
    assert result.refused == [("empty.txt", "The file is empty.")]
    assert result.build_error is None and result.summary is not None
    assert result.summary.count("used") == 1
    with duckdb.connect(str(db_path), read_only=True) as con:
        rows = con.execute("SELECT period, scr_count FROM reports WHERE is_board_report").fetchall()
    assert rows == [("2016-17", 2)]

    # Nothing new: the database is left alone.
    before = db_path.stat().st_mtime_ns
    again = pv.save_and_rebuild([("copy.txt", MINUTES)], folder, db_path, root=tmp_path)
    assert again.new_files == 0 and again.summary is None
    assert db_path.stat().st_mtime_ns == before


def test_failed_build_is_reported_and_the_old_database_stays(tmp_path, monkeypatch):
    folder, db_path = tmp_path / "minutes", tmp_path / "bc.duckdb"
    pv.save_and_rebuild([("wigan.txt", MINUTES)], folder, db_path)
    old = db_path.read_bytes()

    def failing(*args, **kwargs):
        raise pv.BuildFailed("check failed: every report needs a document")

    monkeypatch.setattr(pv, "build_database", failing)
    result = pv.save_and_rebuild([("north.txt", NO_REVIEWS)], folder, db_path)
    assert result.saved == [("north.txt", "saved as north.txt")]
    assert result.build_error == "check failed: every report needs a document"
    assert db_path.read_bytes() == old


@pytest.fixture
def data_env(tmp_path, monkeypatch):
    data = tmp_path / "data"
    (data / "minutes").mkdir(parents=True)
    (data / "minutes" / "wigan_2016-17.txt").write_bytes(MINUTES)
    monkeypatch.setenv("BOARDCOMPARE_DATA", str(data))
    monkeypatch.setenv("BOARDCOMPARE_DB", str(tmp_path / "bc.duckdb"))
    return data


def test_page_renders(data_env):
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "Add minutes"
    assert any("1 minutes files are stored" in c.value for c in at.caption)
    assert any("Choose one or more files" in i.value for i in at.info)
    assert not (data_env.parent / "bc.duckdb").exists()  # nothing built until asked


def _show_previews():
    from boardcompare.preview import preview
    from boardcompare.ui.add_minutes_page import show_preview
    from tests.test_add_minutes import MINUTES, PLANNING

    show_preview(preview("wigan.txt", MINUTES))
    show_preview(preview("planning.txt", PLANNING))
    show_preview(preview("wigan copy.txt", MINUTES), stored_as="wigan_2016-17.txt")


def _plain(elements) -> list[str]:
    """Values of Markdown elements with the escaping backslashes removed."""
    return [e.value.replace("\\", "") for e in elements]


def test_page_shows_previews_as_text():
    at = AppTest.from_function(_show_previews, default_timeout=60).run()
    assert not at.exception
    texts = [t.value for t in at.text]
    assert texts[0].startswith("Minutes of Children and Young People Scrutiny Committee")
    assert "Neglect" in texts[1]
    frames = "\n".join(d.value.to_string() for d in at.dataframe)
    assert "<b>details</b> from [e-mail removed]" in frames
    assert "jo.bloggs" not in frames and "404040" not in frames
    assert any("Cannot be used" in e and "does not mention" in e for e in _plain(at.error))
    assert "Already stored as wigan_2016-17.txt: saving will not store it again." in _plain(at.info)


def _show_results():
    from pathlib import Path

    from boardcompare.ingest import BuildSummary
    from boardcompare.preview import SaveResult
    from boardcompare.ui.add_minutes_page import show_result

    show_result(SaveResult(saved=[("a.txt", "saved as a.txt")], refused=[("b.txt", "The file is empty.")],
                           build_error="check failed"))
    show_result(SaveResult(saved=[("c.txt", "saved as c.txt")], summary=BuildSummary(Path("x.duckdb"))))


def test_results_are_shown_plainly():
    at = AppTest.from_function(_show_results, default_timeout=60).run()
    assert not at.exception
    errors = _plain(at.error)
    assert any("b.txt: not saved" in e for e in errors)
    assert any("could not be rebuilt" in e and "previous database is still in use" in e for e in errors)
    assert "a.txt: saved as a.txt" in _plain(at.success)
    assert any(s.startswith("Database rebuilt: 0 of 0 minutes files used.") for s in _plain(at.success))
