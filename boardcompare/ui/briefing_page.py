"""The Briefing page: pick a board and period, preview the pack, download it as Word or Markdown.

The choice is kept in the address (``?board=northshire&period=2017-18``) so a briefing can be
shared as a link. Data comes through :func:`boardcompare.data_access.cached_query`; text from the
minutes is shown as plain text.
"""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from boardcompare import briefing as bf
from boardcompare.data_access import cached_query

_SUPERSCRIPT = str.maketrans("0123456789,", "⁰¹²³⁴⁵⁶⁷⁸⁹˒")


def _sup(notes: tuple[int, ...]) -> str:
    """Note marks as superscript characters, safe in any text element."""
    return ",".join(str(n) for n in notes).translate(_SUPERSCRIPT) if notes else ""


def _md(line: bf.Line | str) -> str:
    """A briefing line as inert Markdown with its note marks."""
    if isinstance(line, bf.Line):
        return bf.md_escape(line.text) + _sup(line.notes)
    return bf.md_escape(line)


def _choose(boards: pd.DataFrame) -> tuple[str, str | None]:
    """Board and period selectors, initialised from and written back to the query string."""
    ids = boards["board_id"].tolist()
    names = dict(zip(ids, boards["local_authority"].fillna(boards["board_id"]), strict=True))
    asked = st.query_params.get("board")
    index = 0
    if asked:
        wanted = asked.strip().casefold()
        matches = [i for i, b in enumerate(ids) if wanted in (b.casefold(), str(names[b]).casefold())]
        if matches:
            index = matches[0]
        else:
            st.warning(f"No board called {asked!r} has reports in the database; showing {names[ids[0]]}.")
    left, right = st.columns([2, 1])
    board_id = left.selectbox("Board", ids, index=index, format_func=names.get, key="briefing_board")
    periods = sorted(bf.known_periods(board_id, query=cached_query), reverse=True)
    period = None
    if periods:
        asked_period = st.query_params.get("period")
        p_index = periods.index(asked_period) if asked_period in periods else 0
        labels = {p: (f"{p} (latest)" if i == 0 else p) for i, p in enumerate(periods)}
        period = right.selectbox("Period", periods, index=p_index, format_func=labels.get,
                                 key=f"briefing_period_{board_id}")
    else:
        right.caption("No report of this board states its period; showing its latest meeting.")
    st.query_params["board"] = board_id
    if period:
        st.query_params["period"] = period
    elif "period" in st.query_params:
        del st.query_params["period"]
    return board_id, period


def _preview(b: bf.Briefing) -> None:
    st.subheader(bf.md_escape(b.title))
    st.caption(bf.md_escape(b.subtitle))
    facts = "  \n".join(f"**{label}:** {bf.md_escape(value)}" for label, value in b.facts())
    st.markdown(facts + _sup((b.meeting_note,)))

    st.markdown("#### Summary")
    st.markdown("\n".join(f"- {_md(line)}" for line in b.summary + b.other_meetings))

    st.markdown("#### Key figures")
    if b.metrics:
        table = pd.DataFrame(
            [{
                "Figure": r.label,
                f"{b.local_authority} {b.period or ''}".strip(): r.shown,
                "Other boards' median": r.median_shown,
                "Other boards' range (n boards)": r.range_shown,
                "Compared with": r.scope + (f"; {r.out_of_line}" if r.out_of_line else ""),
                "Notes": ", ".join(str(n) for n in (r.note, r.comparison_note) if n),
            } for r in b.metrics]
        )
        st.dataframe(table, hide_index=True)
    st.caption(bf.md_escape(b.comparison_text))

    st.markdown(f"#### {bf.md_escape(b.review_label)}")
    st.markdown(_md(b.scr_line))

    st.markdown("#### Themes")
    if b.themes:
        st.markdown("**Discussed:** " + "; ".join(bf.md_escape(t.label) + _sup((t.note,)) for t in b.themes))
    else:
        st.markdown("The minutes discuss none of the themes tracked.")
    if b.gaps:
        st.markdown(
            f"**Gaps** (discussed by more than half of the {b.theme_peers} other boards, their"
            f" {bf.md_escape(b.theme_scope)}){_sup((b.gaps_note,) if b.gaps_note else ())}:\n"
            + "\n".join(f"- {bf.md_escape(g.label)}: {g.n_boards} of {g.n_other_boards} other boards"
                        f" ({g.share:.0%})" for g in b.gaps)
        )
    else:
        scope = bf.md_escape(b.theme_scope)
        st.markdown(f"**Gaps:** none against the {b.theme_peers} other boards (their {scope}).")
    st.image(b.chart_png, caption=b.chart_caption.text + _sup(b.chart_caption.notes))

    st.markdown("#### Concerns raised")
    if not b.concerns:
        st.markdown("The minutes record no concerns raised.")
    for c in b.concerns:
        st.markdown(f"**{bf.md_escape(c.who)}** ({bf.md_escape(c.theme)})"
                    f"{_sup((c.note,))}")
        st.text(f"“{c.quote}”")

    st.markdown("#### Actions and resolutions")
    if b.actions:
        st.markdown("\n".join(f"- **{bf.md_escape(a.kind_label)}:** {bf.md_escape(a.text)}{_sup((a.note,))}"
                              for a in b.actions))
    else:
        st.markdown("The minutes record no actions or resolutions.")

    st.markdown("#### Suggested scrutiny questions")
    st.markdown("\n".join(f"{i}. {_md(q)}" for i, q in enumerate(b.questions, 1)))

    with st.expander(f"Sources ({len(b.notes)} notes)", expanded=False):
        for i, text in enumerate(b.notes, 1):
            st.text(f"{i}. {text}")


def _downloads(b: bf.Briefing) -> None:
    stem = f"briefing_{b.board_id}_{b.period or 'latest'}"
    docx = io.BytesIO()
    bf.write_docx(b, docx)
    chart_name = bf.chart_path_for(f"{stem}.md").name
    one, two, three = st.columns(3)
    one.download_button("Download Word (.docx)", docx.getvalue(), file_name=f"{stem}.docx",
                        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        key="briefing_docx", on_click="ignore")
    two.download_button("Download Markdown (.md)", bf.markdown_text(b, chart_name).encode("utf-8"),
                        file_name=f"{stem}.md", mime="text/markdown", key="briefing_md", on_click="ignore")
    three.download_button("Download the chart (.png)", b.chart_png, file_name=chart_name, mime="image/png",
                          key="briefing_png", on_click="ignore",
                          help="Save it beside the .md file so the Markdown can show it.")


def render() -> None:
    st.title("Briefing")
    st.caption("A briefing pack for a committee meeting: what the minutes record about a board's annual"
               " report, set against the other boards, with suggested questions. Download it to edit"
               " and send.")
    boards = bf.known_boards(query=cached_query)  # no database yet: navigation.show says so
    if boards.empty:
        st.info("The database holds no reports about a safeguarding children board yet: add minutes and"
                " rebuild, then come back.")
        return
    board_id, period = _choose(boards)
    b = bf.build_briefing(board_id, period, query=cached_query)  # an unknown board: navigation.show warns
    _downloads(b)
    _preview(b)
