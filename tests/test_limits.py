"""Uploads the build would refuse are refused at once, for the same reason, before any parser runs.

The Add minutes preview, `ingest --add` and the build all read through
boardcompare.readers.read_bytes, which applies boardcompare.readers.limits first. Each case is
checked on all three paths; "before parsing" is checked by making the parsers fail the test if
they are called, never by timing.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import duckdb
import pytest

from boardcompare import preview as pv
from boardcompare import readers
from boardcompare.cli import main
from boardcompare.errors import OUT_OF_MEMORY
from boardcompare.ingest import build_database, collect_files
from boardcompare.readers import UnusableDocument, read_bytes
from boardcompare.uploads import UploadRefused, check_upload, save_upload

PARAGRAPH = ("The Independent Chair of the Wigan Safeguarding Children Board presented the annual report for "
             "2016-17. Members raised concerns about information sharing between agencies.\n")
MINUTES = ("Children and Young People Scrutiny Committee, 14 November 2017\n\n"
           "Wigan Safeguarding Children Board Annual Report 2016-17\n\n" + PARAGRAPH
           + "RESOLVED: That the report be noted.\n").encode()
DOCX_PARTS = ("[Content_Types].xml", "_rels/.rels", "word/document.xml")


def docx_unpacking_to(n_bytes: int) -> bytes:
    """A small .docx whose document.xml really unpacks to about ``n_bytes`` (highly compressible)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("_rels/.rels", "<Relationships/>")
        para = b"<w:p><w:r><w:t>The Board noted the report.</w:t></w:r></w:p>" * 1000
        with z.open("word/document.xml", "w") as f:
            for _ in range(n_bytes // len(para) + 1):
                f.write(para)
    return out.getvalue()


def docx_declaring(n_bytes: int) -> bytes:
    """A tiny .docx whose zip directory declares that document.xml unpacks to ``n_bytes``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in DOCX_PARTS:
            z.writestr(name, "<x/>")
    data = bytearray(out.getvalue())
    at = data.rfind(b"PK\x01\x02")  # the central directory entry of the last part, document.xml
    data[at + 24:at + 28] = struct.pack("<I", n_bytes)  # its uncompressed size
    return bytes(data)


def text_of(n_chars: int) -> bytes:
    body = PARAGRAPH * (n_chars // len(PARAGRAPH) + 1)
    return MINUTES + body.encode()


# name, bytes, words the reason must contain
REFUSED = [
    ("3 million characters", "long.txt", lambda: text_of(3_000_000), "3.0 million characters"),
    ("19 MB text", "huge.txt", lambda: text_of(19 * 1024 * 1024), "million characters"),
    ("over 20 MB", "huger.txt", lambda: text_of(21 * 1024 * 1024), "the limit is 20 MB"),
    ("Word file unpacking to 102 MB", "bomb.docx", lambda: docx_unpacking_to(102 * 1024 * 1024),
     "unpacks to 10"),
    ("Word file declaring 1 GB", "gigabyte.docx", lambda: docx_declaring(1024 ** 3), "unpacks to 1,073.7 MB"),
    ("web page over 8 MB", "page.html", lambda: b"<html><body>" + text_of(9 * 1024 * 1024) + b"</body></html>",
     "pages over 8 MB"),
]


@pytest.fixture
def no_parsing(monkeypatch):
    """Every parser and the extraction fail the test if they are reached."""
    def refuse(*args, **kwargs):
        pytest.fail("a parser ran for a file that should have been refused before parsing")
    for name in ("text_from_plain", "text_from_html", "text_from_pdf", "text_from_docx", "split_sections"):
        monkeypatch.setattr(readers.document, name, refuse)
    monkeypatch.setattr(pv, "extract_document", refuse)
    monkeypatch.setattr("boardcompare.ingest.extract_document", refuse)


@pytest.mark.parametrize("name, make, words", [pytest.param(*row[1:], id=row[0]) for row in REFUSED])
def test_refused_before_parsing_the_same_way_on_every_path(name, make, words, no_parsing, tmp_path):
    data = make()
    with pytest.raises(UnusableDocument) as read:
        read_bytes(data, name)
    assert words in read.value.reason
    # the Add minutes preview
    shown = pv.preview(name, data)
    assert not shown.usable and words in shown.reason
    # ingest --add: nothing is saved
    folder = tmp_path / "minutes"
    with pytest.raises(UploadRefused) as refused:
        save_upload(name, data, folder)
    assert refused.value.reason == read.value.reason
    assert not folder.exists() or not any(folder.iterdir())
    # the build, given the same file
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(data)
    summary = build_database([folder], tmp_path / "db.duckdb")
    (outcome,) = summary.outcomes
    assert (outcome.outcome, outcome.message) == ("unusable", read.value.reason)


def test_a_pdf_with_too_many_pages_is_refused_before_its_text_is_read(monkeypatch):
    from fpdf import FPDF

    monkeypatch.setattr(readers.pdf, "MAX_PDF_PAGES", 3)
    pdf = FPDF()
    for _ in range(4):
        pdf.add_page()
    from pypdf import PageObject

    monkeypatch.setattr(PageObject, "extract_text", lambda *a, **k: pytest.fail("a page was read"))
    with pytest.raises(UnusableDocument) as info:
        read_bytes(bytes(pdf.output()), "pack.pdf")
    assert info.value.reason == "the PDF has 4 pages; PDFs over 3 pages are not read"


def test_a_word_file_stops_being_read_once_its_text_is_too_long(monkeypatch):
    import docx

    monkeypatch.setattr(readers.limits.TextBudget.__init__, "__defaults__", (1000,))
    d = docx.Document()
    for _ in range(100):
        d.add_paragraph("The Board noted the annual report and asked for more information.")
    out = io.BytesIO()
    d.save(out)
    with pytest.raises(UnusableDocument) as info:
        read_bytes(out.getvalue(), "long.docx")
    assert "passed 1,000 characters" in info.value.reason


# --------------------------------------------------------------------------------------------
# Running out of memory


def test_out_of_memory_while_reading_is_a_message_in_the_preview(monkeypatch):
    def exhausted(data):
        raise MemoryError
    monkeypatch.setattr(readers.document, "text_from_plain", exhausted)
    shown = pv.preview("m.txt", MINUTES)
    assert not shown.usable and shown.reason == OUT_OF_MEMORY[:1].upper() + OUT_OF_MEMORY[1:] + "."


def test_out_of_memory_while_extracting_is_a_message_and_keeps_the_database(monkeypatch, tmp_path, capsys):
    """The preview says so; `ingest --add` saves the file, the build stops with a message and the
    database in place is kept (running out of memory is not the file's fault: it is not dropped)."""
    monkeypatch.setenv("BOARDCOMPARE_DATA", str(tmp_path / "data"))
    db_path = tmp_path / "db.duckdb"
    first = tmp_path / "first.txt"
    first.write_bytes(MINUTES)
    assert main(["ingest", "--add", str(first), "--db", str(db_path), "--quiet"]) == 0

    def exhausted(*args, **kwargs):
        raise MemoryError
    monkeypatch.setattr(pv, "extract_document", exhausted)
    monkeypatch.setattr("boardcompare.ingest.extract_document", exhausted)
    shown = pv.preview("m.txt", MINUTES)
    assert not shown.usable and shown.reason.startswith("This machine ran out of memory")

    upload = tmp_path / "wigan.txt"
    upload.write_bytes(MINUTES.replace(b"2016-17", b"2017-18"))
    code = main(["ingest", "--add", str(upload), "--db", str(db_path), "--quiet"])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err and "MemoryError" not in err
    assert "ran out of memory" in err
    with duckdb.connect(str(db_path), read_only=True) as con:  # the database in place is kept as it was
        assert con.execute("SELECT file_name FROM documents").fetchall() == [("first.txt",)]
    assert (tmp_path / "data" / "minutes" / "wigan.txt").exists()  # saved: the next build reads it


# --------------------------------------------------------------------------------------------
# Names the build would not read


@pytest.mark.parametrize("name", ["README.txt", "README.md.txt", ".hidden.txt"])
def test_an_upload_gets_a_name_the_build_reads(name, tmp_path):
    folder = tmp_path / "minutes"
    saved = save_upload(name, MINUTES, folder)
    assert saved.path.parent == folder
    assert collect_files([folder])[0] == [saved.path]
    summary = build_database([folder], tmp_path / "db.duckdb")
    assert [o.outcome for o in summary.outcomes] == ["used"]
    assert pv.preview(name, MINUTES).stored_name == saved.path.name


def test_check_upload_gives_the_readers_reason():
    with pytest.raises(UploadRefused) as info:
        check_upload("minutes.exe", b"MZ")
    assert info.value.reason == "unsupported file type .exe: use .txt, .html, .htm, .pdf or .docx"
    assert info.value.name == "minutes.exe"
    assert Path(info.value.name).suffix == ".exe"
