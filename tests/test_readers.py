"""Readers: files of every supported kind into plain text split into meetings.

Grouped by what they exercise: encodings, bad input, HTML golden pages, PDF and Word files
made on the fly, splitting into meetings, and the read_bytes/read_document contract.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import time
from pathlib import Path

import pytest

from boardcompare import readers
from boardcompare.models import Document, Section
from boardcompare.readers import (
    SUPPORTED_SUFFIXES,
    UnusableDocument,
    normalise_text,
    read_bytes,
    read_document,
    split_sections,
)

HTML_DIR = Path(__file__).parent / "resources" / "html"
SEED_DIR = Path(__file__).resolve().parents[2] / "shared" / "seed-minutes"  # ../shared beside the checkout
MINUTES = "Minutes:\n\nThe Independent Chair presented the LSCB Annual Report 2015-16."


def cases(rows):
    """Table rows (id, *values) as pytest params."""
    return [pytest.param(*values, id=name) for name, *values in rows]


def section_texts(doc: Document) -> list[str]:
    return [doc.text[s.start : s.end] for s in doc.sections]


def reason_of(data: bytes, name: str) -> str:
    with pytest.raises(UnusableDocument) as info:
        read_bytes(data, name)
    return info.value.reason


# --------------------------------------------------------------------------------------------
# Encodings

ENCODINGS = [
    ("utf-8", "The Board\u2019s report: \u00a3250,000 for \u201ctraining\u201d.".encode(),
     "The Board\u2019s report: \u00a3250,000 for \u201ctraining\u201d."),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + "Minutes: caf\u00e9 \u2013 noted".encode(),
     "Minutes: caf\u00e9 \u2013 noted"),
    ("utf-16-le with BOM", b"\xff\xfe" + "Minutes: \u00a3 \u2019 noted\r\n".encode("utf-16-le"),
     "Minutes: \u00a3 \u2019 noted\n"),
    ("utf-16-be with BOM", b"\xfe\xff" + "Minutes: \u00a3 \u2019 noted".encode("utf-16-be"),
     "Minutes: \u00a3 \u2019 noted"),
    ("windows-1252 curly quotes and pound", b"The Board\x92s \x93budget\x94 was \xa3250,000 \x96 noted.",
     "The Board\u2019s \u201cbudget\u201d was \u00a3250,000 \u2013 noted."),
    ("latin-1 compatible bytes", b"R\xe9sum\xe9 of the minutes", "R\u00e9sum\u00e9 of the minutes"),
    ("CRLF, lone CR, NBSP and NUL normalised", b"Minutes:\r\n\r\nA\xc2\xa0B\rC",
     "Minutes:\n\nA B\nC"),
]


@pytest.mark.parametrize("data, expected", cases(ENCODINGS))
def test_text_encodings(data, expected):
    doc = read_bytes(data, "minutes.txt")
    assert doc.text == expected
    assert doc.format == "txt"
    assert doc.sections == (Section(0, len(expected)),)


# UTF-8 files with a few bytes from another encoding: each byte that is not UTF-8 is read as
# Windows-1252, the rest stays UTF-8 (decoding the whole file as Windows-1252 gave mojibake).
UTF8 = "The Children\u2019s Board\u2019s report for 2017\u201318 was noted."
MIXED_ENCODINGS = [
    ("one stray Latin-1 byte", UTF8.encode() + b" Budget \xa3250,000.",
     UTF8 + " Budget \u00a3250,000."),
    ("stray Windows-1252 quote", UTF8.encode() + b" The Chair\x92s report.",
     UTF8 + " The Chair\u2019s report."),
    ("stray byte on the same line as UTF-8", "Children\u2019s caf".encode() + b"\xe9 2017\x9618",
     "Children\u2019s caf\u00e9 2017\u201318"),
    ("byte Windows-1252 does not define, in UTF-8", UTF8.encode() + b" Item \x81 noted.",
     UTF8 + " Item \ufffd noted."),
    ("bytes Windows-1252 does not define, in Windows-1252", b"Minutes \x81\x8d\x8f\x90 noted \x93ok\x94",
     "Minutes \ufffd\ufffd\ufffd\ufffd noted \u201cok\u201d"),
    ("truncated UTF-8 at the end", "Board\u2019s".encode() + b" \xc3", "Board\u2019s \u00c3"),
]


@pytest.mark.parametrize("data, expected", cases(MIXED_ENCODINGS))
@pytest.mark.parametrize("name", ["minutes.txt", "page.html"])
def test_mixed_encodings_keep_the_utf8_text(data, expected, name):
    if name.endswith(".html"):
        data = b"<html><head><meta charset='utf-8'></head><body><p>" + data + b"</p></body></html>"
    assert read_bytes(data, name).text == expected


def test_a_stray_byte_does_not_break_the_period():
    from boardcompare.extract import extract_document

    text = ("Children\u2019s Scrutiny Committee, 12 October 2018\n\n"
            "Stockport Safeguarding Children Board Annual Report 2017\u201318\n\n"
            "The Independent Chair presented the Stockport Safeguarding Children Board\u2019s annual report "
            "for 2017\u201318. Members raised concerns about information sharing.\n")
    data = text.encode() + b"The budget was " + b"\xa3250,000.\n"
    doc = read_bytes(data, "stockport.txt")
    assert "Children\u2019s Scrutiny" in doc.text and "\u00e2\u20ac" not in doc.text
    (report,) = extract_document(doc)
    assert report.period == "2017-18"


def test_a_page_declaring_another_encoding_is_decoded_as_declared():
    page = (b"<html><head><meta charset='windows-1252'></head><body><p>The Board\x92s report: "
            b"\xa3250.</p></body></html>")
    assert read_bytes(page, "page.html").text == "The Board\u2019s report: \u00a3250."


def test_normalise_keeps_paragraphs_and_spacing_verbatim():
    text = "Minutes:\n\n \n\nLine one.   Two spaces  here.\n\n\n\nAfter three blank lines.\t"
    assert normalise_text(text) == text


def test_nul_bytes_inside_utf16_are_not_binary():
    data = b"\xff\xfe" + "Minutes of the Board".encode("utf-16-le")
    assert read_bytes(data, "m.txt").text == "Minutes of the Board"


# --------------------------------------------------------------------------------------------
# Bad input

BAD_BYTES = [
    ("empty", b"", "minutes.txt", readers.EMPTY),
    ("whitespace only", b" \n\t\r\n  ", "minutes.txt", readers.EMPTY),
    ("nbsp only", b"\xc2\xa0\n\xc2\xa0", "minutes.txt", readers.EMPTY),
    ("utf-16 whitespace only", b"\xff\xfe" + " \n ".encode("utf-16-le"), "minutes.txt", readers.EMPTY),
    ("empty html", b"", "page.html", readers.EMPTY),
    ("empty pdf", b"", "minutes.pdf", readers.EMPTY),
    ("empty docx", b"", "minutes.docx", readers.EMPTY),
    ("binary with NULs", bytes(range(256)) * 4, "minutes.txt", readers.BINARY),
    ("png saved as txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "minutes.txt", readers.BINARY),
    ("control characters, no NUL", b"Minutes" + b"\x01\x02\x03\x04\x05\x06\x07\x08" * 20, "minutes.txt",
     readers.BINARY),
    ("utf-16 text full of controls", b"\xff\xfe" + ("\x01\x02\x03" * 50).encode("utf-16-le"), "m.txt",
     readers.BINARY),
    ("binary saved as html", b"<html>\x00\x01\x02</html>" + bytes(100), "page.html", readers.BINARY),
    ("odd-length utf-16", b"\xff\xfe" + "Minutes".encode("utf-16-le") + b"\x41", "m.txt",
     readers.UNDECODABLE),
    ("html without visible text", b"<html><head><title>T</title><script>var x = 1;</script></head>"
     b"<body><nav>Home</nav><div>   </div></body></html>", "page.html", readers.NO_HTML_TEXT),
    ("pdf that is not a pdf", b"%PDF-1.4\nthis is not really a pdf", "minutes.pdf", readers.PDF_DAMAGED),
    ("text saved as pdf", b"Minutes of the meeting", "minutes.pdf", readers.PDF_DAMAGED),
    ("docx that is not a zip", b"Minutes of the meeting", "minutes.docx", readers.DOCX_DAMAGED),
    ("docx zip header only", b"PK\x03\x04" + b"garbage" * 10, "minutes.docx", readers.DOCX_DAMAGED),
]


@pytest.mark.parametrize("data, name, reason", cases(BAD_BYTES))
def test_bad_bytes(data, name, reason):
    assert reason_of(data, name) == reason


@pytest.mark.parametrize("name", ["minutes.xls", "minutes.doc", "minutes.rtf", "minutes", "MINUTES.XLSX"])
def test_unsupported_suffix(name, tmp_path):
    suffix = Path(name).suffix.lower()
    expected = f"unsupported file type {suffix or '(no extension)'}: use .txt, .html, .htm, .pdf or .docx"
    assert reason_of(b"Minutes", name) == expected
    path = tmp_path / name
    path.write_bytes(b"Minutes")
    with pytest.raises(UnusableDocument) as info:
        read_document(path)
    assert info.value.reason == expected
    assert str(info.value) == f"{path}: {expected}"


def test_supported_suffixes_are_case_insensitive(tmp_path):
    assert SUPPORTED_SUFFIXES == (".txt", ".html", ".htm", ".pdf", ".docx")
    path = tmp_path / "MINUTES.TXT"
    path.write_text("Minutes: noted.")
    assert read_document(path).format == "txt"
    assert read_bytes(b"<p>Minutes</p>", "page.HTM").format == "html"


FILE_SYSTEM = [
    ("missing file", lambda tmp: tmp / "nowhere.txt", readers.NOT_FOUND),
    ("missing folder", lambda tmp: tmp / "no" / "such" / "minutes.pdf", readers.NOT_FOUND),
    ("a folder", lambda tmp: _folder(tmp / "minutes.txt"), readers.IS_FOLDER),
]


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


@pytest.mark.parametrize("make, reason", cases(FILE_SYSTEM))
def test_file_system_errors(make, reason, tmp_path):
    path = make(tmp_path)
    with pytest.raises(UnusableDocument) as info:
        read_document(path)
    assert info.value.reason == reason
    assert info.value.path == str(path)
    assert str(info.value) == f"{path}: {reason}"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_unreadable_file(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("Minutes")
    path.chmod(0)
    try:
        with pytest.raises(UnusableDocument) as info:
            read_document(path)
        assert info.value.reason == readers.PERMISSION_DENIED
    finally:
        path.chmod(0o600)


@pytest.mark.parametrize("error, reason", [
    (PermissionError(13, "Permission denied"), readers.PERMISSION_DENIED),
    (OSError(5, "Input/output error"), "the file could not be read: input/output error"),
], ids=["permission denied", "other OS error"])
def test_os_errors_become_reasons(error, reason, tmp_path, monkeypatch):
    """Even as root (who can read chmod 000 files) the conversion of OS errors is checked."""
    path = tmp_path / "minutes.txt"
    path.write_text("Minutes")

    def failing_open(*args, **kwargs):
        raise error

    monkeypatch.setattr(readers.document, "open", failing_open, raising=False)
    with pytest.raises(UnusableDocument) as info:
        read_document(path)
    assert info.value.reason == reason
    assert info.value.__cause__ is error


def test_too_large_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(readers.limits, "MAX_FILE_BYTES", 100)
    path = tmp_path / "huge.txt"
    path.write_bytes(b"x" * 101)
    with pytest.raises(UnusableDocument) as info:
        read_document(path)
    assert info.value.reason.startswith("the file is 0.0 MB; the limit is")
    assert reason_of(b"x" * 101, "huge.txt").startswith("the file is 0.0 MB; the limit is")


def test_unusable_document_is_picklable():
    error = UnusableDocument("a/b.txt", readers.EMPTY)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.reason, str(copy)) == ("a/b.txt", readers.EMPTY, "a/b.txt: the file is empty")


# --------------------------------------------------------------------------------------------
# Size and depth


def test_deeply_nested_html_does_not_crash():
    depth = 5000
    page = "<html><body>" + "<div>" * depth + "<p>Deep minutes text.</p>" + "</div>" * depth
    page += "<p>Resolved: noted.</p></body></html>"
    doc = read_bytes(page.encode(), "nested.html")
    assert doc.text == "Deep minutes text.\n\nResolved: noted."


@pytest.mark.parametrize("opening, closing, expected", [
    ("<ul><li>", "</li></ul>", "\u00b7 deep item"),
    ("<table><tr><td>", "</td></tr></table>", "deep item"),
    ("<span>", "</span>", "deep item"),
], ids=["lists", "tables", "inline"])
def test_other_deep_nesting(opening, closing, expected):
    depth = 2000
    doc = read_bytes((opening * depth + "deep item" + closing * depth).encode(), "nested.html")
    assert doc.text.strip() == expected


def test_many_short_lines_are_fast():
    data = b"".join(b"line %d\n" % i for i in range(150_000))  # just under the text limit
    started = time.perf_counter()
    doc = read_bytes(data, "long.txt")
    elapsed = time.perf_counter() - started
    assert len(doc.text) == len(data)
    assert len(doc.sections) == 1
    assert elapsed < 10, f"took {elapsed:.1f}s"


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    with path.open("wb") as fh:
        fh.truncate(readers.MAX_FILE_BYTES + 1)  # sparse: 20 MB that cost nothing to write
    read = []
    monkeypatch.setattr(readers.document, "read_bytes", lambda data, name: read.append(name))
    with pytest.raises(UnusableDocument) as info:
        read_document(path)
    assert info.value.reason == "the file is 21.0 MB; the limit is 20 MB"
    assert read == []


# --------------------------------------------------------------------------------------------
# HTML golden pages

GOLDEN = sorted(p.stem for p in HTML_DIR.glob("*.json"))


def test_golden_pages_exist():
    assert set(GOLDEN) >= {"mgAi_agenda_item", "ieIssueDetails_three_meetings", "generic_minutes"}
    for stem in GOLDEN:
        assert (HTML_DIR / f"{stem}.html").is_file()


@pytest.mark.parametrize("stem", GOLDEN)
def test_html_golden(stem):
    expected = json.loads((HTML_DIR / f"{stem}.json").read_text(encoding="utf-8"))
    doc = read_document(HTML_DIR / f"{stem}.html")
    assert doc.format == expected["format"]
    for phrase in expected["absent"]:
        assert phrase not in doc.text, f"{phrase!r} should have been dropped"
    assert len(doc.sections) == len(expected["sections"])
    previous_end = 0
    for section, want, text in zip(doc.sections, expected["sections"], section_texts(doc), strict=True):
        assert section.start >= previous_end and section.end > section.start
        previous_end = section.end
        assert section.meeting_date == want["meeting_date"]
        assert section.committee == want["committee"]
        assert section.title == want["title"]
        for phrase in want["contains"]:
            assert phrase in text, f"{phrase!r} missing from section {want['meeting_date']}"
        for phrase in want["absent"]:
            assert phrase not in text, f"{phrase!r} should not be in section {want['meeting_date']}"
    assert "\n\n\n" not in doc.text
    assert doc.text == doc.text.strip()


@pytest.mark.parametrize("stem", GOLDEN)
def test_html_golden_read_bytes_matches(stem):
    path = HTML_DIR / f"{stem}.html"
    assert read_bytes(path.read_bytes(), str(path)) == read_document(path)


HTML_CASES = [
    ("paragraphs become blank-line separated", "<p>One</p><p>Two</p><div>Three</div>", "One\n\nTwo\n\nThree"),
    ("inline whitespace collapses", "<p>The   Board\n noted <b>the</b>\n<i>report</i>.</p>",
     "The Board noted the report."),
    ("br is a line break", "<p>First line<br>Second line<br/><br/>New paragraph</p>",
     "First line\nSecond line\n\nNew paragraph"),
    ("list items", "<p>Points:</p><ul><li>one</li><li> two </li><li></li></ul><p>After</p>",
     "Points:\n\n\u00b7 one\n\u00b7 two\n\nAfter"),
    ("nested lists", "<ul><li>outer<ul><li>inner</li></ul></li><li>next</li></ul>",
     "\u00b7 outer\n\u00b7 inner\n\u00b7 next"),
    ("table rows", "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td><p>2</p><p>3</p></td></tr></table>",
     "A | B\n1 | 2 3"),
    ("empty middle cell kept, trailing dropped",
     "<table><tr><td>a</td><td></td><td>c</td><td> </td></tr></table>",
     "a |  | c"),
    ("layout table keeps paragraphs",
     "<table><tr><td><p>Minutes one.</p><p>Minutes two.</p></td></tr></table>",
     "Minutes one.\n\nMinutes two."),
    ("entities and nbsp", "<p>&pound;5&nbsp;million &ndash; Board&rsquo;s</p><p>&nbsp;</p><p>end</p>",
     "\u00a35 million \u2013 Board\u2019s\n\nend"),
    ("comments dropped", "<p>Kept<!-- a comment --> text</p>", "Kept text"),
    ("hidden elements dropped", '<p>Shown</p><p hidden>gone</p><p aria-hidden="true">gone</p>'
     '<p style="display: none">gone</p>', "Shown"),
    ("pre keeps lines", "<pre>line 1\n  line 2</pre>", "line 1\n  line 2"),
    ("html file holding plain text", "Minutes:\n\nNo tags here.\n", "Minutes:\n\nNo tags here.\n"),
    ("modgov root preferred", '<div class="nav">x</div><div id="modgov"><p>Minutes</p></div><p>footer</p>',
     "Minutes"),
    ("supporting documents dropped", "<div id='modgov'><p>Minutes:</p><p>Noted.</p>"
     "<h3>Supporting documents:</h3><ul><li><a href='a.pdf'>Report PDF 1 MB</a></li></ul></div>",
     "Minutes:\n\nNoted."),
]


@pytest.mark.parametrize("html, expected", cases(HTML_CASES))
def test_html_rendering(html, expected):
    assert read_bytes(html.encode(), "page.html").text == expected


def test_html_declared_windows_1252_charset():
    page = (b'<html><head><meta charset="windows-1252"></head>'
            b"<body><p>The Board\x92s \xa3 report</p></body></html>")
    assert read_bytes(page, "page.htm").text == "The Board\u2019s \u00a3 report"


def test_html_utf16_with_bom():
    page = "\ufeff<html><body><p>Minutes \u00a3 noted</p></body></html>".encode("utf-16-le")
    assert read_bytes(page, "page.html").text == "Minutes \u00a3 noted"


# --------------------------------------------------------------------------------------------
# PDF and Word files made in the test


def make_pdf(*pages: str, password: str | None = None, draw_only: bool = False) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    for text in pages or ("",):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        if draw_only:
            pdf.rect(20, 20, 80, 40, style="F")
        else:
            pdf.multi_cell(0, 6, text)
    if password is not None:
        pdf.set_encryption(owner_password="owner", user_password=password)
    return bytes(pdf.output())


def make_docx(build) -> bytes:
    import docx

    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_pdf_pages_joined_with_blank_lines():
    first = "Minutes: the Board noted five serious case reviews."
    second = "Resolved: that the report be noted."
    doc = read_bytes(make_pdf(first, second), "minutes.pdf")
    assert doc.format == "pdf"
    assert doc.text == f"{first}\n\n{second}"


def test_pdf_with_empty_user_password_is_read():
    assert read_bytes(make_pdf("Minutes of the Board", password=""), "m.pdf").text == "Minutes of the Board"


PDF_FAILURES = [
    ("no text layer (a drawn rectangle only)", lambda: make_pdf("x", draw_only=True), readers.PDF_NO_TEXT),
    ("password protected", lambda: make_pdf("Secret minutes", password="secret"), readers.PDF_ENCRYPTED),
    ("truncated", lambda: make_pdf("Minutes " * 50)[:400], readers.PDF_DAMAGED),
    ("last bytes missing", lambda: make_pdf("Minutes " * 50)[:-40], readers.PDF_DAMAGED),
]


@pytest.mark.parametrize("make, reason", cases(PDF_FAILURES))
def test_pdf_failures(make, reason):
    assert reason_of(make(), "minutes.pdf") == reason


def test_pdf_no_text_layer_wording():
    assert readers.PDF_NO_TEXT == "the PDF has no text layer (it is a scan): there is no text to read"


def _minutes_with_table(document):
    document.add_paragraph("Minutes:")
    document.add_paragraph("The Independent Chair presented the annual report.")
    document.add_paragraph("")
    document.add_paragraph("Five serious case reviews", style="List Bullet")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([("Measure", "2015-16", "2016-17"), ("Child protection plans", "412", "398"),
                             ("Looked after children", "", "301")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("Resolved: that the report be noted.")


def test_docx_paragraphs_and_tables_in_order():
    doc = read_bytes(make_docx(_minutes_with_table), "minutes.docx")
    assert doc.format == "docx"
    assert doc.text == (
        "Minutes:\n\nThe Independent Chair presented the annual report.\n\n"
        "\u00b7 Five serious case reviews\n\n"
        "Measure | 2015-16 | 2016-17\nChild protection plans | 412 | 398\nLooked after children |  | 301\n\n"
        "Resolved: that the report be noted."
    )


def test_docx_merged_cells_listed_once():
    def build(document):
        table = document.add_table(rows=2, cols=3)
        merged = table.cell(0, 0).merge(table.cell(0, 2))
        merged.text = "Attendance"
        for c, value in enumerate(("Chair", "Present", "Councillor")):
            table.cell(1, c).text = value

    assert read_bytes(make_docx(build), "m.docx").text == "Attendance\nChair | Present | Councillor"


def test_docx_without_text():
    assert reason_of(make_docx(lambda d: d.add_paragraph("   ")), "m.docx") == readers.DOCX_NO_TEXT


def test_docx_truncated_is_damaged():
    data = make_docx(_minutes_with_table)
    assert reason_of(data[: len(data) // 2], "m.docx") == readers.DOCX_DAMAGED


def test_pdf_and_docx_via_read_document(tmp_path):
    pdf = tmp_path / "minutes.pdf"
    pdf.write_bytes(make_pdf("Minutes: noted."))
    word = tmp_path / "minutes.docx"
    word.write_bytes(make_docx(_minutes_with_table))
    for path in (pdf, word):
        assert read_document(path) == read_bytes(path.read_bytes(), str(path))


# --------------------------------------------------------------------------------------------
# Splitting into meetings

ISSUE_TEXT = """Issue - items at meetings - Anyshire LSCB Annual Report 2016-17

