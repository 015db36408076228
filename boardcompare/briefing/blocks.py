"""The briefing as one list of blocks, which thin writers (Word, Markdown, the page) lay out.

A :class:`Line` is a run of plain text with the numbered notes that back it. Text is never
Markdown or HTML: each writer makes it safe for its own format.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """A sentence of the briefing and the notes that back it (each note once, in order); ``lead`` is
    written in bold before the text (e.g. who raised a concern)."""

    text: str
    notes: tuple[int, ...] = ()
    lead: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "notes", tuple(dict.fromkeys(n for n in self.notes if n)))


@dataclass(frozen=True)
class Heading:
    """A heading; level 0 is the title."""

    text: str
    level: int = 1  # 0: the title


@dataclass(frozen=True)
class Para:
    """One paragraph of one or more lines; ``style`` is "", "small", "caption" or "footer"."""

    lines: tuple[Line, ...]
    style: str = ""


@dataclass(frozen=True)
class Items:
    """A bulleted (or numbered) list."""

    lines: tuple[Line, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    """A table; ``widths`` in centimetres for Word; ``key_value`` tables have no header row."""

    header: tuple[str, ...]
    rows: tuple[tuple[Line, ...], ...]
    widths: tuple[float, ...]
    key_value: bool = False


@dataclass(frozen=True)
class Picture:
    """A chart and its caption; ``alt`` says in words what it shows."""

    png: bytes
    caption: Line
    alt: str  # what the picture shows, in words


@dataclass(frozen=True)
class Sources:
    """The numbered notes; notes[i] is note number i + 1."""

    notes: tuple[str, ...]
    intro: str


Block = Heading | Para | Items | Table | Picture | Sources


def para(text: str, notes: tuple[int, ...] = (), style: str = "") -> Para:
    """A paragraph of one line."""
    return Para((Line(text, notes),), style)


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, from a PNG's header."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
