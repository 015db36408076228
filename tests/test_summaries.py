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

from boardcompare import compare, fairness, search
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
    read = set(VIEWS.values()) | {"figure_medians", "metric_cells", "concern_cells", "concern_kind_cells"}
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
# The queries as they were before they read the summaries (on the views of every mention).
OLD_QUERIES = {
    "SQL_THEME_CELLS": f"""
SELECT board_id, {compare.BOARD}, code, theme, count(*) AS n_sentences,
       string_agg(DISTINCT period, ', ' ORDER BY period) AS years,
       arg_min(sentence, (period_start, start_offset)) AS first_sentence
FROM v_theme_evidence WHERE {compare.FILTER_SQL}
GROUP BY board_id, board, code, theme
""",
    "SQL_BOARDS_PER_THEME": f"""
SELECT code, theme, count(DISTINCT board_id) AS boards,
       string_agg(DISTINCT {compare.BOARD_NAME}, ', ' ORDER BY {compare.BOARD_NAME}) AS which
FROM v_theme_evidence WHERE {compare.FILTER_SQL}
GROUP BY code, theme ORDER BY boards DESC, theme
""",
    "SQL_CONCERN_SUMMARY": f"""
SELECT code, theme, count(DISTINCT board_id) AS n_boards, count(*) AS n_times,
       coalesce(string_agg(DISTINCT period, ', ' ORDER BY period)
                FILTER (WHERE period_start IS NOT NULL), '') AS years,
       string_agg(DISTINCT {compare.BOARD_NAME}, ', ' ORDER BY {compare.BOARD_NAME}) AS raised_at,
       string_agg(DISTINCT kind_label, '; ' ORDER BY kind_label) AS kinds
FROM v_concerns WHERE {compare.FILTER_SQL}
GROUP BY code, theme
""",
    "SQL_CONCERN_KINDS": f"""
SELECT k.code AS kind, k.label AS kind_label, count(s.sentence) AS n_sentences,
       count(DISTINCT s.board_id) AS n_boards,
       coalesce(string_agg(DISTINCT s.raised_by, '; ' ORDER BY s.raised_by), '') AS raised_by
FROM concern_kinds AS k
LEFT JOIN (SELECT * FROM v_concern_sentences WHERE {compare.FILTER_SQL}) AS s ON s.kind = k.code
GROUP BY k.code, k.label
ORDER BY n_sentences DESC, kind_label
""",
    "SQL_CONCERN_TIMELINE": f"""
SELECT code, theme, period_start, period, count(DISTINCT board_id) AS n_boards,
       string_agg(DISTINCT {compare.BOARD_NAME}, ', ' ORDER BY {compare.BOARD_NAME}) AS boards,
       arg_min(sentence, (board_id, start_offset)) AS first_sentence
FROM v_concerns WHERE {compare.FILTER_SQL} AND period_start IS NOT NULL
GROUP BY code, theme, period_start, period
ORDER BY period_start, theme
""",
    "SQL_METRIC_SUMMARY": f"""
SELECT name, unit, metric, count(DISTINCT board_id) AS n_boards, count(*) AS n_rows,
       count(*) OVER (PARTITION BY metric) AS n_units
FROM v_metrics WHERE {compare.FILTER_SQL}
GROUP BY name, unit, metric
ORDER BY n_boards DESC, metric, unit
""",
}


@pytest.mark.parametrize("name", sorted(OLD_QUERIES))
@pytest.mark.parametrize("filters", FILTERS.values(), ids=FILTERS.keys())
def test_rewritten_query_gives_what_the_old_one_gave(fixture_db, name, filters):
    params = filters.params()
    now = query_df(getattr(compare, name), params, path=fixture_db)
    before = query_df(OLD_QUERIES[name], params, path=fixture_db)
    assert before.dtypes.tolist() == now.dtypes.tolist()
    if "ORDER BY" in OLD_QUERIES[name].split("GROUP BY")[-1]:
        pd.testing.assert_frame_equal(now, before)  # the same order too
    else:
        same_rows(now, before)


def test_the_filters_cover_rows_and_no_rows(fixture_db):
    counts = [len(query_df(compare.SQL_THEME_CELLS, f.params(), path=fixture_db)) for f in FILTERS.values()]
    assert min(counts) == 0 and len(set(counts)) > 3


# fairness.SQL_THEME_SHARES as it was: the themes of the peers' reports, by report id.
OLD_THEME_SHARES = """
SELECT x.code, x.label, x.applies_from,
       coalesce(list(DISTINCT e.local_authority ORDER BY e.local_authority)
                FILTER (WHERE e.local_authority IS NOT NULL), []) AS boards
FROM theme_taxonomy AS x
LEFT JOIN v_theme_evidence AS e
  ON e.code = x.code AND e.report_id IN (SELECT unnest($reports::VARCHAR[]))
GROUP BY x.code, x.label, x.applies_from
"""


