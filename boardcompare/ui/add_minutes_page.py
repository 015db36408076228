"""The Add minutes page: upload files, see what would be extracted, name the council or year where the
text never says them, then save and rebuild.

The logic is in :mod:`boardcompare.preview`; this module only lays it out. Anything taken from
the minutes or an upload is shown with st.text, st.dataframe or :func:`boardcompare.display.plain`
(never as Markdown or HTML), already masked of e-mail addresses and phone numbers.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from boardcompare import preview as pv
from boardcompare.authorities import load_authorities
from boardcompare.display import period_label, plain
from boardcompare.extract import SourceHints
from boardcompare.paths import default_db_path, minutes_dir
from boardcompare.preview import MeetingPreview, Preview, SaveResult
from boardcompare.readers import SUPPORTED_SUFFIXES
from boardcompare.ui import fetch_box
from boardcompare.uploads import MAX_BYTES

RESULT_KEY = "add_minutes_result"
FIRST_YEAR = 2008  # the first reports of the boards, set up from 2006
INTRO = ("Upload council minutes that discuss a Local Safeguarding Children Board's annual report. "
         "Each file is read and shown below before anything is saved; files that cannot be used are "
         "explained and left out. Nothing already stored is changed.")
ACCEPTED = ", ".join(sorted({s for s in SUPPORTED_SUFFIXES}))


@st.cache_data(max_entries=32, show_spinner=False)
def _cached_preview(name: str, data: bytes, council: str | None, period: str | None) -> Preview:
    hints = SourceHints(council=council, period=period) if council or period else None
    return pv.preview(name, data, hints)


_WIDE = {"Found", "Sentence", "Text"}  # the other columns are kept narrow so these get the room


def _table(rows, columns: list[str]) -> None:
    config = {c: st.column_config.TextColumn(c, width="medium") for c in columns if c not in _WIDE}
    st.dataframe(pd.DataFrame(list(rows), columns=columns), hide_index=True, width="stretch",
                 column_config=config)


def show_meeting(m: MeetingPreview, heading: str | None = None) -> None:
    """One meeting's extraction: facts, themes, figures, concerns and actions, all as text."""
    if heading:
        st.markdown(f"**{plain(heading)}**")
    st.text(m.summary)
    if not m.is_board_report:
        return
    for problem in m.problems:
        st.warning(plain(problem[:1].upper() + problem[1:]))
    _table(m.facts, ["What", "Found"])
    st.markdown("**Themes**")
    st.text(", ".join(m.themes) if m.themes else "No themes found.")
    st.markdown("**Figures**")
    if m.figures:
        _table(m.figures, ["Figure", "As written", "Sentence"])
    else:
        st.text("No figures found.")
    st.markdown("**Concerns recorded**")
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
    size = f"{p.size / 1e6:.1f} MB" if p.size >= 100_000 else f"{p.size:,} bytes"
    st.markdown(f"#### {plain(p.name)}")
    if not p.usable:
        st.error(plain(f"Cannot be used. {p.reason or ''}"))
        return
    if stored_as:
        st.info(plain(f"Already stored as {stored_as}: saving will not store it again."))
    else:
        st.caption(plain(f"{size}; will be saved as {p.stored_name}"))
    for i, m in enumerate(p.meetings, start=1):
        if not m.is_board_report:
            st.caption(plain(f"Meeting {i} of {len(p.meetings)} is left out: {m.summary}"))
            continue
        show_meeting(m, f"Meeting {i} of {len(p.meetings)}" if len(p.meetings) > 1 else None)


def show_result(result: SaveResult) -> None:
    """The outcome of Save and rebuild, file by file, then the build."""
    for name, message in result.saved:
        st.success(plain(f"{name}: {message}"))
    for name, reason in result.left_out:
        st.warning(plain(f"{name}: {reason}"))
    for name, reason in result.refused:
        st.error(plain(f"{name}: not saved. {reason}"))
    if result.build_error:
        st.error(plain(f"The database could not be rebuilt: {result.build_error}. The previous database is "
                       "still in use; the saved files stay in the minutes folder."))
    elif result.summary is not None:
        st.success(plain(result.totals()))
    elif result.saved:
        st.info("Nothing new was saved, so the database was not rebuilt.")


