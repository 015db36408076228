"""Suggested scrutiny questions: one per gap (only where enough boards compare), concern sentence,
figure out of line with a fair median, and a review count the minutes do not give."""

from __future__ import annotations

from boardcompare.briefing.blocks import Line
from boardcompare.briefing.model import Briefing, ConcernItem
from boardcompare.display import in_sentence, join_words, safe_text

MAX_GAP_QUESTIONS = 5
QUOTE = 160  # characters of a quotation in a question

ASK = {  # by kind of concern: how the question opens and what it asks
    "members_raised": ("{who} raised a concern about {about}", "What has the board done about it since, and what"
                       " evidence will show the committee that things have improved?"),
    "review_learning": ("A review's learning on {about}", "How has the learning been acted on, and how will the"
                        " committee know it has made a difference?"),
    "board_improvement": ("The board names {about} as needing to improve", "What is the plan, and when will the"
                          " committee see progress?"),
    "assurance_sought": ("{who} sought assurance on {about}", "What assurance has been given since, and what"
                         " evidence supports it?"),
}


def questions(b: Briefing) -> list[Line]:
    """The questions, most pressing first; at least one."""
    out = _gap_questions(b) + [_concern_question(c) for c in b.concerns] + _figure_questions(b)
    if b.scr_count is None:
        out.append(Line(f"The minutes do not say how many {b.review_label.lower()} there were"
                        f"{' in ' + b.period if b.period else ''}. How many were started or published, and what"
                        " did they find?", (b.meeting_note,)))
    if not out:
        out.append(Line("The minutes raise no gaps, concerns or unusual figures. What are the board's priorities"
                        " for the coming year, and how will the committee see progress against them?",
                        (b.meeting_note,)))
    return out


def _gap_questions(b: Briefing) -> list[Line]:
    gaps = b.theme_comparison.gaps
    notes = (b.themes_note,) if b.themes_note else ()
    whose = f"{b.local_authority}'s {b.period + ' ' if b.period else ''}report"
    out = [Line(f"{g.share_text()} discussed {in_sentence(g.label)} in their reports of"
                f" {b.theme_comparison.years}, but the minutes of"
                f" {whose} do not mention it. What is the board doing about {in_sentence(g.label)},"
                " and how does it know it is working?", notes) for g in gaps[:MAX_GAP_QUESTIONS]]
    if len(gaps) > MAX_GAP_QUESTIONS:
        rest = join_words([in_sentence(g.label) for g in gaps[MAX_GAP_QUESTIONS:]])
        out.append(Line(f"Most other boards also discussed {rest}, which these minutes do not mention. Does the board"
                        " cover them elsewhere, and if not, should it?", notes))
    return out


def _concern_question(c: ConcernItem) -> Line:
    opening, ask = ASK.get(c.kind, ASK["members_raised"])
    who = c.raised_by[:1].upper() + c.raised_by[1:] if c.raised_by else "Someone not named in the minutes"
    about = join_words([in_sentence(t) for t in c.themes.split("; ")])
    return Line(f"{opening.format(who=who, about=about)}: “{safe_text(c.quote, QUOTE)}” {ask}", (c.note,))


def _figure_questions(b: Briefing) -> list[Line]:
    out = []
    for r in b.figures:
        if r.position:
            out.append(Line(
                f"{b.local_authority}'s figure for {in_sentence(r.label)} was {r.shown}, {r.position}: the other boards"
                f" reported {r.range_shown} (median {r.peer.median_text()}, in the {r.scope})."
                " What explains the difference: local need, the way it is counted, or practice?",
                (r.note, r.comparison_note or 0)))
    return out

