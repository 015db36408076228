"""Lay a worded briefing out as one list of blocks: what every writer (Word, Markdown, the page) shows,
in the same order and the same words."""

from __future__ import annotations

from boardcompare.briefing.blocks import Block, Heading, Items, Line, Para, Picture, Sources, Table, para
from boardcompare.briefing.model import NO_ACTIONS, NO_CONCERNS, NO_THEMES, Briefing
from boardcompare.display import format_date
from boardcompare.fairness import MIN_BOARDS

SOURCES_INTRO = ("Numbered notes give the source of each figure and quotation. Quotations are from the minutes,"
                 " with e-mail addresses and telephone numbers removed.")
FIGURES_NOTE = ("Each figure is set beside the median of the other boards' figures for the same measure (same name"
                " and unit), one value per board, from their reports of {window}. A median needs at least {n}"
                " boards; a report that gives no number is left out, never counted as 0.")


def blocks(b: Briefing) -> list[Block]:
    """The whole briefing, top to bottom."""
    out: list[Block] = [Heading(b.title, 0), para(b.subtitle, style="caption"), _facts(b),
                        Heading("Summary"), Items(tuple(b.summary + b.other_meetings)), Heading("Key figures")]
    if b.figures:
        out.append(_figures_table(b))
        out.append(para(FIGURES_NOTE.format(window=b.window.label(_start(b)), n=MIN_BOARDS), style="small"))
    else:
        out.append(para("The minutes of this meeting record no figures from the catalogue."))
    out += [Heading(b.review_label), Items(tuple(b.reviews)), Heading("Themes"), *_themes(b)]
    if b.chart_png:
        out.append(Picture(b.chart_png, b.chart_caption, b.chart_caption.text))
    else:
        out.append(Para((b.chart_caption,), "caption"))
    out += [Heading("Concerns recorded"), *_concerns(b), Heading("Actions and resolutions")]
    out.append(Items(tuple(Line(a.text, (a.note,), f"{a.kind_label}: ") for a in b.actions))
               if b.actions else para(NO_ACTIONS))
    out += [Heading("Suggested scrutiny questions"), Items(tuple(b.questions), numbered=True),
            Heading("Sources"), Sources(tuple(b.notes), SOURCES_INTRO)]
    if b.source_url:
        out.append(para(f"Minutes online: {b.source_url}"))
    out.append(para(f"Prepared with boardcompare on {format_date(b.generated_on)} from figures extracted from"
                    " council minutes. Check each figure against its source before quoting it.", style="footer"))
    return out


def _start(b: Briefing) -> int | None:
    return int(b.period[:4]) if b.period else None


def _facts(b: Briefing) -> Table:
    rows = tuple((Line(label), Line(value, (b.meeting_note,) if label == "Source document" else ()))
                 for label, value in b.facts())
    return Table(("", ""), rows, (4.0, 12.0), key_value=True)


def _figures_table(b: Briefing) -> Table:
    header = ("Figure", f"{b.local_authority} {b.period or ''}".strip(), "Other boards' median (boards)",
              "Their range", "Compared with")
    rows = []
    for r in b.figures:
        median = r.median_shown + (f"; {r.position}" if r.position else "")
        rows.append((Line(r.label), Line(r.shown, (r.note,)),
                     Line(median, (r.comparison_note,) if r.comparison_note else ()),
                     Line(r.range_shown), Line(r.scope)))
    return Table(header, tuple(rows), (3.8, 2.4, 4.2, 2.4, 3.2))


def _themes(b: Briefing) -> list[Block]:
    if b.themes:
        discussed = Para((Line("", (), "Discussed in these minutes: "),
                          *(Line(("; " if i else "") + t.label, (t.note,)) for i, t in enumerate(b.themes))))
    else:
        discussed = para(NO_THEMES)
    c = b.theme_comparison
    notes = (b.themes_note,) if b.themes_note else ()
    if c.reason():
        return [discussed, Para((Line(f"not named: {c.reason()}.", notes, "Gaps: "),))]
    if not c.gaps:
        return [discussed, Para((Line(f"none. Every theme that more than half of the {len(c.peers)} other boards"
                                      f" discussed (in the {c.scope}) is in these minutes.", notes, "Gaps: "),))]
    intro = Para((Line(f"themes that more than half of the {len(c.peers)} other boards discussed (in the {c.scope})"
                       " but these minutes do not:", notes, "Gaps: "),))
    return [discussed, intro, Items(tuple(Line(f"{g.label}: {g.share_text()}") for g in c.gaps))]


def _concerns(b: Briefing) -> list[Block]:
    """Concerns grouped by kind, each sentence once with the themes it is about."""
    if not b.concerns:
        return [para(NO_CONCERNS)]
    out: list[Block] = []
    for kind in dict.fromkeys(c.kind_label for c in b.concerns):
        out.append(Heading(kind, 2))
        out.append(Items(tuple(Line(f"“{c.quote}”", (c.note,), f"{c.who} ({c.themes}): ")
                               for c in b.concerns if c.kind_label == kind)))
    return out
