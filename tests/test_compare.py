"""The comparison queries and their pandas shaping, on the fixture database (no Streamlit)."""

import pandas as pd
import pytest

from boardcompare import compare
from boardcompare.db import query_df
from boardcompare.display_text import EMAIL_MASK, PHONE_MASK, highlight_html, safe_text, snippets
from boardcompare.search import search_params

ALL = compare.Filters()


def q(fixture_db, sql, filters=ALL, **extra):
    return query_df(sql, {**filters.params(), **extra}, path=fixture_db)


def test_board_filter_keeps_only_the_chosen_boards(fixture_db):
    df = q(fixture_db, compare.SQL_REPORTS, compare.Filters(("northshire", "westford")))
    assert set(df.board_id) == {"northshire", "westford"}
    assert len(df) == 3


def test_year_filter_bounds_both_ends(fixture_db):
    df = q(fixture_db, compare.SQL_REPORTS, compare.Filters((), 2017, 2018))
    assert set(df.period) == {"2017-18", "2018-19"}
    assert set(q(fixture_db, compare.SQL_REPORTS, compare.Filters((), 2019, None)).board_id) == {"westford"}


def test_reviews_not_stated_is_never_zero(fixture_db):
    by_year = compare.reviews_by_board_year(q(fixture_db, compare.SQL_REVIEWS))
    row = by_year.set_index(["board_id", "period"])
    assert pd.isna(row.loc[("northshire", "2017-18"), "reviews"])
    assert row.loc[("northshire", "2017-18"), "shown"] == compare.NOT_STATED
    assert row.loc[("midcaster", "2018-19"), "shown"] == compare.NOT_STATED
    assert row.loc[("westford", "2019-20"), "shown"] == "0"
    assert row.loc[("southvale", "2017-18"), "reviews"] == 3
    grid = compare.reviews_grid(by_year).set_index("Board")
    assert grid.loc["Northshire", "2017-18"] == compare.NOT_STATED
    assert grid.loc["Northshire", "2016-17"] == "2"
    assert grid.loc["Northshire", "2019-20"] == "no report"


def test_reviews_change_name_from_2019(fixture_db):
    by_year = compare.reviews_by_board_year(q(fixture_db, compare.SQL_REVIEWS)).set_index("board_id")
    assert by_year.loc["westford", "review_type"] == "Local child safeguarding practice reviews"
    assert by_year.loc["eastborough", "review_type"] == "Serious case reviews"


def test_board_against_other_boards_median(fixture_db):
    rows = q(fixture_db, compare.SQL_BOARD_VS_MEDIAN, board="northshire")
    versus = compare.vs_median_table(rows).set_index("Figure")
    # Northshire 31; the others: Eastborough 18, Southvale 25.
    assert versus.loc["Child death notifications", "value"] == 31
    assert versus.loc["Child death notifications", "median"] == pytest.approx(21.5)
    assert versus.loc["Child death notifications", "Other boards reporting"] == 2
    # Its latest training figure (700 in 2017-18), not the earlier 640.
    assert versus.loc["People trained", "This board"] == "700"
    assert versus.loc["People trained", "median"] == 410


def test_median_left_empty_when_no_other_board_reports_the_figure(fixture_db):
    rows = q(fixture_db, compare.SQL_BOARD_VS_MEDIAN, board="midcaster")
    versus = compare.vs_median_table(rows).set_index("Figure")
    assert versus.loc["Board budget", "This board"] == "£245,000"
    assert versus.loc["Board budget", "median"] is None
    assert versus.loc["Board budget", "Other boards reporting"] == 0


def test_theme_gaps_name_what_most_others_covered(fixture_db):
    coverage = q(fixture_db, compare.SQL_COVERAGE)
    boards = sorted(set(coverage.board_id))
    gaps = compare.theme_gaps(coverage, "midcaster", boards).set_index("code")
    assert bool(gaps.loc["neglect", "gap"])  # 3 of the 4 other boards discussed neglect
    assert gaps.loc["neglect", "Other boards"] == 3
    assert not bool(gaps.loc["training", "gap"])  # only 2 of 4
    assert bool(gaps.loc["voice_of_child", "Covered"])
    assert not compare.theme_gaps(coverage, "northshire", boards)["gap"].any()


def test_theme_matrix_uses_labels_and_counts_sentences(fixture_db):
    matrix = compare.theme_matrix(q(fixture_db, compare.SQL_COVERAGE))
    assert "Information sharing" in matrix.columns and "information_sharing" not in matrix.columns
    assert matrix.loc["Northshire", "Neglect"] == 2
    assert matrix.loc["Eastborough", "Neglect"] == 0
    assert matrix.columns[0] == "Neglect"  # discussed by the most boards


