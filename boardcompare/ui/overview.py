"""Overview: how much is in the database, each board's latest report, and where the data came from."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from boardcompare import compare
from boardcompare.ui import common


def render() -> None:
    common.page("Safeguarding children boards compared",
                "What the minutes of council committees say about each board's annual report.", _body)


def _body() -> None:
    f = common.filters()
    counts = compare.load(compare.SQL_REPORT_TOTALS, f).iloc[0]
    totals = compare.load(compare.SQL_DOCUMENT_TOTALS).iloc[0]
    if not counts.n_reports:
        common.nothing()
    else:
        a, b, c, d = st.columns(4)
        a.metric("Boards", int(counts.n_boards))
        b.metric("Annual reports discussed", int(counts.n_reports))
        c.metric("Years", int(counts.n_years))
        d.metric("Documents", int(counts.n_documents),
                 help=f"{int(totals.n_documents)} documents stored in all, "
                      f"{int(totals.n_not_board)} of them not about a board.")
        _headline(f)
        st.subheader("Each board's latest report")
        latest = compare.load(compare.SQL_LATEST_REPORTS, f)
        common.show_table(pd.DataFrame({
            "Board": latest["board"],
            "Board's name in the minutes": latest["board_name"],
            "Year": latest["period"],
            "Committee": latest["committee"].fillna(""),
            "Meeting": compare.meeting_dates(latest["meeting_date"]),
            "Presented by": latest["presenter_role"].fillna(""),
            "Document": latest["file_name"],
        }), "latest report per board")
    _sources(totals)


def _headline(f: compare.Filters) -> None:
    per_theme = compare.boards_per_theme(compare.load(compare.SQL_COVERAGE, f))
    if per_theme.empty:
        common.nothing("None of the chosen minutes discuss any of the themes.")
        return
    top = per_theme.head(15).iloc[::-1]
    fig = common.figure(go.Bar(x=top["boards"], y=top["theme"], orientation="h", text=top["boards"],
                               textposition="outside", cliponaxis=False,
                               hovertemplate="%{y}: %{x} boards<extra></extra>"))
    fig.update_xaxes(title="Number of boards", rangemode="tozero", dtick=1 if top["boards"].max() <= 10 else None)
    common.style_figure(fig, "What the boards talked about: the 15 most widely discussed themes",
                        height=120 + 28 * min(len(per_theme), 15))
    common.chart_with_table(fig, per_theme.rename(columns={"theme": "Theme", "boards": "Boards"}),
                            "boards per theme")
    st.caption("Open the Themes page to see the sentences behind each bar.")


def _sources(totals: pd.Series) -> None:
    st.subheader("Where the data came from")
    info = compare.load(compare.SQL_BUILD_INFO)
    built = info.loc[info["key"] == "built_at", "value"]
    when = pd.to_datetime(built.iloc[0]).strftime("%d %B %Y at %H:%M %Z") if len(built) else "unknown"
    st.markdown(f"Minutes of council committees, read from {int(totals.n_documents)} documents. "
                f"The database was built on **{when}**.")
    log = compare.ingest_outcomes(compare.load(compare.SQL_INGEST_OUTCOMES))
    if not log.empty:
        common.show_table(log, "what the build did with each file")
    other = info[info["key"] != "built_at"]
    if not other.empty:
        with st.expander("Build details"):
            st.dataframe(pd.DataFrame({"Detail": other["key"].str.replace("_", " ").str.capitalize(),
                                       "Value": other["value"]}), hide_index=True)
