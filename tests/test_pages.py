"""Each comparison page on the fixture database: it renders, and changing a filter changes what it shows."""

import pytest
from streamlit.testing.v1 import AppTest

from boardcompare.paths import PROJECT_DIR
from boardcompare.ui.common import MISSING_DB

PAGES = ["overview", "themes", "metrics", "reviews", "concerns", "profile", "sources"]


def run(page: str, **query) -> AppTest:
    at = AppTest.from_file(str(PROJECT_DIR / "pages" / f"{page}.py"), default_timeout=30)
    at.query_params.update(query)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def frames(at: AppTest) -> list:
    return [d.value for d in at.dataframe]


def texts(at: AppTest) -> str:
    return " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.info, *at.subheader])


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_a_title_and_no_codes(fixture_db_env, page):
    at = run(page)
    assert at.title
    shown = " ".join(" ".join(map(str, df.columns)) + df.to_string() for df in frames(at)) + texts(at)
    for code in ("information_sharing", "child_sexual_exploitation", "training_attendees", "not_board"):
        assert code not in shown


@pytest.mark.parametrize("page", PAGES)
def test_page_says_plainly_when_the_database_is_missing(tmp_path, monkeypatch, page):
    monkeypatch.setenv("BOARDCOMPARE_DB", str(tmp_path / "absent.duckdb"))
    at = run(page)
    assert [i.value for i in at.info] == [MISSING_DB]


def test_overview_counts_follow_the_board_filter(fixture_db_env):
    at = run("overview")
    assert at.metric[0].value == "5"
    assert len(frames(at)[1]) == 5
    at.multiselect(key="boards").set_value(["northshire"]).run()
    assert at.metric[0].value == "1" and at.metric[1].value == "2"
    latest = frames(at)[1]
    assert list(latest["Year"]) == ["2017-18"]
    assert "2026" in texts(at)  # when the database was built


def test_overview_link_reproduces_the_view(fixture_db_env):
    at = run("overview", boards=["Westford", "Midcaster"], years=["2018-19", "2019-20"])
    assert at.metric[0].value == "2"
    assert set(frames(at)[1]["Board"]) == {"Westford", "Midcaster"}


def test_themes_cell_lists_its_sentences(fixture_db_env):
    at = run("themes")
    assert len(frames(at)[0]) == 5
    at.select_slider(key="years").set_range("2016-17", "2016-17").run()
    assert list(frames(at)[0]["Board"]) == ["Northshire"]
    at.select_slider(key="years").set_range("2016-17", "2019-20")
    at.selectbox(key="board").set_value("Northshire")
    at.selectbox(key="theme").set_value("Neglect").run()
    evidence = frames(at)[-1]
    assert list(evidence["Year"]) == ["2016-17", "2017-18"]
    assert set(evidence["Theme"]) == {"Neglect"}
    assert {"Committee", "Document", "What the minutes say"} <= set(evidence.columns)


def test_themes_theme_alone_lists_every_board(fixture_db_env):
    at = run("themes", theme="Neglect")
    assert set(frames(at)[-1]["Board"]) == {"Northshire", "Southvale", "Westford"}


def test_metrics_chart_follows_the_chosen_figure(fixture_db_env):
    at = run("metrics")
    chart_data, every = frames(at)
    assert set(chart_data["Figure"]) == {"Child death notifications"}
    assert len(every) == 13
    at.selectbox(key="metric").set_value("People trained").run()
    assert set(frames(at)[0]["Figure"]) == {"People trained"}
    at.multiselect(key="boards").set_value(["midcaster"]).run()
    assert "nothing to set side by side" in texts(at)
    assert list(frames(at)[-1]["Value"]) == ["£245,000"]


