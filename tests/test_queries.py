"""Queries as files: every shipped query parses and runs; the header parser, table-driven."""

from __future__ import annotations

from pathlib import Path

import pytest

from boardcompare import sqlguard
from boardcompare.paths import PROJECT_DIR
from boardcompare.queries import (
    ChartSpec,
    ParamSpec,
    QueryFileError,
    default_params,
    load_queries,
    param_choices,
    parse_query_file,
    parse_query_text,
    run_query,
)
from tests.fixtures import REPORTS

QUERIES_DIR = PROJECT_DIR / "queries"
SHIPPED = sorted(QUERIES_DIR.glob("*.sql"))
REQUIRED_IDS = {
    "scr_by_board_year", "information_sharing_quotes", "theme_coverage_matrix", "themes_not_covered",
    "comparable_metrics", "concerns_over_time", "actions_recorded", "documents_by_board_year",
}
CODE_COLUMNS = {"code", "name", "board_id", "report_id", "document_id", "kind"}


def runner(db_path):
    return lambda sql: sqlguard.run_readonly(sql, db_path=db_path)


def test_at_least_eight_queries_ship_including_the_required_ones():
    specs, errors = load_queries(QUERIES_DIR)
    assert errors == []
    assert len(specs) >= 8
    assert REQUIRED_IDS <= {s.id for s in specs}


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_shipped_query_parses_and_runs_with_its_declared_columns(path, fixture_db):
    spec = parse_query_file(path)
    assert spec.id == path.stem
    assert spec.title and spec.description
    assert spec.columns, "shipped queries declare their columns"
    assert not CODE_COLUMNS & set(spec.columns), "show labels, not codes"
    choices = param_choices(spec, runner(fixture_db))
    for param in spec.params:
        assert choices[param.name], f"no choices for {param.name} on the fixture database"
    # every choice of every param runs, not just the default
    combos = [default_params(spec, choices)]
    for param in spec.params:
        combos += [{**combos[0], param.name: value} for value, _ in choices[param.name]]
    for params in combos:
        df = run_query(spec, params, fixture_db)
        assert tuple(df.columns) == spec.columns, params
    assert len(run_query(spec, combos[0], fixture_db)) > 0 or spec.params


def test_scr_query_keeps_not_stated_apart_from_zero(fixture_db):
    spec = parse_query_file(QUERIES_DIR / "scr_by_board_year.sql")
    df = run_query(spec, {}, fixture_db).set_index(["board", "year"])
    assert df.loc[("Westford", "2019-20"), "reviews"] == 0
    assert df.loc[("Westford", "2019-20"), "review_type"] == "Local child safeguarding practice reviews"
    assert df.loc[("Kingsmoor", "2017-18 (inferred)"), "reviews"] == 1
    assert df.reviews.isna().sum() == sum(r.scr is None for r in REPORTS)


def test_themes_not_covered_compares_the_same_year_and_era(fixture_db):
    spec = parse_query_file(QUERIES_DIR / "themes_not_covered.sql")
    choices = param_choices(spec, runner(fixture_db))
    assert ("midcaster", "Midcaster") in choices["board"]
    # Midcaster's only year, 2018-19, has two other boards: too few to name a gap.
    assert run_query(spec, {"board": "midcaster"}, fixture_db).empty
    east = run_query(spec, {"board": "eastborough"}, fixture_db)
    assert list(east.theme) == ["Early help", "Neglect", "Information sharing"]
    assert set(east.year) == {"2017-18"} and set(east.other_boards) == {7}
    # In 2016-17 most others discussed the coming new arrangements, not yet a theme then.
    north = run_query(spec, {"board": "northshire"}, fixture_db)
    assert "New safeguarding arrangements" not in set(north.theme)


def test_information_sharing_quotes(fixture_db):
    spec = parse_query_file(QUERIES_DIR / "information_sharing_quotes.sql")
    df = run_query(spec, {}, fixture_db)
    assert {"Northshire", "Southvale", "Westford", "Hillbury", "Kingsmoor"} <= set(df.board)
    assert "Concern: learning from a review" in set(df.recorded_as)


