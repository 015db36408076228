"""What the comparison pages read: bound-parameter queries over the views.

Queries are SQL constants run through :func:`boardcompare.data_access.cached_query` with named
parameters; :class:`Filters` supplies ``$boards``, ``$y0`` and ``$y1``. Shaping the results into
the tables people read is :mod:`boardcompare.tables`; comparing a board with the others is
:mod:`boardcompare.fairness`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from boardcompare.data_access import cached_query
from boardcompare.search import SQL_SEARCH, SQL_SEARCH_COUNT  # noqa: F401 (the pages' queries live here)

INFORMATION_SHARING = "information_sharing"
REVIEWS_CHANGE_YEAR = 2019  # from 2019-20 serious case reviews became practice reviews

# Applied to any view with board_id and period_start. NULL parameters mean "no restriction",
# so the full year range keeps reports whose period could not be read.
FILTER_SQL = (
    "($boards IS NULL OR board_id = ANY($boards))"
    " AND ($y0 IS NULL OR period_start >= $y0)"
    " AND ($y1 IS NULL OR period_start <= $y1)"
)
BOARD_NAME = "coalesce(local_authority, board_id, 'Board not identified')"
BOARD = f"{BOARD_NAME} AS board"
WHERE_SEEN = "committee, meeting_date, file_name"


@dataclass(frozen=True)
class Filters:
    """The boards (empty: every board) and first and last years (None: no limit) being compared."""

    boards: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None

    def params(self) -> dict:
        """The bound parameters $boards, $y0 and $y1."""
        return {"boards": list(self.boards) or None, "y0": self.year_from, "y1": self.year_to}


def load(sql: str, filters: Filters | None = None, **extra) -> pd.DataFrame:
    """Run one of the SQL constants below (cached), binding the filters' parameters and any extra ones."""
    params = filters.params() if filters is not None else {}
    params.update(extra)
    return cached_query(sql, params)


SQL_BOARDS = """
SELECT board_id, coalesce(any_value(local_authority), any_value(board_name)) AS board
FROM v_reports WHERE board_id IS NOT NULL GROUP BY board_id ORDER BY board
"""
SQL_PERIODS = """
SELECT DISTINCT period, period_start FROM v_reports WHERE period IS NOT NULL ORDER BY period_start
"""
SQL_THEMES = "SELECT code, label, description, applies_from FROM theme_taxonomy ORDER BY label"
SQL_REPORTS = f"""
SELECT report_id, document_id, board_id, coalesce(local_authority, board_name) AS board, board_name,
       board_kind, period, period_start, period_inferred, {WHERE_SEEN}, presenter_role, source_url
FROM v_reports WHERE {FILTER_SQL}
ORDER BY board, period_start, meeting_date
"""
# One board's reports ($board), latest first.
SQL_BOARD_REPORTS = f"""
SELECT report_id, period, period_start, period_inferred, {WHERE_SEEN}
FROM v_reports WHERE board_id = $board
ORDER BY period_start DESC NULLS LAST, meeting_date DESC NULLS LAST, report_id
"""
SQL_DOCUMENT_TOTALS = """
SELECT count(*) AS n_documents, count(*) FILTER (WHERE NOT is_board_document) AS n_not_board
FROM documents
"""
SQL_BUILD_INFO = "SELECT key, value FROM build_info ORDER BY key"
SQL_INGEST_LOG = "SELECT path, outcome, message, document_id FROM ingest_log ORDER BY path"
SQL_INGEST_LOG_PAGE = SQL_INGEST_LOG + "\nLIMIT $limit"
SQL_INGEST_OUTCOMES = "SELECT outcome, count(*) AS files FROM ingest_log GROUP BY outcome ORDER BY files DESC, outcome"
SQL_COVERAGE = f"""
SELECT board_id, {BOARD}, period, period_start, code, theme, n_sentences
FROM v_theme_coverage WHERE {FILTER_SQL}
"""
# Board × theme over the chosen years: sentences, years, and the first sentence (for hovering), from the
# board × year × theme counts the build writes (theme_coverage: each year's count and first sentence; a
# board's years there are distinct already).
SQL_THEME_CELLS = f"""
SELECT board_id, {BOARD}, code, theme, CAST(sum(n_sentences) AS BIGINT) AS n_sentences,
       array_to_string(list_sort(list(period) FILTER (WHERE period IS NOT NULL)), ', ') AS years,
       arg_min(first_sentence, (period_start, first_offset)) AS first_sentence
FROM theme_coverage WHERE {FILTER_SQL}
GROUP BY board_id, board, code, theme
"""
# Each theme: how many boards discussed it in the chosen years.
SQL_BOARDS_PER_THEME = f"""
SELECT code, theme, count(DISTINCT board_id) AS boards,
       string_agg(DISTINCT {BOARD_NAME}, ', ' ORDER BY {BOARD_NAME}) AS which
FROM v_theme_coverage WHERE {FILTER_SQL}
GROUP BY code, theme ORDER BY boards DESC, theme
"""
EVIDENCE_COLUMNS = f"board_id, {BOARD}, period, period_start, period_inferred, {WHERE_SEEN}, code, theme, sentence"
# The theme sentences for a board and/or theme, first $limit rows (NULL: all); with every theme
# ($code NULL) grouped by theme and year.
THEME_EVIDENCE_WHERE = f"WHERE {FILTER_SQL} AND ($code IS NULL OR code = $code)"
SQL_THEME_EVIDENCE = f"""
SELECT {EVIDENCE_COLUMNS}
FROM v_theme_evidence {THEME_EVIDENCE_WHERE}
ORDER BY board, period_start, start_offset
"""
SQL_THEME_EVIDENCE_PAGE = f"""
SELECT {EVIDENCE_COLUMNS}
FROM v_theme_evidence {THEME_EVIDENCE_WHERE}
ORDER BY CASE WHEN $code IS NULL THEN theme END, CASE WHEN $code IS NULL THEN period_start END,
         board, period_start, start_offset
LIMIT $limit
"""
SQL_THEME_EVIDENCE_COUNT = f"SELECT count(*) AS n FROM v_theme_evidence {THEME_EVIDENCE_WHERE}"

