"""Rows for the new database, named by column: one dict per row, inserted BY NAME in batches.

Nothing here depends on the order of the columns in schema.sql; a column this module does not
name is left NULL (or to its default), and a name the table lacks is an error at the first flush.
"""

from __future__ import annotations

from collections import Counter

import duckdb
import pandas as pd

from boardcompare.display import slug  # a board's id: 'bath-and-north-east-somerset'
from boardcompare.models import Document, Report

BATCH_DOCUMENTS = 500
TABLES = ("documents", "reports", "theme_mentions", "metrics", "concerns", "actions", "document_builds",
          "search_documents")
TERM_COLUMNS = ("term", "document_id", "n", "n_words")




def document_row(doc_id: str, doc: Document, display: str, file_name: str, url: str | None,
                 is_board: bool) -> dict:
    """The documents row of one stored file."""
    return {"document_id": doc_id, "content_hash": doc.content_hash, "source_path": display,
            "file_name": file_name, "format": doc.format, "n_chars": len(doc.text), "text": doc.text,
            "source_url": url, "is_board_document": is_board}


def report_row(doc_id: str, doc: Document, r: Report) -> dict:
    """The reports row of one meeting's minutes."""
    section = doc.sections[r.section_index]
    authority = r.board.local_authority
    ev = r.scr_evidence
    return {
        "report_id": f"{doc_id}-{r.section_index}", "document_id": doc_id, "section_index": r.section_index,
        "section_start": section.start, "section_end": section.end,
        "is_board_report": r.is_board_report and authority is not None,
        "board_id": slug(authority) if authority else None, "board_name": r.board.name,
        "board_kind": r.board.kind, "period": r.period, "period_start": int(r.period[:4]) if r.period else None,
        "period_inferred": r.period_inferred, "committee": r.meeting.committee, "meeting_date": r.meeting.date,
        "presenter_role": r.meeting.presenter_role, "presenter_name": r.meeting.presenter_name,
        "scr_count": r.scr_count, "scr_sentence": ev.sentence if ev else None,
        "scr_start": ev.start if ev else None, "scr_end": ev.end if ev else None,
        "problems": "; ".join(r.problems) or None,
    }


def _evidence(report_id: str, ev) -> dict:
    return {"report_id": report_id, "sentence": ev.sentence, "start_offset": ev.start, "end_offset": ev.end}


def detail_rows(report_id: str, r: Report) -> dict[str, list[dict]]:
    """Theme mentions (each theme once per sentence), figures, concerns and actions of one report."""
    themes, seen = [], set()
    for t in r.themes:
        if (t.code, t.evidence.start) not in seen:
            seen.add((t.code, t.evidence.start))
            themes.append({**_evidence(report_id, t.evidence), "code": t.code, "matched": t.matched})
    metrics = [{**_evidence(report_id, m.evidence), "metric_no": i, "name": m.name, "value": m.value,
                "unit": m.unit, "value_text": m.text, "qualifier": m.qualifier, "value_high": m.value_high,
                "as_of": m.as_of} for i, m in enumerate(r.metrics)]
    concerns = [{**_evidence(report_id, c.evidence), "concern_no": i, "code": c.code, "kind": c.kind,
                 "raised_by": c.raised_by} for i, c in enumerate(r.concerns)]
    actions = [{**_evidence(report_id, a.evidence), "action_no": i, "kind": a.kind, "text": a.text}
               for i, a in enumerate(r.actions)]
    return {"theme_mentions": themes, "metrics": metrics, "concerns": concerns, "actions": actions}


def extend_terms(columns: dict[str, list], doc_id: str, terms: tuple[Counter, int]) -> None:
    """Append one document's search terms (counts and length in words) to the columns of search_terms."""
    counts, n_words = terms
    columns["term"].extend(counts)
    columns["n"].extend(counts.values())
    columns["document_id"].extend([doc_id] * len(counts))
    columns["n_words"].extend([n_words] * len(counts))


class Writer:
    """Collects rows by table and inserts them by column name, a batch of documents at a time."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        self.rows: dict[str, list[dict]] = {t: [] for t in TABLES}
        self.terms: dict[str, list] = {c: [] for c in TERM_COLUMNS}
        self.n_reports = 0
        self.pending = 0
        # the new documents' search terms, moved into search_terms in term order at the end
        con.execute("CREATE TEMP TABLE new_terms AS SELECT * FROM search_terms LIMIT 0")

    def add(self, doc_id: str, display: str, doc: Document, reports: list[Report], url: str | None,
            build: dict, terms: tuple[Counter, int]) -> None:
        """Queue one document's rows; ``build`` is its document_builds row, ``terms`` its search terms."""
        is_board = any(r.is_board_report for r in reports)
        self.rows["search_documents"].append({"document_id": doc_id, "n_words": terms[1]})
        extend_terms(self.terms, doc_id, terms)
        self.rows["documents"].append(document_row(doc_id, doc, display, display.rsplit("/", 1)[-1], url,
                                                   is_board))
        self.rows["document_builds"].append({"document_id": doc_id, **build})
        for r in reports:
            row = report_row(doc_id, doc, r)
            self.rows["reports"].append(row)
            for table, rows in detail_rows(row["report_id"], r).items():
                self.rows[table].extend(rows)
        self.n_reports += len(reports)
        self.pending += 1
        if self.pending >= BATCH_DOCUMENTS:
            self.flush()

    def flush(self) -> None:
        """Insert every queued row, table by table, matching columns by name."""
        for table, rows in self.rows.items():
            if rows:
                frame = pd.DataFrame(rows, dtype=object)  # noqa: F841 (read by DuckDB below)
                self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM frame")
                rows.clear()
        if self.terms["term"]:
            frame = pd.DataFrame(self.terms)  # noqa: F841 (read by DuckDB below)
            self.con.execute("INSERT INTO new_terms BY NAME SELECT * FROM frame")
            for values in self.terms.values():
                values.clear()
        self.pending = 0
