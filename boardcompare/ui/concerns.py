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
    summary = compare.concern_summary_table(compare.load(compare.SQL_CONCERN_SUMMARY, f))
    if summary.empty:
        common.nothing("No concerns were recorded for these boards and years.")
        return
    st.subheader("Which concerns, at how many boards")
    common.show_table(summary.drop(columns="code"), "concerns by number of boards")

    timeline = compare.concern_timeline_table(compare.load(compare.SQL_CONCERN_TIMELINE, f))
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
    chosen = summary.loc[summary["Concern"] == concern].iloc[0]
    code = chosen["code"]
    common.limited_table(compare.SQL_CONCERN_QUOTES, f, int(chosen["Times raised"]), compare.quotes_table,
                         f"quotes {concern}", "boards or years", code=code)

    st.subheader(f"What other boards said about {concern.lower()}")
    n_others = int(compare.load(compare.SQL_OTHER_BOARDS_COUNT, f, code=code)["n"].iloc[0])
    if not n_others:
        common.nothing(f"None of the other chosen boards' minutes discuss {concern.lower()} in these years.")
    else:
        st.caption("Boards that did not raise this as a concern, and what their minutes say on the theme.")
        common.limited_table(compare.SQL_OTHER_BOARDS_EVIDENCE, f, n_others, compare.evidence_table,
                             f"other boards on {concern}", "boards or years", code=code)