METRIC_COLUMNS = (f"board_id, {BOARD}, period, period_start, period_inferred, {WHERE_SEEN}, metric_no, name,"
                  " metric, value, value_high, unit, value_text, qualifier, sentence")
SQL_METRICS = f"""
SELECT {METRIC_COLUMNS}
FROM v_metrics WHERE {FILTER_SQL}
ORDER BY metric, unit, board, period_start, metric_no
"""
# Each measure (catalogue name and unit) with how many boards report it and how many times (from the
# board × year × measure counts the build writes, metric_cells).
SQL_METRIC_SUMMARY = f"""
SELECT name, unit, metric, count(DISTINCT board_id) AS n_boards, CAST(sum(n_rows) AS BIGINT) AS n_rows,
       count(*) OVER (PARTITION BY metric) AS n_units
FROM metric_cells WHERE {FILTER_SQL}
GROUP BY name, unit, metric
ORDER BY n_boards DESC, metric, unit
"""
# Row-level figures with their sentences, optionally one measure ($name, $unit), first $limit rows.
SQL_METRICS_PAGE = f"""
SELECT {METRIC_COLUMNS}
FROM v_metrics WHERE {FILTER_SQL} AND ($name IS NULL OR (name = $name AND unit = $unit))
ORDER BY metric, unit, board, period_start, metric_no
LIMIT $limit
"""
FIGURE_COLUMNS = (f"board_id, {BOARD}, period, period_start, period_inferred, {WHERE_SEEN}, metric_no, name,"
                  " metric, value, value_high, unit, value_text, qualifier, sentence")
