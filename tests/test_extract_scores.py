"""Extraction scored with the project's scorer (boardcompare/evaluation.py) on labelled sets.

- the five seed minutes (data/minutes, labels in tests/resources/seed_gold.json): the issue's bars;
- our own varied minutes and the written held-out set: the level reached when they were written,
  so a change that makes unseen wording worse fails here;
- the real-minutes development set (tests/resources/real): its texts are third-party and cached
  outside git (tests/resources/real/README.md says how to refill the cache).
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from boardcompare.evaluation import FIELDS, score_folder

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "tests" / "resources"
SHARED_SCORER = ROOT.parent / "shared" / "eval" / "score.py"

SEED_BARS = {"la_acc": 1.0, "period_acc": 1.0, "scr_acc": 1.0, "infoshare_f1": 1.0,
             "theme_f1": 0.95, "metric_f1": 0.95}
# The held-out set was written by someone who never saw the extractor; it is not used for tuning
# (tests/resources/heldout/README.md). These bars only guard against getting worse.
HELDOUT_BARS = {"la_acc": 0.9, "period_acc": 0.95, "scr_acc": 0.65, "infoshare_f1": 0.75,
                "theme_f1": 0.9, "metric_f1": 0.85}
VARIED_BARS = {"la_acc": 0.95, "period_acc": 0.95, "scr_acc": 0.8, "infoshare_f1": 0.9,
               "theme_f1": 0.9, "metric_f1": 0.9}

# The real-minutes set (tests/resources/real/README.md): the level reached, so a change that makes real
# wording worse fails (the README's "Measuring the extraction" has the figures).
REAL_DEV_BARS = {"la_acc": 0.97, "period_acc": 0.96, "scr_acc": 0.97, "infoshare_f1": 0.97,
                 "theme_f1": 0.96, "metric_f1": 0.95}
REAL_HELDOUT_BARS = {"la_acc": 0.95, "period_acc": 0.95, "scr_acc": 0.97, "infoshare_f1": 0.97,
                     "theme_f1": 0.95, "metric_f1": 0.95}
REAL = RESOURCES / "real"
sys.path.insert(0, str(REAL))
from cache import cache_dir, problems  # noqa: E402

SETS = {
    "seeds": (RESOURCES / "seed_gold.json", ROOT / "data" / "minutes", SEED_BARS),
    "varied": (RESOURCES / "varied_gold.json", RESOURCES / "minutes", VARIED_BARS),
    "heldout": (RESOURCES / "heldout_gold.json", RESOURCES / "heldout", HELDOUT_BARS),
}


@pytest.mark.parametrize("split, bars", [("dev", REAL_DEV_BARS), ("heldout", REAL_HELDOUT_BARS)])
def test_real_minutes_hold_their_level(split, bars):
    missing = problems()
    if missing:
        pytest.skip(f"{len(missing)} real-minutes texts are not cached in {cache_dir()} "
                    "(python tests/resources/real/cache.py says which and where from)")
    score = score_folder(REAL / "gold.json", cache_dir(), split)
    figures = score.figures()
    short = {k: round(figures[k], 3) for k, v in bars.items() if figures[k] < v}
    assert not short, "\n".join([*score.lines, score.summary(bars)])


@pytest.mark.parametrize("name", list(SETS))
def test_labelled_set_meets_its_bars(name):
    gold, cases, bars = SETS[name]
    score = score_folder(gold, cases)
    figures = score.figures()
    short = {k: round(figures[k], 3) for k, v in bars.items() if figures[k] < v}
    assert not short, "\n".join([*score.lines, score.summary(bars)])


def test_seed_minutes_are_all_correct():
    """Every seed case matches its labels in full, not just on average."""
    gold, cases, _ = SETS["seeds"]
    score = score_folder(gold, cases)
    assert all(line.endswith("all match") for line in score.lines), "\n".join(score.lines)


@pytest.mark.skipif(not SHARED_SCORER.exists(), reason="needs ../shared/eval/score.py beside the checkout "
                    "(the reference scorer this one was written to agree with)")
def test_scorer_agrees_with_the_reference_scorer():
    gold, cases, _ = SETS["heldout"]
    ours = score_folder(gold, cases)
    cmd = [sys.executable, str(SHARED_SCORER), "--gold", str(gold), "--cases", str(cases), "--",
           sys.executable, "-m", "boardcompare", "extract", "--json"]
    reference = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=ROOT).stdout.splitlines()
    assert reference[-1] == ours.summary()
    assert reference[:len(ours.lines)] == ours.lines


def test_scorer_counts_a_missing_output_against_every_field(tmp_path):
    case = json.loads((RESOURCES / "seed_gold.json").read_text())[0]
    score = score_folder_with_text(tmp_path, case, "")
    assert score.lines == [f"{case['file']}: NO OUTPUT; " + score.lines[0].split("NO OUTPUT; ", 1)[1]]
    assert set(score.figures()) == set(FIELDS)
    assert score.figures()["la_acc"] == 0.0


def score_folder_with_text(tmp_path: Path, case: dict, text: str):
    (tmp_path / case["file"]).write_text(text)
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps([case]))
    return score_folder(gold, tmp_path)
