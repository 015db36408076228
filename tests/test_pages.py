"""Each comparison page on the fixture database (AppTest): it renders, its filters live in the address,
and it shows fair comparisons, sentences and "not stated" as the rules say."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from boardcompare.fairness import TOO_FEW_FIGURE, TOO_FEW_THEMES
from boardcompare.paths import PROJECT_DIR
from boardcompare.ui.common import MISSING_DB

PAGES = ["overview", "themes", "metrics", "reviews", "concerns", "profile", "sources"]
ALL_PAGES = [*PAGES, "briefing", "queries", "add_minutes"]
N_BOARDS = 10


def run(page: str, **query) -> AppTest:
    at = AppTest.from_file(str(PROJECT_DIR / "pages" / f"{page}.py"), default_timeout=60)
    at.query_params.update(query)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def frames(at: AppTest) -> list:
    return [d.value for d in at.dataframe]


MARKDOWN_ELEMENTS = ("markdown", "caption", "info", "warning", "error", "success", "subheader", "title", "header")


def texts(at: AppTest) -> str:
    return " ".join(str(e.value) for kind in MARKDOWN_ELEMENTS for e in at.get(kind))


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_a_title_and_no_codes(fixture_db_env, page):
    at = run(page)
    assert at.title
    shown = " ".join(" ".join(map(str, df.columns)) + df.to_string() for df in frames(at)) + texts(at)
    for code in ("information_sharing", "child_sexual_exploitation", "training_attendees", "not_board",
                 "members_raised", "further_information"):
        assert code not in shown


@pytest.mark.parametrize("page", PAGES)
def test_page_says_plainly_when_the_database_is_missing(tmp_path, monkeypatch, page):
    monkeypatch.setenv("BOARDCOMPARE_DB", str(tmp_path / "absent.duckdb"))
    at = run(page)
    assert [i.value for i in at.info] == [MISSING_DB]


# Links: every filter in the address, the same names and values everywhere, any case, unknowns reported.

def test_overview_counts_follow_the_board_filter(fixture_db_env):
    at = run("overview")
    assert at.metric[0].value == str(N_BOARDS)
    at.multiselect(key="boards").set_value(["northshire"]).run()
    assert at.metric[0].value == "1" and at.metric[1].value == "2"
    assert at.query_params["boards"] in ("Northshire", ["Northshire"])
    assert "2026" in texts(at)  # when the database was built


def test_a_link_reproduces_the_view_in_any_case(fixture_db_env):
    at = run("overview", boards=["westford", "MIDCASTER"], years=["2018-19", "2019-20"])
    assert at.metric[0].value == "2"
    latest = next(df for df in frames(at) if "Board's name in the minutes" in df.columns)
    assert set(latest["Board"]) == {"Westford", "Midcaster"}
    assert at.query_params["boards"] == ["Westford", "Midcaster"]  # written back as shown


@pytest.mark.parametrize(("page", "query", "said"), [
    ("overview", {"boards": ["Narnia"]}, "No board called “Narnia”; showing all boards."),
    ("overview", {"boards": ["Narnia", "Westford"]}, "No board called “Narnia”; showing the others."),
    ("themes", {"theme": "Dragons"}, "No theme called “Dragons”; showing any theme."),
    ("metrics", {"figure": "Dragons"}, "No figure called “Dragons”"),
    ("metrics", {"years": ["2050-51", "2016-17"]}, "No year called “2050-51”; showing all years."),
    ("profile", {"board": "Narnia"}, "No board called “Narnia”"),
    ("profile", {"board": "Northshire", "period": "1999-00"}, "Northshire has no report for “1999-00”"),
    ("concerns", {"concern": "Dragons"}, "No concern called “Dragons”"),
    ("briefing", {"board": "Narnia"}, "No board called “Narnia”"),
    ("queries", {"query": "no_such_query"}, "No query called “no\\_such\\_query”"),
])
def test_an_unknown_value_in_the_address_is_reported(fixture_db_env, page, query, said):
    at = run(page, **query)
    assert any(said in w.value for w in at.warning), [w.value for w in at.warning]


def test_board_takes_the_same_value_on_profile_and_briefing(fixture_db_env):
    for page in ("profile", "briefing"):
        at = run(page, board="midcaster")
        assert at.query_params["board"] == "Midcaster"
        assert "Midcaster" in texts(at)


HOSTILE = ["[Session expired - log in again](https://evil.example/login)", "![x](https://evil.example/pixel.png)",
           "<img src=https://evil.example/x.png>"]
KEYS = ["boards", "board", "years", "period", "theme", "figure", "figures", "concern", "q", "query", "window",
        "metric"]


@pytest.mark.parametrize("page", ALL_PAGES)
@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_addresses_are_shown_as_text(fixture_db_env, tmp_path, monkeypatch, page, value):
    monkeypatch.setenv("BOARDCOMPARE_DATA", str(tmp_path))
    at = run(page, **{key: value for key in KEYS})
    for kind in MARKDOWN_ELEMENTS:
        for element in at.get(kind):
            shown = str(element.value)
            assert "](https://evil" not in shown and "https://evil" not in shown, (kind, shown)
            assert "<img" not in shown, (kind, shown)


# Themes

def test_themes_down_the_side_and_a_cell_lists_its_sentences(fixture_db_env):
    at = run("themes")
    data = frames(at)[0]
    assert "Theme" in data.columns and len(data.columns) == 1 + N_BOARDS  # themes down the side
    at.select_slider(key="years").set_range("2016-17", "2016-17").run()
    assert set(frames(at)[0].columns) == {"Theme", "Northshire", "Lakeside", "Riverton", "Hillbury", "Greendale",
                                          "Kingsmoor"}
    at.select_slider(key="years").set_range("2016-17", "2019-20")
    at.selectbox(key="board").set_value("Northshire")
    at.selectbox(key="theme").set_value("Neglect").run()
    evidence = frames(at)[-1]
    assert list(evidence["Year"]) == ["2016-17", "2017-18"]
    assert set(evidence["Theme"]) == {"Neglect"}
    assert at.query_params["board"] == "Northshire" and at.query_params["theme"] == "Neglect"


def test_themes_not_yet_in_a_year_are_marked_not_blank(fixture_db_env):
    at = run("themes", years=["2016-17", "2016-17"])
    data = frames(at)[0].set_index("Theme")
    assert (data.loc["New safeguarding arrangements"] == "not yet a theme").all()
    assert "not yet a theme in the years of that board's reports" in texts(at)


# Reported figures

def test_metrics_chart_follows_the_chosen_figure_in_the_address(fixture_db_env):
    at = run("metrics", figure="people trained")
    assert set(frames(at)[0]["Figure"]) == {"People trained"}
    assert at.query_params["figure"] == "People trained"
    assert f"2017-18: {TOO_FEW_FIGURE} (2 boards)" in texts(at)
    at.selectbox(key="figure").set_value("Child death notifications").run()
    assert "2017-18: 26 (6 boards: Eastborough, Hillbury, Lakeside, Northshire, Riverton, Southvale)" in texts(at)


def test_metrics_list_is_in_the_address(fixture_db_env):
    at = run("metrics", figures="People trained")
    assert set(frames(at)[-1]["Figure"]) == {"People trained"}
    at.selectbox(key="figures").set_value("").run()
    assert "figures" not in at.query_params
    assert len(frames(at)[-1]) > 20


def test_the_same_name_in_another_unit_is_another_figure(fixture_db_env):
    at = run("metrics")
    options = at.selectbox(key="figures").options
    assert "Schools responding to the safeguarding audit" in options
    assert "Schools responding to the safeguarding audit (number)" in options
    at.selectbox(key="figure").set_value("Schools responding to the safeguarding audit").run()
    assert set(frames(at)[0]["Value"]) == {"82%", "75%", "90%", "60%", "88%", "70%"}


def test_metrics_list_is_limited_with_a_note_and_full_csv_on_request(fixture_db_env, monkeypatch):
    from boardcompare.ui import common

    monkeypatch.setattr(common, "ROW_LIMIT", 5)
    at = run("metrics")
    assert len(frames(at)[-1]) == 5
    assert re.search(r"Showing 5 of \d+: narrow the boards, years or figure to see the rest\.", texts(at))
    before = len(at.get("download_button"))
    at.button(key="prepare-every-reported-figure").click().run()
    assert len(at.get("download_button")) == before + 1


# Reviews

def test_reviews_show_not_stated_never_zero(fixture_db_env):
    at = run("reviews", boards=["Northshire", "Midcaster", "Lakeside"])
    grid = frames(at)[-1].set_index("Board")
    assert grid.loc["Northshire", "2017-18"] == "not stated"
    assert grid.loc["Midcaster", "2018-19"] == "not stated"
    assert grid.loc["Lakeside", "2017-18"] == "0"
    assert "Northshire 2017-18" in texts(at)


def test_reviews_mark_an_inferred_year(fixture_db_env):
    at = run("reviews", boards=["Kingsmoor"])
    data = frames(at)[0]
    assert "2017-18 (inferred)" in set(data["Year"])


# Recurring concerns

def test_concerns_by_kind_count_each_sentence_once(fixture_db_env):
    at = run("concerns")
    kinds = frames(at)[0].set_index("Kind of concern")
    assert kinds.loc["Raised by members", "Sentences"] == 7  # Riverton's sentence about two themes once
    assert kinds.loc["Learning from a review", "Sentences"] == 1
    assert kinds.loc["Assurance sought", "Raised by"] == "Members"
    assert "11 sentences of the minutes record a concern" in texts(at)


def test_concerns_information_sharing_first_and_quotes_show_kind_and_who(fixture_db_env):
    at = run("concerns")
    summary = frames(at)[1]
    assert summary.iloc[0]["Concern"] == "Information sharing"
    quotes = next(df for df in frames(at) if "Raised by" in df.columns and "Kind" in df.columns)
    assert set(quotes["Concern"]) == {"Information sharing"}
    assert "Learning from a review" in set(quotes["Kind"])
    assert "not named in the minutes" in set(quotes["Raised by"])
    at.selectbox(key="concern").set_value("Voice of the child").run()
    assert at.query_params["concern"] == "Voice of the child"


# Board profile

def test_profile_compares_with_the_same_year_only(fixture_db_env):
    at = run("profile", board="Midcaster")
    assert at.query_params["board"] == "Midcaster"
    assert TOO_FEW_THEMES in texts(at)  # two other boards in 2018-19
    assert "Themes most other boards discussed" not in texts(at)
    figures = next(df for df in frames(at) if "Other boards' median" in df.columns)
    assert figures.set_index("Figure").loc["Board budget", "Other boards' median"] == TOO_FEW_FIGURE


def test_profile_a_wider_window_is_a_stated_choice(fixture_db_env):
    at = run("profile", board="Midcaster", window="a year either side")
    assert "2017-18 to 2019-20 (a year either side)" in texts(at)
    assert "Themes most other boards discussed but Midcaster did not: Neglect" in texts(at).replace("\\", "")


def test_profile_with_no_other_board_that_year_lists_themes_without_an_empty_chart(fixture_db_env):
    at = run("profile", board="Westford")  # the only report of 2019-20
    assert "No other board's report of 2019-20 is in the database" in texts(at)
    assert "Choose “A year either side” above" in texts(at)
    assert "Themes Westford's minutes discuss:" in texts(at).replace("\\", "")
    assert "% of the 0 other boards" not in str(at.get("plotly_chart"))
    wider = run("profile", board="Westford", window="a year either side")
    assert "No other board's report" not in texts(wider)


def test_profile_medians_say_how_many_boards_and_which(fixture_db_env):
    at = run("profile", board="Northshire", period="2017-18")
    figures = next(df for df in frames(at) if "Other boards' median" in df.columns).set_index("Figure")
    assert figures.loc["Child death notifications", "Other boards' median"] == "25 (5 boards)"
    assert figures.loc["Child death notifications", "Which boards"].startswith("Eastborough 18, Hillbury 40")
    assert figures.loc["People trained", "Other boards' median"] == TOO_FEW_FIGURE
    reviews = figures.loc["Serious case reviews (the year's count)"]
    assert (reviews["This board"], reviews["Other boards' median"]) == ("not stated", "1.5 (6 boards)")


def test_profile_marks_an_inferred_year(fixture_db_env):
    at = run("profile", board="Kingsmoor", period="2017-18")
    assert "2017-18 is inferred from the meeting date" in texts(at)


# Sources and search

def test_search_highlights_escaped_masked_text(fixture_db_env):
    at = run("sources")
    assert "no" in set(frames(at)[0]["About a board?"])
    at.text_input(key="q").set_value('"jo bloggs"').run()
    body = " ".join(h.proto.body for h in at.get("html"))
    assert "<mark>Jo Bloggs</mark>" in body
    assert "<script>" not in body and "&lt;script&gt;" in body
    assert "example.gov.uk" not in body and "0161" not in body
    at.multiselect(key="boards").set_value(["westford"]).run()
    assert "No minutes contain" in texts(at)


@pytest.mark.parametrize(("q", "found"), [
    ("board discussed neglect", 13),  # every word, anywhere
    ('"discussed neglect at length"', 13),  # the phrase
    ('"neglect discussed"', 0),  # the words, but not as a phrase
    ('"planning application"', 1),
])
def test_search_a_phrase_in_quotes(fixture_db_env, q, found):
    at = run("sources", q=q)
    if found:
        assert f"Found in {found} document" in texts(at)
    else:
        assert "No minutes contain these words" in texts(at)


@pytest.mark.parametrize("q", ['"""', '" "', "-- ,"])
def test_a_search_with_no_words_says_so(fixture_db_env, q):
    at = run("sources", q=q)
    assert "has no words to search for" in texts(at)


