"""What the comparison pages show: bound-parameter queries over the views, and pandas shaping.

Queries are SQL constants run through :func:`boardcompare.data_access.cached_query` with named
parameters; :class:`Filters` supplies ``$boards``, ``$y0`` and ``$y1``. The shaping functions
take and return DataFrames and know nothing of Streamlit, so they are tested on their own.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from boardcompare.data_access import cached_query
from boardcompare.display_text import safe_text
from boardcompare.search import SQL_SEARCH, SQL_SEARCH_COUNT  # noqa: F401 (the pages' queries live here)

NOT_STATED = "not stated"
INFORMATION_SHARING = "information_sharing"
REVIEWS_CHANGE_YEAR = 2019  # from 2019-20 serious case reviews became practice reviews

# Applied to any view with board_id and period_start. NULL parameters mean "no restriction",
# so the full year range keeps reports whose period could not be read.
FILTER_SQL = (
    "($boards IS NULL OR board_id = ANY($boards))"
    " AND ($y0 IS NULL OR period_start >= $y0)"
    " AND ($y1 IS NULL OR period_start <= $y1)"
)

BOARD = "coalesce(local_authority, board_id, 'Board not identified') AS board"


@dataclass(frozen=True)
class Filters:
    """The boards (empty: every board) and first and last years (None: no limit) being compared."""

    boards: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None

    def params(self) -> dict:
        return {"boards": list(self.boards) or None, "y0": self.year_from, "y1": self.year_to}


SQL_BOARDS = """
SELECT board_id, coalesce(any_value(local_authority), any_value(board_name)) AS board
FROM v_reports WHERE board_id IS NOT NULL GROUP BY board_id ORDER BY board
"""
SQL_PERIODS = """
SELECT DISTINCT period, period_start FROM v_reports WHERE period IS NOT NULL ORDER BY period_start
"""
SQL_THEMES = "SELECT code, label, description FROM theme_taxonomy ORDER BY label"
SQL_REPORTS = f"""
SELECT report_id, document_id, board_id, coalesce(local_authority, board_name) AS board, board_name,
       board_kind, period, period_start, committee, meeting_date, presenter_role, file_name, source_url
FROM v_reports WHERE {FILTER_SQL}
ORDER BY board, period_start, meeting_date
"""
SQL_DOCUMENT_TOTALS = """
SELECT count(*) AS n_documents, count(*) FILTER (WHERE NOT is_board_document) AS n_not_board
FROM documents
"""
SQL_BUILD_INFO = "SELECT key, value FROM build_info ORDER BY key"
SQL_INGEST_LOG = "SELECT path, outcome, message, document_id FROM ingest_log ORDER BY path"
SQL_INGEST_OUTCOMES = "SELECT outcome, count(*) AS files FROM ingest_log GROUP BY outcome ORDER BY files DESC, outcome"
SQL_COVERAGE = f"""
SELECT board_id, {BOARD}, period, period_start, code, theme,
       n_sentences
FROM v_theme_coverage WHERE {FILTER_SQL}
"""
SQL_THEME_EVIDENCE = f"""
SELECT board_id, {BOARD}, period, period_start, committee,
       meeting_date, file_name, code, theme, sentence
FROM v_theme_evidence WHERE {FILTER_SQL} AND ($code IS NULL OR code = $code)
ORDER BY board, period_start, start_offset
"""
# The theme sentences for a board and/or theme, first $limit rows (NULL: all); with every theme
# ($code NULL) grouped by theme and year.
THEME_EVIDENCE_WHERE = f"WHERE {FILTER_SQL} AND ($code IS NULL OR code = $code)"
SQL_THEME_EVIDENCE_PAGE = f"""
SELECT board_id, {BOARD}, period, period_start, committee,
       meeting_date, file_name, code, theme, sentence
FROM v_theme_evidence {THEME_EVIDENCE_WHERE}
ORDER BY CASE WHEN $code IS NULL THEN theme END, CASE WHEN $code IS NULL THEN period_start END,
         board, period_start, start_offset
