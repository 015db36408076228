"""What a fair comparison is: the one module that decides, for every page, query and briefing.

The rules:

* **Peers** are the *other* boards' reports of the **same year** as the report being compared.
  A wider window (a year either side) is a visible choice, and every comparison says which it
  used (:class:`Window`).
* A **median** is shown only when at least :data:`MIN_BOARDS` other boards reported the figure in
  the window; below that the comparison says :data:`TOO_FEW_FIGURE` instead. Never a median of one.
  Every median says how many boards it is made of, and which.
* A figure is compared only with **the same measure**: the same catalogue name and the same unit
  (a count of schools is not a percentage of schools). Figures that fit no catalogue entry
  (:data:`UNCOMPARABLE`) are never compared.
* **"Not stated" is never zero**: a report that gives no number is left out of a median, while a
  stated 0 counts.
* A **theme** is compared only for reports of the years it exists in (``theme_taxonomy.applies_from``,
  from boardcompare/vocab/themes.csv): the move to new safeguarding arrangements is never a "gap"
  for a report from before it. A theme is a gap when more than :data:`GAP_SHARE` of at least
  :data:`MIN_BOARDS` other boards discussed it and this board did not.

SQL that needs the same rules reads the view ``v_comparison_rules`` (boardcompare/sql/views.sql);
tests/test_fairness.py checks the two agree. Each board's figure for a year comes from the view
``v_figure_values`` (one value per board, year and measure).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from boardcompare.display import format_value, join_words, period_label, plural

MIN_BOARDS = 5
GAP_SHARE = 0.5
UNCOMPARABLE = ("other_count", "other_percent")
TOO_FEW_FIGURE = "too few boards reported this figure in the same year to compare"
TOO_FEW_THEMES = "too few other boards reported on the same year to compare themes"
NO_PERIOD = "the minutes do not state the year of this report, so it is not compared with other boards"

Query = Callable[[str, dict], pd.DataFrame]


@dataclass(frozen=True)
class Window:
    """Which years of the other boards' reports count as peers: ``years`` either side (0: the same)."""

    years: int = 0

    def bounds(self, period_start: int) -> tuple[int, int]:
        """The first and last year (period_start) that count as peers."""
        return period_start - self.years, period_start + self.years

    def label(self, period_start: int | None) -> str:
        """
        >>> Window().label(2017), Window(1).label(2017)
        ('2017-18', '2016-17 to 2018-19')
        """
        if period_start is None:
            return "no year"
        lo, hi = self.bounds(period_start)
        return period_label(lo) if lo == hi else f"{period_label(lo)} to {period_label(hi)}"

    def scope(self, period_start: int | None) -> str:
        """What a comparison was made with, stated next to it.

        >>> Window().scope(2017), Window(1).scope(2017)
        ("other boards' reports of 2017-18", "other boards' reports of 2016-17 to 2018-19 (a year either side)")
        """
        return f"other boards' reports of {self.years_text(period_start)}"

    def years_text(self, period_start: int | None) -> str:
        """
        >>> Window(1).years_text(2017)
        '2016-17 to 2018-19 (a year either side)'
        """
        return self.label(period_start) + (" (a year either side)" if self.years else "")


SAME_YEAR = Window(0)
WINDOWS = {0: "Same year", 1: "A year either side"}  # the choice as offered on the pages


def window(years: object) -> Window:
    """A :class:`Window` from a page or command-line choice; anything unknown is the same year."""
    try:
        n = int(str(years))
    except ValueError:
        return SAME_YEAR
    return Window(n) if n in WINDOWS else SAME_YEAR


# ---------------------------------------------------------------------------------------------
# Figures


@dataclass(frozen=True)
class PeerFigure:
    """The other boards' values of one measure in a window: one value per board."""

    name: str
    unit: str
    boards: tuple[str, ...]  # local authorities, in the order of ``values``
    values: tuple[float, ...]
    periods: tuple[str, ...]
    scope: str  # Window.scope(...)
    files: tuple[str, ...] = ()  # the documents the values come from

    @property
    def years(self) -> str:
        """The years compared with: '2017-18'."""
        return self.scope.removeprefix("other boards' reports of ")

    @property
    def n(self) -> int:
        """How many other boards."""
        return len(self.boards)

    @property
    def comparable(self) -> bool:
        """Whether enough boards are in the comparison to show a median or name a gap."""
        return self.n >= MIN_BOARDS

    @property
    def median(self) -> float | None:
        """The median of the other boards' values, only when comparable."""
        return float(statistics.median(self.values)) if self.comparable else None

    @property
    def lowest(self) -> float | None:
        """The lowest of the other boards' values, only when comparable."""
        return min(self.values) if self.comparable else None

    @property
    def highest(self) -> float | None:
        """The highest of the other boards' values, only when comparable."""
        return max(self.values) if self.comparable else None

    def median_text(self) -> str:
        """ "26 (6 boards)" or the reason there is no median."""
        if not self.comparable:
            return TOO_FEW_FIGURE
        return f"{format_value(self.median, self.unit)} ({plural(self.n, 'board')})"

    def range_text(self) -> str:
        """The other boards' lowest to highest, when comparable."""
        if not self.comparable:
            return ""
        lo, hi = format_value(self.lowest, self.unit), format_value(self.highest, self.unit)
        return lo if lo == hi else f"{lo} to {hi}"

    def boards_text(self) -> str:
        """Which boards, with their values: 'Eastborough 18, Hillbury 40'."""
        return ", ".join(f"{b} {format_value(v, self.unit)}" for b, v in zip(self.boards, self.values, strict=True))

    def position(self, value: float) -> str | None:
        """Where ``value`` stands against a comparable median: above or below the range, or far off."""
        if not self.comparable:
            return None
        if value > self.highest:
            return "above the other boards' range"
        if value < self.lowest:
            return "below the other boards' range"
        if self.median > 0 and value >= 2 * self.median:
            return f"{value / self.median:.1f} times the other boards' median"
        if self.median > 0 and value <= self.median / 2:
            return "less than half the other boards' median"
        return None


