"""Full-text search from the term index the build writes: ranking, phrases, filters, highlighting."""

from __future__ import annotations

from pathlib import Path

import pytest

from boardcompare import db
from boardcompare.compare import Filters
from boardcompare.ingest import build_database
from boardcompare.search import SQL_SEARCH, SQL_SEARCH_COUNT, highlight_pattern, parse_query, search_params

HEAD = ("Minutes of the Children and Young People Scrutiny Committee, 12 October 2017\n\n"
        "{la} Safeguarding Children Board Annual Report 2016-17\n\n"
        "The Independent Chair of the {la} Safeguarding Children Board presented the annual report for 2016-17. ")
DOCUMENTS = {
    # file: (council, what the minutes say besides the heading)
    "many_neglect.txt": ("Stockport", "Neglect was the priority. Neglect, neglect and neglect again. "
                                      "Members asked about neglect."),
    "one_neglect.txt": ("Medway", "The Board covered many subjects at length, among them training, early help, "
                                  "domestic abuse, online safety, missing children and, once, neglect. " * 3),
    "no_neglect.txt": ("Rotherham", "Members raised concerns about information sharing between agencies."),
    "apart.txt": ("Devon", "Information about training was given. Sharing of good practice was praised."),
}


@pytest.fixture(scope="module")
def search_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("search")
    for name, (la, text) in DOCUMENTS.items():
        (folder / name).write_text(HEAD.format(la=la) + text + "\n\nRESOLVED: that the report be noted.\n")
    db_path = folder.parent / f"{folder.name}.duckdb"
    summary = build_database([folder], db_path)
    assert summary.count("used") == 4, summary.text()
    return db_path


def found(db_path: Path, query: str, filters: Filters | None = None) -> list[str]:
    params = {**(filters or Filters()).params(), **search_params(query), "limit": 50}
    hits = db.query_df(SQL_SEARCH, params, path=db_path)
    count = db.query_df(SQL_SEARCH_COUNT, {k: v for k, v in params.items() if k != "limit"}, path=db_path)
    assert count["n"].iloc[0] == len(hits)
    return hits["file_name"].tolist()


# --------------------------------------------------------------------------------------------
# Ranking and matching

CASES = [
    # query, files expected in this order
    ("neglect", ["many_neglect.txt", "one_neglect.txt"]),  # more often, in a shorter text, ranks first
    ("NEGLECT", ["many_neglect.txt", "one_neglect.txt"]),  # case does not matter
    ("neglect training", ["one_neglect.txt"]),  # every word must occur
    ('"information sharing"', ["no_neglect.txt"]),  # the phrase, not the words far apart
    ("information sharing", ["apart.txt", "no_neglect.txt"]),  # the words anywhere (sorted by score)
    ('"sharing information"', []),  # the words in the other order are not the phrase
    ('"safeguarding children board" neglect', ["many_neglect.txt", "one_neglect.txt"]),
    ("neglected", []),  # whole words only
    ("!!!", []),  # no words at all
]


@pytest.mark.parametrize("query, expected", CASES, ids=[c[0] for c in CASES])
def test_search_ranks_and_matches(search_db, query, expected):
    got = found(search_db, query)
    if query == "information sharing":
        assert sorted(got) == expected
    else:
        assert got == expected


def test_filters_keep_the_chosen_boards(search_db):
    assert found(search_db, "neglect", Filters(("medway",))) == ["one_neglect.txt"]
    assert found(search_db, "neglect", Filters((), 2020, 2021)) == []


def test_a_phrase_matches_across_punctuation_and_line_breaks():
    pattern = highlight_pattern(parse_query('"early help" neglect'))
    assert pattern.findall("Early\nhelp, and early-help; neglect. Neglected.") == ["Early\nhelp", "early-help",
                                                                                    "neglect"]


@pytest.mark.parametrize("text, terms", [
    ('neglect "county lines"', ["neglect", "county lines"]),
    ('"a b c"', ["a b", "b c"]),
    ('"one"', ["one"]),
    ('unclosed "county lines', ["unclosed", "county lines"]),
    ('Neglect neglect', ["neglect"]),
])
def test_query_terms(text, terms):
    assert parse_query(text).terms == terms