LIMIT $limit
"""
SQL_THEME_EVIDENCE_COUNT = f"SELECT count(*) AS n FROM v_theme_evidence {THEME_EVIDENCE_WHERE}"
SQL_METRICS = f"""
SELECT board_id, {BOARD}, period, period_start, committee,
       meeting_date, file_name, metric_no, name, metric, value, unit, value_text, qualifier, sentence
FROM v_metrics WHERE {FILTER_SQL}
ORDER BY metric, board, period_start, metric_no
"""
# Each figure with how many boards report it and how many times, for the chosen boards and years.
SQL_METRIC_SUMMARY = f"""
SELECT metric, count(DISTINCT board_id) AS n_boards, count(*) AS n_rows
FROM v_metrics WHERE {FILTER_SQL}
GROUP BY metric
ORDER BY n_boards DESC, metric
"""
# Row-level figures with their sentences, optionally one figure ($metric), first $limit rows (NULL: all).
SQL_METRICS_PAGE = f"""
SELECT board_id, {BOARD}, period, period_start, committee,
       meeting_date, file_name, metric_no, name, metric, value, unit, value_text, qualifier, sentence
FROM v_metrics WHERE {FILTER_SQL} AND ($metric IS NULL OR metric = $metric)
ORDER BY metric, board, period_start, metric_no
LIMIT $limit
"""
# One figure ($metric): each board's latest value in each year (by meeting date, then order in the minutes).
SQL_METRIC_BY_YEAR = f"""
SELECT board_id, {BOARD}, period, period_start, committee,
       meeting_date, file_name, metric_no, name, metric, value, unit, value_text, qualifier, sentence
FROM v_metrics WHERE {FILTER_SQL} AND metric = $metric AND board_id IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY board_id, name, period
                           ORDER BY meeting_date DESC NULLS LAST, metric_no DESC NULLS LAST) = 1
ORDER BY period_start, board
"""
# One board ($board) against the others: its latest value of each figure beside the median of the
# other boards' latest values (each other board once), within the chosen years.
SQL_BOARD_VS_MEDIAN = f"""
WITH latest AS (
    SELECT board_id, name, arg_max({{'metric': metric, 'period': period, 'value': value, 'unit': unit,
                                     'qualifier': qualifier, 'sentence': sentence}},
                                    (coalesce(period_start, -1), coalesce(meeting_date, DATE '0001-01-01'),
                                     coalesce(metric_no, -1))) AS m
    FROM v_metrics WHERE {FILTER_SQL} AND board_id IS NOT NULL
    GROUP BY board_id, name
), peers AS (
    SELECT name, median(m.value) AS median, count(*) AS n_peers
    FROM latest WHERE board_id <> $board GROUP BY name
)
SELECT l.m.metric AS metric, l.m.period AS period, l.m.value AS value, l.m.unit AS unit,
       l.m.qualifier AS qualifier, l.m.sentence AS sentence, p.median, coalesce(p.n_peers, 0) AS n_peers
FROM latest AS l LEFT JOIN peers AS p USING (name)
WHERE l.board_id = $board
ORDER BY metric
"""
# Each board with the years it has reports for (one row per board and year).
SQL_REPORT_BOARD_YEARS = f"""
SELECT board_id, period, min(period_start) AS period_start
FROM v_reports WHERE {FILTER_SQL} AND board_id IS NOT NULL
GROUP BY board_id, period
ORDER BY board_id, period_start
"""
# Overview: how many boards, reports, years and documents the filters cover.
SQL_REPORT_TOTALS = f"""
SELECT count(DISTINCT board_id) AS n_boards, count(*) AS n_reports, count(DISTINCT period) AS n_years,
       count(DISTINCT document_id) AS n_documents