def test_comparable_metrics_give_a_median_only_with_enough_boards(fixture_db):
    spec = parse_query_file(QUERIES_DIR / "comparable_metrics.sql")
    df = run_query(spec, {}, fixture_db).set_index(["figure", "unit", "year"])
    assert (df.boards_reporting >= 2).all()
    deaths = df.loc[("Child death notifications", "number", "2017-18")]
    assert (deaths["median"], deaths["comparison"]) == (26, "median of 6 boards")
    trained = df.loc[("People trained", "number", "2016-17")]
    assert trained["median"] != trained["median"]  # NaN: three boards are too few
    assert trained["comparison"] == "too few boards reported this figure in the same year to compare"
    assert ("Schools responding to the safeguarding audit (number)", "number", "2017-18") not in df.index  # one board


def test_actions_use_the_vocabulary_labels(fixture_db):
    spec = parse_query_file(QUERIES_DIR / "actions_recorded.sql")
    df = run_query(spec, {}, fixture_db)
    assert {"Report noted", "Further information requested"} <= set(df.action_type)
    assert set(df[df.action_type == "Further information requested"].follow_up) == {"Yes"}


# The header parser -----------------------------------------------------------------------------

GOOD = "-- title: T\n-- description: D\nSELECT local_authority AS board FROM boards"


@pytest.mark.parametrize(("text", "expect"), [
    pytest.param(GOOD, {"title": "T", "description": "D", "chart": None, "params": (), "columns": (),
                        "sql": "SELECT local_authority AS board FROM boards"}, id="minimal"),
    pytest.param("-- title: T\nSELECT 1 AS one", {"description": ""}, id="description optional"),
    pytest.param("-- title: Long\n-- description: first part\n--   and the rest\n--\nSELECT 1 AS a",
                 {"description": "first part and the rest"}, id="continuation and bare --"),
    pytest.param("--title:T\n-- Columns : a\nSELECT 1 AS a", {"title": "T", "columns": ("a",)},
                 id="spacing and case of keys"),
    pytest.param("-- title: T\n\n-- not header\nSELECT 1 AS a", {"sql": "-- not header\nSELECT 1 AS a"},
                 id="header ends at first non-comment line"),
    pytest.param("-- title: T\n-- chart: bar x=a y=b color=c\n-- columns: a, b, c\nSELECT 1 a, 2 b, 3 c",
                 {"chart": ChartSpec("bar", "a", "b", color="c"), "columns": ("a", "b", "c")},
                 id="bar chart"),
    pytest.param("-- title: T\n-- chart: heatmap x=a y=b z=c\nSELECT 1 a, 2 b, 3 c",
                 {"chart": ChartSpec("heatmap", "a", "b", z="c")}, id="heatmap"),
    pytest.param("-- title: T\n-- chart: line y=b x=a\nSELECT 1 a, 2 b",
                 {"chart": ChartSpec("line", "a", "b")}, id="line, keys in any order"),
    pytest.param("-- title: T\n-- param: theme | Theme | choices: neglect=Neglect, early_help=Early help\n"
                 "SELECT * FROM v_theme_coverage WHERE code = $theme",
                 {"params": (ParamSpec("theme", "Theme",
                                       (("neglect", "Neglect"), ("early_help", "Early help"))),)},
                 id="fixed choices"),
    pytest.param("-- title: T\n-- param: y | Year | choices: 2016-17, 2017-18 | default: 2017-18\n"
                 "SELECT * FROM v_reports WHERE period = $y",
                 {"params": (ParamSpec("y", "Year", (("2016-17", "2016-17"), ("2017-18", "2017-18")),
                                       default="2017-18"),)}, id="choices without labels, default"),
    pytest.param("-- title: T\n-- param: board | Board | default: x | query: SELECT board_id,\n"
                 "--   local_authority || ' | ' || region FROM boards\n"
                 "SELECT * FROM boards WHERE board_id = $board",
                 {"params": (ParamSpec("board", "Board", default="x", choices_sql="SELECT board_id, "
                                       "local_authority || ' | ' || region FROM boards"),)},
                 id="query choices, continued, containing |"),
    pytest.param("-- title: T\nSELECT '$notaparam' AS a -- $nor_this", {"params": ()},
                 id="$ in strings and comments is not a parameter"),
])
def test_parse_header(text, expect):
    spec = parse_query_text(text, "q")
    assert spec.id == "q"
    for field, value in expect.items():
        assert getattr(spec, field) == value, field


