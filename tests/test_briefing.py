"""Briefing packs: content, Word and Markdown output, messages, and text safety."""

from __future__ import annotations

import re
import shutil
import zipfile

import duckdb
import pytest
from docx import Document

from boardcompare import briefing as bf
from boardcompare.cli import main as cli_main
from tests.fixtures import BOARDS

BOARD_IDS = [b[0] for b in BOARDS]
NAMES = {b[0]: b[1] for b in BOARDS}


def _docx_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def briefings(fixture_db):
    return {board: bf.build_briefing(board, None, db_path=fixture_db) for board in BOARD_IDS}


@pytest.mark.parametrize("board", BOARD_IDS)
def test_docx_has_board_metrics_table_chart_and_sources(board, briefings, tmp_path):
    b = briefings[board]
    path = bf.write_docx(b, tmp_path / f"{board}.docx")
    doc = Document(str(path))
    text = _docx_text(doc)
    assert NAMES[board] in text
    assert b.board_name in doc.paragraphs[0].text
    headers = [[c.text for c in t.rows[0].cells] for t in doc.tables]
    metric_tables = [h for h in headers if any("median" in c.lower() for c in h)]
    assert len(metric_tables) == 1
    table = next(t for t in doc.tables if any("median" in c.text.lower() for c in t.rows[0].cells))
    assert len(table.rows) == 1 + len(b.metrics) and len(b.metrics) >= 1
    assert len(doc.inline_shapes) >= 1
    assert any(rel.reltype.endswith("/image") for rel in doc.part.rels.values())
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Sources" in headings and "Suggested scrutiny questions" in headings
    # Every note is listed in order, and each is marked somewhere in the text as a superscript.
    after = [p.text for p in doc.paragraphs[[p.text for p in doc.paragraphs].index("Sources"):]]
    for i, note in enumerate(b.notes, 1):
        assert f"{i}. {note}" in after
    marks = {r.text for p in doc.paragraphs for r in p.runs if r.font.superscript}
    marks |= {r.text for t in doc.tables for row in t.rows for c in row.cells
              for p in c.paragraphs for r in p.runs if r.font.superscript}
    cited = {int(n) for m in marks for n in m.split(",")}
    assert cited == set(range(1, len(b.notes) + 1))
    # Every note names its source document and meeting.
    assert all(".txt" in note for note in b.notes)


@pytest.mark.parametrize("board", BOARD_IDS)
def test_markdown_has_the_same_content(board, briefings, tmp_path):
    b = briefings[board]
    path = bf.write_markdown(b, tmp_path / f"{board}.md")
    md = path.read_text(encoding="utf-8")
    chart = tmp_path / f"{board}_chart.png"
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"]({board}_chart.png)" in md
    assert NAMES[board] in md
    header = next(line for line in md.splitlines() if line.startswith("| Figure"))
    assert "median" in header
    assert "## Sources" in md and "## Suggested scrutiny questions" in md
    for i in range(1, len(b.notes) + 1):
        assert f"\n[^{i}]: " in md
        assert md.count(f"[^{i}]") >= 2  # defined and cited
    for r in b.metrics:
        assert r.shown.replace("£", "") in md


def test_briefing_content_and_comparisons(fixture_db):
    b = bf.build_briefing("Northshire", "2017-18", db_path=fixture_db)
    assert (b.committee, str(b.meeting_date), b.presenter) == ("Children's Scrutiny Committee", "2018-11-05",
                                                               "Independent Chair")
    deaths = next(r for r in b.metrics if r.name == "child_death_notifications")
    # Eastborough 18 and Southvale 25 in the same period.
    assert (deaths.others_median, deaths.others_min, deaths.others_max, deaths.others_n) == (21.5, 18, 25, 2)
    assert deaths.scope == "same period (2017-18)"
    assert deaths.out_of_line == "above the other boards' range"
    trained = next(r for r in b.metrics if r.name == "training_attendees")
    assert trained.scope == "all periods" and trained.others_n == 1
    assert any("child death notifications" in q.text and "31" in q.text and "18 to 25" in q.text
               for q in b.questions)
    assert [c.raised_by for c in b.concerns] == ["a Member", "Members"]
    assert [a.text for a in b.actions] == ["That the report be noted."]
    assert {t.label for t in b.themes} == {"Neglect", "Early help", "Mental health and wellbeing",
                                          "Information sharing"}
    assert b.known_periods == ["2016-17", "2017-18"]