FROM v_reports WHERE {FILTER_SQL}
"""
# The most recent report of each board (by period, then meeting date).
SQL_LATEST_REPORTS = f"""
SELECT * FROM (
SELECT unnest(arg_max({{'report_id': report_id, 'document_id': document_id, 'board_id': board_id,
    'board': coalesce(local_authority, board_name), 'board_name': board_name, 'board_kind': board_kind,
    'period': period, 'period_start': period_start, 'committee': committee, 'meeting_date': meeting_date,
    'presenter_role': presenter_role, 'file_name': file_name, 'source_url': source_url}},
    (coalesce(period_start, -1), coalesce(meeting_date, DATE '0001-01-01'), report_id)))
FROM v_reports WHERE {FILTER_SQL} AND board_id IS NOT NULL
GROUP BY board_id
)
ORDER BY board
"""
# One row per board, year and kind of review: the highest number of reviews stated (the same report
# presented more than once is not extra reviews) and its sentence; NULL where no number is given.
SQL_REVIEWS_BY_YEAR = f"""
SELECT board_id, {BOARD}, period, period_start, review_type,
       max(scr_count) AS scr_count, arg_max(scr_sentence, scr_count) AS scr_sentence
FROM v_reviews WHERE {FILTER_SQL}
GROUP BY ALL
ORDER BY board, period_start
"""
# Each concern with how many boards raised it, how often, in which years and where.
SQL_CONCERN_SUMMARY = f"""
SELECT code, theme, count(DISTINCT board_id) AS n_boards, count(*) AS n_times,
       coalesce(string_agg(DISTINCT period, ', ' ORDER BY period)
                FILTER (WHERE period_start IS NOT NULL), '') AS years,
       string_agg(DISTINCT {BOARD.split(' AS ')[0]}, ', '
                  ORDER BY {BOARD.split(' AS ')[0]}) AS raised_at
FROM v_concerns WHERE {FILTER_SQL}
GROUP BY code, theme
"""
# Concern × year: how many boards raised it and which.
SQL_CONCERN_TIMELINE = f"""
SELECT theme, period_start, period, count(DISTINCT board_id) AS n_boards,
       string_agg(DISTINCT {BOARD.split(' AS ')[0]}, ', ' ORDER BY {BOARD.split(' AS ')[0]}) AS boards
FROM v_concerns WHERE {FILTER_SQL} AND period_start IS NOT NULL
GROUP BY theme, period_start, period
ORDER BY period_start, theme
"""
# One concern's quotes ($code), first $limit rows (NULL: all).
SQL_CONCERN_QUOTES = f"""
SELECT board_id, {BOARD}, period, period_start, committee,
       meeting_date, file_name, concern_no, code, theme, raised_by, sentence
FROM v_concerns WHERE {FILTER_SQL} AND code = $code
ORDER BY board, period_start, concern_no
LIMIT $limit
"""
# What boards that did not raise concern $code said on the same theme.
OTHER_BOARDS_SQL = f"""
FROM v_theme_evidence AS e WHERE {FILTER_SQL} AND code = $code
  AND NOT EXISTS (SELECT 1 FROM v_concerns AS c
                  WHERE c.code = $code AND c.board_id = e.board_id
                    AND ($y0 IS NULL OR c.period_start >= $y0) AND ($y1 IS NULL OR c.period_start <= $y1))
"""
SQL_OTHER_BOARDS_COUNT = f"SELECT count(*) AS n {OTHER_BOARDS_SQL}"
SQL_OTHER_BOARDS_EVIDENCE = f"""
SELECT board_id, {BOARD}, period, period_start, committee,
       meeting_date, file_name, code, theme, sentence
{OTHER_BOARDS_SQL}
ORDER BY board, period_start, start_offset
LIMIT $limit
"""
SQL_REVIEWS = f"""
SELECT board_id, {BOARD}, period, period_start, committee,
       meeting_date, file_name, scr_count, scr_sentence, review_type
FROM v_reviews WHERE {FILTER_SQL}
ORDER BY board, period_start
"""
SQL_CONCERNS = f"""
SELECT board_id, {BOARD}, period, period_start, committee,
       meeting_date, file_name, concern_no, code, theme, raised_by, sentence
FROM v_concerns WHERE {FILTER_SQL}
ORDER BY board, period_start, concern_no
"""
SQL_ACTIONS = f"""
SELECT board_id, {BOARD}, period, period_start, committee,
       meeting_date, file_name, action_no, kind, text, sentence
FROM v_actions WHERE {FILTER_SQL}
ORDER BY board, period_start, action_no
"""
SQL_DOCUMENTS = f"""
SELECT document_id, file_name, source_url, format, n_chars, is_board_document, report_id,
       coalesce(local_authority, board_name) AS board, period, committee, meeting_date, problems,
       n_themes, n_metrics, n_concerns, n_actions
