#!/usr/bin/env python3
"""Build varied_gold.json from the per-case golden files under minutes/.

Each minutes/<group>/<case>.txt has a <case>.json beside it. The board reports
among them (is_board_report true) are collected, in path order, into a single
list in the format of the shared seed gold (the input of score.py). Cases that
are not board reports are left out, since score.py cannot express "not a board".

Stdlib only and idempotent: ``python tests/resources/make_varied_gold.py``
rewrites tests/resources/varied_gold.json.
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
MINUTES = HERE / "minutes"
OUT = HERE / "varied_gold.json"

# The fields of the shared seed gold, in its order.
GOLD_FIELDS = ("local_authority", "board_name", "period", "scr_count", "metrics", "metrics_optional",
               "themes", "themes_optional", "information_sharing_concern", "notes")
METRIC_FIELDS = ("name", "value", "unit", "quote")


def case_paths():
    """Every per-case golden file, sorted by its path relative to minutes/."""
    return sorted(MINUTES.glob("*/*.json"), key=lambda p: p.relative_to(MINUTES).as_posix())


def build():
    """Return the gold list (board reports only)."""
    gold = []
    for path in case_paths():
        case = json.loads(path.read_text(encoding="utf-8"))
        if not case.get("is_board_report"):
            continue
        entry = {"file": path.with_suffix(".txt").relative_to(MINUTES).as_posix()}
        for field in GOLD_FIELDS:
            value = case.get(field)
            if field in ("metrics", "metrics_optional"):
                value = [{k: m[k] for k in METRIC_FIELDS} for m in value or []]
            elif field in ("themes", "themes_optional"):
                value = list(value or [])
            entry[field] = value
        gold.append(entry)
    return gold


def render(gold):
    return json.dumps(gold, indent=2, ensure_ascii=False) + "\n"


def main():
    OUT.write_text(render(build()), encoding="utf-8")
    print(f"wrote {OUT} ({len(build())} board reports)")


if __name__ == "__main__":
    main()
