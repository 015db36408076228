"""Officers' briefing packs: one board's annual report, as minuted, set fairly against the other boards.

Compute once, render many:

1. :mod:`.facts` gathers what the database holds about the report (bound-parameter queries);
2. :mod:`boardcompare.fairness` compares it with the other boards' reports of the same year;
3. :mod:`.wording` words it (numbered notes, concerns by kind, :mod:`.questions`, :mod:`.chart`)
   into a :class:`~.model.Briefing`;
4. :mod:`.layout` lays that out as one list of blocks, which thin writers render:
   :mod:`.word` (an editable A4 .docx), :mod:`.markdown`, and the Briefing page
   (boardcompare.ui.briefing_page).

Every figure and quote carries note numbers naming the source document and meeting. Text taken
from the minutes is always plain text, with e-mail addresses and telephone numbers masked.
"""

from boardcompare.briefing.blocks import Line
from boardcompare.briefing.command import WRITERS, write_brief
from boardcompare.briefing.facts import BriefingError, known_boards, known_periods, resolve_board
from boardcompare.briefing.layout import blocks
from boardcompare.briefing.markdown import chart_path_for, markdown_text, write_markdown
from boardcompare.briefing.model import NO_CONCERNS, Briefing
from boardcompare.briefing.word import write_docx
from boardcompare.briefing.wording import build_briefing

__all__ = ["NO_CONCERNS", "WRITERS", "Briefing", "BriefingError", "Line", "blocks", "build_briefing",
           "chart_path_for", "known_boards", "known_periods", "markdown_text", "resolve_board", "write_brief",
           "write_docx", "write_markdown"]
