"""The pages' queries (boardcompare.compare) and their shaping (boardcompare.tables), on the fixture database.

The SQL aggregates are checked against plain pandas reference versions kept here, in the tests
(they are not used by the app).
"""

import shutil

import duckdb
import pandas as pd
import pytest

from boardcompare import compare, tables
from boardcompare.build.summaries import write_summaries
from boardcompare.db import query_df
from boardcompare.display import EMAIL_MASK, PHONE_MASK, highlight_html, safe_text, snippets
from boardcompare.search import search_params

ALL = compare.Filters()


def q(db, sql, filters=ALL, **extra):
    return query_df(sql, {**filters.params(), **extra}, path=db)


# Reference versions of the SQL aggregates -------------------------------------------------------

def ref_latest_per_board(reports: pd.DataFrame) -> pd.DataFrame:
    ordered = reports.sort_values(["period_start", "meeting_date"], na_position="first")
    return ordered.groupby("board_id", sort=False).tail(1).sort_values("board").reset_index(drop=True)


def ref_concern_summary(concerns: pd.DataFrame) -> pd.DataFrame:
    cols = ["code", "Concern", "Boards", "Times raised", "Years", "Raised at", "Kinds"]
    if concerns.empty:
        return pd.DataFrame(columns=cols)
    out = concerns.groupby(["code", "theme"]).agg(Boards=("board_id", "nunique"), times=("board_id", "size"))
    out = out.reset_index()
    years = (concerns.dropna(subset=["period_start"]).drop_duplicates(["code", "period"])
             .sort_values("period").groupby("code")["period"].agg(", ".join))
    boards = concerns.drop_duplicates(["code", "board"]).sort_values("board").groupby("code")["board"].agg(", ".join)
    kinds = (concerns.drop_duplicates(["code", "kind_label"]).sort_values("kind_label")
             .groupby("code")["kind_label"].agg("; ".join))
    out = out.assign(Years=out["code"].map(years).fillna(""), raised=out["code"].map(boards),
                     Kinds=out["code"].map(kinds))
    out = out.rename(columns={"theme": "Concern", "times": "Times raised", "raised": "Raised at"})[cols]
    out["first"] = out["code"] != compare.INFORMATION_SHARING
    out = out.sort_values(["first", "Boards", "Times raised", "Concern"], ascending=[True, False, False, True])
    return out.drop(columns="first").reset_index(drop=True)


def ref_concern_timeline(concerns: pd.DataFrame) -> pd.DataFrame:
    dated = concerns.dropna(subset=["period_start"])
    out = dated.groupby(["theme", "period_start", "period"]).agg(
        Boards=("board_id", "nunique"), boards=("board", lambda s: ", ".join(sorted(set(s))))).reset_index()
    out.columns = ["Concern", "year", "Year", "Boards", "Which boards"]
    return out.sort_values(["year", "Concern"]).reset_index(drop=True)


def ref_other_boards_on_theme(evidence: pd.DataFrame, concerns: pd.DataFrame, code: str) -> pd.DataFrame:
    raised = set(concerns.loc[concerns["code"] == code, "board_id"])
    return tables.evidence_table(evidence[(evidence["code"] == code) & ~evidence["board_id"].isin(raised)])


def ref_ingest_summary(log: pd.DataFrame) -> dict:
    return log["outcome"].map(tables.INGEST_OUTCOMES).value_counts().to_dict()


# Filters ------------------------------------------------------------------------------------------

def test_board_filter_keeps_only_the_chosen_boards(fixture_db):
    df = q(fixture_db, compare.SQL_REPORTS, compare.Filters(("northshire", "westford")))
    assert set(df.board_id) == {"northshire", "westford"} and len(df) == 3


def test_year_filter_bounds_both_ends(fixture_db):
    assert set(q(fixture_db, compare.SQL_REPORTS, compare.Filters((), 2017, 2018)).period) == {"2017-18", "2018-19"}
    assert set(q(fixture_db, compare.SQL_REPORTS, compare.Filters((), 2019, None)).board_id) == {"westford"}


# Reviews ------------------------------------------------------------------------------------------