T = "-- title: T\n"


@pytest.mark.parametrize(("text", "reason"), [
    ("SELECT 1", "no title"),
    ("-- description: D\nSELECT 1", "no title"),
    ("-- title: T", "no SQL after the header"),
    (T + "-- titel: typo\nSELECT 1", "line 2: unknown key 'titel'"),
    (T + "-- title: again\nSELECT 1", "'title' is given twice"),
    (T + "-- a plain comment\nSELECT 1", "line 2: a header line is '-- key: value'"),
    ("--   floating\n-- title: T\nSELECT 1", "continuation line comes before"),
    (T + "SELECT * FROM boards WHERE board_id = $board", "uses $board but the header declares no such"),
    (T + "-- param: board | Board | choices: a\nSELECT 1", "param board is declared but not used"),
    (T + "SELECT * FROM boards WHERE board_id = ?", "positional parameters"),
    (T + "-- param: b | B | choices: a\n-- param: b | B2 | choices: c\nSELECT $b", "declared twice: b"),
    (T + "-- param: b | B\nSELECT $b", "a param is 'name | Label"),
    (T + "-- param: b | B | colours: red\nSELECT $b", "should start with choices:, query: or default:"),
    (T + "-- param: b | B | default: x\nSELECT $b", "either choices: or query:"),
    (T + "-- param: b | B | choices: a | query: SELECT 1\nSELECT $b", "either choices: or query:"),
    (T + "-- param: b-c | B | choices: a\nSELECT 1", "param name 'b-c'"),
    (T + "-- param: b | | choices: a\nSELECT $b", "has no label"),
    (T + "-- param: b | B | choices: a, , c\nSELECT $b", "an empty choice"),
    (T + "-- param: b | B | choices: a | default: z\nSELECT $b", "default 'z' is not one of the choices"),
    (T + "-- param: b | B | query: DELETE FROM boards\nSELECT $b", "choices query is not one read-only"),
    (T + "-- param: b | B | query: SELECT $x\nSELECT $b", "choices query cannot use parameters"),
    (T + "-- chart: pie x=a y=b\nSELECT 1 a, 2 b", "unknown chart type 'pie'"),
    (T + "-- chart: bar x=a\nSELECT 1 a", "a bar chart needs y=column"),
    (T + "-- chart: heatmap x=a y=b\nSELECT 1 a, 2 b", "a heatmap chart needs z=column"),
    (T + "-- chart: bar x=a y=b z=c\nSELECT 1 a", "a bar chart takes x, y, color, not 'z'"),
    (T + "-- chart: bar x = a y=b\nSELECT 1 a", "'x' is not key=column"),
    (T + "-- chart: bar x=a y=b x=c\nSELECT 1 a", "x is given twice"),
    (T + "-- chart:\nSELECT 1 a", "chart: give a chart type and its columns"),
    (T + "-- chart: bar x=a y=b\n-- columns: a, c\nSELECT 1 a", "column b is not in the declared columns"),
    (T + "-- columns: a, , b\nSELECT 1 a", "an empty column name"),
    (T + "-- columns: a, a\nSELECT 1 a", "listed twice"),
    (T + "DROP TABLE boards", "not one read-only SELECT: This console only reads: DROP"),
    (T + "SELECT 1; SELECT 2", "Only one statement"),
    (T + "SELECT * FROM read_csv('x.csv')", "Reading files is not allowed"),
    (T + "SELEC 1", "could not read this SQL"),
])
def test_malformed_headers_are_refused_with_a_reason(text, reason):
    with pytest.raises(QueryFileError) as err:
        parse_query_text(text, "broken")
    assert reason in err.value.reason
    assert str(err.value).startswith("broken.sql: ")


