"""The vocabularies the extraction reads, loaded once from boardcompare/vocab/*.csv.

Analysts extend the extraction by editing these files, not the code (see vocab/README.md).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from boardcompare.paths import VOCAB_DIR


def _rows(name: str) -> list[dict[str, str]]:
    with open(VOCAB_DIR / name, newline="", encoding="utf-8") as f:
        return [
            {k: (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(f)
            if not (row.get(next(iter(row))) or "").startswith("#")
        ]


@dataclass(frozen=True)
class Theme:
    """A theme of the taxonomy (vocab/themes.csv)."""

    code: str
    label: str
    description: str


@dataclass(frozen=True)
class ThemePattern:
    """One row of vocab/theme_patterns.csv: a form of words that signals a theme, compiled."""

    code: str
    regex: re.Pattern
    needs: re.Pattern | None  # words that must also be in the sentence (a weak sign counts only beside them)
    unless: re.Pattern | None = None  # words that cancel it ("Working Together 2018" cited only as a duty's source)
    from_year: int | None = None  # the form counts only in reports of periods starting in or after this year


@dataclass(frozen=True)
class MetricDef:
    """One metric of the catalogue (vocab/metrics.csv), its keywords compiled."""

    name: str
    label: str
    unit: str
    description: str
    keywords: re.Pattern | None


@cache
def themes() -> tuple[Theme, ...]:
    """Every theme of vocab/themes.csv, in its order."""
    return tuple(Theme(r["code"], r["label"], r["description"]) for r in _rows("themes.csv"))


@cache
def theme_patterns() -> tuple[ThemePattern, ...]:
    """The rows of vocab/theme_patterns.csv compiled; ValueError for an unknown theme code."""
    known = {t.code for t in themes()}
    out = []
    for r in _rows("theme_patterns.csv"):
        if r["code"] not in known:
            raise ValueError(f"theme_patterns.csv: unknown theme code {r['code']!r}")
        flags = 0 if r.get("case") == "exact" else re.IGNORECASE
        needs = re.compile(r["needs"], re.IGNORECASE) if r.get("needs") else None
        from_year = int(r["from_year"]) if r.get("from_year") else None
        unless = re.compile(r["unless"], re.IGNORECASE) if r.get("unless") else None
        out.append(ThemePattern(r["code"], re.compile(r["pattern"], flags), needs, unless, from_year))
    return tuple(out)


@cache
def theme_ignore() -> tuple[re.Pattern, ...]:
    """Names of things whose words must not count as a theme (e.g. 'Health and Wellbeing Board').

    A row with ``case`` set to ``exact`` matches case-sensitively (a post's title is in capitals).
    """
    return tuple(re.compile(r["pattern"], 0 if r.get("case") == "exact" else re.IGNORECASE)
                 for r in _rows("theme_ignore.csv"))


@cache
def metric_defs() -> tuple[MetricDef, ...]:
    """The metric catalogue of vocab/metrics.csv, in its order."""
    return tuple(
        MetricDef(
            r["name"], r["label"], r["unit"], r["description"],
            re.compile(rf"\b(?:{r['keywords']})(?!\w)", re.IGNORECASE) if r["keywords"] else None,
        )
        for r in _rows("metrics.csv")
    )


@cache
def counted_nouns() -> re.Pattern:
    """The nouns a count must be about to be a metric ('500 people', 'two reviews')."""
    nouns = sorted((r["noun"] for r in _rows("counted_nouns.csv")), key=len, reverse=True)
    alternation = "|".join(re.escape(n) for n in nouns)
    return re.compile(rf"(?:{alternation})\b", re.IGNORECASE)


@cache
def other_subjects() -> re.Pattern:
    """Words of an item's title that make it about something other than the board (a budget, a virtual school)."""
    return re.compile("|".join(f"(?:{r['pattern']})" for r in _rows("other_subjects.csv")), re.IGNORECASE)


@cache
def joint_boards() -> tuple[tuple[re.Pattern, tuple[str, ...], int | None], ...]:
    """Boards shared by several councils, by the words that name them ("City and Hackney", "South Tees")."""
    return tuple((re.compile(r["pattern"]), tuple(r["members"].split("|")),
                  int(r["from_year"]) if r["from_year"] else None) for r in _rows("joint_boards.csv"))