def _empty_peer(name: str, unit: str, scope: str) -> PeerFigure:
    return PeerFigure(name, unit, (), (), (), scope, ())


SQL_PEER_FIGURES = """
WITH theirs AS (
    SELECT name, unit, board_id, local_authority, value, period, file_name,
           row_number() OVER (PARTITION BY name, unit, board_id
                              ORDER BY abs(period_start - $year), period_start DESC) AS rank
    FROM v_figure_values
    WHERE board_id <> $board AND period_start BETWEEN $lo AND $hi
      AND name IN (SELECT unnest($names::VARCHAR[]))
)
SELECT name, unit, list(local_authority ORDER BY local_authority) AS boards,
       list(value ORDER BY local_authority) AS "values", list(period ORDER BY local_authority) AS periods,
       list(file_name ORDER BY local_authority) AS files
FROM theirs WHERE rank = 1
GROUP BY name, unit
"""


def peer_figures(query: Query, board_id: str, period_start: int | None, measures: list[tuple[str, str]],
                 win: Window = SAME_YEAR) -> dict[tuple[str, str], PeerFigure]:
    """The other boards' values of each measure (catalogue name, unit) in the window around a year.

    Each other board counts once: its value from the year nearest ``period_start`` (the later
    year on a tie), its latest meeting's first mention (``v_figure_values``).
    """
    scope = win.scope(period_start)
    out = {m: _empty_peer(*m, scope) for m in measures if m[0] not in UNCOMPARABLE}
    if period_start is None or not out:
        return out
    lo, hi = win.bounds(int(period_start))
    rows = query(SQL_PEER_FIGURES, {"board": board_id, "year": int(period_start), "lo": lo, "hi": hi,
                                    "names": sorted({name for name, _ in out})})
    for r in rows.itertuples(index=False):
        if (r.name, r.unit) in out:
            out[(r.name, r.unit)] = PeerFigure(r.name, r.unit, tuple(r.boards), tuple(map(float, r.values)),
                                               tuple(r.periods), scope, tuple(r.files))
    return out


SQL_PEER_REVIEWS = """
WITH per_year AS (
    SELECT board_id, any_value(local_authority) AS local_authority, period, period_start,
           max(scr_count) AS reviews, arg_max(file_name, scr_count) AS file_name
    FROM v_reviews
    WHERE board_id <> $board AND period_start BETWEEN $lo AND $hi AND scr_count IS NOT NULL
    GROUP BY board_id, period, period_start
), nearest AS (
    SELECT *, row_number() OVER (PARTITION BY board_id ORDER BY abs(period_start - $year), period_start DESC) AS rank
    FROM per_year
)
SELECT local_authority AS board, reviews, period, file_name FROM nearest WHERE rank = 1 ORDER BY board
"""
REVIEWS = ("reviews", "count")


def peer_reviews(query: Query, board_id: str, period_start: int | None, win: Window = SAME_YEAR) -> PeerFigure:
    """The other boards' review counts in the window: a stated 0 counts, "not stated" is left out."""
    scope = win.scope(period_start)
    if period_start is None:
        return _empty_peer(*REVIEWS, scope)
    lo, hi = win.bounds(int(period_start))
    rows = query(SQL_PEER_REVIEWS, {"board": board_id, "year": int(period_start), "lo": lo, "hi": hi})
    return PeerFigure(*REVIEWS, tuple(rows["board"]), tuple(map(float, rows["reviews"])), tuple(rows["period"]),
                      scope, tuple(rows["file_name"]))


# ---------------------------------------------------------------------------------------------
# Themes


