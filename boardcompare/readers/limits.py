"""The limits a file must pass before it is parsed: the same for the Add minutes preview,
``ingest --add`` and the build, because all three read through :func:`check_before_parsing`.

Each limit is checked on what can be known cheaply, before any parser runs: the file's size, a
Word file's declared unpacked sizes (from the zip's directory, without unpacking anything), a web
page's size. The text's length is checked as soon as the text exists, before it is split into
meetings or extracted; the PDF and Word readers stop as soon as their text passes it.

>>> check_before_parsing("minutes.txt", b"Minutes")
>>> check_text("minutes.txt", "x" * (MAX_TEXT_CHARS + 1))
Traceback (most recent call last):
...
boardcompare.readers.common.UnusableDocument: minutes.txt: the text is 2.0 million characters long, ...
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from boardcompare.extract import MAX_TEXT_CHARS, too_long
from boardcompare.models import Document
from boardcompare.readers.common import (
    FORMATS,
    Unreadable,
    UnusableDocument,
    has_utf16_bom,
    normalise_text,
    unsupported_reason,
)
from boardcompare.readers.text import decode_mixed, decode_utf16

#: Larger files are refused before they are read (minutes are far smaller).
MAX_FILE_BYTES = 20 * 1024 * 1024
#: A web page larger than this is refused before it is parsed (a council's minutes page is well under 2 MB).
MAX_HTML_BYTES = 8 * 1024 * 1024
#: A Word file whose text and layout (its XML parts) unpack to more than this is refused before it is opened.
MAX_DOCX_XML_BYTES = 16 * 1024 * 1024
#: ... and one whose parts of any kind (pictures included) unpack to more than this.
MAX_DOCX_UNPACKED_BYTES = 128 * 1024 * 1024
#: ... and one with more parts than this.
MAX_DOCX_PARTS = 5000
#: A PDF with more pages than this is refused before its text is read.
MAX_PDF_PAGES = 1000

__all__ = ["MAX_DOCX_PARTS", "MAX_DOCX_UNPACKED_BYTES", "MAX_DOCX_XML_BYTES", "MAX_FILE_BYTES", "MAX_HTML_BYTES",
           "MAX_PDF_PAGES", "MAX_TEXT_CHARS", "check_before_parsing", "check_size", "check_text",
           "TextBudget", "text_too_long", "too_large_reason"]


def _mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


def too_large_reason(size: int, limit: int = MAX_FILE_BYTES) -> str:
    """Why a file of ``size`` bytes is refused.

    >>> too_large_reason(MAX_FILE_BYTES + 1)
    'the file is 21.0 MB; the limit is 20 MB'
    """
    return f"the file is {_mb(size)}; the limit is {limit // (1024 * 1024)} MB"


def text_too_long(text: str) -> str | None:
    """Why a text is too long to be extracted (the extraction's own limit and words), or None."""
    return too_long(Document(path="", format="txt", content_hash="", text=text, sections=()))


def check_size(name: str, size: int) -> None:
    """Refuse a file of ``size`` bytes over the limit (called before the file is even opened)."""
    if size > MAX_FILE_BYTES:
        raise UnusableDocument(name, too_large_reason(size))


def check_before_parsing(name: str, data: bytes) -> None:
    """Raise :class:`UnusableDocument` when ``data`` breaks a limit that can be seen without parsing it."""
    suffix = Path(name).suffix.lower()
    if suffix not in FORMATS:
        raise UnusableDocument(name, unsupported_reason(suffix))
    check_size(name, len(data))
    fmt = FORMATS[suffix]
    if fmt == "html" and len(data) > MAX_HTML_BYTES:
        raise UnusableDocument(name, f"the web page is {_mb(len(data))}; pages over "
                                     f"{MAX_HTML_BYTES // (1024 * 1024)} MB are not read")
    if fmt == "txt" and len(data) > MAX_TEXT_CHARS:  # fewer bytes than the limit cannot make a longer text
        check_text(name, _plain_text(data))
    if fmt == "docx":
        try:
            _check_word_parts(data)
        except Unreadable as e:
            raise UnusableDocument(name, e.reason) from e


def _plain_text(data: bytes) -> str:
    """A text file's characters as the text reader will count them (decoded and normalised, nothing parsed)."""
    try:
        return normalise_text(decode_utf16(data) if has_utf16_bom(data) else decode_mixed(data))
    except Unreadable:
        return ""  # the text reader gives the reason


def check_text(name: str, text: str) -> None:
    """Refuse a text longer than the extraction reads, before it is split into meetings or extracted."""
    reason = text_too_long(text)
    if reason:
        raise UnusableDocument(name, reason)


def _check_word_parts(data: bytes) -> None:
    """A Word file's parts as its zip directory declares them: how many and how large, unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            parts = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return  # the Word reader says it is damaged, in its own words
    if len(parts) > MAX_DOCX_PARTS:
        raise Unreadable(f"the Word file has {len(parts):,} parts, far more than any document "
                         f"(the limit is {MAX_DOCX_PARTS:,})")
    total = sum(p.file_size for p in parts)
    xml = sum(p.file_size for p in parts if p.filename.endswith((".xml", ".rels")))
    if xml > MAX_DOCX_XML_BYTES:
        raise Unreadable(f"the Word file unpacks to {_mb(xml)} of text and layout, far more than minutes "
                         f"hold (the limit is {MAX_DOCX_XML_BYTES // (1024 * 1024)} MB)")
    if total > MAX_DOCX_UNPACKED_BYTES:
        raise Unreadable(f"the Word file unpacks to {_mb(total)} (the limit is "
                         f"{MAX_DOCX_UNPACKED_BYTES // (1024 * 1024)} MB)")


class TextBudget:
    """Counts the characters a reader has produced and stops it once they pass the text limit.

    >>> budget = TextBudget(limit=10)
    >>> budget.add("minutes")
    >>> budget.add("noted")
    Traceback (most recent call last):
    ...
    boardcompare.readers.common.Unreadable: the text passed 10 characters ...
    """

    def __init__(self, limit: int = MAX_TEXT_CHARS):
        self.limit = limit
        self.used = 0

    def add(self, text: str) -> None:
        """Count ``text``; raise :class:`Unreadable` once the total passes the limit."""
        self.used += len(text)
        if self.used > self.limit:
            raise Unreadable(f"the text passed {self.limit:,} characters before the end of the file, far longer "
                             "than any meeting's minutes: split it into one file per meeting")