# Queries page

def test_queries_show_not_stated_never_none(fixture_db_env):
    at = run("queries", query="SCR_BY_BOARD_YEAR")
    table = frames(at)[0]
    assert "not stated" in set(table["reviews"].astype(str))
    assert "None" not in table.to_string() and "nan" not in table.to_string()


def test_queries_parameters_are_in_the_address(fixture_db_env):
    at = run("queries", query="metric_by_board", metric="People trained")
    assert at.selectbox(key="param-metric_by_board-metric").value == "training_attendees"
    assert set(frames(at)[0]["figure"]) == {"People trained"}
    assert at.query_params["metric"] == "People trained"


# Charts: fixed board colours, a size legend, a year-change line between bars

def _figure(at: AppTest, n: int = 0) -> dict:
    import json

    return json.loads(at.get("plotly_chart")[n].proto.spec)


def _colours(at: AppTest) -> dict:
    return {t["name"]: (t["marker"]["color"], t["marker"].get("pattern", {}).get("shape", ""))
            for t in _figure(at)["data"] if t.get("type") == "bar"}


def test_a_board_keeps_its_colour_when_another_is_added(fixture_db_env):
    two = _colours(run("reviews", boards=["Northshire", "Eastborough"]))
    three = _colours(run("reviews", boards=["Northshire", "Eastborough", "Southvale", "Lakeside"]))
    assert two["Northshire"] == three["Northshire"] and two["Eastborough"] == three["Eastborough"]
    assert len(set(three.values())) == len(three)  # every board shown looks different


def test_the_year_change_line_runs_between_bars(fixture_db_env):
    figure = _figure(run("reviews", boards=["Northshire", "Westford"]))
    assert figure["layout"]["xaxis"]["type"] == "category"
    years = figure["layout"]["xaxis"]["categoryarray"]
    (line,) = [s for s in figure["layout"]["shapes"] if s["type"] == "line"]
    assert line["x0"] == years.index("2019-20") - 0.5  # halfway between two years' groups of bars


def test_the_bubble_chart_has_a_size_legend(fixture_db_env):
    at = run("concerns")
    chart = next(f for f in (_figure(at, i) for i in range(len(at.get("plotly_chart"))))
                 if any(t.get("legendgroup") == "size" for t in f["data"]))
    sizes = [t["name"] for t in chart["data"] if t.get("legendgroup") == "size"]
    assert sizes[0] == "1 board" and len(sizes) >= 2