def test_reviews_show_not_stated_never_zero(fixture_db_env):
    at = run("reviews", boards=["Northshire", "Midcaster"])
    grid = frames(at)[-1].set_index("Board")
    assert grid.loc["Northshire", "2017-18"] == "not stated"
    assert grid.loc["Midcaster", "2018-19"] == "not stated"
    assert "Northshire 2017-18" in texts(at)
    at.multiselect(key="boards").set_value(["westford"]).run()
    assert frames(at)[-1].set_index("Board").loc["Westford", "2019-20"] == "0"
    assert "not stated" not in frames(at)[-1].to_string()


def test_concerns_information_sharing_first_and_choice_changes_quotes(fixture_db_env):
    at = run("concerns")
    summary, timeline, quotes, others = frames(at)
    assert summary.iloc[0]["Concern"] == "Information sharing"
    assert set(quotes["Concern"]) == {"Information sharing"}
    assert set(others["Board"]) == {"Southvale"}
    at.selectbox(key="concern").set_value("Voice of the child").run()
    quotes = frames(at)[2]
    assert list(quotes["Raised by"]) == ["Councillor Smith"]
    at.select_slider(key="years").set_range("2019-20", "2019-20").run()
    assert list(frames(at)[0]["Concern"]) == ["Information sharing"]


def test_profile_changes_with_the_board(fixture_db_env):
    at = run("profile", board="Midcaster")
    assert "Neglect" in texts(at)  # most other boards discussed it, Midcaster did not
    assert "£245,000" in frames(at)[1].to_string()
    at.selectbox(key="board").set_value("northshire").run()
    versus = frames(at)[1].set_index("Figure")
    assert versus.loc["Child death notifications", "Other boards' median"] == "21.5"
    assert "Neglect" not in [m.value for m in at.markdown if "did not" in m.value]


def test_sources_search_highlights_escaped_masked_text(fixture_db_env):
    at = run("sources")
    documents = frames(at)[0]
    assert "no" in set(documents["About a board?"])
    at.text_input(key="q").set_value("jo bloggs").run()
    body = " ".join(h.proto.body for h in at.get("html"))
    assert "<mark>Jo Bloggs</mark>" in body
    assert "<script>" not in body and "&lt;script&gt;" in body
    assert "example.gov.uk" not in body and "0161" not in body
    at.multiselect(key="boards").set_value(["westford"]).run()
    assert "No minutes contain" in texts(at)
    assert list(frames(at)[0]["Document"]) == ["westford_2019-20.txt"]


def test_metrics_list_is_limited_with_a_note_and_full_csv_on_request(fixture_db_env, monkeypatch):
    from boardcompare.ui import common

    monkeypatch.setattr(common, "ROW_LIMIT", 5)
    at = run("metrics")
    assert len(frames(at)[-1]) == 5
    assert "Showing 5 of 13: narrow the boards, years or figure to see the rest." in texts(at)
    assert not at.get("download_button") or len(at.get("download_button")) == 1  # the chart's table only
    at.button(key="prepare-every-reported-figure").click().run()
    assert len(at.get("download_button")) == 2
    at.selectbox(key="list_metric").set_value("People trained").run()
    assert set(frames(at)[-1]["Figure"]) == {"People trained"}


def test_concern_quotes_are_limited_with_a_note(fixture_db_env, monkeypatch):
    from boardcompare.ui import common

    monkeypatch.setattr(common, "ROW_LIMIT", 1)
    at = run("concerns")
    summary, quotes = frames(at)[0], frames(at)[2]
    total = int(summary.iloc[0]["Times raised"])
    assert total > 1 and len(quotes) == 1
    assert f"Showing 1 of {total}: narrow the boards or years to see the rest." in texts(at)


def test_sources_documents_are_limited_with_a_note(fixture_db_env, monkeypatch):
    from boardcompare.ui import common

    monkeypatch.setattr(common, "ROW_LIMIT", 2)
    at = run("sources")
    assert len(frames(at)[0]) == 2
    assert "Showing 2 of" in texts(at) and "narrow the boards or years to see the rest." in texts(at)
    at.multiselect(key="boards").set_value(["westford"]).run()
    assert list(frames(at)[0]["Document"]) == ["westford_2019-20.txt"]
