"""Briefing packs: what they say (fair comparisons, concerns by kind), the Word and Markdown writers,
messages, and text safety."""

from __future__ import annotations

import re
import shutil
import zipfile
from datetime import date, datetime, timedelta

import duckdb
import pytest
from docx import Document
from docx.shared import Cm

from boardcompare import briefing as bf
from boardcompare.briefing.blocks import Heading
from boardcompare.build.summaries import write_summaries
from boardcompare.cli import main as cli_main
from boardcompare.fairness import TOO_FEW_FIGURE, TOO_FEW_THEMES, Window
from boardcompare.paths import PACKAGE_DIR
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


def brief(fixture_db, board, period=None, years=0):
    return bf.build_briefing(board, period, db_path=fixture_db, window=Window(years))


# The writers --------------------------------------------------------------------------------------

@pytest.mark.parametrize("board", BOARD_IDS)
def test_docx_has_board_tables_sources_and_every_note_cited(board, briefings, tmp_path):
    b = briefings[board]
    doc = Document(str(bf.write_docx(b, tmp_path / f"{board}.docx")))
    text = _docx_text(doc)
    assert NAMES[board] in text and b.board_name in doc.paragraphs[0].text
    figure_tables = [t for t in doc.tables if any("median" in c.text.lower() for c in t.rows[0].cells)]
    assert len(figure_tables) == (1 if b.figures else 0)
    if b.figures:
        assert len(figure_tables[0].rows) == 1 + len(b.figures)
    assert len(doc.inline_shapes) == (1 if b.chart_png else 0)
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Sources" in headings and "Suggested scrutiny questions" in headings
    after = [p.text for p in doc.paragraphs[[p.text for p in doc.paragraphs].index("Sources"):]]
    for i, note in enumerate(b.notes, 1):
        assert f"{i}. {note}" in after
    marks = {r.text for p in doc.paragraphs for r in p.runs if r.font.superscript}
    marks |= {r.text for t in doc.tables for row in t.rows for c in row.cells
              for p in c.paragraphs for r in p.runs if r.font.superscript}
    assert {int(n) for m in marks for n in m.split(",")} == set(range(1, len(b.notes) + 1))


def test_docx_is_a4_with_uk_margins_and_its_properties_set(briefings, tmp_path):
    doc = Document(str(bf.write_docx(briefings["northshire"], tmp_path / "n.docx")))
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert all(abs(m - Cm(2.54)) < Cm(0.01) for m in (section.left_margin, section.right_margin,
                                                       section.top_margin, section.bottom_margin))
    props = doc.core_properties
    assert props.title == "Briefing: Northshire Safeguarding Children Board, annual report 2017-18"
    assert props.author == "boardcompare" and props.author != "python-docx"
    assert abs(props.created.replace(tzinfo=None) - datetime.now()) < timedelta(hours=14)


@pytest.mark.parametrize("board", BOARD_IDS)
def test_markdown_has_the_same_content(board, briefings, tmp_path):
    b = briefings[board]
    md = bf.write_markdown(b, tmp_path / f"{board}.md").read_text(encoding="utf-8")
    chart = tmp_path / f"{board}_chart.png"
    assert chart.exists() == bool(b.chart_png)
    if b.chart_png:
        assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and f"]({board}_chart.png)" in md
    assert NAMES[board] in md
    assert "## Sources" in md and "## Suggested scrutiny questions" in md
    for i in range(1, len(b.notes) + 1):
        assert f"\n[^{i}]: " in md and md.count(f"[^{i}]") >= 2  # defined and cited


def test_the_three_writers_lay_out_the_same_blocks(briefings, tmp_path):
    b = briefings["eastborough"]
    headings = [x.text for x in bf.blocks(b) if isinstance(x, Heading)]
    md = bf.markdown_text(b, "c.png")
    doc = Document(str(bf.write_docx(b, tmp_path / "e.docx")))
    word_headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert word_headings == headings
    assert [h for h in headings if f"# {h}" in md or f"## {h}" in md] == headings


def test_no_concerns_is_written_once_in_the_code():
    sources = "".join(p.read_text(encoding="utf-8") for p in PACKAGE_DIR.rglob("*.py"))
    assert sources.count("The minutes record no concerns raised.") == 1


# What a briefing says: fair comparisons -----------------------------------------------------------

