"""Consistency checks on the hand-labelled test minutes in tests/resources/minutes.

These test the resources themselves (files present, quotes exact, codes valid,
varied_gold.json in step with the per-case files), not the extractor.
"""
import csv
import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RES = ROOT / "tests" / "resources"
MINUTES = RES / "minutes"
GROUPS = {"wording", "numbers", "periods", "authorities", "reviews", "concerns", "tables", "not_board"}
UNITS = {"count", "percent", "gbp"}
KEYS = {
    "local_authority", "board_name", "board_kind", "is_board_report", "period", "scr_count", "metrics",
    "metrics_optional", "themes", "themes_optional", "information_sharing_concern", "concerns", "committee",
    "meeting_date", "presenter_role", "notes",
}
# The seed councils: the varied cases must use other authorities.
SEED_COUNCILS = {"Stockport", "Staffordshire", "Worcestershire", "Rotherham", "Medway"}
NUMBER_WORDS = re.compile(
    r"\b(no|none|nil|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|thousand|half|quarter|third)\b",
    re.I,
)


def _vocab():
    with open(ROOT / "boardcompare" / "vocab" / "themes.csv", newline="", encoding="utf-8") as fh:
        return {row["code"] for row in csv.DictReader(fh)}


VOCAB = _vocab()
TXT = sorted(MINUTES.glob("*/*.txt"))
JSON = sorted(MINUTES.glob("*/*.json"))


def _case(path):
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def _ids(paths):
    return [p.relative_to(MINUTES).as_posix() for p in paths]


def _load_maker():
    spec = importlib.util.spec_from_file_location("make_varied_gold", RES / "make_varied_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_vocabulary_has_28_codes():
    assert len(VOCAB) == 28


def test_case_count_and_groups():
    assert 36 <= len(TXT) <= 45
    assert {p.parent.name for p in TXT} == GROUPS
    assert {p.name for p in MINUTES.iterdir() if p.is_dir()} == GROUPS


def test_every_txt_has_json_and_back():
    assert {p.with_suffix("") for p in TXT} == {p.with_suffix("") for p in JSON}


@pytest.mark.parametrize("path", TXT, ids=_ids(TXT))
def test_case_shape(path):
    case = _case(path)
    assert set(case) == KEYS, set(case) ^ KEYS
    text = path.read_text(encoding="utf-8")
    assert text.strip(), "empty minutes"
    assert isinstance(case["is_board_report"], bool)
    assert isinstance(case["information_sharing_concern"], bool)
    assert case["board_kind"] in ("LSCB", "partnership", None)
    las = case["local_authority"] if isinstance(case["local_authority"], list) else [case["local_authority"]]
    assert all(la is None or (isinstance(la, str) and la.strip()) for la in las)
    assert not SEED_COUNCILS & set(las), "use councils other than the seed councils"
    periods = case["period"] if isinstance(case["period"], list) else [case["period"]]
    for period in periods:
        assert period is None or re.fullmatch(r"\d{4}-\d{2}", period), period
        if period:
            start, end = int(period[:4]), int(period[5:])
            assert end == (start + 1) % 100, period
    scrs = case["scr_count"] if isinstance(case["scr_count"], list) else [case["scr_count"]]
    assert all(s is None or (isinstance(s, int) and s >= 0) for s in scrs)
    if case["meeting_date"] is not None:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", case["meeting_date"])
    if case["board_name"] is not None:
        assert case["board_name"] in text, "board_name must be written as in the text"
    assert isinstance(case["notes"], str) and case["notes"].strip()


@pytest.mark.parametrize("path", TXT, ids=_ids(TXT))
def test_metrics_quotes_are_exact_substrings(path):
    case = _case(path)
    text = path.read_text(encoding="utf-8")
    for metric in case["metrics"] + case["metrics_optional"]:
        assert set(metric) == {"name", "value", "unit", "quote"}, metric
        assert re.fullmatch(r"[a-z][a-z0-9_]*", metric["name"]), metric["name"]
        assert metric["unit"] in UNITS, metric
        assert isinstance(metric["value"], int | float) and not isinstance(metric["value"], bool), metric
        assert metric["quote"] in text, f"quote not in text: {metric['quote']!r}"
        figure = re.search(r"\d", metric["quote"]) or NUMBER_WORDS.search(metric["quote"])
        if metric["value"] == 0:
            figure = figure or re.search(r"\bnot\b.*\bany\b", metric["quote"])
        assert figure, f"the quote should contain the figure: {metric}"
        if metric["unit"] == "percent":
            assert 0 <= metric["value"] <= 100, metric


@pytest.mark.parametrize("path", TXT, ids=_ids(TXT))
def test_theme_and_concern_codes(path):
    case = _case(path)
    themes, optional, concerns = case["themes"], case["themes_optional"], case["concerns"]
    assert set(themes) <= VOCAB, set(themes) - VOCAB
    assert set(optional) <= VOCAB, set(optional) - VOCAB
    assert set(concerns) <= VOCAB, set(concerns) - VOCAB
    assert len(set(themes)) == len(themes) and len(set(optional)) == len(optional)
    assert not set(themes) & set(optional), "a theme is either required or optional"
    assert set(concerns) <= set(themes) | set(optional), "a concern must also be a theme"
    assert case["information_sharing_concern"] == ("information_sharing" in concerns)
    if case["information_sharing_concern"]:
        assert "information_sharing" in themes


@pytest.mark.parametrize("path", TXT, ids=_ids(TXT))
def test_not_board_cases(path):
    case = _case(path)
    if path.parent.name == "not_board":
        assert case["is_board_report"] is False
        assert case["board_kind"] is None and case["board_name"] is None
        assert case["scr_count"] is None and case["period"] is None
        assert case["metrics"] == [] and case["themes"] == []
        assert case["information_sharing_concern"] is False
    else:
        assert case["is_board_report"] is True
        assert case["board_kind"] in ("LSCB", "partnership")


def test_varied_gold_is_generated():
    maker = _load_maker()
    on_disk = (RES / "varied_gold.json").read_text(encoding="utf-8")
    assert on_disk == maker.render(maker.build()), "run: python tests/resources/make_varied_gold.py"


def test_varied_gold_matches_score_format():
    gold = json.loads((RES / "varied_gold.json").read_text(encoding="utf-8"))
    seed_keys = ["file", "local_authority", "board_name", "period", "scr_count", "metrics",
                 "metrics_optional", "themes", "themes_optional", "information_sharing_concern", "notes"]
    boards = [p for p in TXT if _case(p)["is_board_report"]]
    assert [g["file"] for g in gold] == _ids(boards)
    for entry in gold:
        assert list(entry) == seed_keys
        assert (MINUTES / entry["file"]).is_file()
        assert not entry["file"].startswith("not_board/")


def test_readme_lists_every_case():
    readme = (MINUTES / "README.md").read_text(encoding="utf-8")
    for path in TXT:
        assert path.stem in readme and path.parent.name in readme, path
