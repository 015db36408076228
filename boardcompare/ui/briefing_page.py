"""The Briefing page: pick a board, a period and the years to compare with, preview the pack, download it.

The choice is kept in the address (``?board=Northshire&period=2017-18``) with the same names and values
as the Board profile. The preview is the page writer of the briefing's blocks
(:func:`boardcompare.briefing.blocks`): every text is shown through :func:`boardcompare.display.plain`,
so nothing from the minutes or the address becomes a link, an image or markup.
"""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from boardcompare import briefing as bf
from boardcompare import fairness
from boardcompare.briefing.blocks import Block, Heading, Items, Line, Para, Picture, Sources, Table
from boardcompare.data_access import cached_query
from boardcompare.display import plain
from boardcompare.ui import links

_SUPERSCRIPT = str.maketrans("0123456789,", "⁰¹²³⁴⁵⁶⁷⁸⁹˒")
HEADINGS = {0: "subheader", 1: "h4", 2: "h5"}


def _sup(notes: tuple[int, ...]) -> str:
    """Note marks as superscript characters, safe in any text element."""
    return ",".join(str(n) for n in notes).translate(_SUPERSCRIPT) if notes else ""


def line(ln: Line) -> str:
    """A line as inert Markdown: bold lead, plain text, superscript note marks."""
    lead = f"**{plain(ln.lead.strip())}** " if ln.lead else ""
    return f"{lead}{plain(ln.text)}{_sup(ln.notes)}"


def show(block: Block) -> None:
    """The page writer: one block of the briefing on screen."""
    if isinstance(block, Heading):
        if block.level == 0:
            st.subheader(plain(block.text))
        else:
            st.markdown(f"{'#' * (block.level + 3)} {plain(block.text)}")
    elif isinstance(block, Para):
        text = "".join(line(ln) for ln in block.lines)
        (st.caption if block.style else st.markdown)(text)
    elif isinstance(block, Items):
        st.markdown("\n".join(f"{f'{i}.' if block.numbered else '-'} {line(ln)}"
                              for i, ln in enumerate(block.lines, 1)))
    elif isinstance(block, Table):
        rows = [[ln.text + _sup(ln.notes) for ln in row] for row in block.rows]
        header = ["What", "Found"] if block.key_value else list(block.header)
        st.dataframe(pd.DataFrame(rows, columns=header), hide_index=True)
    elif isinstance(block, Picture):
        st.image(block.png, caption=block.caption.text + _sup(block.caption.notes), alt=block.alt)
    elif isinstance(block, Sources):
        with st.expander(f"Sources ({len(block.notes)} notes)", expanded=False):
            st.caption(plain(block.intro))
            for i, text in enumerate(block.notes, 1):
                st.text(f"{i}. {text}")


def _choose(boards: pd.DataFrame) -> tuple[str, str | None, fairness.Window]:
    """Board, period and window, from and written back to the address."""
    names = dict(zip(boards["board_id"], boards["local_authority"].fillna(boards["board_id"]), strict=True))
    left, middle, right = st.columns([2, 1, 2])
    board_id = links.one("Board", names, "board", what="board", container=left)
    periods = sorted(bf.known_periods(board_id, query=cached_query), reverse=True)
    period = None
    if periods:
        labels = {p: (f"{p} (latest)" if i == 0 else p) for i, p in enumerate(periods)}
        period = links.one("Period", labels, "period", what=f"{names[board_id]} has no report for {{}}",
                           container=middle, default=periods[0])
    else:
        middle.caption("No report of this board states its period; showing its latest meeting.")
    years = links.one("Compare with other boards' reports of", fairness.WINDOWS, "window", what="choice", default=0,
                      container=right)
    return board_id, period, fairness.Window(years)


def _downloads(b: bf.Briefing) -> None:
    stem = f"briefing_{b.board_id}_{b.period or 'latest'}"
    docx = io.BytesIO()
    bf.write_docx(b, docx)
    chart_name = bf.chart_path_for(f"{stem}.md").name
    one, two, three = st.columns(3)
    one.download_button("Download Word (.docx)", docx.getvalue(), file_name=f"{stem}.docx",
                        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        key="briefing_docx", on_click="ignore")
    two.download_button("Download Markdown (.md)", bf.markdown_text(b, chart_name).encode("utf-8"),
                        file_name=f"{stem}.md", mime="text/markdown", key="briefing_md", on_click="ignore")
    if b.chart_png:
        three.download_button("Download the chart (.png)", b.chart_png, file_name=chart_name, mime="image/png",
                              key="briefing_png", on_click="ignore",
                              help="Save it beside the .md file so the Markdown can show it.")


def render() -> None:
    """The Briefing page."""
    st.title("Briefing")
    st.caption("A briefing pack for a committee meeting: what the minutes record about a board's annual"
               " report, set against the other boards' reports of the same year, with suggested questions."
               " Download it to edit and send.")
    boards = bf.known_boards(query=cached_query)  # no database yet: navigation.show says so
    if boards.empty:
        st.info("The database holds no reports about a safeguarding children board yet: add minutes and"
                " rebuild, then come back.")
        return
    board_id, period, window = _choose(boards)
    b = bf.build_briefing(board_id, period, query=cached_query, window=window)  # errors: navigation.show
    _downloads(b)
    for block in bf.blocks(b):
        show(block)
