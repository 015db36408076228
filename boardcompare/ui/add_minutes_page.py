"""The Add minutes page: upload files, see what would be extracted, then save and rebuild.

The logic is in :mod:`boardcompare.preview`; this module only lays it out. Anything taken from
the minutes is shown with st.text or st.dataframe (never as Markdown or HTML), already masked
of e-mail addresses and phone numbers.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from boardcompare import preview as pv
from boardcompare.paths import default_db_path, minutes_dir
from boardcompare.preview import MeetingPreview, Preview, SaveResult
from boardcompare.readers import SUPPORTED_SUFFIXES
from boardcompare.ui import fetch_box
from boardcompare.uploads import MAX_BYTES

UPLOAD_TYPES = [s.lstrip(".") for s in SUPPORTED_SUFFIXES]
RESULT_KEY = "add_minutes_result"
INTRO = ("Upload council minutes that discuss a Local Safeguarding Children Board's annual report. "
         "Each file is read and shown below before anything is saved; files that cannot be used are "
         "explained and left out. Nothing already stored is changed.")

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(text: str) -> str:
    """Our own messages (file names, reasons) made inert for Markdown elements.

    >>> md_escape("a_b*[x](y)")
    'a\\\\_b\\\\*\\\\[x\\\\]\\\\(y\\\\)'
    """
    return _MD_SPECIAL.sub(r"\\\1", text)


@st.cache_data(max_entries=32, show_spinner=False)
def _cached_preview(name: str, data: bytes) -> Preview:
    return pv.preview(name, data)


_WIDE = {"Found", "Sentence", "Text"}  # the other columns are kept narrow so these get the room


def _table(rows, columns: list[str]) -> None:
    config = {c: st.column_config.TextColumn(c, width="medium") for c in columns if c not in _WIDE}
    st.dataframe(pd.DataFrame(list(rows), columns=columns), hide_index=True, width="stretch",
                 column_config=config)


def show_meeting(m: MeetingPreview, heading: str | None = None) -> None:
    """One meeting's extraction: facts, themes, figures, concerns and actions, all as text."""
    if heading:
        st.markdown(f"**{md_escape(heading)}**")
    st.text(m.summary)
    if not m.is_board_report:
        return
    for problem in m.problems:
        st.warning(md_escape(problem[:1].upper() + problem[1:]))
    _table(m.facts, ["What", "Found"])
    st.markdown("**Themes**")
    st.text(", ".join(m.themes) if m.themes else "No themes found.")
    st.markdown("**Figures**")
    if m.figures:
        _table(m.figures, ["Figure", "As written", "Sentence"])
    else:
        st.text("No figures found.")
    st.markdown("**Concerns raised**")
    if m.concerns:
        _table(m.concerns, ["About", "Raised by", "Sentence"])
    else:
        st.text("No concerns recorded.")
    st.markdown("**Actions and resolutions**")
    if m.actions:
        _table(m.actions, ["Kind", "Text"])
    else:
        st.text("No actions recorded.")


def show_preview(p: Preview, stored_as: str | None = None) -> None:
    """One uploaded file: what would be extracted, or why it cannot be used."""
    with st.container(border=True):
        size = f"{p.size / 1e6:.1f} MB" if p.size >= 100_000 else f"{p.size:,} bytes"
        st.markdown(f"#### {md_escape(p.name)}")
        if not p.usable:
            st.error(f"Cannot be used. {md_escape(p.reason or '')}")
            return
        if stored_as:
            st.info(f"Already stored as {md_escape(stored_as)}: saving will not store it again.")
        else:
            st.caption(md_escape(f"{size}; will be saved as {p.stored_name}"))
        board_meetings = [m for m in p.meetings if m.is_board_report]
        for i, m in enumerate(p.meetings, start=1):
            if not m.is_board_report:
                st.caption(md_escape(f"Meeting {i} of {len(p.meetings)} is left out: {m.summary}"))
                continue
            heading = f"Meeting {i} of {len(p.meetings)}" if len(p.meetings) > 1 else None
            show_meeting(m, heading)
        if not board_meetings:  # pragma: no cover (usable implies a board meeting)
            st.text("No meeting about a board was found.")


def show_result(result: SaveResult) -> None:
    """The outcome of Save and rebuild, file by file, then the build."""
    for name, message in result.saved:
        st.success(md_escape(f"{name}: {message}"))
    for name, reason in result.refused:
        st.error(md_escape(f"{name}: not saved. {reason}"))
    if result.build_error:
        st.error(md_escape(f"The database could not be rebuilt: {result.build_error}. "
                           "The previous database is still in use; "
                           "the saved files stay in the minutes folder."))
    elif result.summary is not None:
        st.success(md_escape(f"Database rebuilt. {result.summary.text()}"))
        for o in result.summary.problems:
            st.warning(md_escape(f"{o.path}: {o.message}"))
    elif result.saved:
        st.info("Nothing new was saved, so the database was not rebuilt.")


def _stored_count() -> int:
    folder = minutes_dir()
    if not folder.is_dir():
        return 0
    return sum(1 for f in folder.iterdir()
               if f.is_file() and not f.name.startswith(".") and f.suffix.lower() in SUPPORTED_SUFFIXES)


def render() -> None:
    """Upload files; below, fetch from a council's site (boardcompare.ui.fetch_box)."""
    st.title("Add minutes")
    st.caption(INTRO)
    _upload()
    st.divider()
    fetch_box.render()


def _upload() -> None:
    folder, db_path = minutes_dir(), default_db_path()
    st.caption(md_escape(f"{_stored_count()} minutes files are stored in {folder}. "
                         f"Accepted: .txt, .html, .htm, .pdf and .docx, up to {MAX_BYTES // 2**20} MB each."))
    files = st.file_uploader("Minutes files", type=UPLOAD_TYPES, accept_multiple_files=True,
                             key="add_minutes_files")
    chosen = tuple((f.name, f.size) for f in files or ())
    last = st.session_state.get(RESULT_KEY)
    if last and last[0] == chosen:  # shown until another set of files is chosen
        show_result(last[1])
    if not files:
        st.info("Choose one or more files to see what would be extracted from them.")
        return

    usable: list[tuple[str, bytes]] = []
    n_new = 0
    for f in files:
        data = f.getvalue()
        with st.spinner(f"Reading {f.name}…"):
            p = _cached_preview(f.name, data)
        stored = pv.already_stored(data, folder) if p.usable else None
        show_preview(p, stored.name if stored else None)
        if p.usable:
            usable.append((f.name, data))
            n_new += stored is None

    left_out = len(files) - len(usable)
    note = f"; {left_out} will be left out" if left_out else ""
    nothing_new = n_new == 0 and db_path.exists()
    st.caption(f"{len(usable)} of {len(files)} files can be used{note}."
               + (" All of them are already stored." if usable and nothing_new else ""))
    if st.button("Save and rebuild", type="primary", disabled=not usable or nothing_new,
                 key="add_minutes_save"):
        with st.spinner("Saving the files and rebuilding the database…"):
            result = pv.save_and_rebuild(usable, folder, db_path, root=folder.parent)
        st.session_state[RESULT_KEY] = (chosen, result)
        st.rerun()
