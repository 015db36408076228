"""Themes: which boards discussed which themes, and the sentences behind each cell."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from boardcompare import compare, fairness, tables
from boardcompare.display import hover as hover_text
from boardcompare.display import period_label
from boardcompare.ui import common, links

NOT_YET = "–"  # a cell for a theme that did not exist yet in any of the board's chosen years


def render() -> None:
    """The Themes page."""
    common.filtered_page("Themes", "Which boards discussed which themes, and what their minutes say.",
                         compare.SQL_THEME_CELLS, _body)


def _body(f: compare.Filters, cells: pd.DataFrame) -> None:
    matrix = tables.theme_matrix(cells)
    chart = st.container()

    st.subheader("What the minutes say")
    st.caption("Choose a board, a theme or both to read the sentences behind the chart.")
    ids = cells.drop_duplicates("board").set_index("board")["board_id"]
    codes = cells.drop_duplicates("theme").set_index("theme")["code"]
    left, right = st.columns(2)
    board = links.one("Board", {b: b for b in matrix.columns}, "board", what="board", container=left,
                      placeholder="Any board")
    theme = links.one("Theme", {t: t for t in matrix.index}, "theme", what="theme", container=right,
                      placeholder="Any theme")
    with chart:
        _chart(cells, matrix, f, board, theme)
    if board is None and theme is None:
        return
    cell = compare.Filters((ids[board],) if board else f.boards, f.year_from, f.year_to)
    code = codes[theme] if theme else None
    total = int(compare.load(compare.SQL_THEME_EVIDENCE_COUNT, cell, code=code)["n"].iloc[0])
    if not total:
        common.nothing(f"{board}'s minutes do not discuss {theme.lower()} in these years.")
        return
    common.limited_table(compare.SQL_THEME_EVIDENCE_PAGE, cell, total, _sentences,
                         f"sentences {board or ''} {theme or ''}", "years, board or theme",
                         full="What the minutes say", code=code)


def _sentences(evidence: pd.DataFrame) -> pd.DataFrame:
    table = tables.evidence_table(evidence)
    table.insert(1, "Theme", evidence["theme"].to_numpy())
    return table


def _not_yet(matrix: pd.DataFrame, f: compare.Filters) -> pd.DataFrame:
    """Theme × board: True where the theme did not exist yet in any year the board reported on."""
    themes = compare.load(compare.SQL_THEMES).set_index("label")["applies_from"]
    years = compare.load(compare.SQL_REPORT_BOARD_YEARS, f)
    names = common.board_names()
    latest = years.assign(board=years["board_id"].map(names)).groupby("board")["period_start"].max()
    return pd.DataFrame({b: [not fairness.theme_applies(themes.get(t), latest.get(b)) for t in matrix.index]
                         for b in matrix.columns}, index=matrix.index)


def _chart(cells: pd.DataFrame, matrix: pd.DataFrame, f: compare.Filters, board: str | None,
           theme: str | None) -> None:
    not_yet = _not_yet(matrix, f)
    fig = _heatmap(cells, matrix, not_yet, board, theme)
    table = matrix.astype(object).where(~not_yet, "not yet a theme").reset_index().rename(columns={"theme": "Theme"})

    def pick(points: list[dict]) -> pd.DataFrame:
        board_id, code = common.custom(points[0], 0), common.custom(points[0], 1)
        if board_id is None:
            return pd.DataFrame()
        one = compare.Filters((board_id,), f.year_from, f.year_to)
        return _sentences(compare.load(compare.SQL_THEME_EVIDENCE_PAGE, one, code=code, limit=common.ROW_LIMIT))

    common.chart(fig, "theme sentences by board",
                 "How many sentences of each board's minutes discuss each theme (blank: none; darker: more)",
                 table, pick=pick)
    if not_yet.to_numpy().any():
        starts = compare.load(compare.SQL_THEMES).dropna(subset=["applies_from"])
        st.caption(f"{NOT_YET}: not yet a theme in the years of that board's reports ("
                   + "; ".join(f"{r.label.lower()} from {period_label(r.applies_from)}" for r in starts.itertuples())
                   + ").")


def _wrap(label: str, width: int = 18) -> str:
    """A long label on two lines, so the themes leave room for the boards on a phone.

    >>> _wrap("New safeguarding arrangements")
    'New safeguarding<br>arrangements'
    """
    if len(label) <= width or " " not in label:
        return label
    cut = label.rfind(" ", 0, width + 1)
    cut = cut if cut > 0 else label.find(" ")
    return label[:cut] + "<br>" + label[cut + 1:]


def _heatmap(cells: pd.DataFrame, matrix: pd.DataFrame, not_yet: pd.DataFrame, board: str | None,
             theme: str | None) -> go.Figure:
    """Theme × board: coloured cells, and an invisible square over each cell that can be clicked."""
    z = matrix.to_numpy()
    text = np.where(not_yet.to_numpy(), NOT_YET, np.where(z > 0, z.astype(str), ""))
    labels = [_wrap(t) for t in matrix.index]
    fig = common.figure(go.Heatmap(
        z=z, x=list(matrix.columns), y=labels, colorscale=common.SEQUENTIAL, zmin=0, zmax=max(1, int(z.max())),
        text=text, texttemplate="%{text}", textfont={"size": 11}, xgap=2, ygap=2, hoverinfo="skip",
        showscale=False))  # the number is in each cell: no colour bar to take a phone's width
    found = {(r.theme, r.board): r for r in cells.itertuples(index=False)}  # a dict: .loc per cell took seconds
    xs, ys, data, hover = [], [], [], []
    for t, label in zip(matrix.index, labels, strict=True):
        for b in matrix.columns:
            row = found.get((t, b))
            xs.append(b)
            ys.append(label)
            data.append([None if row is None else row.board_id, None if row is None else row.code])
            hover.append(f"{hover_text(b)}, {hover_text(t)}: " + ("none" if row is None else
                                           f"{row.n_sentences} sentences ({row.years})<br>"
                                           f"“{hover_text(row.first_sentence, 80)}”"))
    invisible = {"opacity": 0.01}
    fig.add_scatter(x=xs, y=ys, mode="markers", customdata=data, text=hover, hovertemplate="%{text}<extra></extra>",
                    marker={"symbol": "square", "size": 22, "color": "black", **invisible},
                    selected={"marker": invisible}, unselected={"marker": invisible}, showlegend=False)
    fig.update_xaxes(side="top", tickangle=-45)
    fig.update_yaxes(autorange="reversed")
    rows, cols = list(matrix.index), list(matrix.columns)
    if board is not None or theme is not None:
        x0, x1 = (cols.index(board) - 0.5, cols.index(board) + 0.5) if board else (-0.5, len(cols) - 0.5)
        y0, y1 = (rows.index(theme) - 0.5, rows.index(theme) + 0.5) if theme else (-0.5, len(rows) - 0.5)
        fig.add_shape(type="rect", x0=x0, x1=x1, y0=y0, y1=y1, line={"color": common.OKABE_ITO[5], "width": 3})
    fig.update_xaxes(tickfont={"size": 11})
    fig.update_yaxes(tickfont={"size": 11})
    return common.sized(fig, 140 + 34 * len(matrix))
