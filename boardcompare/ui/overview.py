"""Overview: how much is in the database, each board's latest report, and where the data came from."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from boardcompare import compare, tables
from boardcompare.display import format_date, plain
from boardcompare.ui import common

TOP = 15


def render() -> None:
    """The Overview page."""
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
        common.show_table(tables.latest_reports_table(latest), "latest report per board")
    _sources(totals)


def _headline(f: compare.Filters) -> None:
    per_theme = compare.load(compare.SQL_BOARDS_PER_THEME, f)
    if per_theme.empty:
        common.nothing("None of the chosen minutes discuss any of the themes.")
        return
    top = per_theme.head(TOP).iloc[::-1]
    fig = common.figure(go.Bar(x=top["boards"], y=top["theme"], orientation="h", text=top["boards"],
                               textposition="outside", cliponaxis=False, customdata=top[["code", "which"]],
                               hovertemplate="%{y}: %{x} boards<br>%{customdata[1]}<extra></extra>"))
    fig.update_xaxes(title="Number of boards", rangemode="tozero", dtick=1 if top["boards"].max() <= 10 else None)
    common.sized(fig, 80 + 28 * len(top))

    def pick(points: list[dict]) -> pd.DataFrame:
        code = common.custom(points[0], 0)
        rows = compare.load(compare.SQL_THEME_EVIDENCE_PAGE, f, code=code, limit=common.ROW_LIMIT)
        return tables.evidence_table(rows)

    common.chart(fig, "boards per theme", f"What the boards talked about: the {TOP} most widely discussed themes",
                 per_theme.rename(columns={"theme": "Theme", "boards": "Boards", "which": "Which boards"})
                 .drop(columns="code"), pick=pick)


def _sources(totals: pd.Series) -> None:
    st.subheader("Where the data came from")
    info = compare.load(compare.SQL_BUILD_INFO)
    built = info.loc[info["key"] == "built_at", "value"]
    when = pd.to_datetime(built.iloc[0]) if len(built) else None
    when = f"{format_date(when)} at {when:%H:%M %Z}" if when is not None else "an unknown date"
    st.markdown(f"Minutes of council committees, read from {int(totals.n_documents)} documents. "
                f"The database was built on **{plain(when)}**.")
    log = tables.ingest_outcomes(compare.load(compare.SQL_INGEST_OUTCOMES))
    if not log.empty:
        common.show_table(log, "what the build did with each file")
    other = info[info["key"] != "built_at"]
    if not other.empty:
        with st.expander("Build details"):
            st.dataframe(pd.DataFrame({"Detail": other["key"].str.replace("_", " ").str.capitalize(),
                                       "Value": other["value"]}), hide_index=True)
