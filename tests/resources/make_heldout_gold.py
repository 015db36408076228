#!/usr/bin/env python3
"""Build heldout_gold.json from the per-case labels in heldout/<case>.json.

Stdlib only and idempotent: running it again rewrites the same file. Only the
cases labelled is_board_report true go into the gold list; the entries have the
fields of ../shared/eval/seed_gold.json (the shared folder beside the checkout), with "file"
relative to heldout/.
Every metric quote is checked to be an exact substring of its minutes.
"""
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "heldout"
OUT = HERE / "heldout_gold.json"
FIELDS = ("local_authority", "board_name", "period", "scr_count", "metrics", "metrics_optional",
          "themes", "themes_optional", "information_sharing_concern", "notes")


def main():
    gold, problems = [], []
    for label_path in sorted(CASES.glob("*.json")):
        txt = label_path.with_suffix(".txt")
        if not txt.exists():
            problems.append(f"{label_path.name}: no minutes file {txt.name}")
            continue
        label = json.loads(label_path.read_text(encoding="utf-8"))
        text = txt.read_text(encoding="utf-8")
        for key in ("metrics", "metrics_optional"):
            for m in label.get(key, []):
                if m["quote"] not in text:
                    problems.append(f"{label_path.name}: quote not in text: {m['quote']!r}")
        if not label.get("is_board_report", True):
            continue
        entry = {"file": txt.name}
        entry.update({k: label.get(k) for k in FIELDS})
        gold.append(entry)
    if problems:
        sys.exit("\n".join(problems))
    OUT.write_text(json.dumps(gold, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT.name}: {len(gold)} board reports")


if __name__ == "__main__":
    main()
