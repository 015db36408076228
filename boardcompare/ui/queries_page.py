"""The Queries page: the query files in queries/, and a free read-only SQL box.

Each query file brings its title, description, SQL, parameters and chart (see
boardcompare.queries); everything runs through boardcompare.sqlguard, so a refused or
failing statement is a plain message and the page keeps working.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from boardcompare import sqlguard
from boardcompare.display import csv_bytes, mask_contacts, plain
from boardcompare.errors import EXPECTED
from boardcompare.paths import default_db_path, queries_dir
from boardcompare.queries import ChartSpec, QuerySpec, load_queries, param_choices, run_query
from boardcompare.tables import not_stated_blank
from boardcompare.ui import links
from boardcompare.ui.common import MISSING_DB, OKABE_ITO, SEQUENTIAL, show_error

EXAMPLE_SQL = "SELECT local_authority, period, scr_count\nFROM v_reviews\nORDER BY local_authority, period"
_PERIOD = re.compile(
    r"""
    \d{4}-\d{2}     # a reporting year such as 2017-18
    """,
    re.VERBOSE,
)
READABLE = (
    "v_reports, v_theme_coverage, v_theme_evidence, v_metrics, v_reviews, v_concerns, v_actions, "
    "v_documents, theme_taxonomy, metric_catalogue"
)


def heading(column: str) -> str:
    """A result column as a table or axis heading.

    >>> heading("other_boards_covering")
    'Other boards covering'
    """
    return column.replace("_", " ").strip().capitalize()


def make_figure(chart: ChartSpec, df: pd.DataFrame, title: str) -> go.Figure:
    """The chart a query file declares, drawn from its result."""
    labels = {c: heading(str(c)) for c in df.columns}
    data = df.astype(object).where(df.notna(), None)  # plotly wants None, not pd.NA
    if chart.kind == "heatmap":
        matrix = df.pivot_table(index=chart.y, columns=chart.x, values=chart.z, aggfunc="sum", sort=False)
        fig = px.imshow(matrix, text_auto=True, aspect="auto", color_continuous_scale=SEQUENTIAL,
                        labels={"x": heading(chart.x), "y": heading(chart.y), "color": heading(chart.z)})
        fig.update_xaxes(side="top")
        fig.update_layout(height=max(350, 120 + 28 * len(matrix.index)))
    else:
        draw = {"bar": px.bar, "line": px.line, "scatter": px.scatter}[chart.kind]
        extra = {"markers": True} if chart.kind == "line" else {}
        fig = draw(data, x=chart.x, y=chart.y, color=chart.color, labels=labels,
                   color_discrete_sequence=OKABE_ITO, **extra)
        if chart.kind == "bar" and chart.color:
            fig.update_layout(barmode="group")
        if df[chart.x].astype(str).str.fullmatch(_PERIOD).all():
            fig.update_xaxes(categoryorder="category ascending")  # years in order, whatever the rows' order
    fig.update_layout(title={"text": title, "x": 0}, legend_title_text=heading(chart.color or ""),
                      margin={"l": 10, "r": 10, "t": 60, "b": 10}, font={"size": 13})
    return fig


def _column_config(df: pd.DataFrame) -> dict:
    return {c: st.column_config.Column(heading(str(c))) for c in df.columns}


def masked(df: pd.DataFrame) -> pd.DataFrame:
    """Results with e-mail addresses and phone numbers in text columns masked (minutes text may hold them)."""
    out = df.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(lambda v: mask_contacts(v) if isinstance(v, str) else v)
    return out


def _show_result(df: pd.DataFrame, truncated: bool, name: str, row_cap: int) -> None:
    if df.empty:
        st.info("No rows: the database holds nothing that matches.")
        return
    df = masked(df)
    shown = not_stated_blank(df)  # a blank number is "not stated", never "None" or 0
    st.dataframe(shown, hide_index=True, column_config=_column_config(shown), key=f"table-{name}")
    note = f"{len(df)} rows" + (f": only the first {row_cap:,} are shown" if truncated else "")
    st.caption(note)
    st.download_button("Download this table (CSV)", csv_bytes(df), file_name=f"{name}.csv", mime="text/csv",
                       key=f"csv-{name}", on_click="ignore")


def _runner(db_path: Path):
    return lambda sql: sqlguard.run_readonly(sql, db_path=db_path).df


def _show_query(spec: QuerySpec, db_path: Path) -> None:
    st.subheader(spec.title)
    if spec.description:
        st.write(spec.description)
    with st.expander("The SQL behind this query"):
        st.code(spec.sql, language="sql")
    if not db_path.exists():
        st.info(MISSING_DB)
        return
    try:
        choices = param_choices(spec, _runner(db_path))
    except EXPECTED as err:
        show_error(err, "The choices for this query could not be loaded:")
        return
    values: dict[str, object] = {}
    if spec.params:
        with st.form(f"params-{spec.id}"):
            for param in spec.params:
                options = choices[param.name]
                if not options:
                    st.info(plain(f"There is nothing to choose for {param.label.lower()} yet."))
                    return
                labels = {value: label for value, label in options}
                default = next((v for v, _ in options if str(v) == param.default), options[0][0])
                values[param.name] = links.one(param.label, labels, param.name, what=param.label.lower(),
                                               default=default, widget_key=f"param-{spec.id}-{param.name}")
            st.form_submit_button("Run", key=f"run-{spec.id}")
    try:
        df = run_query(spec, values, db_path)
    except EXPECTED as err:
        show_error(err, "This query could not be run:")
        return
    if spec.chart and not df.empty:
        st.plotly_chart(make_figure(spec.chart, df, spec.title), key=f"chart-{spec.id}",
                        config={"displaylogo": False})
    _show_result(df, df.attrs.get("truncated", False), spec.id, sqlguard.DEFAULT_ROW_CAP)


def _sql_console(db_path: Path) -> None:
    st.header("Your own SQL")
    st.caption(f"{sqlguard.limits_text()} Read the views and tables: {READABLE}.")
    with st.form("free-sql"):
        sql = st.text_area("SQL", value=EXAMPLE_SQL, height=140, key="free_sql")
        submitted = st.form_submit_button("Run SQL", key="run-free-sql")
    if submitted:
        try:
            st.session_state["free_sql_outcome"] = sqlguard.run_readonly(sql, db_path=db_path)
        except EXPECTED as err:
            st.session_state["free_sql_outcome"] = err
    outcome = st.session_state.get("free_sql_outcome")
    if isinstance(outcome, BaseException):
        show_error(outcome, "Refused:" if isinstance(outcome, sqlguard.RefusedSQL) else "")
    elif isinstance(outcome, sqlguard.ReadonlyResult):
        _show_result(outcome.df, outcome.truncated, "your-query", sqlguard.DEFAULT_ROW_CAP)


def _choose_query(by_id: dict[str, QuerySpec]) -> str:
    """The query list, bound to ``?query=`` (its file name, any case); an unknown id is reported."""
    ids = list(by_id)
    wanted = links.asked("query")
    chosen = links.match(wanted[0], {i: i for i in ids}) if wanted else None
    if wanted and chosen is None:
        links.unknown("query", wanted[:1], f"“{by_id[ids[0]].title}”")
    chosen = st.radio("Query", options=ids, index=ids.index(chosen) if chosen else 0,
                      format_func=lambda i: by_id[i].title, key="query")
    if st.query_params.get("query") != chosen:
        st.query_params["query"] = chosen  # a copied link opens the same query
    return chosen


def render() -> None:
    """The Queries page."""
    st.title("Queries")
    st.caption("Ready-made questions, each a SQL file in the queries folder, and a box for your own SQL.")
    specs, errors = load_queries(queries_dir())
    db_path = default_db_path()
    if specs:
        by_id = {spec.id: spec for spec in sorted(specs, key=lambda spec: spec.title.lower())}
        pick, detail = st.columns([1, 2], gap="large")
        with pick:
            chosen = _choose_query(by_id)
        with detail:
            _show_query(by_id[chosen], db_path)
    else:
        st.info(plain(f"There are no query files in {queries_dir().name}."))
    if errors:
        with st.expander(f"Query files that could not be read ({len(errors)})", expanded=True):
            for err in errors:
                st.warning(plain(f"{err.path.name}: {err.reason}"))
    st.divider()
    _sql_console(db_path)
