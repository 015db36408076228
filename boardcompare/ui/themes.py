"""Themes: which boards discussed which themes, and the sentences behind each cell."""

from __future__ import annotations

import plotly.graph_objects as go
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
    chart = st.container()

    st.subheader("What the minutes say")
    st.caption("Choose a board, a theme or both to read the sentences behind the chart.")
    ids = coverage.drop_duplicates("board").set_index("board")["board_id"]
    codes = coverage.drop_duplicates("theme").set_index("theme")["code"]
    left, right = st.columns(2)
    board = left.selectbox("Board", options=list(matrix.index), index=None, key="board",
                           bind="query-params", placeholder="Any board")
    theme = right.selectbox("Theme", options=list(matrix.columns), index=None, key="theme",
                            bind="query-params", placeholder="Any theme")
    with chart:
        common.chart_with_table(_heatmap(matrix, board, theme),
                                matrix.rename_axis(index="Board", columns=None).reset_index(),
                                "theme sentences by board")
    if board is None and theme is None:
        return
    cell = compare.Filters((ids[board],) if board else f.boards, f.year_from, f.year_to)
    code = codes[theme] if theme else None
    total = int(compare.load(compare.SQL_THEME_EVIDENCE_COUNT, cell, code=code)["n"].iloc[0])
    if not total:
        common.nothing(f"{board}'s minutes do not discuss {theme.lower()} in these years.")
        return
    common.limited_table(compare.SQL_THEME_EVIDENCE_PAGE, cell, total, _sentences,
                         f"sentences {board or ''} {theme or ''}", "years, board or theme", code=code)


def _sentences(evidence):
    table = compare.evidence_table(evidence)
    table.insert(1, "Theme", evidence["theme"].to_numpy())
    return table


def _heatmap(matrix, board: str | None, theme: str | None) -> go.Figure:
    """Board × theme heatmap; the chosen board, theme or cell is outlined."""
    fig = common.figure(go.Heatmap(
        z=matrix.to_numpy(), x=list(matrix.columns), y=list(matrix.index), colorscale=common.SEQUENTIAL,
        zmin=0, zmax=max(1, int(matrix.to_numpy().max())),
        text=matrix.where(matrix > 0, "").astype(str).to_numpy(), texttemplate="%{text}",
        xgap=2, ygap=2,
        colorbar={"title": {"text": "Sentences"}, "dtick": max(1, int(matrix.to_numpy().max()) // 5)},
        hovertemplate="%{y}, %{x}: %{z} sentences<extra></extra>"))
    fig.update_xaxes(tickangle=-40)
    fig.update_yaxes(autorange="reversed")
    rows, cols = list(matrix.index), list(matrix.columns)
    if board is not None or theme is not None:
        x0, x1 = (cols.index(theme) - 0.5, cols.index(theme) + 0.5) if theme else (-0.5, len(cols) - 0.5)
        y0, y1 = (rows.index(board) - 0.5, rows.index(board) + 0.5) if board else (-0.5, len(rows) - 0.5)
        fig.add_shape(type="rect", x0=x0, x1=x1, y0=y0, y1=y1, line={"color": common.OKABE_ITO[5], "width": 3})
    return common.style_figure(fig, "How many sentences of each board's minutes discuss each theme (blank: none)",
                               height=300 + 36 * len(matrix))