def test_gaps_against_most_other_boards_become_questions(fixture_db):
    b = bf.build_briefing("midcaster", None, db_path=fixture_db)
    assert b.period == "2018-19"
    # Neglect: Northshire, Westford and Southvale of the four other boards.
    assert [(g.label, g.n_boards, g.n_other_boards) for g in b.gaps] == [("Neglect", 3, 4)]
    assert any(q.text.startswith("3 of the 4 other boards (75%") and "neglect" in q.text for q in b.questions)
    assert any("Councillor Smith" in q.text for q in b.questions)


def test_default_period_is_the_latest_and_names_match_case_insensitively(fixture_db):
    assert bf.build_briefing("NORTHSHIRE", None, db_path=fixture_db).period == "2017-18"
    assert bf.build_briefing("northshire", "2016-17", db_path=fixture_db).scr_count == 2


def test_unknown_board_lists_the_known_ones(fixture_db):
    with pytest.raises(bf.BriefingError) as err:
        bf.build_briefing("Narnia", None, db_path=fixture_db)
    assert str(err.value) == ("No board called 'Narnia'. Known boards: Eastborough, Midcaster, Northshire,"
                              " Southvale, Westford")


def test_unknown_period_lists_the_known_ones(fixture_db):
    with pytest.raises(bf.BriefingError) as err:
        bf.build_briefing("northshire", "2012-13", db_path=fixture_db)
    assert str(err.value) == "Northshire has no report for 2012-13. Known periods: 2016-17, 2017-18"


def test_null_review_count_is_not_stated_never_zero(fixture_db, tmp_path):
    b = bf.build_briefing("northshire", "2017-18", db_path=fixture_db)
    assert b.scr_count is None and b.scr_text == "not stated"
    assert "not stated" in b.scr_line.text
    assert any("do not say how many serious case reviews" in q.text for q in b.questions)
    doc = Document(str(bf.write_docx(b, tmp_path / "n.docx")))
    text = _docx_text(doc)
    assert "Serious case reviews: not stated" in text
    assert "Serious case reviews: 0" not in text
    md = bf.write_markdown(b, tmp_path / "n.md").read_text()
    assert "Serious case reviews: not stated" in md
    westford = bf.build_briefing("westford", None, db_path=fixture_db)  # a real zero stays zero
    assert westford.scr_count == 0 and westford.review_label == "Local child safeguarding practice reviews"


HOSTILE = ("Councillor <b>Jones</b> asked that jo.bloggs@example.gov.uk or 0161 474 5657 be told"
           " <script>alert('x')</script> *now* [here](javascript:x).")


@pytest.fixture
def hostile_db(fixture_db, tmp_path):
    path = tmp_path / "hostile.duckdb"
    shutil.copy(fixture_db, path)
    with duckdb.connect(str(path)) as con:
        con.execute("INSERT INTO concerns VALUES ('doc01-0', 9, 'training', 'members_raised', $who, $s, 0, 10)",
                    {"who": "Cllr <i>Evans</i> (evans@example.org)", "s": HOSTILE})
    return path