FROM (SELECT *, TRY_CAST(left(period, 4) AS INTEGER) AS period_start FROM v_documents)
WHERE ($boards IS NULL AND $y0 IS NULL AND $y1 IS NULL) OR ({FILTER_SQL})
ORDER BY is_board_document, board, period_start, file_name
"""
# The documents list a page at a time ($limit rows; NULL: all), and how many there are.
SQL_DOCUMENTS_PAGE = SQL_DOCUMENTS + "LIMIT $limit\n"
SQL_DOCUMENTS_COUNT = f"""
SELECT count(*) AS n
FROM (SELECT *, TRY_CAST(left(period, 4) AS INTEGER) AS period_start FROM v_documents)
WHERE ($boards IS NULL AND $y0 IS NULL AND $y1 IS NULL) OR ({FILTER_SQL})
"""
SQL_INGEST_LOG_PAGE = SQL_INGEST_LOG + "\nLIMIT $limit"
# Full-text search: boardcompare/search.py (the term index the build writes, ranked with BM25).


ACTION_KINDS = {
    "noted": "Noted",
    "further_information": "Asked for more information",
    "attend": "Asked someone to attend",
    "recommendation": "Recommendation",
    "other": "Other",
}
INGEST_OUTCOMES = {
    "used": "Read and used",
    "duplicate": "Same file as another (stored once)",
    "not_board": "Not about a safeguarding children board",
    "unusable": "Could not be read",
}


def load(sql: str, filters: Filters | None = None, **extra) -> pd.DataFrame:
    """Run one of the SQL constants above (cached), binding the filters' parameters and any extra ones."""
    params = filters.params() if filters is not None else {}
    params.update(extra)
    return cached_query(sql, params)


def period_label(period_start: float | int) -> str:
    """'2016-17' for 2016.

    >>> period_label(2019)
    '2019-20'
    """
    y = int(period_start)
    return f"{y}-{(y + 1) % 100:02d}"


def format_value(value: float, unit: str, qualifier: str | None = None) -> str:
    """A figure in plain English.

    >>> format_value(245000.0, "gbp"), format_value(82.0, "percent"), format_value(500.0, "count", "over")
    ('£245,000', '82%', 'over 500')
    """
    if unit == "gbp":
        text = f"£{value:,.0f}"
    elif unit == "percent":
        text = f"{value:g}%"
    else:
        text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return f"{qualifier} {text}" if isinstance(qualifier, str) and qualifier else text


def meeting_dates(dates: pd.Series) -> pd.Series:
    """Meeting dates as '12 Oct 2017', empty where the minutes give none."""
    return pd.to_datetime(dates).dt.strftime("%d %b %Y").fillna("")


def latest_per_board(reports: pd.DataFrame) -> pd.DataFrame:
    """The most recent report of each board (by period, then meeting date)."""
    if reports.empty:
        return reports
    ordered = reports.sort_values(["period_start", "meeting_date"], na_position="first")
    return ordered.groupby("board_id", sort=False).tail(1).sort_values("board").reset_index(drop=True)


def theme_matrix(coverage: pd.DataFrame) -> pd.DataFrame:
    """Board × theme label: sentences discussing the theme over the chosen years (0 where none)."""
    if coverage.empty:
        return pd.DataFrame()
    matrix = coverage.pivot_table(index="board", columns="theme", values="n_sentences", aggfunc="sum",
                                  fill_value=0)
    order = matrix.astype(bool).sum().sort_values(ascending=False, kind="stable").index
    return matrix[order].sort_index()


def boards_per_theme(coverage: pd.DataFrame) -> pd.DataFrame:
    """How many boards discussed each theme, most discussed first."""
    if coverage.empty:
        return pd.DataFrame(columns=["theme", "boards"])
    out = coverage.groupby("theme")["board_id"].nunique().rename("boards").reset_index()
    return out.sort_values(["boards", "theme"], ascending=[False, True]).reset_index(drop=True)


