"""The entry points: a file on disk or an upload's bytes in, a Document out (or UnusableDocument)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from boardcompare.models import Document
from boardcompare.readers.common import (
    EMPTY,
    FORMATS,
    IS_FOLDER,
    NOT_FOUND,
    PERMISSION_DENIED,
    SUPPORTED_SUFFIXES,
    Unreadable,
    UnusableDocument,
    is_blank,
    normalise_text,
    unsupported_reason,
)
from boardcompare.readers.html import text_from_html
from boardcompare.readers.limits import MAX_FILE_BYTES, check_before_parsing, check_size, check_text
from boardcompare.readers.meetings import split_sections
from boardcompare.readers.pdf import text_from_pdf
from boardcompare.readers.text import text_from_plain
from boardcompare.readers.word import text_from_docx


def read_document(path: str | os.PathLike) -> Document:
    """Read the file at ``path``; raise :class:`UnusableDocument` for any failure."""
    name = os.fspath(path)
    _suffix_or_raise(name)
    try:
        with open(name, "rb") as fh:
            check_size(name, os.fstat(fh.fileno()).st_size)  # before a byte is read
            data = fh.read(MAX_FILE_BYTES + 1)  # bounded even if the file grows while we read
    except FileNotFoundError as exc:
        raise UnusableDocument(name, NOT_FOUND) from exc
    except IsADirectoryError as exc:
        raise UnusableDocument(name, IS_FOLDER) from exc
    except PermissionError as exc:
        raise UnusableDocument(name, PERMISSION_DENIED) from exc
    except OSError as exc:
        detail = (exc.strerror or str(exc) or type(exc).__name__).lower()
        raise UnusableDocument(name, f"the file could not be read: {detail}") from exc
    return read_bytes(data, name)


def read_bytes(data: bytes, name: str) -> Document:
    """Read an uploaded file's bytes; ``name`` gives the suffix and becomes ``Document.path``."""
    name = os.fspath(name)
    suffix = _suffix_or_raise(name)
    if not isinstance(data, bytes):
        data = bytes(data)  # bytearray or memoryview from an upload widget
    check_before_parsing(name, data)
    if is_blank(data):
        raise UnusableDocument(name, EMPTY)
    fmt = FORMATS[suffix]
    parse = {"txt": text_from_plain, "html": text_from_html, "pdf": text_from_pdf, "docx": text_from_docx}
    try:
        text = normalise_text(parse[fmt](data))
    except Unreadable as exc:
        raise UnusableDocument(name, exc.reason) from exc
    check_text(name, text)  # before it is split into meetings
    return Document(
        path=name,
        format=fmt,
        content_hash=hashlib.sha256(data).hexdigest(),
        text=text,
        sections=split_sections(text),
    )


def _suffix_or_raise(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnusableDocument(name, unsupported_reason(suffix))
    return suffix
