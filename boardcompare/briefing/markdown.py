"""The Markdown writer: the briefing's blocks as Markdown with ``[^n]`` footnotes.

All text is made inert (:func:`boardcompare.display.plain`: no links, images, HTML or emphasis from
the minutes), and table cells that a spreadsheet would run as formulas are neutralised.
"""

from __future__ import annotations

from pathlib import Path

from boardcompare.briefing.blocks import Block, Heading, Items, Line, Para, Picture, Sources, Table
from boardcompare.briefing.layout import blocks
from boardcompare.briefing.model import Briefing
from boardcompare.display import cell, plain

STYLE = {"": "{}", "small": "{}", "caption": "*{}*", "footer": "*{}*"}


def _fn(notes: tuple[int, ...]) -> str:
    return "".join(f"[^{n}]" for n in notes)


def line(ln: Line, in_table: bool = False) -> str:
    """One line: its bold lead, its text and its note marks."""
    text = plain(cell(ln.text) if in_table else ln.text)
    lead = f"**{plain(ln.lead.strip())}** " if ln.lead else ""
    return f"{lead}{text}{_fn(ln.notes)}"


def _table(t: Table) -> list[str]:
    header = ("", "") if t.key_value else t.header
    out = ["| " + " | ".join(plain(h) for h in header) + " |", "|" + "---|" * len(header)]
    for row in t.rows:
        cells = [line(c, in_table=True) for c in row]
        if t.key_value:
            cells[0] = f"**{cells[0]}**"
        out.append("| " + " | ".join(cells) + " |")
    return out


def _block(block: Block, chart_name: str) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * max(1, block.level + (block.level > 0)) + " " + plain(block.text)]
    if isinstance(block, Para):
        text = "".join(line(ln) for ln in block.lines)
        return [STYLE[block.style].format(text)]
    if isinstance(block, Items):
        return [f"{f'{i}.' if block.numbered else '-'} {line(ln)}" for i, ln in enumerate(block.lines, 1)]
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Picture):
        return [f"![{plain(block.alt)}]({chart_name})", "", f"*{line(block.caption)}*"]
    if isinstance(block, Sources):
        return [f"*{plain(block.intro)}*", ""] + [f"[^{i}]: {plain(text)}" for i, text in enumerate(block.notes, 1)]
    raise TypeError(f"no Markdown for {type(block).__name__}")


def markdown_text(briefing: Briefing, chart_name: str) -> str:
    """The briefing as Markdown, the chart (if any) linked as ``chart_name``."""
    out: list[str] = []
    for block in blocks(briefing):
        out += _block(block, chart_name) + [""]
    return "\n".join(out)


def chart_path_for(path) -> Path:
    """Where the chart of a Markdown briefing is saved: beside it, as ``<stem>_chart.png``."""
    path = Path(path)
    return path.with_name(f"{path.stem}_chart.png")


def write_markdown(briefing: Briefing, path) -> Path:
    """Write the briefing as Markdown; the chart, when there is one, is saved beside it and linked."""
    path = Path(path)
    chart = chart_path_for(path)
    if briefing.chart_png:
        chart.write_bytes(briefing.chart_png)
    path.write_text(markdown_text(briefing, chart.name), encoding="utf-8")
    return path
