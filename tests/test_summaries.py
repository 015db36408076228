"""The summary tables the views read (boardcompare/build/summaries.py) hold what the views used to compute.

Grouped by what they exercise: each view against its definition run on the base tables alone; the
page queries rewritten to read the summaries against the queries they replace, over several
filters; and a database changed after it was built, then summarised again. That an incremental
build keeps them equal to a full build is tests/test_incremental.py's (the tables are in CONTENT).
"""

from __future__ import annotations

import shutil

import duckdb
import pandas as pd
import pytest

from boardcompare import compare
from boardcompare.build.summaries import SUMMARY_TABLES, summaries, write_summaries
from boardcompare.db import query_df

# Each view and the summary table it reads (the view may show only some of the table's columns).
VIEWS = {
    "v_reports": "report_rows", "v_theme_evidence": "theme_rows", "v_theme_coverage": "theme_coverage",
    "v_metrics": "metric_rows", "v_concerns": "concern_rows", "v_actions": "action_rows",
    "v_concern_sentences": "concern_sentence_rows", "v_figure_values": "figure_values",
}
# v_figure_medians as it was defined on v_figure_values before the summaries.
OLD_FIGURE_MEDIANS = """
SELECT name, metric, unit, period, period_start, count(*) AS n_boards,
       string_agg(local_authority, ', ' ORDER BY local_authority) AS boards,
       CASE WHEN count(*) >= any_value(r.min_boards) THEN median(value) END AS median,
       min(value) AS lowest, max(value) AS highest
FROM v_figure_values, v_comparison_rules AS r
GROUP BY name, metric, unit, period, period_start
"""


def from_base_tables(table: str) -> str:
    """The SELECT of ``table`` with every summary table it reads computed on the spot from the base
    tables (each summary's definition as a CTE of the same name), so no summary table is read."""
    chain = []
    for s in summaries():
        chain.append(f"{s.table} AS ({s.select})")
        if s.table == table:
            return f"WITH {', '.join(chain)} SELECT * FROM {table}"
    raise KeyError(table)


def same_rows(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """Equal as multisets of rows (order aside), column by column."""
    assert list(a.columns) == list(b.columns)
    assert len(a) == len(b)
    key = list(a.columns)
    a = a.astype(str).sort_values(key).reset_index(drop=True)
    b = b.astype(str).sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)


# --------------------------------------------------------------------------------------------
# Views against their definitions


def test_every_summary_table_is_read_by_a_view_or_a_page_query():
    read = set(VIEWS.values()) | {"figure_medians", "metric_cells"}
    assert set(SUMMARY_TABLES) == read


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_view_equals_its_definition_on_the_base_tables(fixture_db, view):
    shown = query_df(f"SELECT * FROM {view}", path=fixture_db)
    assert len(shown), f"the fixture gives {view} no rows: the comparison would prove nothing"
    columns = ", ".join(f'"{c}"' for c in shown.columns)
    defined = query_df(f"SELECT {columns} FROM ({from_base_tables(VIEWS[view])})", path=fixture_db)
    same_rows(shown, defined)


def test_figure_medians_as_before(fixture_db):
    now = query_df("SELECT * FROM v_figure_medians", path=fixture_db)
    assert now["median"].notna().any() and now["median"].isna().any()
    same_rows(now, query_df(OLD_FIGURE_MEDIANS, path=fixture_db))


def test_summaries_of_a_changed_database_follow_the_change(fixture_db, tmp_path):
    path = tmp_path / "changed.duckdb"
    shutil.copy(fixture_db, path)
    with duckdb.connect(str(path)) as con:
        con.execute("DELETE FROM theme_mentions WHERE code = 'neglect'")
        con.execute("UPDATE reports SET committee = 'Cabinet' WHERE board_id = 'northshire'")
        write_summaries(con)
    assert query_df("SELECT count(*) AS n FROM v_theme_coverage WHERE code = 'neglect'", path=path)["n"][0] == 0
    committees = query_df("SELECT DISTINCT committee FROM v_metrics WHERE board_id = 'northshire'", path=path)
    assert committees["committee"].tolist() == ["Cabinet"]
    for view, table in VIEWS.items():
        shown = query_df(f"SELECT * FROM {view}", path=path)
        columns = ", ".join(f'"{c}"' for c in shown.columns)
        same_rows(shown, query_df(f"SELECT {columns} FROM ({from_base_tables(table)})", path=path))


# --------------------------------------------------------------------------------------------
# Page queries rewritten to read the summaries, against the queries they replace

FILTERS = {
    "everything": compare.Filters(),
    "one board": compare.Filters(("northshire",)),
    "three boards": compare.Filters(("northshire", "eastborough", "westford")),
    "one year": compare.Filters((), 2017, 2017),
    "years and boards": compare.Filters(("northshire", "hillbury"), 2016, 2018),
    "nothing": compare.Filters(("no-such-board",)),
}
