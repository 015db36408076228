"""PDF files with a text layer: the pages' text, separated by blank lines."""

from __future__ import annotations

import io
import zipfile

from boardcompare.readers.common import (
    PDF_DAMAGED,
    PDF_ENCRYPTED,
    PDF_NO_PAGES,
    PDF_NO_TEXT,
    Unreadable,
    is_blank,
    normalise_text,
)
from boardcompare.readers.limits import MAX_PDF_PAGES, TextBudget


def _pdf_errors() -> tuple[type[BaseException], ...]:
    from pypdf.errors import PyPdfError

    # pypdf reports damage with its own errors and, for badly broken files, with built-in ones
    return (PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError, AssertionError,
            OSError, RecursionError, ZeroDivisionError, zipfile.BadZipFile)


def text_from_pdf(data: bytes) -> str:
    """The PDF's text layer, pages separated by blank lines."""
    from pypdf import PdfReader

    errors = _pdf_errors()
    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
    except errors as exc:
        raise Unreadable(PDF_DAMAGED) from exc
    if encrypted:
        try:
            opened = reader.decrypt("")  # many council PDFs are "encrypted" with an empty password
        except errors as exc:
            raise Unreadable(PDF_ENCRYPTED) from exc
        if not opened:
            raise Unreadable(PDF_ENCRYPTED)
    return _page_texts(reader, errors)


def _page_texts(reader, errors: tuple[type[BaseException], ...]) -> str:
    """The pages' text, refusing a PDF with too many pages before reading any, or too much text."""
    try:
        n_pages = len(reader.pages)
    except errors as exc:
        raise Unreadable(PDF_DAMAGED) from exc
    if n_pages > MAX_PDF_PAGES:
        raise Unreadable(f"the PDF has {n_pages:,} pages; PDFs over {MAX_PDF_PAGES:,} pages are not read")
    pages: list[str] = []
    budget = TextBudget()
    try:
        for page in reader.pages:
            pages.append((page.extract_text() or "").strip("\n"))
            budget.add(pages[-1])
    except errors as exc:
        raise Unreadable(f"{PDF_DAMAGED} (page {len(pages) + 1})") from exc
    if not pages:
        raise Unreadable(PDF_NO_PAGES)
    text = "\n\n".join(pages)
    if is_blank(normalise_text(text)):
        raise Unreadable(PDF_NO_TEXT)
    return text
