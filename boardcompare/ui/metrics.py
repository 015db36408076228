"""Reported figures: every figure the minutes give, by board and year, each with its sentence."""

from __future__ import annotations

import pandas as pd
import plotly.colors
import plotly.graph_objects as go
import streamlit as st

from boardcompare import compare
from boardcompare.ui import common

UNIT_AXIS = {"count": "Number", "percent": "Per cent", "gbp": "Pounds (£)"}
MAX_BOARDS_BY_YEAR = 8  # more boards than this: one bar per board, its latest figure
HOVER = "<b>%{customdata[0]}</b>, %{customdata[1]}: %{customdata[2]}<br>as written: %{customdata[3]}" \
        "<br>%{customdata[4]}<extra></extra>"


def render() -> None:
    common.page("Reported figures",
                "Numbers the minutes report, such as reviews, training and child deaths, board by board.",
                _body)


def _body() -> None:
    f = common.filters()
    summary = compare.load(compare.SQL_METRIC_SUMMARY, f)
    if summary.empty:
        common.nothing()
        return
    comparable = list(summary.loc[summary["n_boards"] >= 2, "metric"])
    st.subheader("Compare one figure across boards")
    if comparable:
        chosen = st.selectbox("Figure", options=comparable, key="metric", bind="query-params")
        one = compare.load(compare.SQL_METRIC_BY_YEAR, f, metric=chosen)
        if one["board_id"].nunique() <= MAX_BOARDS_BY_YEAR:
            fig = _by_year(one, chosen)
        else:
            one = compare.latest_values(one).sort_values("value")
            fig = _latest(one, chosen)
        common.chart_with_table(fig, compare.metric_table(one), f"{chosen} by board")
        st.caption("Where a board reports a figure more than once in a year, its latest mention is shown.")
    else:
        common.nothing("No figure is reported by two or more of the chosen boards, "
                       "so there is nothing to set side by side.")
    st.subheader("Every reported figure")
    every = "Every figure"
    listed = st.selectbox("Figures to list", options=[every, *summary["metric"]], key="list_metric")
    metric = None if listed == every else listed
    total = int(summary["n_rows"].sum() if metric is None
                else summary.loc[summary["metric"] == metric, "n_rows"].sum())
    common.limited_table(compare.SQL_METRICS_PAGE, f, total, compare.metric_table, "every reported figure",
                         "boards, years or figure", metric=metric)


def _shown(rows: pd.DataFrame) -> list[str]:
    return [compare.format_value(v, u, q) for v, u, q in
            zip(rows["value"], rows["unit"], rows["qualifier"], strict=True)]


def _custom(rows: pd.DataFrame) -> list[list]:
    return [list(r) for r in zip(rows["board"], rows["period"].fillna("year not given"), _shown(rows),
                                 rows["value_text"], rows["committee"].fillna(""), strict=True)]


def _by_year(one: pd.DataFrame, chosen: str) -> go.Figure:
    """Bars per board, one per year, in a colour-blind-safe sequential scale (Cividis)."""
    periods = list(dict.fromkeys(one["period"].fillna("year not given")))
    colours = plotly.colors.sample_colorscale("Cividis", [0.2 + 0.7 * i / max(len(periods) - 1, 1)
                                                          for i in range(len(periods))])
    fig = common.figure()
    for period, colour in zip(periods, colours, strict=True):
        rows = one[one["period"].fillna("year not given") == period]
        fig.add_bar(x=rows["board"], y=rows["value"], name=period, marker_color=colour, text=_shown(rows),
                    textposition="outside", cliponaxis=False, customdata=_custom(rows), hovertemplate=HOVER)
    fig.update_layout(barmode="group", legend_title_text="Year", showlegend=True)
    fig.update_xaxes(title="Board")
    fig.update_yaxes(title=UNIT_AXIS.get(one["unit"].iloc[0], "Value"), rangemode="tozero")
    return common.style_figure(fig, f"{chosen}: as reported in each board's minutes")


def _latest(one: pd.DataFrame, chosen: str) -> go.Figure:
    """One bar per board: its latest figure in the chosen years, smallest at the bottom."""
    text = [f"{s} ({p})" for s, p in zip(_shown(one), one["period"].fillna("year not given"), strict=True)]
    fig = common.figure(go.Bar(x=one["value"], y=one["board"], orientation="h", text=text,
                               textposition="outside", cliponaxis=False, customdata=_custom(one),
                               hovertemplate=HOVER))
    fig.update_xaxes(title=UNIT_AXIS.get(one["unit"].iloc[0], "Value"), range=[0, one["value"].max() * 1.3])
    return common.style_figure(fig, f"{chosen}: each board's latest figure in these years",
                               height=160 + 22 * len(one))
