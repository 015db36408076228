"""Gather the facts of a briefing: one board's report for a period, read with bound-parameter queries.

``query`` runs one parametrised SQL statement and returns a DataFrame (the dashboard passes its
cached query; the command line reads the database file directly).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from boardcompare import db
from boardcompare.display import as_date, safe_text
from boardcompare.errors import BoardcompareError

Query = Callable[[str, dict], pd.DataFrame]


class BriefingError(BoardcompareError):
    """The board or period asked for is not in the database; the message lists the known ones."""

    code = 2


def query_for(db_path) -> Query:
    """A query function reading the database file at ``db_path`` (default: the project's)."""

    def run(sql: str, params: dict) -> pd.DataFrame:
        return db.query_df(sql, params, path=db_path)

    return run


SQL_KNOWN_BOARDS = """
SELECT board_id, any_value(local_authority) AS local_authority,
       arg_max(board_name, coalesce(meeting_date, DATE '1900-01-01')) AS board_name, count(*) AS n_reports
FROM v_reports WHERE board_id IS NOT NULL GROUP BY board_id ORDER BY local_authority
"""
SQL_KNOWN_PERIODS = """
SELECT DISTINCT period FROM v_reports WHERE board_id = $board AND period IS NOT NULL ORDER BY period
"""
SQL_REPORTS = """
SELECT * FROM v_reports WHERE board_id = $board
ORDER BY period_start DESC NULLS LAST, meeting_date DESC NULLS LAST, report_id
"""
SQL_THEMES = """
SELECT code, theme, count(*) AS n_sentences, min(start_offset) AS start_offset,
       arg_min(end_offset, start_offset) AS end_offset, arg_min(sentence, start_offset) AS sentence
FROM v_theme_evidence WHERE report_id = $report
GROUP BY code, theme ORDER BY n_sentences DESC, theme
"""
SQL_METRICS = "SELECT * FROM v_metrics WHERE report_id = $report ORDER BY metric_no"
SQL_REVIEWS = "SELECT review_type, scr_count, scr_sentence, scr_start, scr_end FROM v_reviews WHERE report_id = $report"
SQL_CONCERNS = """
SELECT kind, kind_label, raised_by, sentence, start_offset, end_offset, themes, concern_no
FROM v_concern_sentences WHERE report_id = $report ORDER BY concern_no
"""
SQL_ACTIONS = "SELECT * FROM v_actions WHERE report_id = $report ORDER BY action_no"


def known_boards(db_path=None, query: Query | None = None) -> pd.DataFrame:
    """Boards with at least one board report: board_id, local_authority, board_name, n_reports."""
    return (query or query_for(db_path))(SQL_KNOWN_BOARDS, {})


def known_periods(board_id: str, db_path=None, query: Query | None = None) -> list[str]:
    """The periods of a board's reports, oldest first."""
    return (query or query_for(db_path))(SQL_KNOWN_PERIODS, {"board": board_id})["period"].tolist()


def resolve_board(board: str, db_path=None, query: Query | None = None) -> pd.Series:
    """Find a board by board_id, local authority or board name (case-insensitive)."""
    query = query or query_for(db_path)
    boards = known_boards(query=query)
    wanted = " ".join(str(board).split()).casefold()
    for column in ("board_id", "local_authority", "board_name"):
        hit = boards[boards[column].fillna("").str.casefold() == wanted]
        if len(hit):
            return hit.iloc[0]
    listed = ", ".join(boards["local_authority"].fillna(boards["board_id"]).tolist()) or "none"
    known = query("SELECT local_authority FROM boards WHERE lower(board_id) = $b OR lower(local_authority) = $b",
                  {"b": wanted})
    if len(known):
        raise BriefingError(f"{known.iloc[0]['local_authority']} has no board reports in the database."
                            f" Known boards: {listed}")
    raise BriefingError(f"No board called {board!r}. Known boards: {listed}")


@dataclass
class Facts:
    """What the database holds about one board's report (and the other meetings on it)."""

    board_id: str
    local_authority: str
    report: pd.Series  # the v_reports row of the chosen meeting
    other_meetings: pd.DataFrame  # other meetings on the same period's report
    periods: list[str]
    themes: pd.DataFrame
    metrics: pd.DataFrame
    reviews: pd.Series
    concerns: pd.DataFrame  # each sentence once, with its themes
    actions: pd.DataFrame

    @property
    def period(self) -> str | None:
        """The report's period ("2015-16"), or None when not stated."""
        return None if pd.isna(self.report["period"]) else self.report["period"]

    @property
    def period_start(self) -> int | None:
        """The first year of the period (2015 for 2015-16), or None."""
        return None if pd.isna(self.report["period_start"]) else int(self.report["period_start"])

    @property
    def period_inferred(self) -> bool:
        """Whether the period is inferred from the meeting date."""
        return bool(self.report["period_inferred"])

    @property
    def board_name(self) -> str:
        """The board's name as the minutes write it (else its local authority)."""
        return safe_text(self.report["board_name"]) or self.local_authority

    @property
    def committee(self) -> str | None:
        """The committee that minuted the report, or None."""
        return safe_text(self.report["committee"]) or None

    @property
    def meeting_date(self):
        """The meeting's date, or None."""
        return as_date(self.report["meeting_date"])

    @property
    def presenter(self) -> str | None:
        """Who presented the report: "Jo Bloggs, Independent Chair", or None."""
        name, role = safe_text(self.report["presenter_name"]), safe_text(self.report["presenter_role"])
        return f"{name}, {role}" if name and role else (name or role or None)

    @property
    def presented_by(self) -> str | None:
        """'Jo Bloggs, Independent Chair' or 'the Independent Chair'."""
        if not self.presenter:
            return None
        return self.presenter if safe_text(self.report["presenter_name"]) else f"the {self.presenter}"


def gather(board: str, period: str | None, query: Query) -> Facts:
    """The facts of one board's report for ``period`` (default: its latest), each with its source."""
    found = resolve_board(board, query=query)
    board_id, la = found["board_id"], found["local_authority"]
    reports = query(SQL_REPORTS, {"board": board_id})
    periods = sorted(p for p in reports["period"].dropna().unique())
    chosen = reports
    if period is not None:
        period = period.strip()
        chosen = reports[reports["period"] == period]
        if chosen.empty:
            raise BriefingError(f"{la} has no report for {period}. Known periods: {', '.join(periods) or 'none'}")
    report = chosen.iloc[0]
    rid = {"report": report["report_id"]}
    return Facts(
        board_id=board_id, local_authority=la, report=report, other_meetings=chosen.iloc[1:], periods=periods,
        themes=query(SQL_THEMES, rid), metrics=query(SQL_METRICS, rid), reviews=query(SQL_REVIEWS, rid).iloc[0],
        concerns=query(SQL_CONCERNS, rid), actions=query(SQL_ACTIONS, rid))
