"""Recurring concerns: what was raised, of what kind and by whom, at how many boards, and when."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from boardcompare import compare, tables
from boardcompare.display import hover, period_label, plural
from boardcompare.ui import common, links

LARGEST = 28  # diameter in pixels of the circle for the most boards


def render() -> None:
    """The Recurring concerns page."""
    common.filtered_page("Recurring concerns",
                         "Concerns recorded about the boards' reports, of what kind, who raised them, and which "
                         "boards share them.", compare.SQL_CONCERN_SUMMARY, _body,
                         empty="No concerns were recorded for these boards and years.")


def _body(f: compare.Filters, rows: pd.DataFrame) -> None:
    summary = tables.concern_summary_table(rows)
    n_sentences = int(compare.load(compare.SQL_CONCERN_SENTENCE_COUNT, f)["n"].iloc[0])
    st.subheader("Concerns by kind")
    st.caption(f"{plural(n_sentences, 'sentence')} of the minutes record a concern; a sentence about two "
               "themes counts once.")
    common.show_table(tables.concern_kinds_table(compare.load(compare.SQL_CONCERN_KINDS, f)), "concerns by kind")

    st.subheader("Which concerns, at how many boards")
    common.show_table(summary.drop(columns="code"), "concerns by number of boards")
    timeline = tables.concern_timeline_table(compare.load(compare.SQL_CONCERN_TIMELINE, f))
    if not timeline.empty:
        _timeline(f, timeline, list(summary["Concern"]))

    st.subheader("What was said")
    concern = links.one("Concern", {c: c for c in summary["Concern"]}, "concern", what="concern")
    chosen = summary.loc[summary["Concern"] == concern].iloc[0]
    code = chosen["code"]
    common.limited_table(compare.SQL_CONCERN_QUOTES, f, int(chosen["Times raised"]), tables.quotes_table,
                         f"quotes {concern}", "boards or years", full="What the minutes say", code=code)

    st.subheader(f"What other boards said about {concern.lower()}")
    n_others = int(compare.load(compare.SQL_OTHER_BOARDS_COUNT, f, code=code)["n"].iloc[0])
    if not n_others:
        common.nothing(f"None of the other chosen boards' minutes discuss {concern.lower()} in these years.")
    else:
        st.caption("Boards that did not raise this as a concern, and what their minutes say on the theme.")
        common.limited_table(compare.SQL_OTHER_BOARDS_EVIDENCE, f, n_others, tables.evidence_table,
                             f"other boards on {concern}", "boards or years", full="What the minutes say", code=code)


def _diameter(n: int, most: int) -> float:
    """A circle's diameter in pixels: its area grows with the number of boards."""
    return max(7.0, LARGEST * (n / most) ** 0.5)


def _timeline(f: compare.Filters, timeline: pd.DataFrame, order: list[str]) -> None:
    most = int(timeline["Boards"].max())
    colour = common.OKABE_ITO[0]
    fig = common.figure(go.Scatter(
        x=timeline["Year"], y=timeline["Concern"], mode="markers", showlegend=False,
        marker={"size": [_diameter(n, most) for n in timeline["Boards"]], "color": colour},
        customdata=[[c, y, n, hover(w, None), hover(s)] for c, y, n, w, s in
                    zip(timeline["code"], timeline["year"], timeline["Boards"], timeline["Which boards"],
                        timeline["first_sentence"], strict=True)],
        hovertemplate="<b>%{y}</b>, %{x}<br>%{customdata[2]} boards: %{customdata[3]}<br>“%{customdata[4]}”"
                      "<extra></extra>"))
    # The size legend: one circle per example number of boards, drawn at the chart's own sizes.
    for n in sorted({1, max(1, most // 2), most}):
        fig.add_scatter(x=[None], y=[None], mode="markers", name=plural(n, "board"), legendgroup="size",
                        legendgrouptitle_text="Circle size: boards raising it",
                        marker={"size": _diameter(n, most), "color": colour})
    fig.update_layout(legend={"itemsizing": "trace"})
    years = sorted(timeline["year"].astype(int).unique())
    fig.update_xaxes(title="Year", type="category", categoryorder="array",
                     categoryarray=[period_label(y) for y in years])
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1])
    common.sized(fig, 180 + 36 * len(order))

    def pick(points: list[dict]) -> pd.DataFrame:
        code, year = common.custom(points[0], 0), common.custom(points[0], 1)
        if code is None:
            return pd.DataFrame()
        one = compare.Filters(f.boards, int(year), int(year))
        return tables.quotes_table(compare.load(compare.SQL_CONCERN_QUOTES, one, code=code, limit=common.ROW_LIMIT))

    common.chart(fig, "concerns timeline", "When each concern was raised (larger circle: more boards)",
                 timeline.drop(columns=["year", "code", "first_sentence"]), pick=pick)