def metric_table(metrics: pd.DataFrame) -> pd.DataFrame:
    """Every reported figure with its sentence, in plain English."""
    out = pd.DataFrame({
        "Figure": metrics["metric"],
        "Board": metrics["board"],
        "Year": metrics["period"],
        "Value": [format_value(v, u, q) for v, u, q in
                  zip(metrics["value"], metrics["unit"], metrics["qualifier"], strict=True)],
        "As written": metrics["value_text"],
        "Sentence in the minutes": metrics["sentence"].map(safe_text),
        "Committee": metrics["committee"].fillna(""),
        "Document": metrics["file_name"],
    })
    return out.reset_index(drop=True)


def comparable_metrics(metrics: pd.DataFrame) -> list[str]:
    """Labels of the figures at least two boards report, most widely reported first."""
    if metrics.empty:
        return []
    n = metrics.groupby("metric")["board_id"].nunique()
    n = n[n >= 2]
    return sorted(n.index, key=lambda m: (-n[m], m))


def reviews_by_board_year(reviews: pd.DataFrame) -> pd.DataFrame:
    """One row per board and year: the number of reviews, or None when the minutes give none.

    Where a board's report for a year was presented more than once, the highest number stated is
    used (the same report, not extra reviews). ``shown`` is the number as text or "not stated".
    """
    cols = ["board_id", "board", "period", "period_start", "review_type", "reviews", "shown", "sentence"]
    if reviews.empty:
        return pd.DataFrame(columns=cols)
    keys = ["board_id", "board", "period", "period_start", "review_type"]
    best = (reviews.dropna(subset=["scr_count"]).sort_values("scr_count", kind="stable")
            .groupby(keys, dropna=False).tail(1)[[*keys, "scr_count", "scr_sentence"]])
    out = reviews[keys].drop_duplicates().merge(best, on=keys, how="left")
    out["reviews"] = out["scr_count"].astype("Int64")
    out["shown"] = out["reviews"].map(lambda n: NOT_STATED if pd.isna(n) else str(n))
    out["sentence"] = out["scr_sentence"].map(safe_text)
    return out[cols].sort_values(["board", "period_start"]).reset_index(drop=True)


def reviews_grid(by_year: pd.DataFrame) -> pd.DataFrame:
    """Board × year table of review counts as text, "not stated" where the minutes give none."""
    if by_year.empty:
        return pd.DataFrame()
    grid = by_year.pivot(index="board", columns="period", values="shown")
    periods = by_year.drop_duplicates("period").sort_values("period_start")["period"].dropna()
    grid = grid[[p for p in periods if p in grid.columns]]
    return grid.fillna("no report").rename_axis(index="Board", columns=None).reset_index()


def concern_summary(concerns: pd.DataFrame) -> pd.DataFrame:
    """Each concern (theme) with how many boards raised it, in which years; information sharing first."""
    cols = ["code", "Concern", "Boards", "Times raised", "Years", "Raised at"]
    if concerns.empty:
        return pd.DataFrame(columns=cols)
    out = concerns.groupby(["code", "theme"]).agg(
        Boards=("board_id", "nunique"), times=("board_id", "size")).reset_index()
    years = (concerns.dropna(subset=["period_start"]).drop_duplicates(["code", "period"])
             .sort_values("period_start").groupby("code")["period"].agg(", ".join))
    boards = (concerns.drop_duplicates(["code", "board"]).sort_values("board")
              .groupby("code")["board"].agg(", ".join))
    out = out.assign(Years=out["code"].map(years).fillna(""), raised=out["code"].map(boards))
    out = out.rename(columns={"theme": "Concern", "times": "Times raised", "raised": "Raised at"})[cols]
    out["first"] = out["code"] != INFORMATION_SHARING
    out = out.sort_values(["first", "Boards", "Times raised", "Concern"],
                          ascending=[True, False, False, True])
    return out.drop(columns="first").reset_index(drop=True)


