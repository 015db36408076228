"""Shared page furniture: filters kept in the address, charts with their sentences and their data,
tables with safe downloads, fixed board colours and plain messages.

Text that comes from the minutes, an upload or the address is shown as text: through
:func:`boardcompare.display.plain` in any element that reads Markdown, or in a table.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from functools import cache

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from boardcompare import compare, db
from boardcompare.authorities import load_authorities
from boardcompare.display import INFERRED_NOTE, csv_bytes, plain, safe_text, slug
from boardcompare.errors import describe, exit_code
from boardcompare.ui import links

# Okabe & Ito (2008): distinguishable with the common forms of colour blindness.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
PATTERNS = ["", "/", ".", "x", "\\", "+"]  # with the colour, a board's fixed look (48 in all)
SEQUENTIAL = "Blues"  # one hue, light to dark: readable without colour vision
MISSING_DB = "The database has not been built yet: run `make run` or `boardcompare ingest`."
NO_MATCH = "Nothing matches these choices. Try more boards or a wider range of years."
CHART_CONFIG = {"displaylogo": False, "responsive": True}
PICK_HINT = "Click a bar, point or cell to read the sentences behind it."


def show_error(err: BaseException, lead: str = "") -> None:
    """The one place a page turns an error into a message (as text, never Markdown).

    No database yet is a note; something asked for that is not known or not allowed (exit code 2:
    a board in a link, a refused statement) a warning; anything else an error. The words are
    errors.describe's, after ``lead`` (what the page was doing, e.g. "This query could not be run:").
    Every page's render runs inside :func:`boardcompare.ui.navigation.show`, which calls this for
    whatever the page itself did not handle.
    """
    if isinstance(err, db.DatabaseMissing):
        st.info(MISSING_DB)
        return
    text = " ".join(part for part in (lead, describe(err)) if part)
    shown = st.warning if exit_code(err) == 2 else st.error
    shown(plain(text[:1].upper() + text[1:]))


def page(title: str, intro: str, body: Callable[[], None]) -> None:
    """Title, one line saying what the page is for, then the body (errors: see :func:`show_error`)."""
    st.title(title)
    st.caption(intro)
    body()


def filtered_page(title: str, intro: str, sql: str, body: Callable[[compare.Filters, pd.DataFrame], None],
                  empty: str = NO_MATCH) -> None:
    """A page about the chosen boards and years: :func:`page` with the filters first, then
    ``body(filters, rows)`` with the rows of ``sql`` for them, or the note ``empty`` when there are none."""

    def run() -> None:
        f = filters()
        rows = compare.load(sql, f)
        if rows.empty:
            nothing(empty)
        else:
            body(f, rows)

    page(title, intro, run)


def nothing(message: str = NO_MATCH) -> None:
    """A plain note that there is nothing to show (the message is shown as text)."""
    st.info(plain(message))


# ---------------------------------------------------------------------------------------------
# Filters


def board_names() -> dict[str, str]:
    """board_id -> the name shown on screen (the local authority)."""
    boards = compare.load(compare.SQL_BOARDS)
    return dict(zip(boards["board_id"], boards["board"], strict=True))


def year_range(container=None) -> tuple[int | None, int | None]:
    """A year-range slider bound to ``?years=``; None at either end means no limit there."""
    container = container or st
    periods = compare.load(compare.SQL_PERIODS)["period"].tolist()
    if len(periods) < 2:
        if periods:
            container.caption(f"Years: {periods[0]} only")
        return None, None
    first, last = links.span("Years", periods, "years", container=container)
    return (None if first == periods[0] else int(first[:4]),
            None if last == periods[-1] else int(last[:4]))


def filters(boards: bool = True) -> compare.Filters:
    """Boards and years filters bound to the address; no board chosen means every board."""
    left, right = st.columns([3, 2])
    chosen: list[str] = []
    if boards:
        chosen = links.many("Boards", board_names(), "boards", what="board", container=left,
                            placeholder="All boards")
    y0, y1 = year_range(right)
    return compare.Filters(tuple(chosen), y0, y1)


# ---------------------------------------------------------------------------------------------
# Board colours


@cache
def _gazetteer() -> dict[str, int]:
    return {a.name: i for i, a in enumerate(sorted(load_authorities(), key=lambda a: a.ons_code))}


LOOKS = [(c, p) for p in PATTERNS for c in OKABE_ITO]  # 48 looks: the colours plain first, then patterned


def _place(board: str) -> int:
    """A board's place: its position in the gazetteer by ONS code (a stable number for any other name)."""
    n = _gazetteer().get(board)
    return n if n is not None else len(_gazetteer()) + zlib.crc32(board.encode("utf-8"))


def board_looks(boards: list[str]) -> dict[str, tuple[str, str]]:
    """Each board's colour and bar pattern. A board's look comes from its place in the gazetteer, so it
    keeps it whichever other boards are shown; only when two boards shown together would look the same
    does the one later in the gazetteer take the next free look."""
    taken: set[tuple[str, str]] = set()
    out: dict[str, tuple[str, str]] = {}
    for board in sorted(set(boards), key=lambda b: (_place(b), b)):
        i = _place(board) % len(LOOKS)
        while LOOKS[i] in taken and len(taken) < len(LOOKS):
            i = (i + 1) % len(LOOKS)
        taken.add(LOOKS[i])
        out[board] = LOOKS[i]
    return out