# One measure: each board's figure in each year (v_figure_values decides which mention).
SQL_FIGURE_BY_YEAR = f"""
SELECT {FIGURE_COLUMNS}
FROM v_figure_values WHERE {FILTER_SQL} AND name = $name AND unit = $unit
ORDER BY period_start, board
"""
# One measure: each board's latest year's figure.
SQL_FIGURE_LATEST = f"""
SELECT {FIGURE_COLUMNS}
FROM v_figure_values WHERE {FILTER_SQL} AND name = $name AND unit = $unit
QUALIFY row_number() OVER (PARTITION BY board_id ORDER BY period_start DESC) = 1
ORDER BY value, board
"""
# One measure: the boards' median in each year, when enough boards reported it (v_figure_medians).
SQL_FIGURE_MEDIANS = """
SELECT period, period_start, n_boards, boards, median
FROM v_figure_medians WHERE name = $name AND unit = $unit
  AND ($y0 IS NULL OR period_start >= $y0) AND ($y1 IS NULL OR period_start <= $y1)
ORDER BY period_start
"""
# One board's figures in one report ($report).
SQL_REPORT_FIGURES = f"""
SELECT {METRIC_COLUMNS}, start_offset, end_offset
FROM v_metrics WHERE report_id = $report ORDER BY metric_no
"""
# One board's figures for one year ($board, $period): one value per measure (v_figure_values).
SQL_BOARD_FIGURES = f"""
SELECT {FIGURE_COLUMNS}
FROM v_figure_values WHERE board_id = $board AND period = $period
ORDER BY metric, unit
"""
# One board's review count for one year: the highest stated at any meeting on that report.
SQL_BOARD_REVIEWS = """
SELECT any_value(review_type) AS review_type, max(scr_count) AS scr_count,
       arg_max(scr_sentence, scr_count) AS scr_sentence
FROM v_reviews WHERE board_id = $board AND period = $period
"""
# Each board with the years it has reports for (one row per board and year).
SQL_REPORT_BOARD_YEARS = f"""
SELECT board_id, period, min(period_start) AS period_start
FROM v_reports WHERE {FILTER_SQL} AND board_id IS NOT NULL
GROUP BY board_id, period
ORDER BY board_id, period_start
"""
# Overview: how many boards, reports, years and documents the filters cover.
SQL_REPORT_TOTALS = f"""
SELECT count(DISTINCT board_id) AS n_boards, count(*) AS n_reports, count(DISTINCT period) AS n_years,
       count(DISTINCT document_id) AS n_documents
FROM v_reports WHERE {FILTER_SQL}
"""
# The most recent report of each board (by period, then meeting date).
SQL_LATEST_REPORTS = f"""
SELECT * FROM (
SELECT unnest(arg_max({{'report_id': report_id, 'document_id': document_id, 'board_id': board_id,
    'board': coalesce(local_authority, board_name), 'board_name': board_name, 'board_kind': board_kind,
    'period': period, 'period_start': period_start, 'period_inferred': period_inferred,
    'committee': committee, 'meeting_date': meeting_date,
    'presenter_role': presenter_role, 'file_name': file_name, 'source_url': source_url}},
    (coalesce(period_start, -1), coalesce(meeting_date, DATE '0001-01-01'), report_id)))
FROM v_reports WHERE {FILTER_SQL} AND board_id IS NOT NULL
GROUP BY board_id
)
ORDER BY board
"""
# One row per board, year and kind of review: the highest number of reviews stated (the same report
# presented more than once is not extra reviews) and its sentence; NULL where no number is given.
SQL_REVIEWS_BY_YEAR = f"""
SELECT board_id, {BOARD}, period, period_start, bool_or(period_inferred) AS period_inferred, review_type,
       max(scr_count) AS scr_count, arg_max(scr_sentence, scr_count) AS scr_sentence,
       arg_max(file_name, scr_count) AS file_name
FROM v_reviews WHERE {FILTER_SQL}
GROUP BY board_id, board, period, period_start, review_type
ORDER BY board, period_start
"""
# Each concern (theme) with how many boards raised it, how many sentences, in which years, where
# and of which kinds. A sentence counts once under each theme it is about. From the counts per theme,
# board, year and kind that the build writes (concern_cells).
SQL_CONCERN_SUMMARY = f"""
SELECT code, theme, count(DISTINCT board_id) AS n_boards, CAST(sum(n_times) AS BIGINT) AS n_times,
       coalesce(string_agg(DISTINCT period, ', ' ORDER BY period)
                FILTER (WHERE period_start IS NOT NULL), '') AS years,
       string_agg(DISTINCT {BOARD_NAME}, ', ' ORDER BY {BOARD_NAME}) AS raised_at,
       string_agg(DISTINCT kind_label, '; ' ORDER BY kind_label) AS kinds
FROM concern_cells WHERE {FILTER_SQL}
GROUP BY code, theme
"""
# Concerns by kind: each sentence counted once, however many themes it is about (concern_kind_cells).
SQL_CONCERN_KINDS = f"""
SELECT k.code AS kind, k.label AS kind_label, CAST(coalesce(sum(s.n_sentences), 0) AS BIGINT) AS n_sentences,
       count(DISTINCT s.board_id) AS n_boards,
       coalesce(string_agg(DISTINCT s.raised_by, '; ' ORDER BY s.raised_by), '') AS raised_by
FROM concern_kinds AS k
LEFT JOIN (SELECT * FROM concern_kind_cells WHERE {FILTER_SQL}) AS s ON s.kind = k.code
GROUP BY k.code, k.label
ORDER BY n_sentences DESC, kind_label
"""
SQL_CONCERN_SENTENCE_COUNT = f"SELECT count(*) AS n FROM v_concern_sentences WHERE {FILTER_SQL}"
# Concern × year: how many boards raised it and which, and the first sentence (for hovering).
SQL_CONCERN_TIMELINE = f"""
SELECT code, theme, period_start, period, count(DISTINCT board_id) AS n_boards,
       string_agg(DISTINCT {BOARD_NAME}, ', ' ORDER BY {BOARD_NAME}) AS boards,
       arg_min(first_sentence, (board_id, first_offset)) AS first_sentence
FROM concern_cells WHERE {FILTER_SQL} AND period_start IS NOT NULL
GROUP BY code, theme, period_start, period
ORDER BY period_start, theme
"""
CONCERN_COLUMNS = (f"board_id, {BOARD}, period, period_start, period_inferred, {WHERE_SEEN}, concern_no, code,"
                   " theme, kind, kind_label, raised_by, sentence")
