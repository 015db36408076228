"""The rules of a fair comparison (boardcompare.fairness), case by case on the fixture database.

Each group of cases proves one rule; the fixture (tests/fixtures.py) is built so that breaking a
rule changes the answer (e.g. counting "not stated" as 0 would add boards to a median).
"""

from __future__ import annotations

import pytest

from boardcompare import fairness as fr
from boardcompare.db import query_df

CHILD_DEATHS = ("child_death_notifications", "count")
TRAINED = ("training_attendees", "count")
SCHOOLS_PCT = ("schools_responding_to_audit", "percent")
SCHOOLS_COUNT = ("schools_responding_to_audit", "count")
BUDGET = ("board_budget", "gbp")


@pytest.fixture(scope="module")
def query(fixture_db):
    return lambda sql, params: query_df(sql, params, path=fixture_db)


FIGURES = {
    # Same year only: other years' reports are not peers.
    "same year: five other boards give a median": (
        "northshire", 2017, 0, CHILD_DEATHS, ("Eastborough", "Hillbury", "Lakeside", "Riverton", "Southvale"), 25),
    "same year: the board itself is never its own peer": (
        "eastborough", 2017, 0, CHILD_DEATHS, ("Hillbury", "Lakeside", "Northshire", "Riverton", "Southvale"), 27),
    "same year: no other board that year": ("midcaster", 2018, 0, BUDGET, (), None),
    # Minimum peers: under five boards there is no median, never a median of one.
    "minimum: one other board is no median": ("northshire", 2017, 0, TRAINED, ("Eastborough",), None),
    "minimum: a stated wider window reaches five": (
        "northshire", 2017, 1, TRAINED, ("Eastborough", "Greendale", "Hillbury", "Lakeside", "Riverton"), 410),
    "minimum: four boards is too few": (
        "lakeside", 2017, 0, SCHOOLS_PCT, ("Hillbury", "Kingsmoor", "Riverton", "Southvale"), None),
    # Same measure: the same catalogue name in another unit is another measure.
    "unit: a count is not compared with percentages": ("eastborough", 2017, 0, SCHOOLS_COUNT, (), None),
    "unit: percentages leave the count out": (
        "southvale", 2017, 0, SCHOOLS_PCT, ("Hillbury", "Kingsmoor", "Lakeside", "Riverton"), None),
}


@pytest.mark.parametrize("case", FIGURES, ids=list(FIGURES))
def test_peer_figures(query, case):
    board, year, years, measure, boards, median = FIGURES[case]
    peer = fr.peer_figures(query, board, year, [measure], fr.Window(years))[measure]
    assert peer.boards == boards
    assert peer.median == median
    assert peer.comparable == (median is not None)
    if median is None:
        assert peer.median_text() == fr.TOO_FEW_FIGURE
    else:
        assert peer.median_text().endswith(f"({len(boards)} boards)")


def test_the_scope_of_a_comparison_is_stated(query):
    same = fr.peer_figures(query, "northshire", 2017, [TRAINED])[TRAINED]
    wide = fr.peer_figures(query, "northshire", 2017, [TRAINED], fr.Window(1))[TRAINED]
    assert same.scope == "other boards' reports of 2017-18"
    assert wide.scope == "other boards' reports of 2016-17 to 2018-19 (a year either side)"
    assert wide.periods == ("2017-18", "2018-19", "2018-19", "2016-17", "2016-17")


def test_unknown_year_is_never_compared(query):
    peer = fr.peer_figures(query, "northshire", None, [CHILD_DEATHS])[CHILD_DEATHS]
    assert peer.boards == () and not peer.comparable


def test_figures_outside_the_catalogue_are_never_compared(query):
    assert fr.peer_figures(query, "northshire", 2017, [("other_count", "count")]) == {}


