"""The Briefing page, driven with Streamlit's AppTest against the fixture database."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from boardcompare.fairness import TOO_FEW_THEMES
from boardcompare.paths import PROJECT_DIR

PAGE = str(PROJECT_DIR / "pages" / "briefing.py")


def _run(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _shown(at: AppTest) -> str:
    kinds = ("markdown", "subheader", "text", "caption", "warning")
    return "\n".join(str(e.value).replace("\\", "") for kind in kinds for e in at.get(kind))


def test_renders_the_latest_briefing_of_the_first_board(fixture_db_env):
    at = _run()
    assert at.selectbox(key="board").value == "eastborough"
    assert "Eastborough Local Safeguarding Children Board" in _shown(at)
    figures = next(d.value for d in at.dataframe if "Other boards' median (boards)" in d.value.columns)
    assert len(figures) == 4
    assert "Suggested scrutiny questions" in _shown(at)
    assert at.query_params["board"] == "Eastborough" and "period" not in at.query_params  # latest by default


def test_choosing_another_board_changes_the_content_and_the_address(fixture_db_env):
    at = _run()
    before = _shown(at)
    at.selectbox(key="board").set_value("midcaster").run()
    after = _shown(at)
    assert after != before
    assert "Midcaster Safeguarding Children Board" in after
    assert "Eastborough Local Safeguarding Children Board" not in after
    assert "Councillor Smith" in after and TOO_FEW_THEMES in after
    assert "board_budget" not in after
    assert at.selectbox(key="period").value == "2018-19"
    assert at.query_params["board"] == "Midcaster"


def test_board_period_and_window_come_from_the_address(fixture_db_env):
    at = _run({"board": "northshire", "period": "2016-17"})
    assert at.selectbox(key="board").value == "northshire"
    assert at.selectbox(key="period").value == "2016-17"
    assert "Serious case reviews: 2." in _shown(at)
    wide = _run({"board": "Midcaster", "window": "A year either side"})
    assert "2017-18 to 2019-20 (a year either side)" in _shown(wide)


def test_concerns_show_by_kind_as_text(fixture_db_env):
    at = _run({"board": "northshire", "period": "2017-18"})
    shown = _shown(at)
    assert "Raised by members" in shown
    assert "“a Member raised a concern about information sharing.”" in shown
    links = [m.value for m in at.markdown if "evil.example" in m.value]
    assert links and all("https:\u2060//evil.example" in m for m in links)  # a bare address is not a link


def test_unknown_board_in_the_address_is_explained(fixture_db_env):
    at = _run({"board": "Narnia"})
    assert any("No board called “Narnia”; showing Eastborough." in w.value for w in at.warning)


def test_missing_database_gets_a_friendly_message(tmp_path, monkeypatch):
    monkeypatch.setenv("BOARDCOMPARE_DB", str(tmp_path / "missing.duckdb"))
    at = _run()
    assert any("has not been built yet" in i.value for i in at.info)
