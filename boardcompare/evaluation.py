"""Score the extraction against hand-labelled minutes: the project's own scorer.

Same contract and figures as the reference scorer the project started from (``score.py`` in the
shared evaluation folder), so the tests can run it anywhere:

- each case's text is copied under a neutral name (``doc_01.txt`` ...) so nothing can be read from
  its file name, and extracted exactly as ``boardcompare extract --json`` would (the last report of a
  document with several meetings is the one scored);
- ``local_authority``, ``period`` and ``scr_count``: right when the value is among the gold's
  accepted values (a gold list means any of its values; null must match null);
- themes: F1 over codes of the theme vocabulary, ``themes_optional`` neither earns nor costs;
- metrics: F1 over (value, unit) as multisets, unit ``percent`` or else ``count``;
  ``metrics_optional`` neither earns nor costs;
- the information-sharing concern: F1 over documents.

>>> g = {"file": "x.txt", "local_authority": "Slough", "period": "2017-18", "scr_count": None,
...      "themes": ["neglect"], "metrics": [{"value": 5, "unit": "count"}], "information_sharing_concern": False}
>>> p = {"local_authority": "Slough", "period": "2017-18", "scr_count": None, "themes": [{"code": "neglect"}],
...      "metrics": [{"value": 5, "unit": "count"}, {"value": 9, "unit": "count"}], "concerns": []}
>>> s = score_cases([g], {"x.txt": p})
>>> s.figures()["metric_f1"], s.figures()["theme_f1"], s.lines[0]
(0.6666666666666666, 1.0, 'x.txt: metrics extra 9')

Run it from the command line::

    python -m boardcompare.evaluation --gold tests/resources/seed_gold.json --cases data/minutes
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

FIELDS = ("la_acc", "period_acc", "scr_acc", "theme_f1", "metric_f1", "infoshare_f1")
_LA_WORDS = re.compile(r"\b(city of|county|borough|metropolitan|council|royal|the)\b")
_PERIOD = re.compile(r"\s*(\d{4})\s*[-/–]\s*(\d{2}|\d{4})\s*")


def norm_la(name: str | None) -> str | None:
    """A council's name reduced for comparison.

    >>> norm_la("City of York Council") == norm_la("York"), norm_la("Brighton & Hove")
    (True, 'brightonandhove')
    """
    if not name:
        return None
    s = _LA_WORDS.sub(" ", name.lower().replace("&", "and"))
    return re.sub(r"[^a-z]+", "", s) or None


def norm_period(p: object) -> str | None:
    """
    >>> norm_period("2015/2016"), norm_period(None)
    ('2015-16', None)
    """
    if p is None:
        return None
    m = _PERIOD.fullmatch(str(p))
    return f"{m.group(1)}-{m.group(2)[-2:]}" if m else str(p).strip()


def _accepted(value) -> list:
    return value if isinstance(value, list) else [value]


def _as_number(value):
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return str(value)


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (1.0 where there is nothing to find and nothing found)."""
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _metric_key(m: dict) -> tuple[float, str] | None:
    try:
        v = float(m.get("value"))
    except (TypeError, ValueError):
        return None
    unit = (m.get("unit") or "count").lower()
    return round(v, 6), ("percent" if unit in ("percent", "%", "pct", "percentage") else "count")


def _metric_keys(items: list[dict]) -> Counter:
    return Counter(filter(None, (_metric_key(m) for m in items)))


def _show(keys: Counter) -> str:
    return ",".join(f"{v:g}{'%' if u == 'percent' else ''}" for v, u in sorted(keys.elements()))