def test_quotes_are_plain_text_with_contacts_masked(hostile_db, tmp_path):
    b = bf.build_briefing("northshire", "2017-18", db_path=hostile_db)
    concern = next(c for c in b.concerns if "Jones" in c.quote)
    assert "example.gov.uk" not in concern.quote and "474 5657" not in concern.quote
    assert "[e-mail removed]" in concern.quote and "[phone number removed]" in concern.quote
    assert concern.raised_by == "Cllr <i>Evans</i> ([e-mail removed])"

    path = bf.write_docx(b, tmp_path / "h.docx")
    text = _docx_text(Document(str(path)))
    assert "<script>alert('x')</script>" in text  # shown literally, as text
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "<script>" not in xml and "&lt;script&gt;" in xml
    assert "example" not in xml and "474 5657" not in xml

    md = bf.write_markdown(b, tmp_path / "h.md").read_text()
    assert "<script>" not in md and "<b>" not in md and "<i>" not in md
    assert "&lt;script&gt;" in md
    assert "\\*now\\*" in md and "\\[here\\]" in md
    assert "example" not in md and "474 5657" not in md


@pytest.mark.parametrize("text, expected", [
    ("ring 0161 474 5657.", "ring [phone number removed]."),
    ("ring +44 (0)20 7946 0958 now", "ring [phone number removed] now"),
    ("mobile 07700 900123", "mobile [phone number removed]"),
    ("mail a.b-c@council.gov.uk today", "mail [e-mail removed] today"),
    ("2,345 children in 2016-17 cost £245,000", "2,345 children in 2016-17 cost £245,000"),
    ("between 2015 and 2018 there were 0 reviews", "between 2015 and 2018 there were 0 reviews"),
])
def test_mask_contacts(text, expected):
    assert bf.mask_contacts(text) == expected


def test_brief_command(fixture_db, tmp_path, capsys):
    def brief(board, out, period=None, db=fixture_db):
        return cli_main(["brief", board, "--out", str(out), "--db", str(db)]
                        + (["--period", period] if period else []))

    out = tmp_path / "north.docx"
    assert brief("Northshire", out, "2016-17") == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert Document(str(out)).inline_shapes

    md = tmp_path / "north.md"
    assert brief("northshire", md) == 0
    assert md.exists() and (tmp_path / "north_chart.png").exists()

    assert brief("Narnia", tmp_path / "x.docx") == 2
    err = capsys.readouterr().err
    assert "Known boards: Eastborough" in err and not (tmp_path / "x.docx").exists()

    assert brief("northshire", tmp_path / "x.md", "1999-00") == 2
    assert "Known periods: 2016-17, 2017-18" in capsys.readouterr().err

    assert brief("northshire", tmp_path / "x.pdf") == 2
    assert re.search(r"\.docx.*\.md", capsys.readouterr().err)

    assert brief("northshire", tmp_path / "no-such-folder" / "x.md") == 2
    assert "no-such-folder does not exist" in capsys.readouterr().err

    assert brief("northshire", tmp_path / "x.docx", db=tmp_path / "none.duckdb") == 1
    assert "has not been built yet" in capsys.readouterr().err


def test_docx_opens_as_a_valid_package(briefings, tmp_path):
    path = bf.write_docx(briefings["eastborough"], tmp_path / "e.docx")
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        names = z.namelist()
    assert "word/document.xml" in names and any(n.startswith("word/media/") for n in names)


def test_missing_committee_date_and_presenter_are_said_plainly(fixture_db, tmp_path):
    path = tmp_path / "sparse.duckdb"
    shutil.copy(fixture_db, path)
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE reports SET meeting_date = NULL, committee = NULL, presenter_role = NULL"
                    " WHERE board_id = 'southvale'")
    b = bf.build_briefing("Southvale", None, db_path=path)
    assert b.meeting_date is None and b.committee is None and b.presenter is None
    assert b.summary[0].text == ("The committee considered the annual report of Southvale Safeguarding"
                                 " Children Board for 2017-18.")
    assert b.notes[0] == "southvale_2017-18.txt (committee not stated, date not stated)"
    text = _docx_text(Document(str(bf.write_docx(b, tmp_path / "s.docx"))))
    assert "date not stated" in text and "NaT" not in text and "None" not in text
