"""Reported figures: every figure the minutes give, by board and year, each with its sentence."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from boardcompare import compare, fairness, tables
from boardcompare.display import format_value, hover, plain, plural
from boardcompare.ui import common, links

UNIT_AXIS = {"count": "Number", "percent": "Per cent", "gbp": "Pounds (£)"}
MAX_BOARDS_BY_YEAR = 8  # more boards than this: one bar per board, its latest figure
EVERY = ""
HOVER = ("<b>%{customdata[2]}</b>, %{customdata[1]}: %{customdata[3]}<br>as written: %{customdata[4]}"
         "<br>“%{customdata[5]}”<extra></extra>")
WHICH_MENTION = ("A board's figure for a year is the first mention in the minutes of its latest meeting on "
                 "that year's report.")


def render() -> None:
    """The Reported figures page."""
    common.filtered_page("Reported figures",
                         "Numbers the minutes report, such as reviews, training and child deaths, board by board.",
                         compare.SQL_METRIC_SUMMARY, _body)


def _body(f: compare.Filters, summary: pd.DataFrame) -> None:
    every = tables.measures(summary)
    wide = set(tables.measures(summary[summary["n_boards"] >= 2]))
    comparable = {label: m for label, m in every.items() if label in wide}
    st.subheader("Compare one figure across boards")
    if comparable:
        label = links.one("Figure", {m: m for m in comparable}, "figure", what="figure")
        _compare(f, label, *comparable[label])
    else:
        common.nothing("No figure is reported by two or more of the chosen boards, "
                       "so there is nothing to set side by side.")
    st.subheader("Every reported figure")
    listed = links.one("Figures to list", {EVERY: "Every figure", **{m: m for m in every}}, "figures",
                       what="figure", default=EVERY)
    name, unit = every.get(listed, (None, None))
    rows = summary if not name else summary[(summary["name"] == name) & (summary["unit"] == unit)]
    common.limited_table(compare.SQL_METRICS_PAGE, f, int(rows["n_rows"].sum()), tables.metric_table,
                         "every reported figure", "boards, years or figure", full="What the minutes say",
                         name=name, unit=unit)


def _compare(f: compare.Filters, label: str, name: str, unit: str) -> None:
    one = compare.load(compare.SQL_FIGURE_BY_YEAR, f, name=name, unit=unit)
    medians = compare.load(compare.SQL_FIGURE_MEDIANS, name=name, unit=unit, y0=f.year_from, y1=f.year_to)
    if one["board_id"].nunique() <= MAX_BOARDS_BY_YEAR:
        fig, title = _by_year(one, medians, unit), f"{label}: as reported in each board's minutes, by year"
    else:
        one = compare.load(compare.SQL_FIGURE_LATEST, f, name=name, unit=unit)
        fig, title = _latest(one, unit), f"{label}: each board's latest figure in these years"

    def pick(points: list[dict]) -> pd.DataFrame:
        board_id, period = common.custom(points[0], 0), common.custom(points[0], 1)
        if board_id is None:
            return pd.DataFrame()
        year = int(str(period)[:4])
        rows = compare.load(compare.SQL_METRICS_PAGE, compare.Filters((board_id,), year, year), name=name,
                            unit=unit, limit=common.ROW_LIMIT)
        return tables.metric_table(rows)

    common.chart(fig, f"{label} by board", title, tables.metric_table(one), pick=pick, full="What the minutes say")
    st.caption(plain(_medians_note(medians, unit)) + " " + WHICH_MENTION)


def _medians_note(medians: pd.DataFrame, unit: str) -> str:
    """Each year's median of all the boards reporting the figure, or why there is none."""
    parts = []
    for r in medians.itertuples(index=False):
        if pd.isna(r.median):
            parts.append(f"{r.period}: {fairness.TOO_FEW_FIGURE} ({plural(r.n_boards, 'board')})")
        else:
            parts.append(f"{r.period}: {format_value(r.median, unit)} ({plural(r.n_boards, 'board')}: {r.boards})")
    return "Median of every board reporting it that year: " + "; ".join(parts) + "." if parts else ""


def _custom(rows: pd.DataFrame) -> list[list]:
    return [list(r) for r in zip(rows["board_id"], rows["period"], rows["board"], tables.values(rows),
                                 [hover(t, 40) for t in rows["value_text"]], [hover(s) for s in rows["sentence"]],
                                 strict=True)]


def _by_year(one: pd.DataFrame, medians: pd.DataFrame, unit: str) -> go.Figure:
    """Bars per year, one per board in its fixed colour; each year's median where enough boards report it."""
    periods = sorted(one["period"].unique())
    fig = common.figure()
    looks = common.board_looks(list(one["board"]))
    for board, rows in one.groupby("board", sort=True):
        colour, pattern = looks[board]
        fig.add_bar(x=rows["period"], y=rows["value"], name=board, marker_color=colour,
                    marker_pattern_shape=pattern, text=tables.values(rows), textposition="outside",
                    cliponaxis=False, customdata=_custom(rows), hovertemplate=HOVER)
    shown = medians.dropna(subset=["median"])
    shown = shown[shown["period"].isin(periods)]
    if not shown.empty:
        fig.add_scatter(x=shown["period"], y=shown["median"], mode="markers", name="Median of all boards that year",
                        marker={"symbol": "line-ew-open", "size": 60, "line": {"width": 3, "color": "#222222"}},
                        customdata=[[n, format_value(m, unit)] for n, m in zip(shown["n_boards"], shown["median"],
                                                                                 strict=True)],
                        hovertemplate="Median %{customdata[1]} of %{customdata[0]} boards<extra></extra>")
    fig.update_layout(barmode="group", showlegend=True)
    fig.update_xaxes(title="Year", type="category", categoryorder="array", categoryarray=periods)
    fig.update_yaxes(title=UNIT_AXIS.get(unit, "Value"), rangemode="tozero")
    return common.sized(fig, 460)


def _latest(one: pd.DataFrame, unit: str) -> go.Figure:
    """One bar per board: its latest figure in the chosen years, smallest at the bottom."""
    text = [f"{s} ({p})" for s, p in zip(tables.values(one), one["period"], strict=True)]
    shown = common.board_looks(list(one["board"]))
    looks = [shown[b] for b in one["board"]]
    fig = common.figure(go.Bar(x=one["value"], y=one["board"], orientation="h", text=text,
                               marker={"color": [c for c, _ in looks], "pattern": {"shape": [p for _, p in looks]}},
                               textposition="outside", cliponaxis=False, customdata=_custom(one),
                               hovertemplate=HOVER))
    fig.update_xaxes(title=UNIT_AXIS.get(unit, "Value"), range=[0, one["value"].max() * 1.35])
    return common.sized(fig, 120 + 24 * len(one))
