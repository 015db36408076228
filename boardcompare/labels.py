"""Codes and their plain-English labels, from boardcompare/vocab/*.csv (one home for each; the built
database holds the same in its tables: theme_taxonomy, concern_kinds, action_kinds).

>>> labels("action_kinds")["further_information"]
'Further information requested'
>>> labels("concern_kinds")["review_learning"]
'Learning from a review'
"""

from __future__ import annotations

import csv
from functools import cache

from boardcompare.paths import VOCAB_DIR


@cache
def labels(vocabulary: str) -> dict[str, str]:
    """code -> label of ``vocab/<vocabulary>.csv`` (its first column is the code)."""
    with open(VOCAB_DIR / f"{vocabulary}.csv", newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        code = reader.fieldnames[0]
        return {row[code]: row["label"] for row in reader}