# ---------------------------------------------------------------------------------------------
# Charts and tables


_AXIS = {"gridcolor": "#e6e6e6", "linecolor": "#999999", "zeroline": False, "automargin": True}
# Set when the figure is made: applying a named plotly template later costs ~20 ms per chart.
BASE_LAYOUT = {
    "template": "none", "colorway": OKABE_ITO, "plot_bgcolor": "white", "paper_bgcolor": "white",
    "font": {"size": 13}, "margin": {"l": 10, "r": 10, "t": 20, "b": 10},
    "legend": {"title": {"text": ""}, "orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    "hoverlabel": {"align": "left"}, "xaxis": _AXIS, "yaxis": _AXIS, "clickmode": "event+select",
}


def figure(data=None) -> go.Figure:
    """An empty or filled plotly figure with the dashboard's plain white look and Okabe-Ito colours."""
    return go.Figure(data=data, layout=BASE_LAYOUT)


def sized(fig: go.Figure, height: int | None = None) -> go.Figure:
    """A height where the chart needs one (the title is written above the chart, where it wraps)."""
    fig.update_layout(height=height)
    return fig


def show_table(df: pd.DataFrame, name: str, column_config: dict | None = None, full: str | None = None) -> None:
    """A table (text, never rendered HTML) with a CSV download of it.

    ``full`` names a column of sentences: the table shows their start, and choosing a row shows
    that row's sentence in full, with where it was recorded. The CSV holds the full sentences.
    """
    shown = df.assign(**{full: [safe_text(s, 90) for s in df[full]]}) if full else df
    event = st.dataframe(shown, hide_index=True, column_config=column_config, key=f"table-{slug(name)}",
                         on_select="rerun" if full else "ignore", selection_mode="single-row")
    if full:
        rows = event.selection.rows if event else []
        if rows:
            row = df.iloc[rows[0]]
            where = " · ".join(str(row[c]) for c in ("Board", "Year", "Document") if c in row and str(row[c]))
            st.caption(plain(where))
            st.markdown("> " + plain(safe_text(row[full])))
        else:
            st.caption("Choose a row to read its sentence in full.")
    if "Year" in df and df["Year"].astype(str).str.endswith("(inferred)").any():
        st.caption(INFERRED_NOTE)
    st.download_button("Download this table (CSV)", lambda: csv_bytes(df), file_name=f"{slug(name)}.csv",
                       mime="text/csv", key=f"csv-{slug(name)}", on_click="ignore")


ROW_LIMIT = 500  # row-level tables show this many rows; the full table is a CSV built on request


def limited_table(sql: str, f: compare.Filters | None, total: int, shape: Callable[[pd.DataFrame], pd.DataFrame],
                  label: str, narrow: str | None, column_config: dict | None = None, full: str | None = None,
                  **extra) -> None:
    """The first ``ROW_LIMIT`` rows of a row-level query as a table, with a note when there are more.

    ``label`` names the table (and its CSV file); ``total`` is the number of rows the query would
    return without the limit. The full CSV is only
    fetched when asked for (a button), never on every rerun.
    """
    df = shape(compare.load(sql, f, limit=ROW_LIMIT, **extra))
    if total <= len(df):
        show_table(df, label, column_config, full)
        return
    show_table(df, f"{label} (first rows)", column_config, full)
    rest = f"narrow the {narrow} to see the rest" if narrow else "the full list is in the CSV file below"
    st.caption(f"Showing {len(df):,} of {total:,}: {rest}.")
    if st.button(f"Prepare all {total:,} rows as a CSV file", key=f"prepare-{slug(label)}"):
        full_table = shape(compare.load(sql, f, limit=None, **extra))
        st.download_button("Download all rows (CSV)", csv_bytes(full_table), file_name=f"{slug(label)}.csv",
                           mime="text/csv", key=f"csv-all-{slug(label)}", on_click="ignore")


Picker = Callable[[list[dict]], pd.DataFrame | None]


def chart(fig: go.Figure, name: str, title: str, table: pd.DataFrame, *, pick: Picker | None = None,
          column_config: dict | None = None, full: str | None = None) -> None:
    """A chart under its title, with its data one step away ("Data behind the chart").

    With ``pick``, clicking a bar, point or cell calls ``pick`` with the chosen points (plotly's
    selection: each has ``customdata``, ``x`` and ``y``) and shows the sentences it returns.
    """
    st.markdown(f"**{plain(title)}**")
    shown, data = st.tabs(["Chart", "Data behind the chart"])
    with shown:
        event = st.plotly_chart(fig, key=f"chart-{slug(name)}", theme=None, config=CHART_CONFIG,
                                on_select="rerun" if pick else "ignore", selection_mode="points")
        if pick:
            points = list(event.selection.points) if event else []
            picked = pick(points) if points else None
            if picked is None or picked.empty:
                st.caption(PICK_HINT)
            else:
                st.markdown("**The sentences behind your choice**")
                show_table(picked, f"{name} picked", full="What the minutes say")
    with data:
        show_table(table, name, column_config, full)


def custom(point: dict, i: int) -> object:
    """Item ``i`` of a picked point's customdata (None when it has none)."""
    data = point.get("customdata")
    if data is None:
        return None
    if not isinstance(data, list | tuple):
        data = [data]
    return data[i] if i < len(data) else None
