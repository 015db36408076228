"""Serious case reviews and, from 2019-20, local child safeguarding practice reviews, as one series."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from boardcompare import compare, tables
from boardcompare.display import hover, period_label
from boardcompare.ui import common

MAX_BOARDS_IN_CHART = len(common.OKABE_ITO)
MAX_LISTED = 12  # more reports without a number than this are counted, not listed
CHANGE = "Practice reviews from 2019-20"
CHANGE_NOTE = ("The dashed line marks 2019-20, when serious case reviews were replaced by local child "
               "safeguarding practice reviews.")


def render() -> None:
    """The Serious case reviews page."""
    common.filtered_page("Serious case reviews",
                         "How many serious case reviews (from 2019-20: local child safeguarding practice reviews) "
                         "each board reported.", compare.SQL_REVIEWS_BY_YEAR, _body)


def _body(_filters: compare.Filters, rows: pd.DataFrame) -> None:
    by_year = tables.reviews_table(rows)
    stated = by_year.dropna(subset=["reviews"])
    table = pd.DataFrame({"Board": by_year["board"], "Year": by_year["year"], "Kind of review": by_year["review_type"],
                          "Reviews": by_year["shown"], "What the minutes say": by_year["sentence"],
                          "Document": by_year["file_name"]})

    def pick(points: list[dict]) -> pd.DataFrame:
        boards, period = common.custom(points[0], 0), common.custom(points[0], 1)
        chosen = table[(by_year["period"] == period) & by_year["board_id"].isin(str(boards).split("|"))]
        return chosen.reset_index(drop=True)

    fig, title = _chart(stated, by_year)
    common.chart(fig, "reviews by board and year", title, table, pick=pick, full="What the minutes say")
    notes = [CHANGE_NOTE] if _straddles(by_year) else []
    missing = by_year[by_year["reviews"].isna()]
    if len(missing) > MAX_LISTED:
        notes.append(f"{len(missing)} of {len(by_year)} board reports give no number of reviews (which is not "
                     "the same as none): they show as “not stated” in the tables, and are left out of the chart.")
    elif not missing.empty:
        notes.append("Not stated in the minutes (no number given, which is not the same as none): "
                     + "; ".join(f"{b} {p}" for b, p in zip(missing["board"], missing["year"], strict=True)) + ".")
    for note in notes:
        st.caption(note)
    st.subheader("Board by year")
    st.caption("“not stated”: the minutes discuss the report but give no number. "
               "“no report”: no minutes about that year's report were found.")
    common.show_table(tables.reviews_grid(by_year), "reviews board by year")


def _years(by_year: pd.DataFrame) -> list[int]:
    return sorted(by_year["period_start"].dropna().astype(int).unique())


def _straddles(by_year: pd.DataFrame) -> bool:
    years = _years(by_year)
    return bool(years) and years[0] < compare.REVIEWS_CHANGE_YEAR <= years[-1]


def _chart(stated: pd.DataFrame, by_year: pd.DataFrame) -> tuple[go.Figure, str]:
    """Bars per year (a category axis, so a year with no reports takes no room), per board in its
    fixed colour, or totals when there are more boards than colours."""
    fig = common.figure()
    labels = [period_label(y) for y in _years(by_year)]
    boards = sorted(stated["board"].unique())
    if len(boards) <= MAX_BOARDS_IN_CHART:
        looks = common.board_looks(boards)
        for board in boards:
            rows = stated[stated["board"] == board]
            colour, pattern = looks[board]
            fig.add_bar(x=rows["period"], y=rows["reviews"], name=board, marker_color=colour,
                        marker_pattern_shape=pattern, texttemplate="%{y}", textposition="outside", cliponaxis=False,
                        customdata=[[b, p, t, hover(s)] for b, p, t, s in
                                    zip(rows["board_id"], rows["period"], rows["review_type"], rows["sentence"],
                                        strict=True)],
                        hovertemplate=f"<b>{hover(board)}</b>, " + "%{customdata[1]}: %{y} %{customdata[2]}"
                                      "<br>“%{customdata[3]}”<extra></extra>")
        fig.update_layout(barmode="group")
        title = "Reviews reported by each board, by year"
    else:
        totals = stated.groupby(["period_start", "period", "review_type"], as_index=False).agg(
            reviews=("reviews", "sum"), boards=("board_id", "nunique"), ids=("board_id", "|".join))
        for kind, rows in totals.groupby("review_type"):
            fig.add_bar(x=rows["period"], y=rows["reviews"], name=kind, texttemplate="%{y}", textposition="outside",
                        cliponaxis=False, customdata=rows[["ids", "period", "boards"]],
                        hovertemplate="%{customdata[1]}: %{y} reviews at %{customdata[2]} boards<extra></extra>")
        title = "Reviews reported across the chosen boards, by year (choose 8 or fewer boards to see each)"
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=labels, title="Year")
    top = max((max(t.y, default=0) for t in fig.data), default=0)
    fig.update_yaxes(title="Reviews reported", rangemode="tozero", dtick=1 if top < 10 else None)
    if _straddles(by_year):
        # Between the last year before the change and the first after it: on a category axis the
        # years sit at 0, 1, 2..., so the line at n - 0.5 runs in the gap between two groups of bars.
        at = sum(y < compare.REVIEWS_CHANGE_YEAR for y in _years(by_year)) - 0.5
        fig.add_shape(type="line", x0=at, x1=at, xref="x", y0=0, y1=1, yref="paper",
                      line={"dash": "dash", "color": "#555555"})
        fig.add_annotation(x=at, y=1, yref="paper", text=CHANGE, showarrow=False, xanchor="left",
                           yanchor="bottom", font={"size": 11})
    return common.sized(fig, 440), title
