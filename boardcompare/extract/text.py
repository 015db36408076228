"""Sentences with their offsets.

Minutes mix prose, bullets and headings. A sentence ends at a full stop, question or
exclamation mark followed by a capital, at a line break that starts a bullet or a blank
line, or at the end of a line that has no closing punctuation (a heading).

>>> [s.text for s in split_sentences("Minutes:\\n\\nThe Chair spoke. Members noted it.\\n\\n· A bullet")]
['Minutes:', 'The Chair spoke.', 'Members noted it.', 'A bullet']
>>> [(s.block, s.bullet) for s in split_sentences("Points raised:\\n\\n· First point. Second.\\n· Third")]
[(0, False), (1, True), (1, True), (2, True)]
>>> s = split_sentences("First. Second one.")[1]
>>> (s.start, s.end, "First. Second one."[s.start:s.end])
(7, 18, 'Second one.')
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    """One sentence of a text, with its offsets and the block it is in."""

    text: str
    start: int
    end: int
    block: int = 0  # which block (paragraph, bullet or list item) of the text it is in
    bullet: bool = False  # its block starts with a bullet or a list marker


# Where a block of text breaks: blank lines, and lines that start with a bullet or a
# numbered/lettered list marker.
_BLOCK_BREAK = re.compile(
    r"""
    \n[ \t]*\n+                                  # a blank line
    | \n(?=[ \t]*(?:[·•▪◦●\-–*]|\(?[a-z]\)|\d+[.)]\s))   # a new bullet or list item
    """,
    re.VERBOSE,
)

# Bullet and list markers at the start of a block, dropped from the sentence.
_BULLET = re.compile(r"^[ \t]*(?:[·•▪◦●\-–*]+|\(?[a-z]\)|\d+[.)](?=\s))[ \t]*")

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "e.g", "i.e", "etc", "cllr", "cllrs", "no", "nos", "st", "mr", "mrs", "ms", "dr", "prof",
    "vs", "approx", "para", "paras", "inc", "incl", "ref", "fig", "dept", "govt", "co", "ltd",
    "cf", "al", "viz", "nb", "p", "pp", "sec", "ss", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "rev", "supt", "insp", "det", "sgt", "hon",
}

# A candidate sentence end: terminal punctuation, optional closing quote or bracket, space,
# then something that can start a sentence.
_SENTENCE_END = re.compile(
    r"""
    (?<=[.!?])            # after terminal punctuation
    ['"’”)\]]*            # closing quotes or brackets stay with the sentence
    \s+                   # the gap
    (?=[A-Z0-9‘“'"(£])    # the next sentence starts with a capital, digit, quote or bracket
    """,
    re.VERBOSE,
)
_WORD_BEFORE_DOT = re.compile(r"([A-Za-z.]+)\.['\"’”)\]]*$")
_LINE_BREAK = re.compile(r"\n")
_NEXT_CHAR = re.compile(r"\s*(\S)")  # the first character of the next line (peeked without copying)


def _blocks(text: str):
    start = 0
    for m in _BLOCK_BREAK.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _is_abbreviation(chunk: str) -> bool:
    m = _WORD_BEFORE_DOT.search(chunk)
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _split_block(text: str, start: int, end: int):
    """Split one block at sentence ends and at lines that end without punctuation."""
    pieces = []
    cut = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if _is_abbreviation(text[cut:m.start()]):
            continue
        pieces.append((cut, m.start()))
        cut = m.end()
    pieces.append((cut, end))
    for a, b in pieces:
        line_start = a
        for m in _LINE_BREAK.finditer(text, a, b):
            before = text[max(line_start, m.start() - 200):m.start()].rstrip()
            nxt = _NEXT_CHAR.match(text, m.end(), b)
            # A line with no closing punctuation followed by a capitalised line is a heading.
            if (before and before[-1] not in ".,;:-–(&" and nxt and nxt.group(1).isupper()
                    and m.start() - line_start < 120):
                yield line_start, m.start()
                line_start = m.end()
        yield line_start, b


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text``, stripped, with offsets into ``text``."""
    out = []
    for block, (b_start, b_end) in enumerate(_blocks(text)):
        bullet = _BULLET.match(text[b_start:min(b_end, b_start + 40)].lstrip("\n")) is not None
        for a, b in _split_block(text, b_start, b_end):
            chunk = text[a:b]
            m = _BULLET.match(chunk)
            if m:
                a += m.end()
                chunk = text[a:b]
            lead = len(chunk) - len(chunk.lstrip())
            a += lead
            b = a + len(chunk.strip())
            if b > a:
                out.append(Sentence(" ".join(text[a:b].split()), a, b, block, bullet))
    return out
