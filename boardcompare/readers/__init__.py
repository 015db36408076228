"""Readers: turn a minutes file (text, saved web page, PDF or Word) into plain text split into meetings.

The output is a :class:`~boardcompare.models.Document`: the normalised text plus one
:class:`~boardcompare.models.Section` per meeting, with offsets into that text.

Every failure, whatever its cause, becomes an :class:`UnusableDocument` whose ``reason`` is a
sentence a councillor could read. Only :func:`read_document` touches the file system; the
rest works on bytes and strings. One module per format:

* :mod:`~boardcompare.readers.text` plain text and its encodings;
* :mod:`~boardcompare.readers.html` saved web pages (ModernGov pages reduced to their content);
* :mod:`~boardcompare.readers.pdf` PDF text layers; :mod:`~boardcompare.readers.word` Word files;
* :mod:`~boardcompare.readers.meetings` splitting a text into one section per meeting;
* :mod:`~boardcompare.readers.limits` the limits a file must pass before it is parsed (one function
  for the Add minutes preview, ``ingest --add`` and the build);
* :mod:`~boardcompare.readers.common` the reasons, normalisation and binary sniffing they share;
* :mod:`~boardcompare.readers.document` the entry points below.
"""

from boardcompare.readers.common import (
    BINARY,
    BULLET,
    CELL_SEPARATOR,
    DOCX_DAMAGED,
    DOCX_NO_TEXT,
    EMPTY,
    FORMATS,
    IS_FOLDER,
    NO_HTML_TEXT,
    NOT_FOUND,
    PDF_DAMAGED,
    PDF_ENCRYPTED,
    PDF_NO_PAGES,
    PDF_NO_TEXT,
    PERMISSION_DENIED,
    SUPPORTED_SUFFIXES,
    UNDECODABLE,
    UnusableDocument,
    normalise_text,
    unsupported_reason,
)
from boardcompare.readers.document import read_bytes, read_document
from boardcompare.readers.html import text_from_html
from boardcompare.readers.limits import MAX_FILE_BYTES, check_before_parsing, check_text, too_large_reason
from boardcompare.readers.meetings import split_sections
from boardcompare.readers.pdf import text_from_pdf
from boardcompare.readers.text import text_from_plain
from boardcompare.readers.word import text_from_docx

__all__ = [
    "BINARY", "BULLET", "CELL_SEPARATOR", "DOCX_DAMAGED", "DOCX_NO_TEXT", "EMPTY", "FORMATS", "IS_FOLDER",
    "MAX_FILE_BYTES", "NOT_FOUND", "NO_HTML_TEXT", "PDF_DAMAGED", "PDF_ENCRYPTED", "PDF_NO_PAGES", "PDF_NO_TEXT",
    "PERMISSION_DENIED", "SUPPORTED_SUFFIXES", "UNDECODABLE", "UnusableDocument", "check_before_parsing",
    "check_text", "normalise_text",
    "read_bytes", "read_document", "split_sections", "text_from_docx", "text_from_html", "text_from_pdf",
    "text_from_plain", "too_large_reason", "unsupported_reason",
]