def concern_summary_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows of :data:`SQL_CONCERN_SUMMARY` as :func:`concern_summary` shows them."""
    cols = ["code", "Concern", "Boards", "Times raised", "Years", "Raised at"]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    out = rows.rename(columns={"theme": "Concern", "n_boards": "Boards", "n_times": "Times raised",
                               "years": "Years", "raised_at": "Raised at"})[cols]
    out["first"] = out["code"] != INFORMATION_SHARING
    out = out.sort_values(["first", "Boards", "Times raised", "Concern"],
                          ascending=[True, False, False, True])
    return out.drop(columns="first").reset_index(drop=True)


def concern_timeline_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows of :data:`SQL_CONCERN_TIMELINE` as :func:`concern_timeline` shows them."""
    out = rows[["theme", "period_start", "period", "n_boards", "boards"]].copy()
    out.columns = ["Concern", "year", "Year", "Boards", "Which boards"]
    return out.sort_values(["year", "Concern"]).reset_index(drop=True)


def concern_timeline(concerns: pd.DataFrame) -> pd.DataFrame:
    """Concern × year: how many boards raised it and which."""
    cols = ["Concern", "year", "Year", "Boards", "Which boards"]
    dated = concerns.dropna(subset=["period_start"])
    if dated.empty:
        return pd.DataFrame(columns=cols)
    out = dated.groupby(["theme", "period_start", "period"]).agg(
        Boards=("board_id", "nunique"), boards=("board", lambda s: ", ".join(sorted(set(s))))).reset_index()
    out.columns = cols
    return out.sort_values(["year", "Concern"]).reset_index(drop=True)


def quotes_table(concerns: pd.DataFrame) -> pd.DataFrame:
    """Concerns as quotes with who raised them."""
    return pd.DataFrame({
        "Board": concerns["board"],
        "Year": concerns["period"],
        "Concern": concerns["theme"],
        "Raised by": concerns["raised_by"].fillna(NOT_STATED),
        "What the minutes say": concerns["sentence"].map(safe_text),
        "Committee": concerns["committee"].fillna(""),
        "Document": concerns["file_name"],
    }).reset_index(drop=True)


def evidence_table(evidence: pd.DataFrame) -> pd.DataFrame:
    """Theme sentences with board, year, committee and source document."""
    return pd.DataFrame({
        "Board": evidence["board"],
        "Year": evidence["period"],
        "Committee": evidence["committee"].fillna(""),
        "Meeting": meeting_dates(evidence["meeting_date"]),
        "What the minutes say": evidence["sentence"].map(safe_text),
        "Document": evidence["file_name"],
    }).reset_index(drop=True)


def other_boards_on_theme(evidence: pd.DataFrame, concerns: pd.DataFrame, code: str) -> pd.DataFrame:
    """What boards that did not raise concern ``code`` said about the same theme."""
    raised = set(concerns.loc[concerns["code"] == code, "board_id"])
    return evidence_table(evidence[(evidence["code"] == code) & ~evidence["board_id"].isin(raised)])


def theme_gaps(coverage: pd.DataFrame, board_id: str, all_boards: list[str]) -> pd.DataFrame:
    """Every theme with whether the board covered it and how many of the other boards did.

    ``gap`` marks a theme more than half of the other boards covered and this board did not.
    """
    cols = ["code", "Theme", "Covered", "Sentences", "Other boards", "Share of other boards", "gap"]
    others = [b for b in all_boards if b != board_id]
    if coverage.empty:
        return pd.DataFrame(columns=cols)
    mine = coverage[coverage["board_id"] == board_id].groupby("code")["n_sentences"].sum()
    theirs = coverage[coverage["board_id"].isin(others)].groupby("code")["board_id"].nunique()
    labels = coverage.drop_duplicates("code").set_index("code")["theme"]
    rows = []
    for code, label in labels.items():
        n_other = int(theirs.get(code, 0))
        share = n_other / len(others) if others else 0.0
        covered = code in mine.index
        rows.append((code, label, covered, int(mine.get(code, 0)), n_other, share,
                     (not covered) and share > 0.5))
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["Share of other boards", "Theme"], ascending=[False, True]).reset_index(drop=True)


def latest_values(metrics: pd.DataFrame) -> pd.DataFrame:
    """Each board's latest value of each figure (by period, then meeting date, then order in the minutes)."""
    ordered = metrics.sort_values(["period_start", "meeting_date", "metric_no"], na_position="first",
                                  kind="stable") if "metric_no" in metrics else metrics
    return ordered.groupby(["board_id", "name"], sort=False).tail(1)


