"""The Queries page on the fixture database, through Streamlit's AppTest."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from boardcompare.paths import PROJECT_DIR
from boardcompare.queries import ChartSpec
from boardcompare.ui.queries_page import make_figure

PAGE = str(PROJECT_DIR / "pages" / "queries.py")


def page(query: str | None = None) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    if query:
        at.query_params["query"] = query
    return at.run()


def run_sql(at: AppTest, sql: str) -> AppTest:
    at.text_area(key="free_sql").input(sql)
    return at.button(key="run-free-sql").click().run()


def test_renders_the_list_and_the_first_query(fixture_db_env):
    at = page()
    assert not at.exception
    assert at.title[0].value == "Queries"
    assert len(at.radio(key="query").options) >= 8
    assert len(at.subheader) == 1 and at.dataframe
    assert at.code, "the query's SQL is shown"
    assert at.query_params["query"] == at.radio(key="query").value


def test_choosing_another_query_changes_the_table_and_the_url(fixture_db_env):
    at = page("scr_by_board_year")
    assert at.subheader[0].value == "Serious case reviews by board and year"
    first = at.dataframe[0].value
    assert "reviews" in first.columns
    assert len(at.get("plotly_chart")) == 1
    at.radio(key="query").set_value("theme_coverage_matrix").run()
    assert not at.exception
    second = at.dataframe[0].value
    assert list(second.columns) == ["board", "theme", "sentences", "years_mentioned"]
    assert not second.equals(first)
    assert at.query_params["query"] == "theme_coverage_matrix"


def test_parameter_form_runs_the_query_with_the_chosen_value(fixture_db_env):
    at = page("metric_by_board")
    box = at.selectbox(key="param-metric_by_board-metric")
    assert "People trained" in box.options  # labels shown, codes passed
    box.set_value("training_attendees")
    at.button(key="run-metric_by_board").click().run()
    assert not at.exception
    assert set(at.dataframe[0].value.figure) == {"People trained"}


def test_refused_sql_shows_an_error_and_the_page_keeps_working(fixture_db_env):
    at = page()
    run_sql(at, "DROP TABLE boards")
    assert not at.exception
    assert [e.value for e in at.warning] == [
        "Refused: This console only reads: DROP statements are not allowed"]
    run_sql(at, "SELECT * FROM read_csv('/etc/passwd')")
    assert "Reading files is not allowed" in at.warning[0].value
    run_sql(at, "SELECT nothing FROM nowhere")
    assert "could not run this query" in at.error[0].value
    run_sql(at, "SELECT board_id, local_authority FROM boards ORDER BY 1")
    assert not at.exception and not at.error
    assert at.dataframe[-1].value.board_id.tolist()[0] == "eastborough"


def test_broken_query_files_are_listed_with_their_reason(fixture_db_env, tmp_path, monkeypatch):
    (tmp_path / "fine.sql").write_text("-- title: Fine\nSELECT local_authority AS board FROM boards")
    (tmp_path / "broken.sql").write_text("-- title: Broken\nDELETE FROM boards")
    monkeypatch.setenv("BOARDCOMPARE_QUERIES", str(tmp_path))
    at = page()
    assert not at.exception
    assert at.radio(key="query").options == ["Fine"]
    assert any("broken.sql" in w.value and "DELETE" in w.value for w in at.warning)


def test_missing_database_gives_a_friendly_message(tmp_path, monkeypatch):
    monkeypatch.setenv("BOARDCOMPARE_DB", str(tmp_path / "not-built.duckdb"))
    at = page()
    assert not at.exception
    assert any("has not been built yet" in i.value for i in at.info)
    run_sql(at, "SELECT 1")
    assert not at.exception and not at.error
    assert len([i for i in at.info if "has not been built yet" in i.value]) == 2  # the query's and the box's


@pytest.mark.parametrize("chart", [
    ChartSpec("bar", "year", "reviews", color="board"),
    ChartSpec("line", "year", "reviews"),
    ChartSpec("scatter", "year", "reviews", color="board"),
    ChartSpec("heatmap", "year", "board", z="reviews"),
])
def test_charts_draw_with_blanks_and_plain_titles(chart):
    import pandas as pd

    df = pd.DataFrame({"board": ["A", "B", "A"], "year": ["2016-17", "2016-17", "2017-18"],
                       "reviews": pd.array([1, None, 3], dtype="Int64")})
    fig = make_figure(chart, df, "Reviews by year")
    assert fig.layout.title.text == "Reviews by year"


def test_results_mask_contact_details():
    import pandas as pd

    from boardcompare.ui.queries_page import masked

    df = pd.DataFrame({"quote": ["Call 0161 474 5657 or jo@example.gov.uk", None], "n": [1, 2]})
    out = masked(df)
    assert out.quote[0] == "Call [phone number removed] or [e-mail removed]"
    assert out.n.tolist() == [1, 2] and df.quote[0].startswith("Call 0161")
