"""Serious case reviews and, from 2019-20, local child safeguarding practice reviews, as one series."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from boardcompare import compare
from boardcompare.ui import common

MAX_BOARDS_IN_CHART = len(common.OKABE_ITO)
MAX_LISTED = 12  # more reports without a number than this are counted, not listed
CHANGE = ("From 2019-20 serious case reviews were replaced by<br>"
          "local child safeguarding practice reviews")


def render() -> None:
    common.page("Serious case reviews",
                "How many serious case reviews (from 2019-20: local child safeguarding practice reviews) "
                "each board reported.", _body)


def _body() -> None:
    f = common.filters()
    by_year = compare.reviews_by_board_year(compare.load(compare.SQL_REVIEWS_BY_YEAR, f))
    if by_year.empty:
        common.nothing()
        return
    stated = by_year.dropna(subset=["reviews"])
    fig = _chart(stated, by_year)
    table = by_year.rename(columns={"board": "Board", "period": "Year", "review_type": "Kind of review",
                                    "shown": "Reviews", "sentence": "Sentence in the minutes"})
    table = table[["Board", "Year", "Kind of review", "Reviews", "Sentence in the minutes"]]
    common.chart_with_table(fig, table, "reviews by board and year")
    missing = by_year[by_year["reviews"].isna()]
    if len(missing) > MAX_LISTED:
        st.caption(f"{len(missing)} of {len(by_year)} board reports give no number of reviews (which is not "
                   "the same as none): they show as “not stated” in the tables, and are left out of the chart.")
    elif not missing.empty:
        st.caption("Not stated in the minutes (no number given, which is not the same as none): "
                   + "; ".join(f"{b} {p}" for b, p in zip(missing["board"], missing["period"], strict=True)))
    st.subheader("Board by year")
    st.caption("“not stated”: the minutes discuss the report but give no number. "
               "“no report”: no minutes about that year's report were found.")
    common.show_table(compare.reviews_grid(by_year), "reviews board by year")


def _chart(stated, by_year) -> go.Figure:
    fig = common.figure()
    boards = sorted(stated["board"].unique())
    if len(boards) <= MAX_BOARDS_IN_CHART:
        for board in boards:
            rows = stated[stated["board"] == board]
            fig.add_bar(x=rows["period_start"], y=rows["reviews"], name=board, customdata=rows[["period",
                        "review_type"]], hovertemplate="%{customdata[0]}: %{y} %{customdata[1]}<extra>"
                        + board + "</extra>")
        fig.update_layout(barmode="group")
        fig.update_traces(texttemplate="%{y}", textposition="outside", cliponaxis=False)
        title = "Reviews reported by each board, by year"
    else:
        totals = stated.groupby(["period_start", "period", "review_type"], as_index=False).agg(
            reviews=("reviews", "sum"), boards=("board_id", "nunique"))
        for kind, rows in totals.groupby("review_type"):
            fig.add_bar(x=rows["period_start"], y=rows["reviews"], name=kind,
                        customdata=rows[["period", "boards"]],
                        hovertemplate="%{customdata[0]}: %{y} reviews at %{customdata[1]} boards"
                                      "<extra></extra>")
        title = "Reviews reported across the chosen boards, by year (choose 8 or fewer boards to see each)"
    years = sorted(by_year["period_start"].dropna().astype(int).unique())
    fig.update_xaxes(tickvals=years, ticktext=[compare.period_label(y) for y in years], title="Year")
    top = max((max(t.y, default=0) for t in fig.data), default=0)
    fig.update_yaxes(title="Reviews reported", rangemode="tozero", dtick=1 if top < 10 else None)
    if years and years[0] < compare.REVIEWS_CHANGE_YEAR <= years[-1]:
        fig.add_vline(x=compare.REVIEWS_CHANGE_YEAR - 0.5, line_dash="dash", line_color="#555555")
        fig.add_annotation(x=compare.REVIEWS_CHANGE_YEAR - 0.5, y=1, yref="paper", text=CHANGE,
                           showarrow=False, xanchor="left", align="left", font={"size": 12})
    common.style_figure(fig, title)
    fig.update_layout(legend={"orientation": "h", "y": -0.25, "x": 0})
    return fig
