"""The extractor's fast paths give exactly what the plain way gives.

Themes are found by running each pattern once over all of a report's sentences, only where one of the
pattern's trigger words stands (boardcompare/extract/triggers.py). These tests compare that with the
plain way, each pattern searched in each sentence, on every minutes text in the repository.
"""

import re
from pathlib import Path

import pytest

from boardcompare.extract.text import split_sentences
from boardcompare.extract.themes import mask_ignored, theme_index
from boardcompare.extract.triggers import triggers
from boardcompare.extract.vocabulary import theme_ignore, theme_patterns

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted([*ROOT.glob("data/minutes/*.txt"), *ROOT.glob("tests/resources/minutes/*/*.txt"),
                *ROOT.glob("tests/resources/heldout/*.txt")])


def plain_themes(text: str, year: int | None) -> tuple:
    """Each pattern in turn, sentence by sentence: the first form of each code that matches."""
    masked = mask_ignored(text)
    out, seen = [], set()
    for p in theme_patterns():
        if p.code in seen or (p.from_year and year is not None and year < p.from_year):
            continue
        m = p.regex.search(masked)
        if m and (p.needs is None or p.needs.search(masked)) and not (p.unless and p.unless.search(masked)):
            seen.add(p.code)
            out.append((p.code, m.span()))
    return tuple(out)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
@pytest.mark.parametrize("year", [None, 2014, 2020])
def test_theme_index_equals_the_plain_search(path, year):
    sentences = [s.text for s in split_sentences(path.read_text(encoding="utf-8"))]
    fast = [tuple((code, (hit.start(), hit.end())) for code, hit in found)
            for found in theme_index(sentences, year)]
    assert fast == [plain_themes(s, year) for s in sentences]


@pytest.mark.parametrize("pattern", [p.regex for p in theme_patterns()] + list(theme_ignore()),
                         ids=lambda p: p.pattern[:40])
def test_every_match_holds_a_trigger(pattern):
    words = triggers(pattern)
    if words is None:
        pytest.skip("no trigger can be told for this pattern: it is always tried")
    for path in TEXTS:
        for m in pattern.finditer(path.read_text(encoding="utf-8").replace("’", "'")):
            assert any(w in m.group(0).lower() for w in words), (m.group(0), sorted(words))


TRIGGER_CASES = {
    "alternatives": (r"child sexual exploitation|\bCSE\b", re.I, {"child sexual exploitation", "cse"}),
    "an optional part splits the words": (r"sexual(?:ly)? exploit\w*", re.I, {" exploit"}),
    "a class gives nothing to rely on": (r"[a-z]+ly", 0, {"ly"}),
    "a common word is the last choice": (r"children (?:who are )?looked after", re.I, {"looked after"}),
    "nothing literal": (r"\d+", 0, None),
}


@pytest.mark.parametrize("case", TRIGGER_CASES)
def test_triggers(case):
    pattern, flags, expected = TRIGGER_CASES[case]
    found = triggers(re.compile(pattern, flags))
    assert (None if found is None else set(found)) == expected