def test_concerns_information_sharing_first_with_board_count(fixture_db):
    concerns = q(fixture_db, compare.SQL_CONCERNS)
    summary = compare.concern_summary(concerns)
    first = summary.iloc[0]
    assert first["code"] == "information_sharing"
    assert first["Boards"] == 2 and first["Times raised"] == 3
    assert first["Years"] == "2016-17, 2017-18, 2019-20"
    timeline = compare.concern_timeline(concerns)
    assert timeline["Boards"].sum() == len(concerns.drop_duplicates(["board_id", "period", "code"]))


def test_other_boards_on_a_concern_exclude_those_who_raised_it(fixture_db):
    concerns = q(fixture_db, compare.SQL_CONCERNS)
    evidence = q(fixture_db, compare.SQL_THEME_EVIDENCE, code="information_sharing")
    others = compare.other_boards_on_theme(evidence, concerns, "information_sharing")
    assert set(others["Board"]) == {"Southvale"}


def test_comparable_metrics_need_two_boards(fixture_db):
    metrics = q(fixture_db, compare.SQL_METRICS)
    assert compare.comparable_metrics(metrics) == [
        "Child death notifications", "Serious case reviews", "People trained"]
    assert compare.comparable_metrics(metrics[metrics.board_id == "northshire"]) == []
    summary = q(fixture_db, compare.SQL_METRIC_SUMMARY)  # the same list, counted in SQL
    assert list(summary.loc[summary.n_boards >= 2, "metric"]) == compare.comparable_metrics(metrics)
    assert summary["n_rows"].sum() == len(metrics)


def test_metric_by_year_keeps_the_latest_mention_per_board_and_year(fixture_db):
    metrics = q(fixture_db, compare.SQL_METRICS)
    for metric in metrics["metric"].unique():
        one = q(fixture_db, compare.SQL_METRIC_BY_YEAR, metric=metric)
        every = metrics[metrics.metric == metric]
        assert len(one) == len(every.drop_duplicates(["board_id", "name", "period"]))
        assert set(one["value"]) <= set(every["value"])
        # each board's latest figure is the same whether taken from all rows or the per-year ones
        pairs = compare.latest_values(one)[["board_id", "value"]]
        assert sorted(map(tuple, pairs.values)) == sorted(
            map(tuple, compare.latest_values(every)[["board_id", "value"]].values))


def test_metrics_page_query_is_limited_and_filtered(fixture_db):
    assert len(q(fixture_db, compare.SQL_METRICS_PAGE, metric=None, limit=5)) == 5
    assert len(q(fixture_db, compare.SQL_METRICS_PAGE, metric=None, limit=None)) == len(
        q(fixture_db, compare.SQL_METRICS))
    one = q(fixture_db, compare.SQL_METRICS_PAGE, metric="People trained", limit=None)
    assert set(one["metric"]) == {"People trained"} and len(one) > 1


def test_latest_report_per_board(fixture_db):
    latest = compare.latest_per_board(q(fixture_db, compare.SQL_REPORTS)).set_index("board_id")
    assert latest.loc["northshire", "period"] == "2017-18"
    assert len(latest) == 5


def test_documents_include_those_not_about_a_board_and_why(fixture_db):
    table = compare.documents_table(q(fixture_db, compare.SQL_DOCUMENTS)).set_index("Document")
    assert table.loc["planning.txt", "About a board?"] == "no"
    assert "does not mention" in table.loc["planning.txt", "Why not"]
    assert table.loc["northshire_2016-17.txt", "Themes"] == 4
    filtered = q(fixture_db, compare.SQL_DOCUMENTS, compare.Filters(("westford",)))
    assert list(filtered.file_name) == ["westford_2019-20.txt"]


def test_search_is_case_insensitive_and_follows_filters(fixture_db):
    hits = q(fixture_db, compare.SQL_SEARCH, **search_params("PLANNING APPLICATION"), limit=10)
    assert list(hits.file_name) == ["planning.txt"]
    assert q(fixture_db, compare.SQL_SEARCH_COUNT, **search_params("neglect"))["n"].iloc[0] == 4
    only = q(fixture_db, compare.SQL_SEARCH, compare.Filters(("southvale",)), **search_params("neglect"), limit=10)
    assert list(only.boards) == ["Southvale"]
    assert q(fixture_db, compare.SQL_SEARCH_COUNT, **search_params("'; DROP TABLE documents; --"))["n"].iloc[0] == 0


def test_minutes_text_is_masked_and_escaped(fixture_db):
    text = q(fixture_db, compare.SQL_SEARCH, **search_params("Jo Bloggs"), limit=1)["text"].iloc[0]
    shown = safe_text(text)
    assert "jo.bloggs@example.gov.uk" not in shown and "0161 474 5657" not in shown
    assert EMAIL_MASK in shown and PHONE_MASK in shown
    marked = highlight_html(snippets(text, "bloggs")[0], "bloggs")
    assert "<script>" not in marked and "&lt;script&gt;" in marked
    assert "<b>" not in marked and "<mark>Bloggs</mark>" in marked


