"""The Word writer: the briefing's blocks as an editable .docx on A4 with UK margins.

python-docx cannot make real Word footnotes, so notes are numbered superscript marks in the text
and a "Sources" section lists them. Text is added as plain runs (nothing is interpreted); table
cells that a spreadsheet would run as formulas are neutralised.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from boardcompare.briefing.blocks import Block, Heading, Items, Line, Para, Picture, Sources, Table, png_size
from boardcompare.briefing.layout import blocks
from boardcompare.briefing.model import Briefing
from boardcompare.display import cell

A4_CM = (21.0, 29.7)
MARGIN_CM = 2.54  # UK print: an inch all round
TEXT_WIDTH_CM = A4_CM[0] - 2 * MARGIN_CM
MAX_PICTURE_HEIGHT_CM = 19.0
AUTHOR = "boardcompare"


def _runs(p, ln: Line, in_table: bool = False, size=None) -> None:
    from docx.shared import Pt

    runs = []
    if ln.lead:
        lead = p.add_run(ln.lead)
        lead.bold = True
        runs.append(lead)
    runs.append(p.add_run(cell(ln.text) if in_table else ln.text))
    if ln.notes:
        mark = p.add_run(",".join(str(n) for n in ln.notes))
        mark.font.superscript = True
        runs.append(mark)
    for run in runs:
        if size:
            run.font.size = Pt(size)


def _para(doc, block: Para) -> None:
    from docx.shared import Pt

    p = doc.add_paragraph()
    size = {"small": 9, "caption": 9, "footer": 8}.get(block.style)
    for ln in block.lines:
        _runs(p, ln, size=size)
    if block.style in ("caption", "footer"):
        for run in p.runs:
            run.italic = True
    if block.style == "small":
        p.paragraph_format.space_before = Pt(6)


def _table(doc, t: Table) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Cm

    table = doc.add_table(rows=0 if t.key_value else 1, cols=len(t.widths))
    table.style = "Table Grid" if t.key_value else "Light Grid Accent 1"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if not t.key_value:
        for c, text in zip(table.rows[0].cells, t.header, strict=True):
            _runs(c.paragraphs[0], Line(text), in_table=True, size=9)
            c.paragraphs[0].runs[0].bold = True
    for row in t.rows:
        cells = table.add_row().cells
        for i, (c, ln) in enumerate(zip(cells, row, strict=True)):
            _runs(c.paragraphs[0], ln, in_table=True, size=None if t.key_value else 9)
            if t.key_value and i == 0:
                c.paragraphs[0].runs[0].bold = True
    table.autofit = False  # fixed widths: Word reads the cells, LibreOffice the grid
    for column, width in zip(table.columns, t.widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for c, width in zip(row.cells, t.widths, strict=True):
            c.width = Cm(width)


def _picture(doc, block: Picture) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    w, h = png_size(block.png)
    if h / w * TEXT_WIDTH_CM > MAX_PICTURE_HEIGHT_CM:
        doc.add_picture(io.BytesIO(block.png), height=Cm(MAX_PICTURE_HEIGHT_CM))
    else:
        doc.add_picture(io.BytesIO(block.png), width=Cm(TEXT_WIDTH_CM))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.inline_shapes[-1]._inline.docPr.set("descr", block.alt)  # the picture's text alternative
    _para(doc, Para((block.caption,), "caption"))


def _sources(doc, block: Sources) -> None:
    from docx.shared import Pt

    intro = doc.add_paragraph()
    intro.add_run(block.intro).italic = True
    for i, text in enumerate(block.notes, 1):
        p = doc.add_paragraph()
        p.paragraph_format.space_after = Pt(2)
        number = p.add_run(f"{i}. ")
        number.bold = True
        run = p.add_run(text)
        number.font.size = run.font.size = Pt(9)


def _block(doc, block: Block) -> None:
    if isinstance(block, Heading):
        doc.add_heading(block.text, level=block.level)
    elif isinstance(block, Para):
        _para(doc, block)
    elif isinstance(block, Items):
        for ln in block.lines:
            _runs(doc.add_paragraph(style="List Number" if block.numbered else "List Bullet"), ln)
    elif isinstance(block, Table):
        _table(doc, block)
    elif isinstance(block, Picture):
        _picture(doc, block)
    elif isinstance(block, Sources):
        _sources(doc, block)
    else:
        raise TypeError(f"no Word layout for {type(block).__name__}")


def _page_setup(doc, b: Briefing) -> None:
    from docx.shared import Cm, Pt

    for section in doc.sections:
        section.page_width, section.page_height = Cm(A4_CM[0]), Cm(A4_CM[1])
        section.left_margin = section.right_margin = Cm(MARGIN_CM)
        section.top_margin = section.bottom_margin = Cm(MARGIN_CM)
    doc.styles["Normal"].font.size = Pt(10.5)
    props = doc.core_properties
    props.title = f"{b.title}, annual report {b.period or '(period not stated)'}"
    props.subject = "Safeguarding children board briefing"
    props.author = props.last_modified_by = AUTHOR
    props.created = props.modified = datetime.now().replace(microsecond=0)
    props.keywords = f"{b.local_authority}; safeguarding children; scrutiny"


def write_docx(briefing: Briefing, path) -> Path:
    """Write the briefing as an editable Word document; ``path`` may also be a binary file object."""
    from docx import Document

    doc = Document()
    _page_setup(doc, briefing)
    for block in blocks(briefing):
        _block(doc, block)
    doc.save(path if not isinstance(path, str | Path) else str(path))
    return Path(path) if isinstance(path, str | Path) else path