Issue - meetings

Meeting: 12/03/2017 - Children and Young People's Scrutiny Panel (Item 5)

5 Anyshire LSCB Annual Report 2016-17

Minutes:

Three serious case reviews were reported.

Meeting: 07/07/2017 - Health and Wellbeing Board (Item 12.)

Minutes:

The Board noted the report.

Supporting documents:
"""

SPLITS = [
    ("issue history text", ISSUE_TEXT, [
        ("2017-03-12", "Children and Young People's Scrutiny Panel", "Anyshire LSCB Annual Report 2016-17",
         "Meeting: 12/03/2017", "Three serious case reviews were reported."),
        ("2017-07-07", "Health and Wellbeing Board", "Anyshire LSCB Annual Report 2016-17",
         "Meeting: 07/07/2017", "Supporting documents:"),
    ]),
    ("bare date headings followed by minutes",
     "01/02/2016 - Cabinet\n\nMinutes:\n\nNoted.\n\n\n"
     "03/04/2016 \u2013 Children's Services Scrutiny Committee\n"
     "Agenda title\nDecision:\nAgreed.\n", [
         ("2016-02-01", "Cabinet", None, "01/02/2016 - Cabinet", "Noted."),
         ("2016-04-03", "Children's Services Scrutiny Committee", "Agenda title", "03/04/2016", "Agreed."),
     ]),
    ("Meeting: label on its own line", "Meeting:\n12/03/2015 - Cabinet (Item 5)\nMinutes: a\n"
     "Meeting:\n13/04/2015 - Council (Item 7)\nMinutes: b", [
         ("2015-03-12", "Cabinet", None, "Meeting:\n12/03/2015", "Minutes: a"),
         ("2015-04-13", "Council", None, "Meeting:\n13/04/2015", "Minutes: b"),
     ]),
    ("a single Meeting: heading covers the whole text",
     "Agenda item\n\nLSCB Annual Report\n\nMeeting: 05/11/2018 - Children's Scrutiny Committee (Item 38)\n\n"
     "Minutes:\n\nNoted.", [
         ("2018-11-05", "Children's Scrutiny Committee", "LSCB Annual Report", "Agenda item", "Noted."),
     ]),
    ("no headings", "Minutes:\n\nThe Board noted the report.", [
        (None, None, None, "Minutes:", "noted the report."),
    ]),
    ("bare dates without minutes are not meetings",
     "01/04/2015 - Board business plan agreed\n02/05/2015 - Cabinet approved the budget\nNothing else.", [
         (None, None, None, "01/04/2015", "Nothing else."),
     ]),
    ("date ranges and impossible dates are not headings",
     "01/04/2015 - 31/03/2016 was the reporting year.\nMinutes: a\n31/02/2015 - Cabinet\nMinutes: b\n", [
         (None, None, None, "01/04/2015", "Minutes: b\n"),
     ]),
]


@pytest.mark.parametrize("text, expected", cases(SPLITS))
def test_split_sections(text, expected):
    sections = split_sections(text)
    assert len(sections) == len(expected)
    for section, (date, committee, title, starts, ends) in zip(sections, expected, strict=True):
        body = text[section.start : section.end]
        assert (section.meeting_date, section.committee, section.title) == (date, committee, title)
        assert body.startswith(starts), body
        assert body.endswith(ends), body
    if len(sections) == 1:
        assert (sections[0].start, sections[0].end) == (0, len(text))


def test_split_sections_do_not_overlap_and_skip_the_page_title():
    sections = split_sections(ISSUE_TEXT)
    assert ISSUE_TEXT[: sections[0].start].startswith("Issue - items at meetings")
    assert sections[0].end < sections[1].start
    assert ISSUE_TEXT[sections[0].end : sections[1].start].strip() == ""


@pytest.mark.parametrize("suffix", [".txt", ".pdf", ".docx", ".html"])
def test_any_format_is_split_into_meetings(suffix):
    paragraphs = ISSUE_TEXT.strip().split("\n\n")
    if suffix == ".txt":
        data = ISSUE_TEXT.encode()
    elif suffix == ".pdf":
        data = make_pdf(ISSUE_TEXT.replace("'", ""))
    elif suffix == ".docx":
        data = make_docx(lambda d: [d.add_paragraph(p) for p in paragraphs])
    else:
        data = "".join(f"<p>{p}</p>" for p in paragraphs).encode()
    doc = read_bytes(data, f"issue{suffix}")
    assert [s.meeting_date for s in doc.sections] == ["2017-03-12", "2017-07-07"]
    assert "Three serious case reviews" in section_texts(doc)[0]
    assert "The Board noted the report." in section_texts(doc)[1]


# --------------------------------------------------------------------------------------------
# read_bytes and read_document agree; hashes follow the bytes


@pytest.mark.parametrize("data", [
    "Minutes:\r\n\r\nThe Board\u2019s report.".encode(),
    b"\xff\xfe" + "UTF-16 minutes".encode("utf-16-le"),
    b"Windows \x93quotes\x94",
], ids=["utf-8 crlf", "utf-16", "windows-1252"])
def test_read_bytes_equals_read_document(data, tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_bytes(data)
    assert read_bytes(data, str(path)) == read_document(path)
    assert read_document(str(path)).path == str(path)


def test_content_hash_follows_bytes_not_name(tmp_path):
    import hashlib

    data = b"Minutes: the Board noted the report."
    (tmp_path / "a.txt").write_bytes(data)
    (tmp_path / "b.txt").write_bytes(data)
    a, b = read_document(tmp_path / "a.txt"), read_document(tmp_path / "b.txt")
    assert a.content_hash == b.content_hash == hashlib.sha256(data).hexdigest()
    assert a.path != b.path
    assert read_bytes(data + b" ", "a.txt").content_hash != a.content_hash


@pytest.mark.skipif(not SEED_DIR.is_dir(), reason="needs ../shared/seed-minutes beside the checkout")
@pytest.mark.parametrize("name", sorted(p.name for p in SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else [])
def test_seed_minutes_read_as_one_meeting(name):
    doc = read_document(SEED_DIR / name)
    raw = (SEED_DIR / name).read_bytes().decode("utf-8-sig")
    assert doc.text == normalise_text(raw)
    assert len(doc.sections) == 1
    assert "Minutes:" in doc.text
    assert doc.sections[0].title and "Annual Report" in doc.sections[0].title
