"""Where the real-minutes texts are cached, and which are missing.

The development set's texts are public council minutes: third-party text, so they are not in the
repository. ``gold.json`` beside this file holds each case's labels, its address (``url``), the
search that found it (``query``) and the SHA-256 of the cached text. The texts live in a cache
outside git: ``$BOARDCOMPARE_REAL_MINUTES`` or, by default, ``~/.cache/boardcompare/real-minutes``.

    python tests/resources/real/cache.py          # lists missing or changed texts, exit 1 if any

To refill a missing text: look its ``url`` up in the same stored copy of public pages the set was
built from (the team's search tool, corpus "pages", with the case's ``query``), and save the excerpt
it returns (the page from its beginning, about 2,000 characters) as the case's ``file``.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold.json"


def cache_dir() -> Path:
    """The folder holding the cached texts."""
    default = Path.home() / ".cache" / "boardcompare" / "real-minutes"
    return Path(os.environ.get("BOARDCOMPARE_REAL_MINUTES", default))


def cases(split: str | None = None) -> list[dict]:
    """The labelled cases, all or those of one split ("dev" or "heldout")."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    return [g for g in gold if split is None or g["split"] == split]


def problems(folder: Path | None = None) -> list[str]:
    """One line per case whose text is missing from the cache or differs from the labelled one."""
    folder = folder or cache_dir()
    out = []
    for g in cases():
        path = folder / g["file"]
        if not path.exists():
            out.append(f"{g['file']}: missing (from {g['url']})")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != g["sha256"]:
            out.append(f"{g['file']}: differs from the text that was labelled (from {g['url']})")
    return out


def main() -> int:
    found = problems()
    print("\n".join(found) if found else f"all {len(cases())} texts are in {cache_dir()}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
