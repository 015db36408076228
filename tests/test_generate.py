"""The synthetic corpus generator (bench/generate.py): deterministic, truthful, every format."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import io
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
gen = importlib.util.module_from_spec(_spec)
sys.modules["bench_generate"] = gen
_spec.loader.exec_module(gen)

ARGS = dict(boards=6, years=12, seed=42, formats=gen.FORMATS, reports=30)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    counts = gen.generate(out, **ARGS)
    return out, counts


def _hashes(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _read_text(path: Path) -> str:
    """The text a reader gets: boardcompare.readers when it exists, else a plain fallback."""
    try:
        from boardcompare.readers import read_document
    except ImportError:
        read_document = None
    if read_document is not None:
        return read_document(path).text
    data = path.read_bytes()
    if path.suffix == ".txt":
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            return data.decode("utf-16")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("cp1252")
    if path.suffix == ".html":
        from bs4 import BeautifulSoup

        return BeautifulSoup(data, "lxml").get_text()
    if path.suffix == ".pdf":
        import pypdf

        return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    import docx

    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def _gold_lines(root: Path) -> list[dict]:
    return [json.loads(line) for line in (root / "gold.jsonl").read_text(encoding="utf-8").splitlines()]


def test_same_seed_same_bytes_and_gold(corpus, tmp_path):
    root, _ = corpus
    gen.generate(tmp_path, **ARGS)
    assert _hashes(tmp_path) == _hashes(root)  # txt, html, pdf, docx and every gold file


def test_other_seed_differs(corpus, tmp_path):
    root, _ = corpus
    gen.generate(tmp_path, **{**ARGS, "seed": 7})
    assert (tmp_path / "gold.json").read_bytes() != (root / "gold.json").read_bytes()


def test_every_format_and_kind(corpus):
    root, counts = corpus
    rows = list(csv.DictReader((root / "manifest.csv").open(encoding="utf-8")))
    assert len(rows) == ARGS["reports"]
    assert {r["format"] for r in rows} == set(gen.FORMATS)
    assert {r["kind"] for r in rows} == {"board_report", "multi_meeting", "not_board", "bad"}
    for r in rows:
        assert (root / r["file"]).is_file()
    assert all(counts[f] for f in gen.FORMATS)


def test_gold_json_format(corpus):
    root, _ = corpus
    gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))
    multi = json.loads((root / "gold_multi.json").read_text(encoding="utf-8"))
    assert gold and multi
    keys = set(gen.GOLD_KEYS)
    files = set()
    for g in gold:
        assert keys <= set(g)
        assert g["kind"] in ("board_report", "not_board")
        files.add(g["file"])
        if g["is_board_report"]:
            assert re.fullmatch(r"\d{4}-\d{2}", g["period"])
            assert g["board_name"] and g["local_authority"]
        for m in g["metrics"] + g["metrics_optional"]:
            assert m["unit"] in ("count", "percent", "gbp") and m["quote"]
    assert len(files) == len(gold)  # score.py matches one prediction per file
    for m in multi:
        assert len(m["sections"]) >= 2 and m["file"] not in files


def test_quotes_are_in_the_text(corpus):
    root, _ = corpus
    for g in _gold_lines(root):
        if g["kind"] == "bad":
            continue
        text = _read_text(root / g["file"])
        flat = re.sub(r"\s+", " ", text)
        for m in g["metrics"] + g["metrics_optional"]:
            q = m["quote"]
            if g["format"] == "pdf":  # the text layer wraps lines
                assert re.sub(r"\s+", " ", q) in flat, (g["file"], q)
            else:
                assert q in text, (g["file"], q)


def test_number_words():
    assert gen.words(5) == "five"
    assert gen.words(23) == "twenty-three"
    assert gen.words(40) == "forty"
    assert gen.words(105) == "one hundred and five"


_WORD_VALUES = {w: i for i, w in enumerate(gen.ONES)} | {w: 10 * i for i, w in enumerate(gen.TENS) if i >= 2}


def _value_of_words(quote: str) -> int | None:
    for token in re.findall(r"[a-z]+(?:-[a-z]+)?", quote.lower()):
        parts = token.split("-")
        if all(p in _WORD_VALUES for p in parts):
            return sum(_WORD_VALUES[p] for p in parts)
    return None


def test_numbers_in_words_match_the_truth(corpus):
    root, _ = corpus
    seen = 0
    for g in _gold_lines(root):
        for m in g.get("metrics", []):
            q = re.sub(r"\bsection \d+", "section", m["quote"])
            in_words = _value_of_words(q)
            if in_words is not None:
                seen += 1
                assert in_words == m["value"], (g["file"], q, m["value"])
                continue
            values = {float(d.replace(",", "")) for d in re.findall(r"\d[\d,]*(?:\.\d+)?", q)}
            if m["unit"] == "gbp" and re.search(r"\d(m| million)\b", q):
                values = {v * 1_000_000 for v in values}
            if m["unit"] == "gbp" and re.search(r"\dk\b", q):
                values = {v * 1000 for v in values}
            assert float(m["value"]) in values, (g["file"], q, m["value"])
    assert seen, "no figures written in words in the sample"


def test_themes_are_valid_codes(corpus):
    root, _ = corpus
    themes_md = ROOT.parent / "shared" / "eval" / "themes.md"  # ../shared beside the checkout, when there
    if themes_md.exists():
        vocab = set(re.findall(r"^\| ([a-z_]+) \|", themes_md.read_text(), re.M)) - {"code"}
    else:
        vocab = {r["code"] for r in csv.DictReader((ROOT / "boardcompare/vocab/themes.csv").open())}
    assert len(vocab) == 28
    for g in _gold_lines(root):
        assert set(g.get("themes", [])) <= vocab
        assert set(g.get("themes_optional", [])) <= vocab
        assert not set(g.get("themes", [])) & set(g.get("themes_optional", []))
        if g.get("information_sharing_concern"):
            assert "information_sharing" in g["themes"]


def test_authorities_and_periods(corpus):
    root, _ = corpus
    las = {a.name: a for a in gen.load_authorities()}
    for g in _gold_lines(root):
        if g.get("is_board_report"):
            la = las[g["local_authority"]]
            start = int(g["period"][:4])
            assert la.first_year <= start <= la.last_year
            assert g["board_kind"] == ("partnership" if "Partnership" in g["board_name"] else "LSCB")
            assert g["meeting_date"] > f"{start + 1}-03-31"


def test_authority_end_dates_respected():
    las = {a.name: a for a in gen.load_authorities()}
    _, pairs = gen.board_years(list(las.values()), 500, 14, 1)
    for a, y in pairs:
        assert a.first_year <= y <= a.last_year
    if "Northamptonshire" in las:
        assert las["Northamptonshire"].last_year == 2020
        assert las["West Northamptonshire"].first_year == 2021