def test_reviews_not_stated_is_never_zero(fixture_db):
    by_year = tables.reviews_table(q(fixture_db, compare.SQL_REVIEWS_BY_YEAR)).set_index(["board_id", "period"])
    assert pd.isna(by_year.loc[("northshire", "2017-18"), "reviews"])
    assert by_year.loc[("northshire", "2017-18"), "shown"] == tables.NOT_STATED
    assert by_year.loc[("lakeside", "2017-18"), "shown"] == "0"
    grid = tables.reviews_grid(by_year.reset_index()).set_index("Board")
    assert grid.loc["Northshire", "2017-18"] == tables.NOT_STATED
    assert grid.loc["Northshire", "2016-17"] == "2"
    assert grid.loc["Northshire", "2019-20"] == "no report"


def test_reviews_change_name_from_2019(fixture_db):
    by_year = tables.reviews_table(q(fixture_db, compare.SQL_REVIEWS_BY_YEAR)).set_index("board_id")
    assert by_year.loc["westford", "review_type"] == "Local child safeguarding practice reviews"
    assert by_year.loc["eastborough", "review_type"] == "Serious case reviews"


def test_an_inferred_period_is_marked(fixture_db):
    by_year = tables.reviews_table(q(fixture_db, compare.SQL_REVIEWS_BY_YEAR)).set_index("board_id")
    assert by_year.loc["kingsmoor"].set_index("period").loc["2017-18", "year"] == "2017-18 (inferred)"
    assert by_year.loc["kingsmoor"].set_index("period").loc["2016-17", "year"] == "2016-17"


# Themes -------------------------------------------------------------------------------------------

def test_theme_matrix_has_themes_down_the_side(fixture_db):
    matrix = tables.theme_matrix(q(fixture_db, compare.SQL_THEME_CELLS))
    assert "Information sharing" in matrix.index and "information_sharing" not in matrix.index
    assert list(matrix.columns) == sorted(matrix.columns)
    assert matrix.loc["Neglect", "Northshire"] == 2 and matrix.loc["Neglect", "Eastborough"] == 0
    assert matrix.index[0] == "Neglect"  # discussed by the most boards


def test_theme_cells_carry_the_first_sentence(fixture_db):
    cells = q(fixture_db, compare.SQL_THEME_CELLS).set_index(["board_id", "code"])
    assert cells.loc[("northshire", "neglect"), "first_sentence"] == "The board discussed neglect at length."
    assert cells.loc[("northshire", "neglect"), "years"] == "2016-17, 2017-18"


@pytest.mark.parametrize("code", [None, "neglect", "information_sharing"])
def test_theme_evidence_page_keeps_the_order_and_counts_all(fixture_db, code):
    every = q(fixture_db, compare.SQL_THEME_EVIDENCE, code=code)
    if code is None:
        every = every.sort_values(["theme", "period_start"], kind="stable")
    page = q(fixture_db, compare.SQL_THEME_EVIDENCE_PAGE, code=code, limit=None)
    assert sorted(page.sentence) == sorted(every.sentence)
    assert q(fixture_db, compare.SQL_THEME_EVIDENCE_COUNT, code=code).n.iloc[0] == len(every)
    assert len(q(fixture_db, compare.SQL_THEME_EVIDENCE_PAGE, code=code, limit=2)) == min(2, len(every))


# Figures ------------------------------------------------------------------------------------------

def test_measures_split_a_name_reported_in_two_units(fixture_db):
    measures = tables.measures(q(fixture_db, compare.SQL_METRIC_SUMMARY))
    assert measures["Schools responding to the safeguarding audit"] == ("schools_responding_to_audit", "percent")
    assert measures["Schools responding to the safeguarding audit (number)"] == ("schools_responding_to_audit", "count")
    assert measures["People trained"] == ("training_attendees", "count")


def test_figure_by_year_is_one_value_per_board_and_year(fixture_db):
    metrics = q(fixture_db, compare.SQL_METRICS)
    for (name, unit), every in metrics.groupby(["name", "unit"]):
        one = q(fixture_db, compare.SQL_FIGURE_BY_YEAR, name=name, unit=unit)
        assert len(one) == len(every.drop_duplicates(["board_id", "period"]))
        latest = q(fixture_db, compare.SQL_FIGURE_LATEST, name=name, unit=unit)
        assert len(latest) == every.board_id.nunique()