def test_figures_are_compared_with_the_same_year_and_enough_boards(fixture_db):
    b = brief(fixture_db, "Northshire", "2017-18")
    deaths = next(r for r in b.figures if r.name == "child_death_notifications")
    assert (deaths.peer.median, deaths.peer.n, deaths.peer.lowest, deaths.peer.highest) == (25, 5, 18, 40)
    assert deaths.median_shown == "25 (5 boards)" and deaths.scope == "other boards' reports of 2017-18"
    trained = next(r for r in b.figures if r.name == "training_attendees")
    assert trained.median_shown == TOO_FEW_FIGURE and trained.peer.median is None  # one other board: no median
    wide = next(r for r in brief(fixture_db, "Northshire", "2017-18", 1).figures if r.name == "training_attendees")
    assert wide.median_shown == "410 (5 boards)"
    assert wide.scope == "other boards' reports of 2016-17 to 2018-19 (a year either side)"


def test_a_figure_out_of_line_becomes_a_question(fixture_db):
    b = brief(fixture_db, "hillbury", "2017-18")
    deaths = next(r for r in b.figures if r.name == "child_death_notifications")
    assert deaths.position == "above the other boards' range"
    assert any("child death notifications was 40, above the other boards' range" in q.text for q in b.questions)


def test_reviews_compare_stated_counts_only(fixture_db):
    b = brief(fixture_db, "northshire", "2017-18")
    assert b.scr_count is None and b.scr_text == "not stated"
    assert b.reviews[0].text == "Serious case reviews: not stated. The minutes give no number."
    assert b.reviews[1].text.startswith("In the other boards' reports of 2017-18: median 1.5 of 6 boards")
    assert any("do not say how many serious case reviews" in q.text for q in b.questions)
    westford = brief(fixture_db, "westford")  # a real zero stays zero
    assert westford.scr_count == 0 and westford.review_label == "Local child safeguarding practice reviews"
    assert TOO_FEW_FIGURE in westford.reviews[1].text


def test_gaps_need_the_same_year_and_enough_boards(fixture_db):
    east = brief(fixture_db, "eastborough", "2017-18")
    assert [(g.label, g.n, g.n_peers) for g in east.gaps] == [
        ("Early help", 6, 7), ("Neglect", 6, 7), ("Information sharing", 4, 7)]
    assert any(q.text.startswith("6 of 7 other boards (86%) discussed neglect in their reports of 2017-18")
               for q in east.questions)
    midcaster = brief(fixture_db, "midcaster")
    assert midcaster.period == "2018-19" and midcaster.gaps == []
    assert any(TOO_FEW_THEMES in line.text for line in midcaster.summary)
    assert not any("discussed neglect" in q.text for q in midcaster.questions)
    wider = brief(fixture_db, "midcaster", years=1)
    assert ("Neglect", 8, 9) in [(g.label, g.n, g.n_peers) for g in wider.gaps]


def test_a_theme_is_never_a_gap_before_its_era(fixture_db):
    b = brief(fixture_db, "northshire", "2016-17")
    arrangements = next(t for t in b.theme_comparison.themes if t.code == "new_arrangements")
    assert arrangements.n == 4 and arrangements.n_peers == 5 and not arrangements.applies
    assert "New safeguarding arrangements" not in [g.label for g in b.gaps]


def test_no_chart_when_nothing_compares(fixture_db):
    b = brief(fixture_db, "westford")  # the only 2019-20 report
    assert b.chart_png is None
    assert b.chart_caption.text.startswith("No chart: " + TOO_FEW_THEMES)


# What a briefing says: concerns by kind, each sentence once ---------------------------------------

def test_concerns_by_kind_each_sentence_once(fixture_db):
    riverton = brief(fixture_db, "riverton", "2017-18")
    assert [(c.themes, c.kind_label, c.who) for c in riverton.concerns] == [
        ("Early help; Neglect", "Raised by members", "Members")]
    assert riverton.summary[4].text == ("1 concern was recorded, about early help and neglect"
                                        " (raised by members: 1).")
    hillbury = brief(fixture_db, "hillbury", "2017-18")
    (learning,) = hillbury.concerns
    assert (learning.kind_label, learning.who) == ("Learning from a review", "Not named in the minutes")
    assert any(q.text.startswith("A review's learning on information sharing") for q in hillbury.questions)
    md = bf.markdown_text(hillbury, "c.png")
    assert "### Learning from a review" in md


def test_no_concerns_said_plainly(fixture_db):
    b = brief(fixture_db, "kingsmoor", "2017-18")
    assert b.concerns == [] and bf.NO_CONCERNS in bf.markdown_text(b, "c.png")


def test_an_inferred_period_is_marked(fixture_db):
    b = brief(fixture_db, "kingsmoor", "2017-18")
    assert b.period_text == "2017-18 (inferred from the meeting date)"
    assert "(the year is inferred from the meeting date)" in b.summary[0].text


