"""The body of ``boardcompare brief BOARD [--period YYYY-YY] [--window 0|1] --out FILE.docx|FILE.md``."""

from __future__ import annotations

from pathlib import Path

from boardcompare.briefing.facts import BriefingError
from boardcompare.briefing.markdown import write_markdown
from boardcompare.briefing.word import write_docx
from boardcompare.briefing.wording import build_briefing
from boardcompare.fairness import SAME_YEAR, Window

WRITERS = {".docx": write_docx, ".md": write_markdown}


def write_brief(board: str, period: str | None, out, db_path=None, window: Window = SAME_YEAR) -> Path:
    """Build one board's pack and write it to ``out`` (.docx or .md); return the path.

    Raises BriefingError (an unknown board or period, a file type or folder that cannot be written)
    or db.DatabaseMissing; the command line turns either into a message.
    """
    out = Path(out)
    writer = WRITERS.get(out.suffix.lower())
    if writer is None:
        raise BriefingError("the briefing file must end in .docx (Word) or .md (Markdown)", subject=str(out))
    if not out.parent.exists():
        raise BriefingError(f"the folder {out.parent} does not exist", subject=str(out))
    return writer(build_briefing(board, period, db_path=db_path, window=window), out)