def vs_median_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows of :data:`SQL_BOARD_VS_MEDIAN` in plain English.

    The median is left empty (not zero) when no other board reports the figure.
    """
    cols = ["Figure", "Year", "This board", "Other boards' median", "Other boards reporting",
            "value", "median", "Sentence in the minutes"]
    out = []
    for m in rows.itertuples(index=False):
        median = None if pd.isna(m.median) else float(m.median)
        out.append((m.metric, m.period, format_value(m.value, m.unit, m.qualifier),
                    format_value(median, m.unit) if median is not None else "no other board reports it",
                    int(m.n_peers), float(m.value), median, safe_text(m.sentence)))
    return pd.DataFrame(out, columns=cols)


def board_vs_median(metrics: pd.DataFrame, board_id: str) -> pd.DataFrame:
    """The board's latest value of each figure it reports beside the other boards' median.

    Each other board counts once, with its latest value in the chosen years. The median is left
    empty (not zero) when no other board reports the figure.
    """
    cols = ["Figure", "Year", "This board", "Other boards' median", "Other boards reporting",
            "value", "median", "Sentence in the minutes"]
    if metrics.empty or board_id not in set(metrics["board_id"]):
        return pd.DataFrame(columns=cols)
    latest = latest_values(metrics)
    mine = latest[latest["board_id"] == board_id]
    others = latest[latest["board_id"] != board_id]
    rows = []
    for _, m in mine.sort_values("metric").iterrows():
        peer = others.loc[others["name"] == m["name"], "value"]
        median = float(peer.median()) if len(peer) else None
        rows.append((m["metric"], m["period"], format_value(m["value"], m["unit"], m["qualifier"]),
                     format_value(median, m["unit"]) if median is not None else "no other board reports it",
                     len(peer), float(m["value"]), median, safe_text(m["sentence"])))
    return pd.DataFrame(rows, columns=cols)


def actions_table(actions: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Year": actions["period"],
        "Kind": actions["kind"].map(ACTION_KINDS).fillna("Other"),
        "What was decided": actions["text"].map(safe_text),
        "Committee": actions["committee"].fillna(""),
        "Document": actions["file_name"],
    }).reset_index(drop=True)


def documents_table(documents: pd.DataFrame) -> pd.DataFrame:
    """Every stored document with what was extracted, including those not about a board and why."""
    about = documents["is_board_document"] & documents["report_id"].notna()
    return pd.DataFrame({
        "Document": documents["file_name"],
        "About a board?": about.map({True: "yes", False: "no"}),
        "Why not": documents["problems"].fillna(""),
        "Board": documents["board"].fillna(""),
        "Year": documents["period"].fillna(""),
        "Committee": documents["committee"].fillna(""),
        "Meeting": meeting_dates(documents["meeting_date"]),
        "Themes": documents["n_themes"].fillna(0).astype(int),
        "Figures": documents["n_metrics"].fillna(0).astype(int),
        "Concerns": documents["n_concerns"].fillna(0).astype(int),
        "Actions": documents["n_actions"].fillna(0).astype(int),
        "Format": documents["format"],
        "Characters": documents["n_chars"],
        "Link": documents["source_url"],
    }).reset_index(drop=True)


def ingest_outcomes(counts: pd.DataFrame) -> pd.DataFrame:
    """The rows of :data:`SQL_INGEST_OUTCOMES` in plain words, as :func:`ingest_summary` shows them."""
    if counts.empty:
        return pd.DataFrame(columns=["What happened", "Files"])
    out = counts.assign(what=counts["outcome"].map(INGEST_OUTCOMES).fillna(counts["outcome"]))
    out = out.groupby("what", sort=False)["files"].sum().sort_values(ascending=False, kind="stable")
    return out.rename_axis("What happened").rename("Files").reset_index()


def ingest_summary(log: pd.DataFrame) -> pd.DataFrame:
    """What the last build did with the input files, in plain words."""
    if log.empty:
        return pd.DataFrame(columns=["What happened", "Files"])
    out = log["outcome"].map(INGEST_OUTCOMES).fillna(log["outcome"]).value_counts()
    return out.rename_axis("What happened").rename("Files").reset_index()