def test_choosing_board_and_period(fixture_db):
    assert brief(fixture_db, "NORTHSHIRE").period == "2017-18"
    assert brief(fixture_db, "northshire", "2016-17").scr_count == 2
    with pytest.raises(bf.BriefingError) as err:
        brief(fixture_db, "Narnia")
    assert str(err.value).startswith("No board called 'Narnia'. Known boards: Eastborough, Greendale")
    with pytest.raises(bf.BriefingError) as err:
        brief(fixture_db, "northshire", "2012-13")
    assert str(err.value) == "Northshire has no report for 2012-13. Known periods: 2016-17, 2017-18"


# Text safety --------------------------------------------------------------------------------------

HOSTILE = ("Councillor <b>Jones</b> asked that jo.bloggs@example.gov.uk or 0161 474 5657 be told"
           " <script>alert('x')</script> *now* [here](javascript:x) ![p](https://evil.example/p.png).")


@pytest.fixture
def hostile_db(fixture_db, tmp_path):
    path = tmp_path / "hostile.duckdb"
    shutil.copy(fixture_db, path)
    with duckdb.connect(str(path)) as con:
        con.execute("INSERT INTO concerns VALUES ('doc01-0', 9, 'training', 'members_raised', $who, $s, 0, 10)",
                    {"who": "Cllr <i>Evans</i> (evans@example.org)", "s": HOSTILE})
        con.execute("UPDATE reports SET committee = '=HYPERLINK(\"https://evil.example\",\"Committee\")'"
                    " WHERE report_id = 'doc01-0'")
        write_summaries(con)  # as the build would, after changing the base tables
    return path


def test_quotes_are_plain_text_with_contacts_masked(hostile_db, tmp_path):
    b = bf.build_briefing("northshire", "2017-18", db_path=hostile_db)
    concern = next(c for c in b.concerns if "Jones" in c.quote)
    assert "example.gov.uk" not in concern.quote and "474 5657" not in concern.quote
    assert concern.raised_by == "Cllr <i>Evans</i> ([e-mail removed])"
    path = bf.write_docx(b, tmp_path / "h.docx")
    assert "<script>alert('x')</script>" in _docx_text(Document(str(path)))  # shown literally, as text
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "<script>" not in xml and "example.gov" not in xml and "474 5657" not in xml
    md = bf.write_markdown(b, tmp_path / "h.md").read_text()
    assert "<script>" not in md and "<b>" not in md and "<i>" not in md and "&lt;script&gt;" in md
    assert "\\*now\\*" in md and "\\[here\\]" in md and "![p]" not in md
    assert "https://evil" not in md  # a bare address in the minutes is not a link
    assert "https:\u2060//evil.example/audit" in md  # shown, with a word joiner that stops autolinking


def test_table_cells_are_never_live_formulas(hostile_db, tmp_path):
    b = bf.build_briefing("northshire", "2017-18", db_path=hostile_db)
    doc = Document(str(bf.write_docx(b, tmp_path / "f.docx")))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "'=HYPERLINK(\"https://evil.example\",\"Committee\")" in cells
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))]
    md = bf.markdown_text(b, "c.png")
    assert "| '=HYPERLINK" in md


# The command --------------------------------------------------------------------------------------

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


def test_brief_window_from_the_command_line(fixture_db, tmp_path, capsys):
    out = tmp_path / "mid.md"
    assert cli_main(["brief", "Midcaster", "--window", "1", "--out", str(out), "--db", str(fixture_db)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "2017\\-18 to 2019\\-20" in text or "2017-18 to 2019-20" in text
    assert "Neglect: 8 of 9 other boards" in text


def test_missing_committee_date_and_presenter_are_said_plainly(fixture_db, tmp_path):
    path = tmp_path / "sparse.duckdb"
    shutil.copy(fixture_db, path)
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE reports SET meeting_date = NULL, committee = NULL, presenter_role = NULL"
                    " WHERE board_id = 'southvale'")
        write_summaries(con)
    b = bf.build_briefing("Southvale", None, db_path=path)
    assert b.meeting_date is None and b.committee is None and b.presenter is None
    assert b.summary[0].text == ("The committee considered the annual report of Southvale Safeguarding"
                                 " Children Board for 2017-18.")
    assert b.notes[0] == "southvale_2017-18.txt (committee not stated, date not stated)"
    text = _docx_text(Document(str(bf.write_docx(b, tmp_path / "s.docx"))))
    assert "date not stated" in text and "NaT" not in text and "None" not in text
    assert b.generated_on == date.today()
