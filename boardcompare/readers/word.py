"""Word (.docx) files: paragraphs and tables in document order."""

from __future__ import annotations

import io
import zipfile

from boardcompare.readers.common import (
    BULLET,
    CELL_SEPARATOR,
    DOCX_DAMAGED,
    DOCX_NO_TEXT,
    Unreadable,
    is_blank,
    normalise_text,
)
from boardcompare.readers.limits import TextBudget


def text_from_docx(data: bytes) -> str:
    """Paragraphs and tables in document order; table rows as " | "-joined cells."""
    import docx
    from docx.opc.exceptions import OpcError
    from lxml.etree import LxmlError

    errors = (OpcError, zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, TypeError,
              AttributeError, IndexError, LxmlError, OSError, EOFError)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = _docx_blocks(document)
    except errors as exc:
        raise Unreadable(DOCX_DAMAGED) from exc
    text = "\n\n".join(blocks)
    if is_blank(normalise_text(text)):
        raise Unreadable(DOCX_NO_TEXT)
    return text


def _docx_blocks(document) -> list[str]:
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    w_p, w_tbl, w_sdt, w_content = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent")
    blocks: list[str] = []
    budget = TextBudget()
    stack = list(reversed(document.element.body))
    while stack:
        el = stack.pop()
        if el.tag == w_p:
            para = Paragraph(el, document)
            text = para.text
            budget.add(text)
            if text.strip():
                ppr = el.pPr
                listed = (ppr is not None and ppr.numPr is not None) or (el.style or "").startswith("List")
                blocks.append(BULLET + text.strip() if listed else text)
        elif el.tag == w_tbl:
            rows = _docx_table_rows(Table(el, document))
            budget.add("".join(rows))
            if rows:
                blocks.append("\n".join(rows))
        elif el.tag == w_sdt:  # content controls wrap ordinary paragraphs and tables
            content = el.find(w_content)
            if content is not None:
                stack.extend(reversed(list(content)))
    return blocks


def _docx_table_rows(table) -> list[str]:
    rows: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:  # a merged cell is listed once per grid column it spans
                continue
            previous = cell._tc
            cells.append(" ".join(cell.text.split()))
        while cells and not cells[-1]:
            cells.pop()
        if any(cells):
            rows.append(CELL_SEPARATOR.join(cells))
    return rows
