"""The Add minutes page's "From a council's site" box: find the items, check them, fetch and rebuild.

The work is in :mod:`boardcompare.fetch.council`; this module only lays it out. Titles from the
site are shown in a dataframe (text, never Markdown).
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from boardcompare.display import plain
from boardcompare.errors import EXPECTED
from boardcompare.fetch import council
from boardcompare.fetch.run import DEFAULT_SINCE, SiteReport
from boardcompare.ui.common import show_error

FOUND_KEY = "fetch_box_found"  # (request, report) of the last search
DONE_KEY = "fetch_box_done"  # (request, CouncilFetch) of the last fetch
INTRO = ("Most councils publish their committee papers with ModernGov. Give a council's name or its "
         "democracy site's address: the site is asked for the agenda items where a committee discussed "
         "the children's safeguarding board's annual report or a serious case review, and you see them "
         "before anything is fetched. The site is asked at most once a second, so the first search of a "
         "council takes several minutes; later ones are quick.")


def _bar(label: str):
    """A Streamlit progress bar in the shape the fetch takes (items, total, label)."""
    def progress(items, total, site):
        shown = st.progress(0.0, text=f"{label} {site}: 0 of {total} meetings")
        for i, item in enumerate(items, start=1):
            yield item
            shown.progress(i / max(total, 1), text=f"{label} {site}: {i} of {total} meetings")
        shown.empty()
    return progress


def _table(report: SiteReport) -> None:
    rows = council.item_rows(report)
    if rows:
        widths = {"Meeting": 95, "Committee": 190, "Item": 300, "What happens": 200, "Why it matched": 180}
        config = {c: st.column_config.TextColumn(c, width=w) for c, w in widths.items()}
        st.dataframe(pd.DataFrame(rows, columns=council.COLUMNS), hide_index=True, width="stretch",
                     column_config=config)
    else:
        st.text("No agenda item about the children's safeguarding board was found.")
    for w in report.warnings:
        st.warning(plain(w))
    (st.error if report.error else st.caption)(plain(report.text()))


def _form() -> tuple[str, int, str] | None:
    with st.form("fetch_box_form"):
        target = st.text_input("Council or site address", placeholder="Slough, or https://democracy.example.gov.uk")
        left, right = st.columns(2)
        since = left.number_input("Meetings since", min_value=2000, max_value=date.today().year,
                                  value=DEFAULT_SINCE, step=1)
        committee = right.text_input("Only the committee (optional)", placeholder="children's scrutiny")
        if st.form_submit_button("Find matching items"):
            return target.strip(), int(since), committee.strip()
    return None


def _show_done(done) -> None:
    _table(done.report)
    if done.build_error:
        st.error(plain(f"The database could not be rebuilt: {done.build_error}. The previous database is "
                           "still in use; the saved files stay in the minutes folder."))
    elif done.summary is not None:
        st.success(plain(f"Database rebuilt. {done.summary.text()}"))
    else:
        st.info("Nothing new was saved, so the database was not rebuilt.")


def render() -> None:
    """The box: a form, the items found, then a button to fetch them."""
    st.subheader("From a council's site")
    st.caption(INTRO)
    asked = _form()
    if asked:
        st.session_state.pop(DONE_KEY, None)
        try:
            report = council.find_items(*asked, progress=_bar("Reading"))
        except EXPECTED as e:
            show_error(e, "Nothing was searched:")
            return
        st.session_state[FOUND_KEY] = (asked, report)
    done = st.session_state.get(DONE_KEY)
    if done:
        _show_done(done[1])
        return
    found = st.session_state.get(FOUND_KEY)
    if not found:
        return
    request, report = found
    _table(report)
    n = council.to_fetch(report)
    if n and st.button(f"Fetch {n} item{'s' if n > 1 else ''} and rebuild", type="primary", key="fetch_box_fetch"):
        with st.spinner("Fetching the minutes and rebuilding the database…"):
            result = council.fetch_council(*request, progress=_bar("Fetching from"))
        st.session_state[DONE_KEY] = (request, result)
        st.rerun()