@dataclass
class Score:
    """Counts over a set of cases, one line per case saying what did not match."""

    vocabulary: frozenset[str]
    counts: Counter = field(default_factory=Counter)
    lines: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        """The six figures, as the reference scorer names them."""
        c, n = self.counts, max(self.counts["docs"], 1)
        return {
            "la_acc": c["la_ok"] / n, "period_acc": c["period_ok"] / n, "scr_acc": c["scr_ok"] / n,
            "theme_f1": f1(c["t_tp"], c["t_fp"], c["t_fn"])[2],
            "metric_f1": f1(c["m_tp"], c["m_fp"], c["m_fn"])[2],
            "infoshare_f1": f1(c["i_tp"], c["i_fp"], c["i_fn"])[2],
        }

    def detail(self) -> str:
        """Precision and recall of themes and metrics."""
        c = self.counts
        tp_, tr_, _ = f1(c["t_tp"], c["t_fp"], c["t_fn"])
        mp, mr, _ = f1(c["m_tp"], c["m_fp"], c["m_fn"])
        return (f"themes: precision {tp_:.2f} recall {tr_:.2f}; metrics: precision {mp:.2f} recall {mr:.2f}; "
                f"documents without output: {c['no_output']}")

    def summary(self, bars: dict[str, float] | None = None) -> str:
        """The reference scorer's last line: ``SCORE la_acc=... docs=N`` (with what fell below a bar)."""
        figures = self.figures()
        short = [f"{k} {figures[k]:.2f}<{v:.2f}" for k, v in (bars or {}).items() if figures[k] < v]
        line = " ".join(f"{k}={figures[k]:.2f}" for k in FIELDS) + f" docs={self.counts['docs']}"
        return ("SCORE below bar (" + ", ".join(short) + ") " if short else "SCORE ") + line

    def add(self, name: str, g: dict, p: dict | None) -> None:
        """Score one case (``p`` is None when the extraction printed nothing for it)."""
        c, bits = self.counts, []
        c["docs"] += 1
        if p is None:
            c["no_output"] += 1
            bits.append("NO OUTPUT")
            p = {}
        self._fields(g, p, bits)
        self._themes(g, p, bits)
        self._metrics(g, p, bits)
        pi = "information_sharing" in {x.get("code") if isinstance(x, dict) else x for x in p.get("concerns", [])}
        gi = bool(g.get("information_sharing_concern"))
        c["i_tp"] += pi and gi
        c["i_fp"] += pi and not gi
        c["i_fn"] += gi and not pi
        if pi != gi:
            bits.append(f"info-sharing concern {pi}!={gi}")
        self.lines.append(f"{name}: " + ("; ".join(bits) if bits else "all match"))

    def _fields(self, g: dict, p: dict, bits: list[str]) -> None:
        checks = (
            ("la_ok", "la", "local_authority", norm_la),
            ("period_ok", "period", "period", norm_period),
            ("scr_ok", "scr", "scr_count", _as_number),
        )
        for counter, label, key, norm in checks:
            ok = norm(p.get(key)) in {norm(x) for x in _accepted(g.get(key))}
            self.counts[counter] += ok
            if not ok:
                bits.append(f"{label} {p.get(key)!r}!={g.get(key)!r}")

    def _themes(self, g: dict, p: dict, bits: list[str]) -> None:
        req, opt = set(g.get("themes", [])), set(g.get("themes_optional", []))
        got = {t.get("code") if isinstance(t, dict) else t for t in p.get("themes", [])} & self.vocabulary
        self.counts["t_tp"] += len(got & req)
        self.counts["t_fp"] += len(got - req - opt)
        self.counts["t_fn"] += len(req - got)
        if req - got:
            bits.append("themes missed " + ",".join(sorted(req - got)))
        if got - req - opt:
            bits.append("themes extra " + ",".join(sorted(got - req - opt)))

    def _metrics(self, g: dict, p: dict, bits: list[str]) -> None:
        want, maybe = _metric_keys(g.get("metrics", [])), _metric_keys(g.get("metrics_optional", []))
        have = _metric_keys(p.get("metrics", []))
        rest = have - want
        self.counts["m_tp"] += sum((have & want).values())
        self.counts["m_fp"] += sum((rest - maybe).values())
        self.counts["m_fn"] += sum((want - have).values())
        if want - have:
            bits.append("metrics missed " + _show(want - have))
        if rest - maybe:
            bits.append("metrics extra " + _show(rest - maybe))


def theme_vocabulary() -> frozenset[str]:
    """The theme codes that count (vocab/themes.csv); other codes are neither rewarded nor penalised."""
    from boardcompare.extract.vocabulary import themes

    return frozenset(t.code for t in themes())


def score_cases(gold: list[dict], predictions: dict[str, dict | None]) -> Score:
    """Score predictions (by the gold's ``file``) against the gold cases."""
    score = Score(theme_vocabulary())
    for g in gold:
        score.add(g["file"], g, predictions.get(g["file"]))
    return score


def extract_cases(gold: list[dict], cases: Path) -> dict[str, dict | None]:
    """What ``boardcompare extract --json`` gives for each case, read under a neutral name."""
    from boardcompare.extract import extract_document, too_long
    from boardcompare.readers import UnusableDocument, read_document

    out: dict[str, dict | None] = {}
    tmp = Path(tempfile.mkdtemp(prefix="score-"))
    try:
        for i, g in enumerate(gold, 1):
            dst = tmp / f"doc_{i:02d}{Path(g['file']).suffix or '.txt'}"
            shutil.copyfile(cases / g["file"], dst)
            try:
                doc = read_document(dst)
            except UnusableDocument:
                out[g["file"]] = None
                continue
            reports = [] if too_long(doc) else extract_document(doc)
            out[g["file"]] = reports[-1].to_json() if reports else None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def score_folder(gold_path: Path, cases: Path, split: str | None = None) -> Score:
    """Extract and score every case of a gold file (or of one ``split`` of it) whose texts are in ``cases``."""
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    gold = [g for g in gold if split is None or g.get("split") == split]
    return score_cases(gold, extract_cases(gold, Path(cases)))


def main(argv: list[str] | None = None) -> int:
    """``python -m boardcompare.evaluation --gold G --cases DIR [--min field=value ...] [--quiet]``."""
    ap = argparse.ArgumentParser(prog="python -m boardcompare.evaluation", description=__doc__.splitlines()[0])
    ap.add_argument("--gold", required=True, type=Path, help="gold labels (JSON list)")
    ap.add_argument("--cases", required=True, type=Path, help="folder holding each case's file")
    ap.add_argument("--min", action="append", default=[], help="field=value, e.g. theme_f1=0.8")
    ap.add_argument("--quiet", action="store_true", help="print only the summary figures")
    ap.add_argument("--split", help="score only the cases whose 'split' is this (dev, heldout)")
    args = ap.parse_args(argv)
    bars = {}
    for spec in args.min:
        key, _, value = spec.partition("=")
        if key not in FIELDS:
            ap.error(f"unknown field {key!r}; one of {', '.join(FIELDS)}")
        bars[key] = float(value)
    score = score_folder(args.gold, args.cases, args.split)
    if not args.quiet:
        print("\n".join(score.lines))
        print(score.detail())
    summary = score.summary(bars)
    print(summary)
    return 1 if summary.startswith("SCORE below") else 0


if __name__ == "__main__":
    sys.exit(main())