@pytest.fixture
def two_meetings_db(fixture_db, tmp_path):
    """Northshire's 2017-18 report minuted again, later, with other figures."""
    path = tmp_path / "two.duckdb"
    shutil.copy(fixture_db, path)
    with duckdb.connect(str(path)) as con:
        con.execute("INSERT INTO reports SELECT * REPLACE ('doc01-1' AS report_id, 1 AS section_index,"
                    " DATE '2019-01-15' AS meeting_date) FROM reports WHERE report_id = 'doc01-0'")
        con.execute("INSERT INTO metrics VALUES ('doc01-1', 0, 'child_death_notifications', 33, 'count', '33', NULL,"
                    " NULL, NULL, 'A later meeting heard of 33 notifications.', 0, 10),"
                    " ('doc01-1', 1, 'child_death_notifications', 12, 'count', '12', NULL, NULL, NULL,"
                    " 'Of these, 12 were unexpected.', 11, 20)")
        write_summaries(con)  # as the build would, after changing the base tables
    return path


def test_one_view_decides_a_boards_figure_for_a_year(two_meetings_db):
    """The latest meeting, then the first mention in its minutes, everywhere the figure is used."""
    one = q(two_meetings_db, compare.SQL_FIGURE_BY_YEAR, compare.Filters(("northshire",)),
            name="child_death_notifications", unit="count")
    assert list(one.value) == [33]
    from boardcompare import fairness

    peer = fairness.peer_figures(lambda s, p: query_df(s, p, path=two_meetings_db), "eastborough", 2017,
                                 [("child_death_notifications", "count")])[("child_death_notifications", "count")]
    assert dict(zip(peer.boards, peer.values, strict=True))["Northshire"] == 33


def test_metric_table_formats_units_and_ranges(fixture_db):
    table = tables.metric_table(q(fixture_db, compare.SQL_METRICS)).set_index("Figure")
    assert table.loc["Board budget", "Value"] == "£245,000"
    assert "82%" in set(table.loc["Schools responding to the safeguarding audit", "Value"])
    rows = pd.DataFrame({"value": [300.0], "value_high": [350.0], "unit": ["count"], "qualifier": ["between"]})
    assert tables.values(rows) == ["between 300–350"]


def test_figure_medians_only_with_enough_boards(fixture_db):
    def medians(name):
        return query_df(compare.SQL_FIGURE_MEDIANS, {"name": name, "unit": "count", "y0": None, "y1": None},
                        path=fixture_db)

    assert list(medians("child_death_notifications")["median"]) == [26]
    trained = medians("training_attendees")
    assert trained["median"].isna().all() and list(trained.n_boards) == [3, 2, 2]


# Concerns -----------------------------------------------------------------------------------------

def test_a_sentence_under_two_themes_is_one_concern(fixture_db):
    rows = q(fixture_db, compare.SQL_CONCERNS)
    sentences = q(fixture_db, compare.SQL_CONCERN_SENTENCES)
    assert len(rows) == len(sentences) + 1
    riverton = sentences[sentences.board_id == "riverton"]
    assert list(riverton.themes) == ["Early help; Neglect"]
    kinds = tables.concern_kinds_table(q(fixture_db, compare.SQL_CONCERN_KINDS)).set_index("Kind of concern")
    assert kinds["Sentences"].sum() == len(sentences)
    assert q(fixture_db, compare.SQL_CONCERN_SENTENCE_COUNT).n.iloc[0] == len(sentences)


@pytest.mark.parametrize("filters", [ALL, compare.Filters(("northshire", "westford")), compare.Filters((), 2017, 2018)])
def test_sql_aggregates_match_the_reference_versions(fixture_db, filters):
    reports = q(fixture_db, compare.SQL_REPORTS, filters)
    totals = q(fixture_db, compare.SQL_REPORT_TOTALS, filters).iloc[0]
    assert (totals.n_boards, totals.n_reports, totals.n_years, totals.n_documents) == (
        reports.board_id.nunique(), len(reports), reports.period.nunique(), reports.document_id.nunique())
    latest = q(fixture_db, compare.SQL_LATEST_REPORTS, filters)
    assert list(latest.report_id) == list(ref_latest_per_board(reports).report_id)

    concerns = q(fixture_db, compare.SQL_CONCERNS, filters)
    summary = tables.concern_summary_table(q(fixture_db, compare.SQL_CONCERN_SUMMARY, filters))
    expected = ref_concern_summary(concerns)
    pd.testing.assert_frame_equal(summary, expected, check_dtype=False)
    timeline = tables.concern_timeline_table(q(fixture_db, compare.SQL_CONCERN_TIMELINE, filters))
    pd.testing.assert_frame_equal(timeline.drop(columns=["first_sentence", "code"]), ref_concern_timeline(concerns),
                                  check_dtype=False)
    for code in expected.code:
        quotes = q(fixture_db, compare.SQL_CONCERN_QUOTES, filters, code=code, limit=None)
        assert len(quotes) == int(expected.set_index("code").loc[code, "Times raised"])
        evidence = q(fixture_db, compare.SQL_THEME_EVIDENCE, filters, code=code)
        others = ref_other_boards_on_theme(evidence, concerns, code)
        limited = q(fixture_db, compare.SQL_OTHER_BOARDS_EVIDENCE, filters, code=code, limit=None)
        pd.testing.assert_frame_equal(tables.evidence_table(limited), others, check_dtype=False)
        assert q(fixture_db, compare.SQL_OTHER_BOARDS_COUNT, filters, code=code).n.iloc[0] == len(others)