def _stored_count() -> int:
    folder = minutes_dir()
    if not folder.is_dir():
        return 0
    return sum(1 for f in folder.iterdir()
               if f.is_file() and not f.name.startswith(".") and f.suffix.lower() in SUPPORTED_SUFFIXES)


def _councils() -> dict[str, str]:
    return {a.name: a.name + ("" if a.current else " (former)") for a in sorted(load_authorities(),
                                                                                key=lambda a: a.name)}


def _years() -> list[str]:
    return [period_label(y) for y in range(date.today().year, FIRST_YEAR - 1, -1)]


def _hints_for(p: Preview, index: int) -> SourceHints | None:
    """Ask for the council and the year where the text never says them; None when nothing is asked."""
    if not (p.needs_council or p.needs_period):
        return None
    with st.container(border=True):
        st.markdown(plain(f"{p.name}: the minutes do not say everything the comparison needs. Please choose:"))
        left, right = st.columns(2)
        council = period = None
        if p.needs_council:
            councils = _councils()
            council = left.selectbox("Council", list(councils), index=None, format_func=councils.get,
                                     placeholder="Choose the council", key=f"council-{index}",
                                     help="Without a council the build leaves the file out.")
        if p.needs_period:
            period = right.selectbox("Year of the annual report", _years(), index=None,
                                     placeholder="Choose the year", key=f"period-{index}",
                                     help="Without a year the report is kept but not compared with others.")
    return SourceHints(council=council, period=period)


def _file(f, index: int, folder) -> tuple[Preview, SourceHints | None, bool]:
    """Preview one upload (again with the chosen council and year, if any); whether it is new."""
    data = f.getvalue()
    with st.spinner(f"Reading {f.name}…"):
        p = _cached_preview(f.name, data, None, None)
    hints = _hints_for(p, index)
    if hints and (hints.council or hints.period):
        p = _cached_preview(f.name, data, hints.council, hints.period)
    stored = pv.already_stored(data, folder) if p.usable else None
    with st.container(border=True):
        show_preview(p, stored.name if stored else None)
    return p, hints, stored is None


def render() -> None:
    """The Add minutes page: upload files; below, fetch from a council's site (boardcompare.ui.fetch_box)."""
    st.title("Add minutes")
    st.caption(INTRO)
    _upload()
    st.divider()
    fetch_box.render()


def _upload() -> None:
    folder, db_path = minutes_dir(), default_db_path()
    st.caption(f"{_stored_count()} minutes files are stored. Accepted: {ACCEPTED}, up to "
               f"{MAX_BYTES // 2**20} MB each.")
    # No type filter here: a file of another type gets a sentence saying why, not just an icon.
    files = st.file_uploader("Minutes files", accept_multiple_files=True, key="add_minutes_files")
    chosen = tuple((f.name, f.size) for f in files or ())
    last = st.session_state.get(RESULT_KEY)
    if last and last[0] == chosen:  # shown until another set of files is chosen
        show_result(last[1])
    if not files:
        st.info("Choose one or more files to see what would be extracted from them.")
        return
    usable, hints, n_new, missing = [], {}, 0, []
    for i, f in enumerate(files):
        p, hint, new = _file(f, i, folder)
        if not p.usable:
            continue
        usable.append((f.name, f.getvalue()))
        n_new += new
        if hint is not None:
            hints[f.name] = hint
        if p.needs_council:
            missing.append(f.name)
    _save_button(files, usable, hints, n_new, missing, folder, db_path, chosen)


def _save_button(files, usable, hints, n_new, missing, folder, db_path, chosen) -> None:
    left_out = len(files) - len(usable)
    note = f"; {left_out} will be left out" if left_out else ""
    nothing_new = n_new == 0 and not any(h.council or h.period for h in hints.values()) and db_path.exists()
    st.caption(f"{len(usable)} of {len(files)} files can be used{note}."
               + (" All of them are already stored." if usable and nothing_new else ""))
    if missing:
        st.warning(plain("Choose the council of " + ", ".join(missing) + " before saving: without it the build "
                         "would leave the file out."))
    if st.button("Save and rebuild", type="primary", disabled=not usable or nothing_new or bool(missing),
                 key="add_minutes_save"):
        with st.spinner("Saving the files and rebuilding the database…"):
            result = pv.save_and_rebuild(usable, folder, db_path, root=folder.parent, hints=hints)
        st.session_state[RESULT_KEY] = (chosen, result)
        st.rerun()
