"""The tables people read: query results (boardcompare.compare) shaped into plain-English columns.

No Streamlit here, so each is tested on its own. Text from the minutes passes through
:func:`boardcompare.display.safe_text` (contacts masked); periods inferred from the meeting date
are marked; "not stated" is never shown as zero.
"""

from __future__ import annotations

import pandas as pd

from boardcompare.display import (
    NOT_STATED,
    format_dates,
    format_value,
    periods_shown,
    safe_text,
)

INFORMATION_SHARING = "information_sharing"
INGEST_OUTCOMES = {
    "used": "Read and used",
    "duplicate": "Same file as another (stored once)",
    "not_board": "Not about a safeguarding children board",
    "unusable": "Could not be read",
}
UNIT_NAMES = {"count": "number", "percent": "per cent", "gbp": "£"}
SENTENCE_START = 90  # characters of a sentence shown in tables and on hover; the rest on demand


def years(df: pd.DataFrame) -> list[str]:
    """The period column as shown, marked where inferred."""
    inferred = df["period_inferred"] if "period_inferred" in df else None
    return periods_shown(df["period"], inferred)


def sentences(column: pd.Series) -> list[str]:
    """Sentences from the minutes as text: contacts masked, whitespace tidied."""
    return [safe_text(s) for s in column]


def starts(column: pd.Series, limit: int = SENTENCE_START) -> list[str]:
    """The start of each sentence, for hovering and narrow tables."""
    return [safe_text(s, limit) for s in column]


def values(rows: pd.DataFrame) -> list[str]:
    """Each figure in plain English, with its qualifier and the top of a range."""
    high = rows["value_high"] if "value_high" in rows else [None] * len(rows)
    return [format_value(v, u, q, h) for v, u, q, h in
            zip(rows["value"], rows["unit"], rows["qualifier"], high, strict=True)]


def measure_label(metric: str, unit: str, ambiguous: bool) -> str:
    """A figure's name, with its unit when the same name is reported in more than one unit.

    >>> measure_label("Schools responding", "percent", True), measure_label("People trained", "count", False)
    ('Schools responding (per cent)', 'People trained')
    """
    return f"{metric} ({UNIT_NAMES.get(unit, unit)})" if ambiguous else metric