def test_a_new_file_appears_without_python_changes(tmp_path, fixture_db):
    for path in SHIPPED[:2]:
        (tmp_path / path.name).write_text(path.read_text())
    (tmp_path / "regions.sql").write_text(
        "-- title: Boards by region\n"
        "-- description: How many boards each region has.\n"
        "-- chart: bar x=region y=boards\n"
        "-- param: kind | Kind of board | choices: LSCB=Board, partnership=Partnership\n"
        "-- columns: region, boards\n"
        "SELECT region, count(DISTINCT board_id) AS boards FROM v_reports\n"
        "WHERE board_kind = $kind GROUP BY region ORDER BY region\n"
    )
    (tmp_path / "broken.sql").write_text("-- title: Broken\n-- colour: red\nSELECT 1\n")
    (tmp_path / "notes.txt").write_text("not a query")
    specs, errors = load_queries(tmp_path)
    assert sorted(s.id for s in specs) == sorted([SHIPPED[0].stem, SHIPPED[1].stem, "regions"])
    assert [(e.path.name, e.reason) for e in errors] == [(
        "broken.sql", "line 2: unknown key 'colour' (known keys: title, description, chart, param, columns)"
    )]
    regions = next(s for s in specs if s.id == "regions")
    df = run_query(regions, {"kind": "partnership"}, fixture_db)
    assert df.to_dict("list") == {"region": ["South West"], "boards": [1]}


def test_missing_queries_directory_is_reported(tmp_path):
    specs, errors = load_queries(tmp_path / "nowhere")
    assert specs == [] and "does not exist" in errors[0].reason


def test_unreadable_file_is_reported(tmp_path):
    (tmp_path / "latin.sql").write_bytes(b"-- title: caf\xe9\nSELECT 1")
    specs, errors = load_queries(tmp_path)
    assert specs == [] and "cannot be read" in errors[0].reason


def test_run_query_checks_parameter_names(fixture_db):
    spec = parse_query_file(QUERIES_DIR / "themes_not_covered.sql")
    with pytest.raises(ValueError, match="missing parameter board"):
        run_query(spec, {}, fixture_db)
    with pytest.raises(ValueError, match="unknown parameter colour"):
        run_query(spec, {"board": "midcaster", "colour": "red"}, fixture_db)


def test_param_choices_from_a_connection_and_defaults(fixture_db):
    import duckdb

    spec = parse_query_text(
        "-- title: T\n-- param: b | Board | query: SELECT board_id FROM boards ORDER BY 1\n"
        "-- param: t | Theme | choices: neglect=Neglect, training=Training | default: training\n"
        "SELECT $b AS b, $t AS t", "q")
    with duckdb.connect(str(fixture_db), read_only=True) as con:
        choices = param_choices(spec, con)
    assert choices["b"][0] == ("eastborough", "eastborough")  # the first board id in order
    assert default_params(spec, choices) == {"b": "eastborough", "t": "training"}
    assert run_query(spec, {"b": "x", "t": "y"}, fixture_db).to_dict("list") == {"b": ["x"], "t": ["y"]}


def test_truncation_is_flagged(fixture_db):
    spec = parse_query_text("-- title: T\nSELECT range AS i FROM range(20)", "q")
    df = run_query(spec, {}, fixture_db, row_cap=10)
    assert len(df) == 10 and df.attrs["truncated"] is True


def test_query_file_error_names_the_file():
    err = QueryFileError(Path("/somewhere/q.sql"), "bad")
    assert str(err) == "q.sql: bad" and err.reason == "bad"
