"""Reported figures: every figure the minutes give, by board and year, each with its sentence."""

from __future__ import annotations

import plotly.express as px
import streamlit as st

from boardcompare import compare
from boardcompare.ui import common

UNIT_AXIS = {"count": "Number", "percent": "Per cent", "gbp": "Pounds (£)"}
MAX_BOARDS_BY_YEAR = 8  # more boards than this: one bar per board, its latest figure
HOVER = {"shown": True, "value_text": True, "committee": True, "period": True, "value": False}
LABELS = {"board": "Board", "period": "Year", "value_text": "As written", "committee": "Committee",
          "shown": "Value"}


def render() -> None:
    common.page("Reported figures",
                "Numbers the minutes report, such as reviews, training and child deaths, board by board.",
                _body)


def _body() -> None:
    f = common.filters()
    metrics = compare.load(compare.SQL_METRICS, f)
    if metrics.empty:
        common.nothing()
        return
    comparable = compare.comparable_metrics(metrics)
    st.subheader("Compare one figure across boards")
    if comparable:
        chosen = st.selectbox("Figure", options=comparable, key="metric", bind="query-params")
        one = metrics[metrics["metric"] == chosen].sort_values("period_start")
        one = one.assign(shown=[compare.format_value(v, u, q) for v, u, q in
                                zip(one["value"], one["unit"], one["qualifier"], strict=True)])
        if one["board_id"].nunique() <= MAX_BOARDS_BY_YEAR:
            fig = _by_year(one, chosen)
        else:
            one = compare.latest_values(one).sort_values("value")
            fig = px.bar(one, x="value", y="board", orientation="h", color_discrete_sequence=common.OKABE_ITO,
                         hover_data=HOVER, labels={**LABELS, "value": _axis(one), "board": ""})
            fig.update_traces(texttemplate="%{customdata[0]} (%{customdata[3]})", textposition="outside",
                              cliponaxis=False)
            fig.update_xaxes(range=[0, one["value"].max() * 1.3])
            common.style_figure(fig, f"{chosen}: each board's latest figure in these years",
                                height=160 + 22 * len(one))
        common.chart_with_table(fig, compare.metric_table(one), f"{chosen} by board")
    else:
        common.nothing("No figure is reported by two or more of the chosen boards, "
                       "so there is nothing to set side by side.")
    st.subheader("Every reported figure")
    common.show_table(compare.metric_table(metrics), "every reported figure")


def _axis(one) -> str:
    return UNIT_AXIS.get(one["unit"].iloc[0], "Value")


def _by_year(one, chosen: str):
    """Bars per board, one per year, in a colour-blind-safe sequential scale."""
    periods = list(dict.fromkeys(one["period"]))
    colours = px.colors.sample_colorscale("Cividis", [0.2 + 0.7 * i / max(len(periods) - 1, 1)
                                                      for i in range(len(periods))])
    fig = px.bar(one, x="board", y="value", color="period", barmode="group",
                 category_orders={"period": periods}, color_discrete_sequence=colours,
                 hover_data=HOVER, labels={**LABELS, "value": _axis(one)})
    fig.update_traces(texttemplate="%{customdata[0]}", textposition="outside", cliponaxis=False)
    common.style_figure(fig, f"{chosen}: as reported in each board's minutes")
    fig.update_layout(legend_title_text="Year")
    return fig
