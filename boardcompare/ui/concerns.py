"""Recurring concerns: what members and officers raised, at how many boards, and when."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from boardcompare import compare
from boardcompare.ui import common


def render() -> None:
    common.page("Recurring concerns",
                "Concerns raised at committee about the boards' reports, and which boards share them.", _body)


def _body() -> None:
    f = common.filters()
    concerns = compare.load(compare.SQL_CONCERNS, f)
    if concerns.empty:
        common.nothing("No concerns were recorded for these boards and years.")
        return
    summary = compare.concern_summary(concerns)
    st.subheader("Which concerns, at how many boards")
    common.show_table(summary.drop(columns="code"), "concerns by number of boards")

    timeline = compare.concern_timeline(concerns)
    if not timeline.empty:
        order = list(summary["Concern"])
        fig = common.figure(go.Scatter(
            x=timeline["year"], y=timeline["Concern"], mode="markers",
            marker={"size": timeline["Boards"], "sizemode": "area", "sizemin": 4,
                    "sizeref": 2 * timeline["Boards"].max() / 28 ** 2, "color": common.OKABE_ITO[0]},
            customdata=timeline[["Year", "Boards", "Which boards"]].to_numpy(),
            hovertemplate="<b>%{y}</b>, %{customdata[0]}<br>%{customdata[1]} boards: %{customdata[2]}"
                          "<extra></extra>"))
        years = sorted(timeline["year"].astype(int).unique())
        fig.update_xaxes(title="Year", tickvals=years, ticktext=[compare.period_label(y) for y in years])
        fig.update_yaxes(categoryorder="array", categoryarray=order[::-1])
        common.style_figure(fig, "When each concern was raised (larger circle: more boards)",
                            height=160 + 40 * len(order))
        common.chart_with_table(fig, timeline.drop(columns="year"), "concerns timeline")

    st.subheader("What was said")
    concern = st.selectbox("Concern", options=list(summary["Concern"]), key="concern", bind="query-params")
    code = summary.loc[summary["Concern"] == concern, "code"].iloc[0]
    raised = concerns[concerns["code"] == code]
    common.show_table(compare.quotes_table(raised), f"quotes {concern}")

    st.subheader(f"What other boards said about {concern.lower()}")
    evidence = compare.load(compare.SQL_THEME_EVIDENCE, f, code=code)
    others = compare.other_boards_on_theme(evidence, concerns, code)
    if others.empty:
        common.nothing(f"None of the other chosen boards' minutes discuss {concern.lower()} in these years.")
    else:
        st.caption("Boards that did not raise this as a concern, and what their minutes say on the theme.")
        common.show_table(others, f"other boards on {concern}")
