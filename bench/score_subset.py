#!/usr/bin/env python3
"""Score an extractor on one slice of a generated corpus with ../shared/eval/score.py.

score.py copies every case to ``doc_NN.txt``, so only ``.txt`` files keep a suffix that
matches their content; this writes a gold file restricted to one format (and, optionally,
to board reports only or to at most N cases) and runs score.py on it.

Usage::

    python bench/score_subset.py --corpus /tmp/corpus1k [--format txt] [--kind board_report]
        [--limit 500] [--score ../shared/eval/score.py] [score.py options] -- CMD ...

Example::

    .venv/bin/python bench/score_subset.py --corpus /tmp/corpus1k --quiet \\
        -- .venv/bin/python -m boardcompare extract --json
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

DEFAULT_SCORE = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"


def subset(gold: list[dict], fmt: str | None, kind: str | None, limit: int | None) -> list[dict]:
    out = [g for g in gold
           if (fmt is None or g.get("format") == fmt) and (kind is None or g.get("kind") == kind)]
    return out[:limit] if limit else out


def main() -> int:
    if "--" not in sys.argv:
        sys.exit(__doc__)
    split = sys.argv.index("--")
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--format", default="txt", help="txt, html, pdf, docx or all")
    ap.add_argument("--kind", default=None, help="board_report or not_board (default: both)")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--score", default=str(DEFAULT_SCORE))
    args, passthrough = ap.parse_known_args(sys.argv[1:split])
    corpus = Path(args.corpus)
    gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
    picked = subset(gold, None if args.format == "all" else args.format, args.kind, args.limit)
    if not picked:
        sys.exit("no gold entries match")
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(picked, fh)
    print(f"{len(picked)} cases ({args.format}, {args.kind or 'all kinds'})", file=sys.stderr)
    cmd = [sys.executable, args.score, "--gold", fh.name, "--cases", str(corpus), *passthrough, "--",
           *sys.argv[split + 1:]]
    try:
        return subprocess.call(cmd)
    finally:
        Path(fh.name).unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