REVIEWS = {
    # "Not stated" is never zero: Northshire and Greendale give no number in 2017-18; Lakeside says 0.
    "a stated zero counts, not stated is left out": (
        "eastborough", 2017, ("Hillbury", "Kingsmoor", "Lakeside", "Riverton", "Southvale"), (2, 1, 0, 4, 3), 2),
    "six stated others": ("northshire", 2017, ("Eastborough", "Hillbury", "Kingsmoor", "Lakeside", "Riverton",
                                               "Southvale"), (1, 2, 1, 0, 4, 3), 1.5),
    "too few in 2018-19": ("midcaster", 2018, ("Hillbury",), (1,), None),
}


@pytest.mark.parametrize("case", REVIEWS, ids=list(REVIEWS))
def test_peer_reviews(query, case):
    board, year, boards, values, median = REVIEWS[case]
    peer = fr.peer_reviews(query, board, year)
    assert (peer.boards, peer.values, peer.median) == (boards, tuple(map(float, values)), median)


THEMES = {
    # Era: the new arrangements are not a theme before 2017-18, however many boards discussed them.
    "era: new arrangements never a gap before 2017-18": ("northshire", 2016, 0, "new_arrangements",
                                                         False, False, 4, 5),
    "era: the same theme can be a gap later": ("midcaster", 2018, 1, "new_arrangements", True, False, 3, 9),
    # Same year: a theme most boards discussed in other years only is not a gap.
    "same year: discussed by most others that year": ("eastborough", 2017, 0, "neglect", True, True, 6, 7),
    "same year: other years do not count": ("eastborough", 2017, 0, "new_arrangements", True, False, 0, 7),
    "covered: a theme the board discussed is no gap": ("northshire", 2017, 0, "neglect", True, False, 5, 7),
    # Minimum peers: two other boards in 2018-19 are too few to call anything a gap.
    "minimum: too few other boards that year": ("midcaster", 2018, 0, "neglect", True, False, 2, 2),
    "minimum: the wider window is enough": ("midcaster", 2018, 1, "neglect", True, True, 8, 9),
}


@pytest.mark.parametrize("case", THEMES, ids=list(THEMES))
def test_theme_gaps(query, case):
    board, year, years, code, applies, gap, n, n_peers = THEMES[case]
    comparison = fr.theme_comparison(query, board, year, _covered(query, board, year), fr.Window(years))
    theme = next(t for t in comparison.themes if t.code == code)
    assert (theme.applies, theme.is_gap, theme.n, theme.n_peers) == (applies, gap, n, n_peers)
    assert (theme in comparison.gaps) == gap


def _covered(query, board: str, year: int) -> set[str]:
    rows = query("SELECT DISTINCT code FROM v_theme_evidence WHERE board_id = $b AND period_start = $y",
                 {"b": board, "y": year})
    return set(rows["code"])


def test_too_few_peers_says_why(query):
    comparison = fr.theme_comparison(query, "midcaster", 2018, _covered(query, "midcaster", 2018))
    assert not comparison.comparable and comparison.gaps == []
    assert comparison.reason() == f"{fr.TOO_FEW_THEMES} (2 other boards)"
    assert fr.theme_comparison(query, "midcaster", None, set()).reason() == fr.NO_PERIOD


def test_sql_rules_agree_with_the_module(query):
    rules = query("SELECT * FROM v_comparison_rules", {}).iloc[0]
    assert (rules.min_boards, rules.gap_share) == (fr.MIN_BOARDS, fr.GAP_SHARE)


def test_sql_medians_follow_the_same_rules(query):
    """v_figure_medians (for the queries) gives the medians the module gives, and no median of few boards."""
    medians = query("SELECT * FROM v_figure_medians", {})
    assert len(medians) > 5
    for r in medians.itertuples(index=False):
        peer = fr.peer_figures(query, "nobody", r.period_start, [(r.name, r.unit)])[(r.name, r.unit)]
        assert peer.n == r.n_boards and ", ".join(peer.boards) == r.boards
        assert peer.median == (None if r.median != r.median else r.median), (r.name, r.period)
