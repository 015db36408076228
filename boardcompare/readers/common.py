"""What every reader shares: supported formats, the reasons a file is refused, normalisation, sniffing.

Text is normalised (``\\r\\n`` to ``\\n``, non-breaking spaces to spaces, NULs removed) and
otherwise kept verbatim, so evidence offsets found later point into exactly this text:

>>> normalise_text("Minutes:\\r\\n\\r\\nThe\\xa0Board noted\\x00 the report.")
'Minutes:\\n\\nThe Board noted the report.'
"""

from __future__ import annotations

import os
import re

from boardcompare.errors import BoardcompareError

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")
FORMATS = {".txt": "txt", ".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx"}

#: How much of a file is looked at to decide whether it is binary.
SNIFF_CHARS = 64 * 1024
#: Share of control characters above which a text is taken for binary data.
BINARY_CONTROL_SHARE = 0.02

# Reasons, in words a councillor can read. Tests compare against these.
EMPTY = "the file is empty"
BINARY = "this looks like a binary file, not minutes"
UNDECODABLE = "the file could not be decoded as text (tried UTF-8, UTF-16 and Windows-1252)"
NOT_FOUND = "the file does not exist"
IS_FOLDER = "this is a folder, not a file"
PERMISSION_DENIED = "the file could not be read: permission denied"
NO_HTML_TEXT = "the page has no minutes text"
PDF_NO_TEXT = "the PDF has no text layer (it is a scan): there is no text to read"
PDF_NO_PAGES = "the PDF has no pages"
PDF_DAMAGED = "the PDF is damaged and could not be read"
PDF_ENCRYPTED = "the PDF is password-protected: its text cannot be read"
DOCX_DAMAGED = "the Word file is damaged or not a .docx"
DOCX_NO_TEXT = "the Word file has no text"

#: How list items and table cells are written in the plain text of web pages and Word files.
BULLET = "· "
CELL_SEPARATOR = " | "


class UnusableDocument(BoardcompareError):
    """A file that cannot be turned into minutes text, with the reason in plain English."""

    def __init__(self, path: str | os.PathLike, reason: str):
        super().__init__(reason, subject=str(path))
        self.path = str(path)


class Unreadable(BoardcompareError):
    """Raised by the pure parsers, which do not know the file's name; carries the reason."""


def unsupported_reason(suffix: str) -> str:
    """Why a file with this suffix is refused, naming the suffixes that are read."""
    shown = suffix or "(no extension)"
    return f"unsupported file type {shown}: use .txt, .html, .htm, .pdf or .docx"


_CONTROL_CHARS = re.compile(
    r"""
    [\x00-\x08\x0e-\x1f\x7f]    # C0 controls and DEL; tab, newlines, \x0b and \x0c are allowed
    """,
    re.VERBOSE,
)


def normalise_text(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` to ``\\n``, non-breaking spaces to spaces; NULs and a leading BOM go."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for nbsp in ("\u00a0", "\u202f", "\u2007"):
        if nbsp in text:
            text = text.replace(nbsp, " ")
    if "\x00" in text:
        text = text.replace("\x00", "")
    return text


def is_blank(text: str | bytes) -> bool:
    """Empty or white space only, without copying a large text (``strip()`` would)."""
    return not text or text.isspace()


def mostly_control(sample: str) -> bool:
    """True when control characters make up more than a small share of ``sample``."""
    if not sample:
        return False
    return len(_CONTROL_CHARS.findall(sample)) / len(sample) > BINARY_CONTROL_SHARE


def has_utf16_bom(data: bytes) -> bool:
    """True when ``data`` starts with a UTF-16 byte-order mark."""
    return data.startswith((b"\xff\xfe", b"\xfe\xff"))


def refuse_binary(data: bytes) -> None:
    """Raise for NUL bytes (outside UTF-16) or a high share of control characters."""
    if has_utf16_bom(data):
        return  # judged after decoding
    if b"\x00" in data or mostly_control(data[:SNIFF_CHARS].decode("latin-1")):
        raise Unreadable(BINARY)
