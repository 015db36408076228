"""Themes: which boards discussed which themes, and the sentences behind each cell."""

from __future__ import annotations

import plotly.express as px
import streamlit as st

from boardcompare import compare
from boardcompare.ui import common


def render() -> None:
    common.page("Themes", "Which boards discussed which themes, and what their minutes say.", _body)


def _body() -> None:
    f = common.filters()
    coverage = compare.load(compare.SQL_COVERAGE, f)
    if coverage.empty:
        common.nothing()
        return
    matrix = compare.theme_matrix(coverage)
    fig = px.imshow(matrix, color_continuous_scale=common.SEQUENTIAL, aspect="auto", text_auto=True,
                    labels={"x": "Theme", "y": "Board", "color": "Sentences"})
    fig.update_xaxes(side="top", tickangle=-40, title=None)
    fig.update_yaxes(title=None)
    common.style_figure(fig, "How many sentences of each board's minutes discuss each theme",
                        height=260 + 36 * len(matrix))
    fig.update_layout(margin={"t": 200})
    common.chart_with_table(fig, matrix.rename_axis(index="Board", columns=None).reset_index(),
                            "theme sentences by board")

    st.subheader("What the minutes say")
    st.caption("Choose a board, a theme or both to read the sentences behind the chart.")
    ids = coverage.drop_duplicates("board").set_index("board")["board_id"]
    codes = coverage.drop_duplicates("theme").set_index("theme")["code"]
    left, right = st.columns(2)
    board = left.selectbox("Board", options=list(matrix.index), index=None, key="board",
                           bind="query-params", placeholder="Any board")
    theme = right.selectbox("Theme", options=list(matrix.columns), index=None, key="theme",
                            bind="query-params", placeholder="Any theme")
    if board is None and theme is None:
        return
    cell = compare.Filters((ids[board],) if board else f.boards, f.year_from, f.year_to)
    evidence = compare.load(compare.SQL_THEME_EVIDENCE, cell, code=codes[theme] if theme else None)
    if evidence.empty:
        common.nothing(f"{board}'s minutes do not discuss {theme.lower()} in these years.")
        return
    if theme is None:
        evidence = evidence.sort_values(["theme", "period_start"])
    table = compare.evidence_table(evidence)
    table.insert(1, "Theme", evidence["theme"].to_numpy())
    common.show_table(table, f"sentences {board or ''} {theme or ''}")
