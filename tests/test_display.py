"""Showing values (boardcompare.display): plain text, figures, dates, and downloads with no live formulas."""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
import pytest

from boardcompare import display
from boardcompare.cli_sql import sql_command
from boardcompare.ui.common import show_table  # noqa: F401 (the tables' CSV comes from display.csv_bytes)

FORMULAS = ['=HYPERLINK("https://evil.example","x")', "+1+1", "-2+3", "@SUM(A1:A2)", "\tcmd", "\rcmd"]


@pytest.mark.parametrize("value", FORMULAS)
def test_a_formula_cell_is_neutralised(value):
    assert display.cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Neglect", "a = b", "", 12, -3.5, None])
def test_other_cells_are_unchanged(value):
    assert display.cell(value) == value


def test_csv_downloads_hold_no_live_formulas():
    df = pd.DataFrame({"=bad": FORMULAS, "n": range(len(FORMULAS))})
    rows = list(csv.reader(io.StringIO(display.csv_bytes(df).decode("utf-8"), newline="")))
    assert rows[0] == ["'=bad", "n"]
    assert [r[0] for r in rows[1:]] == ["'" + v for v in FORMULAS]
    assert [r[1] for r in rows[1:]] == [str(i) for i in range(len(FORMULAS))]  # numbers stay numbers


def test_sql_command_csv_holds_no_live_formulas(fixture_db):
    out, err = io.StringIO(), io.StringIO()
    sql = ("SELECT '=HYPERLINK(\"https://evil.example\")' AS a, '@SUM(1)' AS \"=b\", -1 AS n, sentence"
           " FROM v_theme_evidence WHERE sentence LIKE '=%'")
    assert sql_command(sql, db_path=fixture_db, out=out, fmt="csv", err=err) == 0
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows[0] == ["a", "'=b", "n", "sentence"]
    assert rows[1][:3] == ["'=HYPERLINK(\"https://evil.example\")", "'@SUM(1)", "-1"]
    assert rows[1][3].startswith("'=HYPERLINK(")  # a sentence of the minutes that starts with =


@pytest.mark.parametrize("text", [
    "[Session expired](https://evil.example/login)",
    "![x](https://evil.example/pixel.png)",
    "see https://evil.example/report or www.evil.example",
    "<a href='https://evil.example'>x</a>",
])
def test_plain_text_never_becomes_a_link(text):
    shown = display.plain(text)
    assert not re.search(r"(?<!\\)[\[!<]", shown)  # no unescaped bracket, image mark or tag
    assert "https://" not in shown and "www.evil" not in shown  # no bare address for autolinking


@pytest.mark.parametrize(("value", "unit", "qualifier", "high", "shown"), [
    (245000, "gbp", None, None, "£245,000"),
    (12.5, "gbp", None, None, "£12.50"),
    (82.25, "percent", None, None, "82.2%"),
    (82, "percent", None, None, "82%"),
    (500, "count", "over", None, "over 500"),
    (10, "count", None, 12, "10–12"),
    (None, "count", None, None, "not stated"),
    (0, "count", None, None, "0"),
])
def test_format_value(value, unit, qualifier, high, shown):
    assert display.format_value(value, unit, qualifier, high) == shown


def test_dates_are_written_one_way():
    assert display.format_dates(pd.Series(pd.to_datetime(["2018-11-05", None]))) == ["5 November 2018", ""]


@pytest.mark.parametrize(("text", "expected"), [
    ("ring 0161 474 5657.", "ring [phone number removed]."),
    ("ring +44 (0)20 7946 0958 now", "ring [phone number removed] now"),
    ("mobile 07700 900123", "mobile [phone number removed]"),
    ("mail a.b-c@council.gov.uk today", "mail [e-mail removed] today"),
    ("2,345 children in 2016-17 cost £245,000", "2,345 children in 2016-17 cost £245,000"),
    ("between 2015 and 2018 there were 0 reviews", "between 2015 and 2018 there were 0 reviews"),
])
def test_mask_contacts(text, expected):
    assert display.mask_contacts(text) == expected
