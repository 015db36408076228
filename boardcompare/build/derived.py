"""Tables computed from the stored rows at the end of every build, full or incremental.

Each is recomputed from the base tables (or, for the search index, brought up to date), so a
database built in steps holds the same rows as one built at once.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from boardcompare.authorities import load_authorities
from boardcompare.build.summaries import write_summaries
from boardcompare.build.writer import TERM_COLUMNS, extend_terms, slug
from boardcompare.search import index_terms

#: Re-sort the search index once the rows appended since it was last sorted pass this share of it.
RESORT_SHARE = 0.05


def write_boards(con: duckdb.DuckDBPyConnection, order: list[str]) -> None:
    """One row per board: its authority, and its name as written in its latest report.

    The latest report is the one with the latest period; among equal periods the one read last
    (``order`` lists the stored documents in the order the build read them).
    """
    authorities = pd.DataFrame(  # noqa: F841 (read by DuckDB below)
        [(slug(a.name), a.name, a.ons_code, a.region) for a in load_authorities()],
        columns=["board_id", "local_authority", "ons_code", "region"])
    ordinals = pd.DataFrame({"document_id": order, "ordinal": range(len(order))})  # noqa: F841
    con.execute("DELETE FROM boards")
    con.execute("""
        INSERT INTO boards (board_id, local_authority, ons_code, region, name)
        SELECT r.board_id, a.local_authority, a.ons_code, a.region,
               arg_max(coalesce(nullif(r.board_name, ''), a.local_authority || ' Safeguarding Children Board'),
                       (coalesce(r.period, ''), o.ordinal, r.section_index))
        FROM reports AS r JOIN ordinals AS o USING (document_id) JOIN authorities AS a USING (board_id)
        WHERE r.is_board_report
        GROUP BY ALL
    """)


def write_document_list(con: duckdb.DuckDBPyConnection) -> None:
    """The Sources page's list: every document and meeting with what was taken from it, counted once here."""
    con.execute("DELETE FROM document_list")
    con.execute("""
        INSERT INTO document_list BY NAME
        WITH
            t AS (SELECT report_id, count(DISTINCT code) AS n FROM theme_mentions GROUP BY report_id),
            m AS (SELECT report_id, count(*) AS n FROM metrics GROUP BY report_id),
            c AS (SELECT report_id, count(*) AS n FROM concerns GROUP BY report_id),
            a AS (SELECT report_id, count(*) AS n FROM actions GROUP BY report_id)
        SELECT
            d.document_id, d.file_name, d.source_path, d.source_url, d.format, d.n_chars, d.is_board_document,
            r.report_id, r.section_index, b.local_authority, r.board_id,
            coalesce(r.board_name, b.name) AS board_name, r.period, r.committee, r.meeting_date, r.problems,
            coalesce(t.n, 0) AS n_themes, coalesce(m.n, 0) AS n_metrics, coalesce(c.n, 0) AS n_concerns,
            coalesce(a.n, 0) AS n_actions, TRY_CAST(left(r.period, 4) AS INTEGER) AS period_start
        FROM documents AS d
        LEFT JOIN reports AS r USING (document_id)
        LEFT JOIN boards AS b ON b.board_id = r.board_id
        LEFT JOIN t ON t.report_id = r.report_id
        LEFT JOIN m ON m.report_id = r.report_id
        LEFT JOIN c ON c.report_id = r.report_id
        LEFT JOIN a ON a.report_id = r.report_id
        ORDER BY d.is_board_document, coalesce(b.local_authority, r.board_name), period_start, d.file_name,
                 r.section_index
    """)


def update_search_index(con: duckdb.DuckDBPyConnection, unsorted_before: int) -> int:
    """Move the new documents' terms (table ``new_terms``) into ``search_terms``; refresh the statistics.

    New terms are appended sorted among themselves; once the rows appended since the last full
    sort pass :data:`RESORT_SHARE` of the index, the whole index is rewritten in term order.
    Returns how many rows are now unsorted.
    """
    before = con.execute("SELECT count(*) FROM search_terms").fetchone()[0]
    added = con.execute("SELECT count(*) FROM new_terms").fetchone()[0]
    con.execute("INSERT INTO search_terms SELECT * FROM new_terms ORDER BY term, document_id")
    con.execute("DROP TABLE new_terms")
    total = before + added
    unsorted = unsorted_before + added if before else 0  # into an empty index, one sorted insert
    if unsorted > RESORT_SHARE * total and unsorted_before:
        con.execute("CREATE TEMP TABLE sorted_terms AS SELECT * FROM search_terms ORDER BY term, document_id")
        con.execute("DELETE FROM search_terms")
        con.execute("INSERT INTO search_terms SELECT * FROM sorted_terms ORDER BY term, document_id")
        con.execute("DROP TABLE sorted_terms")
        unsorted = 0
    con.execute("DELETE FROM search_stats")
    con.execute("INSERT INTO search_stats SELECT count(*), coalesce(avg(n_words), 0) FROM search_documents")
    return unsorted


def index_all_documents(con: duckdb.DuckDBPyConnection, batch: int = 1000) -> None:
    """Build the search index again from every stored text (for databases made without a build:
    the test fixtures, copies made by the benchmark)."""
    for table in ("search_terms", "search_documents"):
        con.execute(f"DELETE FROM {table}")
    con.execute("CREATE TEMP TABLE new_terms AS SELECT * FROM search_terms LIMIT 0")
    reader = con.cursor()
    cur = reader.execute("SELECT document_id, text FROM documents ORDER BY document_id")
    while rows := cur.fetchmany(batch):
        terms: dict[str, list] = {c: [] for c in TERM_COLUMNS}
        lengths = []
        for doc_id, text in rows:
            counted = index_terms(text)
            extend_terms(terms, doc_id, counted)
            lengths.append((doc_id, counted[1]))
        frame = pd.DataFrame(terms)  # noqa: F841 (read by DuckDB below)
        con.execute("INSERT INTO new_terms BY NAME SELECT * FROM frame")
        con.executemany("INSERT INTO search_documents VALUES (?, ?)", lengths)
    reader.close()
    update_search_index(con, 0)


def refresh_derived(con: duckdb.DuckDBPyConnection) -> None:
    """The documents list, the summary tables and the search index from the base tables (boards are
    left as they are)."""
    write_document_list(con)
    write_summaries(con)
    index_all_documents(con)