def test_concern_quotes_come_by_kind(fixture_db):
    quotes = q(fixture_db, compare.SQL_CONCERN_QUOTES, code="information_sharing", limit=None)
    assert list(quotes.kind_label) == sorted(quotes.kind_label)
    table = tables.quotes_table(quotes)
    assert "not named in the minutes" in set(table["Raised by"]) and "Learning from a review" in set(table["Kind"])


# Sources ------------------------------------------------------------------------------------------

def test_ingest_outcomes_counted_in_sql_match_the_log(fixture_db):
    counted = tables.ingest_outcomes(query_df(compare.SQL_INGEST_OUTCOMES, path=fixture_db))
    assert dict(zip(counted["What happened"], counted["Files"], strict=True)) == ref_ingest_summary(
        query_df(compare.SQL_INGEST_LOG, path=fixture_db))
    assert list(counted["Files"]) == sorted(counted["Files"], reverse=True)


def test_documents_include_those_not_about_a_board_and_why(fixture_db):
    table = tables.documents_table(q(fixture_db, compare.SQL_DOCUMENTS)).set_index("Document")
    assert table.loc["planning.txt", "About a board?"] == "no"
    assert "does not mention" in table.loc["planning.txt", "Why not"]
    assert table.loc["northshire_2016-17.txt", "Themes"] == 4
    assert list(q(fixture_db, compare.SQL_DOCUMENTS, compare.Filters(("westford",))).file_name) == [
        "westford_2019-20.txt"]
    for filters in (ALL, compare.Filters(("westford",))):
        every = q(fixture_db, compare.SQL_DOCUMENTS, filters)
        assert q(fixture_db, compare.SQL_DOCUMENTS_COUNT, filters).n.iloc[0] == len(every)
        assert list(q(fixture_db, compare.SQL_DOCUMENTS_PAGE, filters, limit=2).document_id) == list(
            every.document_id[:2])


@pytest.mark.parametrize(("asked", "n"), [
    ("PLANNING APPLICATION", 1), ("planning extension", 1), ("planning neglect", 0),
    ('"extension planning"', 0), ("'; DROP TABLE documents; --", 0),
])
def test_search_needs_every_term(fixture_db, asked, n):
    assert q(fixture_db, compare.SQL_SEARCH_COUNT, **search_params(asked)).n.iloc[0] == n
    assert len(q(fixture_db, compare.SQL_SEARCH, **search_params(asked), limit=10)) == n


def test_search_follows_the_filters(fixture_db):
    only = q(fixture_db, compare.SQL_SEARCH, compare.Filters(("southvale",)), **search_params("neglect"), limit=10)
    assert list(only.boards) == ["Southvale"]


def test_minutes_text_is_masked_and_escaped(fixture_db):
    text = q(fixture_db, compare.SQL_SEARCH, **search_params("Jo Bloggs"), limit=1)["text"].iloc[0]
    shown = safe_text(text)
    assert "jo.bloggs@example.gov.uk" not in shown and "0161 474 5657" not in shown
    assert EMAIL_MASK in shown and PHONE_MASK in shown
    marked = highlight_html(snippets(text, "bloggs")[0], "bloggs")
    assert "<script>" not in marked and "&lt;script&gt;" in marked
    assert "<b>" not in marked and "<mark>Bloggs</mark>" in marked


# Not stated -------------------------------------------------------------------------------------

def test_not_stated_is_blank_or_said_never_none():
    df = pd.DataFrame({"board": ["A", None], "reviews": pd.array([0, None], dtype="Int64"), "n": [1.5, 2.0]})
    shown = tables.not_stated_blank(df)
    assert list(shown.board) == ["A", ""]
    assert list(shown.reviews) == [0, "not stated"]
    assert list(shown.n) == [1.5, 2.0]
