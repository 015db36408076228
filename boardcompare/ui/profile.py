"""Board profile: one board against the rest on themes, figures, concerns and actions."""

from __future__ import annotations

import streamlit as st

from boardcompare import compare
from boardcompare.ui import common


def render() -> None:
    common.page("Board profile", "One board set against all the others.", _body)


def _body() -> None:
    names = common.board_names()
    if not names:
        common.nothing("No board reports are in the database yet.")
        return
    left, right = st.columns([3, 2])
    board_id = left.selectbox("Board", options=list(names), format_func=names.get, key="board",
                              bind="query-params")
    y0, y1 = common.year_range(right)
    years = compare.Filters((), y0, y1)
    mine = compare.Filters((board_id,), y0, y1)
    name = names[board_id]
    reports = compare.load(compare.SQL_REPORT_BOARD_YEARS, years)
    if board_id not in set(reports["board_id"]):
        common.nothing(f"There are no minutes about {name}'s reports in these years.")
        return
    n_others = reports["board_id"].nunique() - 1
    periods = ", ".join(reports.loc[reports["board_id"] == board_id, "period"].dropna().unique())
    st.markdown(f"Compared with **{n_others}** other boards. "
                f"Reports found for: {periods or 'year not given'}.")

    _themes(board_id, name, years, list(reports["board_id"].unique()))

    st.subheader(f"{name}'s figures beside the other boards' median")
    st.caption("Each board counts once, with its latest figure in these years.")
    versus = compare.vs_median_table(compare.load(compare.SQL_BOARD_VS_MEDIAN, years, board=board_id))
    if versus.empty:
        common.nothing(f"{name}'s minutes report no figures in these years.")
    else:
        common.show_table(versus.drop(columns=["value", "median"]), f"{name} figures against median")

    st.subheader(f"Concerns raised about {name}'s reports")
    concerns = compare.load(compare.SQL_CONCERNS, mine)
    if concerns.empty:
        common.nothing("No concerns were recorded in these years.")
    else:
        common.show_table(compare.quotes_table(concerns).drop(columns="Board"), f"{name} concerns")

    st.subheader("What the committees decided")
    actions = compare.load(compare.SQL_ACTIONS, mine)
    if actions.empty:
        common.nothing("No decisions or actions were recorded in these years.")
    else:
        common.show_table(compare.actions_table(actions), f"{name} actions")


def _themes(board_id: str, name: str, years: compare.Filters, boards: list[str]) -> None:
    gaps = compare.theme_gaps(compare.load(compare.SQL_COVERAGE, years), board_id, boards)
    st.subheader("Themes")
    if gaps.empty:
        common.nothing("None of the minutes in these years discuss any of the themes.")
        return
    shown = gaps.assign(**{
        "Share of other boards (%)": (gaps["Share of other boards"] * 100).round(0),
        f"Discussed by {name}": gaps["Covered"].map({True: "yes", False: "no"}),
        "Of others": [f"{n} of {len(boards) - 1}" for n in gaps["Other boards"]],
    })
    fig = common.figure()
    fig.update_yaxes(categoryorder="array", categoryarray=list(shown["Theme"])[::-1])
    for answer, colour in (("yes", common.OKABE_ITO[0]), ("no", common.OKABE_ITO[1])):
        rows = shown[shown[f"Discussed by {name}"] == answer]
        fig.add_bar(x=rows["Share of other boards (%)"], y=rows["Theme"], orientation="h", name=answer,
                    marker_color=colour, text=rows["Of others"], textposition="outside", cliponaxis=False,
                    hovertemplate="%{y}: discussed by %{text} other boards<extra></extra>")
    fig.update_xaxes(title="Share of other boards (%)", range=[0, 110])
    common.style_figure(fig, f"Themes: share of the other boards that discussed each, and whether {name} did",
                        height=140 + 26 * len(shown))
    fig.update_layout(legend_title_text=f"Discussed by {name}?")
    common.chart_with_table(fig, shown[["Theme", f"Discussed by {name}", "Sentences", "Other boards",
                                        "Share of other boards (%)"]], f"{name} themes against others")
    missed = gaps[gaps["gap"]]
    if missed.empty:
        st.caption(f"{name} discussed every theme that most other boards discussed.")
    else:
        st.markdown(f"**Themes most other boards discussed but {name} did not:** "
                    + ", ".join(missed["Theme"]))