def theme_applies(applies_from: object, period_start: object) -> bool:
    """Whether a theme exists for a report of ``period_start`` (a report of unknown year: only
    themes that always apply).

    >>> theme_applies(None, 2015), theme_applies(2017, 2016), theme_applies(2017, 2017), theme_applies(2017, None)
    (True, False, True, False)
    """
    if applies_from is None or pd.isna(applies_from):
        return True
    if period_start is None or pd.isna(period_start):
        return False
    return int(period_start) >= int(applies_from)


@dataclass(frozen=True)
class ThemeShare:
    """One theme against the other boards: how many discussed it, and whether this board did."""

    code: str
    label: str
    applies: bool  # the theme exists for this report's year
    covered: bool  # this board's minutes discuss it
    boards: tuple[str, ...]  # the other boards that discussed it
    n_peers: int  # the other boards with a report in the window

    @property
    def n(self) -> int:
        """How many other boards."""
        return len(self.boards)

    @property
    def share(self) -> float:
        """The share of the other boards that discussed the theme."""
        return self.n / self.n_peers if self.n_peers else 0.0

    @property
    def is_gap(self) -> bool:
        """Whether the theme is a gap: it applies, this board did not discuss it, and more than half of
        at least MIN_BOARDS other boards did."""
        return (self.applies and not self.covered and self.n_peers >= MIN_BOARDS
                and self.share > GAP_SHARE)

    def share_text(self) -> str:
        """ "3 of 5 other boards (60%)" """
        return f"{self.n} of {self.n_peers} other boards ({self.share:.0%})"


@dataclass(frozen=True)
class ThemeComparison:
    """Every theme of the taxonomy for one report, against the other boards in a window."""

    period_start: int | None
    scope: str
    peers: tuple[str, ...]  # the other boards with a report in the window
    themes: tuple[ThemeShare, ...]  # most widely discussed first
    files: tuple[str, ...] = ()  # the other boards' documents

    @property
    def years(self) -> str:
        """The years compared with: '2017-18'."""
        return self.scope.removeprefix("other boards' reports of ")

    @property
    def comparable(self) -> bool:
        """Whether enough boards are in the comparison to show a median or name a gap."""
        return self.period_start is not None and len(self.peers) >= MIN_BOARDS

    @property
    def gaps(self) -> list[ThemeShare]:
        """The themes most other boards discussed and these minutes do not (fairly compared)."""
        return [t for t in self.themes if t.is_gap] if self.comparable else []

    @property
    def not_yet(self) -> list[ThemeShare]:
        """Themes that do not exist yet for this report's year."""
        return [t for t in self.themes if not t.applies]

    def reason(self) -> str | None:
        """Why themes are not compared, or None when they are."""
        if self.period_start is None:
            return NO_PERIOD
        return None if self.comparable else f"{TOO_FEW_THEMES} ({plural(len(self.peers), 'other board')})"

    def peers_text(self) -> str:
        """The other boards compared with, as words."""
        return join_words(list(self.peers))


SQL_THEME_PEERS = """
SELECT DISTINCT local_authority AS board, report_id, file_name
FROM v_reports
WHERE board_id IS NOT NULL AND board_id <> $board AND period_start BETWEEN $lo AND $hi
ORDER BY board
"""
# The other boards that discussed each theme in the window: the same boards' reports as SQL_THEME_PEERS,
# read from the board x year x theme counts the build writes (theme_coverage).
SQL_THEME_SHARES = """
SELECT x.code, x.label, x.applies_from,
       coalesce(list(DISTINCT c.local_authority ORDER BY c.local_authority)
                FILTER (WHERE c.local_authority IS NOT NULL), []) AS boards
FROM theme_taxonomy AS x
LEFT JOIN theme_coverage AS c
  ON c.code = x.code AND c.board_id <> $board AND c.period_start BETWEEN $lo AND $hi
GROUP BY x.code, x.label, x.applies_from
"""


def theme_comparison(query: Query, board_id: str, period_start: int | None, covered: set[str],
                     win: Window = SAME_YEAR) -> ThemeComparison:
    """Each theme of the taxonomy: which other boards with a report in the window discussed it,
    whether it exists for this year, and whether this board (``covered`` codes) discussed it."""
    scope = win.scope(period_start)
    if period_start is None:
        lo = hi = None  # no peers: every theme is shared by no other board
        reports = pd.DataFrame({"board": [], "report_id": [], "file_name": []})
    else:
        lo, hi = win.bounds(int(period_start))
        reports = query(SQL_THEME_PEERS, {"board": board_id, "lo": lo, "hi": hi})
    peers = tuple(dict.fromkeys(reports["board"]))
    shares = query(SQL_THEME_SHARES, {"board": board_id, "lo": lo, "hi": hi})
    themes = [ThemeShare(r.code, r.label, theme_applies(r.applies_from, period_start), r.code in covered,
                         tuple(r.boards), len(peers)) for r in shares.itertuples(index=False)]
    themes.sort(key=lambda t: (-t.n, t.label))
    return ThemeComparison(None if period_start is None else int(period_start), scope, peers, tuple(themes),
                           tuple(dict.fromkeys(reports["file_name"])))