# One concern's quotes ($code; and optionally one year $year), first $limit rows (NULL: all).
SQL_CONCERN_QUOTES = f"""
SELECT {CONCERN_COLUMNS}
FROM v_concerns WHERE {FILTER_SQL} AND code = $code
ORDER BY kind_label, board, period_start, concern_no
LIMIT $limit
"""
# What boards that did not raise concern $code said on the same theme.
OTHER_BOARDS_SQL = f"""
FROM v_theme_evidence AS e WHERE {FILTER_SQL} AND code = $code
  AND NOT EXISTS (SELECT 1 FROM v_concerns AS c
                  WHERE c.code = $code AND c.board_id = e.board_id
                    AND ($y0 IS NULL OR c.period_start >= $y0) AND ($y1 IS NULL OR c.period_start <= $y1))
"""
SQL_OTHER_BOARDS_COUNT = f"SELECT count(*) AS n {OTHER_BOARDS_SQL}"
SQL_OTHER_BOARDS_EVIDENCE = f"""
SELECT {EVIDENCE_COLUMNS}
{OTHER_BOARDS_SQL}
ORDER BY board, period_start, start_offset
LIMIT $limit
"""
SQL_REVIEWS = f"""
SELECT board_id, {BOARD}, period, period_start, period_inferred, {WHERE_SEEN}, scr_count, scr_sentence, review_type
FROM v_reviews WHERE {FILTER_SQL}
ORDER BY board, period_start
"""
SQL_CONCERNS = f"""
SELECT {CONCERN_COLUMNS}
FROM v_concerns WHERE {FILTER_SQL}
ORDER BY board, period_start, concern_no
"""
# Concern sentences, each once with the themes it is about.
SQL_CONCERN_SENTENCES = f"""
SELECT board_id, {BOARD}, period, period_start, period_inferred, {WHERE_SEEN}, concern_no, themes,
       kind, kind_label, raised_by, sentence
FROM v_concern_sentences WHERE {FILTER_SQL}
ORDER BY board, period_start, concern_no
"""
SQL_ACTIONS = f"""
SELECT board_id, {BOARD}, period, period_start, period_inferred, {WHERE_SEEN}, action_no, kind, kind_label,
       follow_up, text, sentence
FROM v_actions WHERE {FILTER_SQL}
ORDER BY board, period_start, action_no
"""
DOCUMENTS_FROM = f"""
FROM (SELECT *, TRY_CAST(left(period, 4) AS INTEGER) AS period_start FROM v_documents)
WHERE ($boards IS NULL AND $y0 IS NULL AND $y1 IS NULL) OR ({FILTER_SQL})
"""
SQL_DOCUMENTS = f"""
SELECT document_id, file_name, source_url, format, n_chars, is_board_document, report_id,
       coalesce(local_authority, board_name) AS board, period, committee, meeting_date, problems,
       n_themes, n_metrics, n_concerns, n_actions
{DOCUMENTS_FROM}
ORDER BY is_board_document, board, period_start, file_name
"""
# The documents list a page at a time ($limit rows; NULL: all), and how many there are.
SQL_DOCUMENTS_PAGE = SQL_DOCUMENTS + "LIMIT $limit\n"
SQL_DOCUMENTS_COUNT = f"SELECT count(*) AS n {DOCUMENTS_FROM}"
# Full-text search: boardcompare/search.py (the term index the build writes, ranked with BM25).
