"""Sources and search: every document read, what was taken from it, and full-text search of the minutes."""

from __future__ import annotations

import html

import streamlit as st

from boardcompare import compare, search, tables
from boardcompare.display import highlight_html, mask_contacts, snippets
from boardcompare.ui import common

MAX_DOCUMENTS = 50


def render() -> None:
    """The Sources and search page."""
    common.page("Sources and search",
                "Every document the figures come from, and a search across the full text of the minutes.",
                _body)


def _body() -> None:
    f = common.filters()
    st.subheader("Search the minutes")
    query = st.text_input("Words to find", key="q", bind="query-params",
                          placeholder='for example: neglect, "county lines", MARAC',
                          help="Every word must occur; put a phrase in double quotes to find it as written.").strip()
    if query:
        _search(query, f)

    st.subheader("Documents")
    n_documents = int(compare.load(compare.SQL_DOCUMENTS_COUNT, f)["n"].iloc[0])
    if not n_documents:
        common.nothing()
    else:
        st.caption("Each row is one meeting's minutes (or a document that is not about a board, and why). "
                   "The counts say how many themes, figures, concerns and actions were taken from it.")
        common.limited_table(compare.SQL_DOCUMENTS_PAGE, f, n_documents, tables.documents_table, "documents",
                             "boards or years",
                             {"Link": st.column_config.LinkColumn("Link", display_text="open"),
                              "Why not": st.column_config.TextColumn("Why not", width="medium")})
    n_files = int(compare.load(compare.SQL_INGEST_OUTCOMES)["files"].sum())
    if n_files:
        with st.expander("What the last build did with each input file"):
            common.limited_table(compare.SQL_INGEST_LOG_PAGE, None, n_files, tables.build_log, "build log", None)


def _search(query: str, f: compare.Filters) -> None:
    asked = search.search_params(query)
    if not asked["terms"]:
        common.nothing(f"“{query}” has no words to search for: type a word or a phrase in double quotes.")
        return
    n = int(compare.load(compare.SQL_SEARCH_COUNT, f, **asked)["n"].iloc[0])
    if n == 0:
        common.nothing("No minutes contain these words. Try fewer or different words.")
        return
    hits = compare.load(compare.SQL_SEARCH, f, **asked, limit=MAX_DOCUMENTS)
    pattern = search.highlight_pattern(search.parse_query(query))
    shown = f"the first {MAX_DOCUMENTS}" if n > MAX_DOCUMENTS else "all"
    st.caption(f"Found in {n} document{'s' if n != 1 else ''}; showing {shown}.")
    for hit in hits.itertuples():
        about = ", ".join(x for x in (hit.boards, hit.periods) if isinstance(x, str)) or "not about a board"
        parts = [f'<div style="margin:0.8em 0 0.2em"><strong>{html.escape(hit.file_name)}</strong>'
                 f" — {html.escape(about)}</div>"]
        parts += [f'<div style="margin:0.2em 0 0.2em 1em">{highlight_html(s, pattern)}</div>'
                  for s in snippets(mask_contacts(hit.text), pattern)]
        st.html("".join(parts))
