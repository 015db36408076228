"""Shared page furniture: filters kept in the URL, charts with their data, safe text, friendly messages.

Filters are widgets bound to the URL query string (``bind="query-params"``), so a copied link
reproduces the view: ``?boards=Northshire&boards=Westford&years=2016-17&years=2018-19``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from boardcompare import compare, db
from boardcompare.briefing import md_escape
from boardcompare.display_text import highlight_html, safe_text
from boardcompare.errors import describe, exit_code

# Okabe & Ito (2008): distinguishable with the common forms of colour blindness.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
SEQUENTIAL = "Blues"  # one hue, light to dark: readable without colour vision
MISSING_DB = "The database has not been built yet: run `make run` or `boardcompare ingest`."
NO_MATCH = "Nothing matches these choices. Try more boards or a wider range of years."

__all__ = ["OKABE_ITO", "SEQUENTIAL", "chart_with_table", "filters", "highlight_html", "page",
           "safe_text", "show_error", "show_table", "style_figure"]


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
    shown(md_escape(text[:1].upper() + text[1:]))


def page(title: str, intro: str, body: Callable[[], None]) -> None:
    """Title, one line saying what the page is for, then the body (errors: see :func:`show_error`)."""
    st.title(title)
    st.caption(intro)
    body()


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
    first, last = container.select_slider("Years", options=periods, value=(periods[0], periods[-1]),
                                          key="years", bind="query-params")
    return (None if first == periods[0] else int(first[:4]),
            None if last == periods[-1] else int(last[:4]))


def filters(boards: bool = True) -> compare.Filters:
    """Boards and years filters bound to the URL; no board chosen means every board."""
    left, right = st.columns([3, 2])
    chosen: list[str] = []
    if boards:
        names = board_names()
        chosen = left.multiselect("Boards", options=list(names), format_func=names.get, key="boards",
                                  bind="query-params", placeholder="All boards")
    y0, y1 = year_range(right)
    return compare.Filters(tuple(chosen), y0, y1)


def slug(name: str) -> str:
    """A file-name-safe version of a title.

    >>> slug("Themes by board, 2016-17")
    'themes-by-board-2016-17'
    """
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


_AXIS = {"gridcolor": "#e6e6e6", "linecolor": "#999999", "zeroline": False, "automargin": True}
# Set when the figure is made: applying a named plotly template later costs ~20 ms per chart.
BASE_LAYOUT = {
    "template": "none", "colorway": OKABE_ITO, "plot_bgcolor": "white", "paper_bgcolor": "white",
    "font": {"size": 13}, "margin": {"l": 10, "r": 10, "t": 60, "b": 10}, "legend": {"title": {"text": ""}},
    "hoverlabel": {"align": "left"}, "xaxis": _AXIS, "yaxis": _AXIS,
}


def figure(data=None) -> go.Figure:
    """An empty or filled plotly figure with the dashboard's plain white look and Okabe-Ito colours."""
    return go.Figure(data=data, layout=BASE_LAYOUT)


def style_figure(fig: go.Figure, title: str, height: int | None = None) -> go.Figure:
    """A plain-English title, and a height where the chart needs one."""
    fig.update_layout(title={"text": title, "x": 0}, height=height)
    return fig


def show_table(df: pd.DataFrame, name: str, column_config: dict | None = None) -> None:
    """A table (text, never rendered HTML) with a CSV download of exactly what is shown."""
    st.dataframe(df, hide_index=True, column_config=column_config, key=f"table-{slug(name)}")
    st.download_button("Download this table (CSV)", lambda: df.to_csv(index=False).encode("utf-8"),
                       file_name=f"{slug(name)}.csv", mime="text/csv", key=f"csv-{slug(name)}",
                       on_click="ignore")


ROW_LIMIT = 500  # row-level tables show this many rows; the full table is a CSV built on request


def limited_table(sql: str, f: compare.Filters | None, total: int, shape: Callable[[pd.DataFrame], pd.DataFrame],
                  name: str, narrow: str | None, column_config: dict | None = None, **extra) -> None:
    """The first ``ROW_LIMIT`` rows of a row-level query as a table, with a note when there are more.

    ``total`` is the number of rows the query would return without the limit. The full CSV is only
    fetched when asked for (a button), never on every rerun.
    """
    rows = compare.load(sql, f, limit=ROW_LIMIT, **extra)
    df = shape(rows)
    if total <= len(df):
        show_table(df, name, column_config)
        return
    st.dataframe(df, hide_index=True, column_config=column_config, key=f"table-{slug(name)}")
    rest = f"narrow the {narrow} to see the rest" if narrow else "the full list is in the CSV file below"
    st.caption(f"Showing {len(df):,} of {total:,}: {rest}.")
    if st.button(f"Prepare all {total:,} rows as a CSV file", key=f"prepare-{slug(name)}"):
        full = shape(compare.load(sql, f, limit=None, **extra))
        st.download_button("Download all rows (CSV)", full.to_csv(index=False).encode("utf-8"),
                           file_name=f"{slug(name)}.csv", mime="text/csv", key=f"csv-{slug(name)}",
                           on_click="ignore")


def chart_with_table(fig: go.Figure, df: pd.DataFrame, name: str, column_config: dict | None = None) -> None:
    """The chart, then the same data as a table with a CSV download."""
    chart, data = st.tabs(["Chart", "Data behind the chart"])
    with chart:
        st.plotly_chart(fig, key=f"chart-{slug(name)}", theme=None, config={"displaylogo": False})
    with data:
        show_table(df, name, column_config)


def nothing(message: str = NO_MATCH) -> None:
    st.info(message)
