"""The Briefing page, driven with Streamlit's AppTest against the fixture database."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from boardcompare.paths import PROJECT_DIR

PAGE = str(PROJECT_DIR / "pages" / "briefing.py")


def _run(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def _shown(at: AppTest) -> str:
    return "\n".join([e.value for e in at.markdown] + [e.value for e in at.subheader]
                     + [e.value for e in at.text])


def test_renders_the_latest_briefing_of_the_first_board(fixture_db_env):
    at = _run()
    assert not at.exception
    assert at.selectbox(key="briefing_board").value == "eastborough"
    assert "Eastborough Local Safeguarding Children Board" in _shown(at)
    assert len(at.dataframe) == 1
    assert "Other boards' median" in at.dataframe[0].value.columns
    assert "Suggested scrutiny questions" in _shown(at)
    assert dict(at.query_params) == {"board": "eastborough", "period": "2017-18"}


def test_choosing_another_board_changes_the_content(fixture_db_env):
    at = _run()
    before = _shown(at)
    at.selectbox(key="briefing_board").set_value("midcaster").run()
    assert not at.exception
    after = _shown(at)
    assert after != before
    assert "Midcaster Safeguarding Children Board" in after
    assert "Eastborough Local Safeguarding Children Board" not in after
    assert "Councillor Smith" in after
    assert "board_budget" not in after and "£245,000" in at.dataframe[0].value.to_string()
    assert at.selectbox(key="briefing_period_midcaster").value == "2018-19"
    assert dict(at.query_params) == {"board": "midcaster", "period": "2018-19"}


def test_board_and_period_come_from_the_query_string(fixture_db_env):
    at = _run({"board": "Northshire", "period": "2016-17"})
    assert not at.exception
    assert at.selectbox(key="briefing_board").value == "northshire"
    assert at.selectbox(key="briefing_period_northshire").value == "2016-17"
    assert "Serious case reviews: 2" in _shown(at)


def test_quotes_are_shown_as_text(fixture_db_env):
    at = _run({"board": "northshire", "period": "2017-18"})
    assert "“a Member raised a concern about information sharing.”" in [t.value for t in at.text]


def test_unknown_board_in_the_address_is_explained(fixture_db_env):
    at = _run({"board": "Narnia"})
    assert not at.exception
    assert any("Narnia" in w.value for w in at.warning)


def test_missing_database_gets_a_friendly_message(tmp_path, monkeypatch):
    monkeypatch.setenv("BOARDCOMPARE_DB", str(tmp_path / "missing.duckdb"))
    at = _run()
    assert not at.exception
    assert any("has not been built yet" in i.value for i in at.info)
