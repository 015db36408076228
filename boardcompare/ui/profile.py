"""Board profile: one board's report for a year, set fairly against the other boards'
(boardcompare.fairness), then its concerns and the committee's decisions."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from boardcompare import compare, fairness, tables
from boardcompare.data_access import cached_query
from boardcompare.display import format_value, hover, plain
from boardcompare.ui import common, links

LOOKS = {  # how a theme's bar is drawn: (legend, colour)
    "covered": ("Discussed", common.OKABE_ITO[0]),
    "gap": ("A gap: most others did", common.OKABE_ITO[5]),
    "other": ("Not discussed", "#b8b8b8"),
}


def render() -> None:
    """The Board profile page."""
    common.page("Board profile", "One board's annual report set against the other boards' reports of the same year.",
                _body)


def _body() -> None:
    names = common.board_names()
    if not names:
        common.nothing("No board reports are in the database yet.")
        return
    left, middle, right = st.columns([3, 2, 2])
    board_id = links.one("Board", names, "board", what="board", container=left)
    name = names[board_id]
    reports = compare.load(compare.SQL_BOARD_REPORTS, board=board_id)
    periods = {p: p for p in reports["period"].dropna().unique()}
    if not periods:
        common.nothing(f"No report of {name} states its year, so it cannot be compared with other boards.")
        return
    period = links.one("Year", periods, "period", what=f"{name} has no report for {{}}", container=middle,
                       default=next(iter(periods)))
    win = fairness.Window(links.one("Compare with other boards' reports of", fairness.WINDOWS, "window",
                                    what="choice", default=0, container=right))
    report = reports[reports["period"] == period].iloc[0]
    start = int(report["period_start"])
    if bool(report["period_inferred"]):
        st.caption(plain(f"The minutes do not state the year: {period} is inferred from the meeting date."))
    _themes(board_id, name, period, start, win)
    _figures(board_id, name, period, start, win)
    year = compare.Filters((board_id,), start, start)
    st.subheader(f"Concerns recorded about {name}'s {period} report")
    concerns = compare.load(compare.SQL_CONCERN_SENTENCES, year)
    if concerns.empty:
        common.nothing("No concerns were recorded.")
    else:
        common.show_table(tables.quotes_table(concerns).drop(columns="Board"), f"{name} concerns",
                          full="What the minutes say")
    st.subheader("What the committees decided")
    actions = compare.load(compare.SQL_ACTIONS, year)
    if actions.empty:
        common.nothing("No decisions or actions were recorded.")
    else:
        common.show_table(tables.actions_table(actions), f"{name} actions")


def _themes(board_id: str, name: str, period: str, start: int, win: fairness.Window) -> None:
    st.subheader("Themes")
    covered = set(compare.load(compare.SQL_COVERAGE, compare.Filters((board_id,), start, start))["code"])
    comparison = fairness.theme_comparison(cached_query, board_id, start, covered, win)
    st.caption(plain(f"Compared with {comparison.scope}: {comparison.peers_text() or 'none'}."))
    shown = [t for t in comparison.themes if t.applies and (t.n or t.covered)]
    if not shown:
        common.nothing("None of these minutes discuss any of the themes.")
        return
    if not comparison.peers:
        _themes_alone(name, shown, win.years_text(start), win)
        return
    fig = _theme_chart(shown, comparison)
    table = pd.DataFrame({
        "Theme": [t.label for t in shown],
        f"Discussed by {name}": ["yes" if t.covered else "no" for t in shown],
        "Other boards that discussed it": [t.share_text() for t in shown],
        "Which": [", ".join(t.boards) for t in shown],
    })
    lo, hi = win.bounds(start)

    def pick(points: list[dict]) -> pd.DataFrame:
        code = common.custom(points[0], 0)
        rows = compare.load(compare.SQL_THEME_EVIDENCE_PAGE, compare.Filters((), lo, hi), code=code,
                            limit=common.ROW_LIMIT)
        return tables.evidence_table(rows)

    common.chart(fig, f"{name} themes against others",
                 f"Themes: the share of the other boards that discussed each, and whether {name} did ({period})",
                 table, pick=pick)
    reason = comparison.reason()
    if reason:
        st.caption(plain(f"No gaps are named: {reason}."))
    elif comparison.gaps:
        st.markdown(plain(f"Themes most other boards discussed but {name} did not: "
                          + ", ".join(t.label for t in comparison.gaps) + "."))
    else:
        st.caption(plain(f"{name} discussed every theme that most other boards discussed."))
    if comparison.not_yet:
        st.caption(plain("Not yet themes in " + period + ": " + ", ".join(t.label for t in comparison.not_yet) + "."))


def _themes_alone(name: str, shown: list[fairness.ThemeShare], years: str, win: fairness.Window) -> None:
    """No other board to compare with: the themes as a list, and how to widen the comparison (no empty chart)."""
    wider = [label for n, label in fairness.WINDOWS.items() if n > win.years]
    hint = f" Choose “{wider[0]}” above to compare with more reports." if wider else ""
    common.nothing(f"No other board's report of {years} is in the database, so {name}'s themes cannot be "
                   f"compared.{hint}")
    st.markdown(plain(f"Themes {name}'s minutes discuss: " + ", ".join(t.label for t in shown if t.covered) + "."))


def _theme_chart(shown: list[fairness.ThemeShare], comparison: fairness.ThemeComparison) -> go.Figure:
    fig = common.figure()
    order = [t.label for t in reversed(shown)]
    for look, (legend, colour) in LOOKS.items():
        rows = [t for t in shown if (t.covered and look == "covered") or (t.is_gap and look == "gap")
                or (not t.covered and not t.is_gap and look == "other")]
        if rows:
            fig.add_bar(x=[round(t.share * 100) for t in rows], y=[t.label for t in rows], orientation="h",
                        name=legend, marker_color=colour, text=[f"{t.n} of {t.n_peers}" for t in rows],
                        textposition="outside", cliponaxis=False,
                        customdata=[[t.code, hover(", ".join(t.boards) or "none", None)] for t in rows],
                        hovertemplate="%{y}: %{text} other boards<br>%{customdata[1]}<extra></extra>")
    fig.update_yaxes(categoryorder="array", categoryarray=order)
    fig.update_xaxes(title=f"% of the {len(comparison.peers)} other boards", range=[0, 115])
    return common.sized(fig, 120 + 26 * len(shown))


def _figures(board_id: str, name: str, period: str, start: int, win: fairness.Window) -> None:
    st.subheader(f"{name}'s figures beside the other boards'")
    mine = compare.load(compare.SQL_BOARD_FIGURES, board=board_id, period=period)
    peers = fairness.peer_figures(cached_query, board_id, start, list(zip(mine["name"], mine["unit"], strict=True)),
                                  win)
    rows = []
    for m, shown in zip(mine.itertuples(index=False), tables.values(mine), strict=True):
        peer = peers.get((m.name, m.unit))
        rows.append(_figure_row(m.metric, shown, peer, m.value))
    reviews = compare.load(compare.SQL_BOARD_REVIEWS, board=board_id, period=period).iloc[0]
    if reviews["review_type"] is not None:
        count = None if pd.isna(reviews["scr_count"]) else float(reviews["scr_count"])
        rows.append(_figure_row(f"{reviews['review_type']} (the year's count)", format_value(count, "count"),
                                fairness.peer_reviews(cached_query, board_id, start, win), count))
    if not rows:
        common.nothing(f"{name}'s minutes report no figures for {period}.")
        return
    common.show_table(pd.DataFrame(rows), f"{name} figures against others")
    st.caption(plain(f"Each median is of the other boards' figures for {win.label(start)}, one per board; "
                     f"at least {fairness.MIN_BOARDS} boards are needed. “Not stated” is left out, never "
                     "counted as 0. A figure is compared only with the same measure (same name and unit)."))


def _figure_row(label: str, shown: str, peer: fairness.PeerFigure | None, value: float | None) -> dict:
    if peer is None:
        median, spread, which, scope = "not compared (fits no catalogue entry)", "", "", ""
    else:
        median, spread, which, scope = peer.median_text(), peer.range_text(), peer.boards_text(), peer.scope
    position = peer.position(value) if peer is not None and value is not None else None
    return {"Figure": label, "This board": shown, "Other boards' median": median, "Their range": spread,
            "Where this board stands": position or "", "Which boards": which, "Compared with": scope}