def measures(summary: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """The rows of compare.SQL_METRIC_SUMMARY as {label shown: (name, unit)}, in the query's order."""
    return {measure_label(r.metric, r.unit, r.n_units > 1): (r.name, r.unit) for r in summary.itertuples()}


def _sourced(rows: pd.DataFrame, heading: str = "What the minutes say", text: str = "sentence") -> dict:
    """The columns that end a table of extracted facts: the words of the minutes (column ``text``,
    shown under ``heading``), the committee and the document they come from."""
    return {heading: sentences(rows[text]), "Committee": rows["committee"].fillna(""), "Document": rows["file_name"]}


def metric_table(metrics: pd.DataFrame) -> pd.DataFrame:
    """Every reported figure with its sentence, in plain English."""
    return pd.DataFrame({
        "Figure": metrics["metric"],
        "Board": metrics["board"],
        "Year": years(metrics),
        "Value": values(metrics),
        "As written": metrics["value_text"],
        **_sourced(metrics),
    }).reset_index(drop=True)


def evidence_table(evidence: pd.DataFrame) -> pd.DataFrame:
    """Theme sentences with board, year, committee and source document."""
    return pd.DataFrame({
        "Board": evidence["board"],
        "Year": years(evidence),
        "Committee": evidence["committee"].fillna(""),
        "Meeting": format_dates(evidence["meeting_date"]),
        "What the minutes say": sentences(evidence["sentence"]),
        "Document": evidence["file_name"],
    }).reset_index(drop=True)


def quotes_table(concerns: pd.DataFrame) -> pd.DataFrame:
    """Concerns as quotes, with their kind and who raised them."""
    return pd.DataFrame({
        "Board": concerns["board"],
        "Year": years(concerns),
        "Concern": concerns["theme"] if "theme" in concerns else concerns["themes"],
        "Kind": concerns["kind_label"],
        "Raised by": [safe_text(r) or "not named in the minutes" for r in concerns["raised_by"]],
        **_sourced(concerns),
    }).reset_index(drop=True)


def actions_table(actions: pd.DataFrame) -> pd.DataFrame:
    """What the committees decided, with the kind of decision in words."""
    return pd.DataFrame({
        "Year": years(actions),
        "Kind": actions["kind_label"],
        **_sourced(actions, "What was decided", "text"),
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
        "Meeting": format_dates(documents["meeting_date"]),
        "Themes": documents["n_themes"].fillna(0).astype(int),
        "Figures": documents["n_metrics"].fillna(0).astype(int),
        "Concerns": documents["n_concerns"].fillna(0).astype(int),
        "Actions": documents["n_actions"].fillna(0).astype(int),
        "Format": documents["format"],
        "Characters": documents["n_chars"],
        "Link": documents["source_url"],
    }).reset_index(drop=True)


def reviews_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows of compare.SQL_REVIEWS_BY_YEAR: the number as a nullable integer (``reviews``) and as
    shown (``shown``: the number, or "not stated" where the minutes give none)."""
    out = rows[["board_id", "board", "period", "period_start", "review_type"]].copy()
    out["year"] = years(rows)
    out["reviews"] = rows["scr_count"].astype("Int64")
    out["shown"] = [NOT_STATED if pd.isna(n) else str(n) for n in out["reviews"]]
    out["sentence"] = sentences(rows["scr_sentence"])
    out["file_name"] = rows["file_name"]
    return out.reset_index(drop=True)


def reviews_grid(by_year: pd.DataFrame) -> pd.DataFrame:
    """Board × year table of review counts as text, "not stated" where the minutes give none."""
    if by_year.empty:
        return pd.DataFrame()
    grid = by_year.pivot(index="board", columns="period", values="shown")
    periods = by_year.drop_duplicates("period").sort_values("period_start")["period"].dropna()
    grid = grid[[p for p in periods if p in grid.columns]]
    return grid.fillna("no report").rename_axis(index="Board", columns=None).reset_index()


def concern_summary_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows of compare.SQL_CONCERN_SUMMARY: information sharing first, then the most widespread."""
    cols = ["code", "Concern", "Boards", "Times raised", "Years", "Raised at", "Kinds"]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    out = rows.rename(columns={"theme": "Concern", "n_boards": "Boards", "n_times": "Times raised",
                               "years": "Years", "raised_at": "Raised at", "kinds": "Kinds"})[cols]
    out["first"] = out["code"] != INFORMATION_SHARING
    out = out.sort_values(["first", "Boards", "Times raised", "Concern"], ascending=[True, False, False, True])
    return out.drop(columns="first").reset_index(drop=True)


def concern_timeline_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows of compare.SQL_CONCERN_TIMELINE as the chart and its table show them."""
    out = rows[["theme", "period_start", "period", "n_boards", "boards", "first_sentence", "code"]].copy()
    out.columns = ["Concern", "year", "Year", "Boards", "Which boards", "first_sentence", "code"]
    return out.sort_values(["year", "Concern"]).reset_index(drop=True)


def concern_kinds_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows of compare.SQL_CONCERN_KINDS: each concern sentence counted once."""
    return pd.DataFrame({
        "Kind of concern": rows["kind_label"],
        "Sentences": rows["n_sentences"].astype(int),
        "Boards": rows["n_boards"].astype(int),
        "Raised by": rows["raised_by"].fillna(""),
    })


def ingest_outcomes(counts: pd.DataFrame) -> pd.DataFrame:
    """The rows of compare.SQL_INGEST_OUTCOMES in plain words."""
    if counts.empty:
        return pd.DataFrame(columns=["What happened", "Files"])
    out = counts.assign(what=counts["outcome"].map(INGEST_OUTCOMES).fillna(counts["outcome"]))
    out = out.groupby("what", sort=False)["files"].sum().sort_values(ascending=False, kind="stable")
    return out.rename_axis("What happened").rename("Files").reset_index()


def build_log(log: pd.DataFrame) -> pd.DataFrame:
    """The rows of compare.SQL_INGEST_LOG_PAGE in plain words."""
    return pd.DataFrame({
        "File": log["path"],
        "What happened": log["outcome"].map(INGEST_OUTCOMES).fillna(log["outcome"]),
        "Why": log["message"],
    })


def theme_matrix(cells: pd.DataFrame, value: str = "n_sentences") -> pd.DataFrame:
    """Theme label × board from compare.SQL_THEME_CELLS (0 where a board never discusses a theme);
    the most widely discussed themes first, boards in alphabetical order."""
    if cells.empty:
        return pd.DataFrame()
    matrix = cells.pivot_table(index="theme", columns="board", values=value, aggfunc="sum", fill_value=0)
    order = matrix.astype(bool).sum(axis=1).sort_values(ascending=False, kind="stable").index
    return matrix.loc[order].sort_index(axis=1)


def latest_reports_table(latest: pd.DataFrame) -> pd.DataFrame:
    """The rows of compare.SQL_LATEST_REPORTS in plain English."""
    return pd.DataFrame({
        "Board": latest["board"],
        "Board's name in the minutes": latest["board_name"],
        "Year": years(latest),
        "Committee": latest["committee"].fillna(""),
        "Meeting": format_dates(latest["meeting_date"]),
        "Presented by": latest["presenter_role"].fillna(""),
        "Document": latest["file_name"],
    })


def not_stated_blank(df: pd.DataFrame) -> pd.DataFrame:
    """A query result for the screen: a missing value is a blank in text columns and "not stated" in
    number columns (never "None", never 0)."""
    out = df.copy()
    for column in out.columns:
        series = out[column]
        if not series.isna().any():
            continue
        if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
            out[column] = [NOT_STATED if pd.isna(v) else _number(v) for v in series]
        else:
            out[column] = series.astype(object).where(series.notna(), "")
    return out


def _number(v) -> object:
    return int(v) if float(v).is_integer() else float(v)