def test_metric_table_formats_units_with_sentence(fixture_db):
    table = compare.metric_table(q(fixture_db, compare.SQL_METRICS)).set_index("Figure")
    assert table.loc["Board budget", "Value"] == "£245,000"
    assert table.loc["Schools responding to the safeguarding audit", "Value"] == "82%"
    assert "board budget" in table.loc["Board budget", "Sentence in the minutes"]


def test_latest_values_keep_one_figure_per_board_and_metric(fixture_db):
    latest = compare.latest_values(q(fixture_db, compare.SQL_METRICS))
    assert not latest.duplicated(["board_id", "name"]).any()
    training = latest[latest.name == "training_attendees"].set_index("board_id")["value"]
    assert training.to_dict() == {"northshire": 700, "eastborough": 410}


@pytest.mark.parametrize("filters", [ALL, compare.Filters(("northshire", "westford")),
                                     compare.Filters((), 2017, 2018)])
def test_sql_aggregates_match_the_row_level_shaping(fixture_db, filters):
    reports = q(fixture_db, compare.SQL_REPORTS, filters)
    totals = q(fixture_db, compare.SQL_REPORT_TOTALS, filters).iloc[0]
    assert (totals.n_boards, totals.n_reports, totals.n_years, totals.n_documents) == (
        reports.board_id.nunique(), len(reports), reports.period.nunique(), reports.document_id.nunique())
    latest = q(fixture_db, compare.SQL_LATEST_REPORTS, filters)
    assert list(latest.report_id) == list(compare.latest_per_board(reports).report_id)

    by_year = compare.reviews_by_board_year(q(fixture_db, compare.SQL_REVIEWS_BY_YEAR, filters))
    pd.testing.assert_frame_equal(by_year, compare.reviews_by_board_year(q(fixture_db, compare.SQL_REVIEWS, filters)))

    concerns = q(fixture_db, compare.SQL_CONCERNS, filters)
    summary = compare.concern_summary_table(q(fixture_db, compare.SQL_CONCERN_SUMMARY, filters))
    expected = compare.concern_summary(concerns)
    pd.testing.assert_frame_equal(summary, expected, check_dtype=False)
    timeline = compare.concern_timeline_table(q(fixture_db, compare.SQL_CONCERN_TIMELINE, filters))
    pd.testing.assert_frame_equal(timeline, compare.concern_timeline(concerns), check_dtype=False)
    for code in expected.code:
        quotes = q(fixture_db, compare.SQL_CONCERN_QUOTES, filters, code=code, limit=None)
        assert len(quotes) == int(expected.set_index("code").loc[code, "Times raised"])
        evidence = q(fixture_db, compare.SQL_THEME_EVIDENCE, filters, code=code)
        others = compare.other_boards_on_theme(evidence, concerns, code)
        limited = q(fixture_db, compare.SQL_OTHER_BOARDS_EVIDENCE, filters, code=code, limit=None)
        pd.testing.assert_frame_equal(compare.evidence_table(limited), others, check_dtype=False)
        assert q(fixture_db, compare.SQL_OTHER_BOARDS_COUNT, filters, code=code).n.iloc[0] == len(others)


def test_ingest_outcomes_counted_in_sql_match_the_log(fixture_db):
    counted = compare.ingest_outcomes(query_df(compare.SQL_INGEST_OUTCOMES, path=fixture_db))
    expected = compare.ingest_summary(query_df(compare.SQL_INGEST_LOG, path=fixture_db))
    assert dict(zip(counted["What happened"], counted["Files"], strict=True)) == dict(
        zip(expected["What happened"], expected["Files"], strict=True))
    assert list(counted["Files"]) == sorted(counted["Files"], reverse=True)


def test_documents_page_and_count_agree_with_the_full_list(fixture_db):
    for filters in (ALL, compare.Filters(("westford",))):
        every = q(fixture_db, compare.SQL_DOCUMENTS, filters)
        assert q(fixture_db, compare.SQL_DOCUMENTS_COUNT, filters).n.iloc[0] == len(every)
        first = q(fixture_db, compare.SQL_DOCUMENTS_PAGE, filters, limit=2)
        assert list(first.document_id) == list(every.document_id[:2])


@pytest.mark.parametrize("code", [None, "neglect", "information_sharing"])
def test_theme_evidence_page_keeps_the_order_and_counts_all(fixture_db, code):
    every = q(fixture_db, compare.SQL_THEME_EVIDENCE, code=code)
    if code is None:
        every = every.sort_values(["theme", "period_start"])
    page = q(fixture_db, compare.SQL_THEME_EVIDENCE_PAGE, code=code, limit=None)
    assert list(page.sentence) == list(every.sentence)
    assert q(fixture_db, compare.SQL_THEME_EVIDENCE_COUNT, code=code).n.iloc[0] == len(every)
    assert len(q(fixture_db, compare.SQL_THEME_EVIDENCE_PAGE, code=code, limit=2)) == min(2, len(every))
