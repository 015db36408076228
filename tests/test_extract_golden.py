"""Golden files: each varied minutes file beside its expected JSON (tests/resources/minutes/<group>/).

Per file we check the fields a comparison depends on; themes and metrics are scored over the
whole set in test_extract_scores.py. Known misses stay visible as xfail with the reason.
"""

import json
from pathlib import Path

import pytest

from boardcompare.extract import extract_document
from boardcompare.readers import read_document

MINUTES = Path(__file__).resolve().parent / "resources" / "minutes"
CASES = sorted(p.relative_to(MINUTES).as_posix() for p in MINUTES.rglob("*.txt"))

KNOWN_MISSES: dict[tuple[str, str], str] = {}


def accepted(value):
    return value if isinstance(value, list) else [value]


def check(case: str, field: str):
    gold = json.loads((MINUTES / case).with_suffix(".json").read_text())
    report = extract_document(read_document(MINUTES / case))[0]
    got = {
        "local_authority": report.board.local_authority,
        "period": report.period,
        "scr_count": report.scr_count,
        "is_board_report": report.is_board_report,
        "information_sharing_concern": any(c.code == "information_sharing" for c in report.concerns),
    }[field]
    assert got in accepted(gold[field]), f"{case}: {field} {got!r} not in {accepted(gold[field])!r}"


FIELDS = ("local_authority", "period", "scr_count", "is_board_report", "information_sharing_concern")


def fields_for(case: str) -> tuple[str, ...]:
    """A document that is not about a board is only checked for being recognised as such."""
    gold = json.loads((MINUTES / case).with_suffix(".json").read_text())
    return FIELDS if gold.get("is_board_report", True) else ("is_board_report",)


PARAMS = [
    pytest.param(case, field, id=f"{case}:{field}",
                 marks=[pytest.mark.xfail(reason=KNOWN_MISSES[(case, field)], strict=True)]
                 if (case, field) in KNOWN_MISSES else [])
    for case in CASES for field in fields_for(case)
]


@pytest.mark.parametrize(("case", "field"), PARAMS)
def test_golden_field(case, field):
    check(case, field)


def test_every_case_has_a_golden_file():
    assert CASES and all((MINUTES / c).with_suffix(".json").exists() for c in CASES)