@pytest.mark.parametrize("board", ["northshire", "midcaster", "kingsmoor"])
@pytest.mark.parametrize("window", [(2017, 2017), (2016, 2018), (2019, 2019), (None, None)])
def test_theme_shares_as_before(fixture_db, board, window):
    lo, hi = window
    peers = query_df(fairness.SQL_THEME_PEERS, {"board": board, "lo": lo, "hi": hi}, path=fixture_db)
    before = query_df(OLD_THEME_SHARES, {"reports": list(peers["report_id"])}, path=fixture_db)
    now = query_df(fairness.SQL_THEME_SHARES, {"board": board, "lo": lo, "hi": hi}, path=fixture_db)
    key = ["code"]
    before, now = before.sort_values(key).reset_index(drop=True), now.sort_values(key).reset_index(drop=True)
    assert before["boards"].map(list).tolist() == now["boards"].map(list).tolist()
    if (board, window) == ("northshire", (2017, 2017)):
        assert now["boards"].map(len).max() >= 5  # the case compares something
    pd.testing.assert_frame_equal(before.drop(columns="boards"), now.drop(columns="boards"))


# search.SQL_SEARCH and SQL_SEARCH_COUNT as they were: every matching document checked against its
# reports with EXISTS, and joined to documents (and its text) directly.
OLD_MATCHES = """
WITH wanted AS (SELECT DISTINCT unnest($terms::TEXT[]) AS term),
hits AS (SELECT term, document_id, n, n_words FROM search_terms JOIN wanted USING (term)),
df AS (SELECT term, count(*) AS df FROM hits GROUP BY term),
matches AS (
    SELECT h.document_id,
           sum(ln(1 + (s.n_documents - df.df + 0.5) / (df.df + 0.5))
               * h.n * 2.2 / (h.n + 1.2 * (0.25 + 0.75 * h.n_words / s.avg_words))) AS score
    FROM hits AS h JOIN df USING (term), search_stats AS s
    GROUP BY h.document_id
    HAVING count(*) = (SELECT count(*) FROM wanted)
)
"""
OLD_FILTERED = """
SELECT m.* FROM matches AS m
WHERE ($boards IS NULL AND $y0 IS NULL AND $y1 IS NULL)
   OR EXISTS (SELECT 1 FROM reports AS r WHERE r.document_id = m.document_id AND r.is_board_report
              AND ($boards IS NULL OR r.board_id = ANY($boards))
              AND ($y0 IS NULL OR r.period_start >= $y0) AND ($y1 IS NULL OR r.period_start <= $y1))
"""
OLD_SEARCH_COUNT = OLD_MATCHES + f"SELECT count(*) AS n FROM ({OLD_FILTERED})"
OLD_SEARCH = OLD_MATCHES + f"""
, ranked AS ({OLD_FILTERED} ORDER BY m.score DESC, m.document_id LIMIT $limit)
SELECT d.document_id, d.file_name, d.is_board_document, d.text, k.score,
       (SELECT string_agg(DISTINCT coalesce(b.local_authority, r.board_name), ', ')
        FROM reports r LEFT JOIN boards b USING (board_id)
        WHERE r.document_id = d.document_id AND r.is_board_report) AS boards,
       (SELECT string_agg(DISTINCT r.period, ', ')
        FROM reports r WHERE r.document_id = d.document_id AND r.is_board_report) AS periods
FROM ranked AS k JOIN documents AS d USING (document_id)
ORDER BY k.score DESC, d.file_name
"""


@pytest.mark.parametrize("words", ["neglect", '"information sharing"', "training board", "planning", "nothing-like-it"])
@pytest.mark.parametrize("filters", FILTERS.values(), ids=FILTERS.keys())
def test_search_as_before(fixture_db, words, filters):
    params = filters.params() | search.search_params(words)
    before = query_df(OLD_SEARCH_COUNT, params, path=fixture_db)
    pd.testing.assert_frame_equal(query_df(search.SQL_SEARCH_COUNT, params, path=fixture_db), before)
    before = query_df(OLD_SEARCH, params | {"limit": 3}, path=fixture_db)
    pd.testing.assert_frame_equal(query_df(search.SQL_SEARCH, params | {"limit": 3}, path=fixture_db), before)


def test_search_cases_find_documents(fixture_db):
    params = compare.Filters().params() | search.search_params("neglect") | {"limit": 3}
    found = query_df(search.SQL_SEARCH, params, path=fixture_db)
    assert len(found) == 3 and found["boards"].notna().all() and found["text"].str.contains("eglect").all()
