"""Saved web pages: the visible minutes text, ModernGov pages reduced to their main content.

The tree is walked without recursion (pages may nest thousands of elements deep); data tables
become one line per row with cells joined by " | ", list items get a bullet.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, CData, NavigableString, Tag
from bs4.dammit import EncodingDetector

from boardcompare.readers.common import (
    BULLET,
    CELL_SEPARATOR,
    NO_HTML_TEXT,
    Unreadable,
    has_utf16_bom,
    is_blank,
    refuse_binary,
)
from boardcompare.readers.text import decode_mixed, decode_utf16, text_from_plain

_TAG_START = re.compile(
    rb"""
    <[A-Za-z!/?]    # an opening tag, closing tag, comment, doctype or processing instruction
    """,
    re.VERBOSE,
)

#: How far into a page its <meta charset> is looked for.
_DECLARATION_SEARCH = 4096

_TAG_START_STR = re.compile(_TAG_START.pattern.decode(), re.VERBOSE)

_HTML_SPACE = re.compile(
    r"""
    \s+     # any run of white space, non-breaking spaces included, becomes one space
    """,
    re.VERBOSE,
)

_SUPPORTING_DOCS = re.compile(
    r"""
    ^\s* Supporting \s+ documents \s* :? \s*$   # ModernGov's label above the list of links
    """,
    re.VERBOSE | re.IGNORECASE,
)

_NOISE_NAME = re.compile(
    r"""
    cookie | consent | gdpr | breadcrumb | skip-?link | skip-?to | skiptocontent
  | navbar | navigation | megamenu | site-?header | site-?footer
  | (?:^|[-_]) (?: nav | menu | ccc | masthead | footer | sidebar | share | social | search ) (?:$|[-_])
  | ^mg(?:Links|ActionList|Breadcrumbs?|Footer|SearchBox)$   # ModernGov's own link boxes
    """,
    re.VERBOSE | re.IGNORECASE,
)

_HIDDEN_STYLE = re.compile(
    r"""
    display \s* : \s* none | visibility \s* : \s* hidden   # inline styles that hide an element
    """,
    re.VERBOSE | re.IGNORECASE,
)

_SKIP_TAGS = frozenset(
    """script style noscript template head title meta link nav iframe frame frameset svg math canvas
    object embed applet button select option optgroup input textarea label map area audio video
    picture img source track aside""".split()
)
_NOISE_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "complementary", "dialog",
                          "alertdialog", "menu", "menubar"})
_BLOCK_TAGS = frozenset(
    """address article aside blockquote body center details dialog dir div dl fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hgroup html legend main ol p pre section summary ul
    menu caption dt dd""".split()
)
_CONTENT_TAGS = frozenset({"main", "article"})



def text_from_html(data: bytes | str) -> str:
    """The visible minutes text of a saved web page (ModernGov pages get their main content only)."""
    if isinstance(data, bytes):
        refuse_binary(data)
        data = _decoded(data)
    has_tags = (_TAG_START_STR if isinstance(data, str) else _TAG_START).search(data)
    if not has_tags:  # a text file saved with an .html name
        return text_from_plain(data if isinstance(data, bytes) else data.encode("utf-8"))
    soup = BeautifulSoup(data, "lxml")
    for root in _content_roots(soup):
        text = _HtmlRenderer(root).render()
        if not is_blank(text):
            return text
    raise Unreadable(NO_HTML_TEXT)


def _decoded(data: bytes) -> bytes | str:
    """The page as text when it is UTF-16 or UTF-8 (declared or not, stray bytes read as Windows-1252).

    Pages that declare another encoding are left as bytes for the parser to decode as declared.
    """
    if has_utf16_bom(data):
        return decode_utf16(data)
    declared = EncodingDetector.find_declared_encoding(data[:_DECLARATION_SEARCH], is_html=True)
    if declared and declared.lower().replace("_", "-") not in ("utf-8", "utf8"):
        return data
    return decode_mixed(data)


def _content_roots(soup: BeautifulSoup) -> list[Tag]:
    """Where the minutes are likely to be, best guess first (ModernGov's ``#modgov`` wins)."""
    roots: list[Tag] = []
    for found in (
        soup.find(id="modgov"),
        soup.find("main"),
        soup.find(attrs={"role": "main"}),
        soup.find(id=re.compile(r"^(?:main-?content|content|main)$", re.I)),
        soup.body,
        soup,
    ):
        if isinstance(found, Tag) and all(found is not r for r in roots):
            roots.append(found)
    return roots


def _is_noise(tag: Tag, in_content: bool) -> bool:
    name = tag.name
    if name in _SKIP_TAGS:
        return True
    if name in ("header", "footer") and not in_content:
        return True
    attrs = tag.attrs
    if not attrs:
        return False
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    if attrs.get("role") in _NOISE_ROLES:
        return True
    style = attrs.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    names = list(attrs.get("class") or ())
    if attrs.get("id"):
        names.append(attrs["id"])
    return any(isinstance(n, str) and n.lower() != "modgov" and _NOISE_NAME.search(n) for n in names)


def _supporting_documents(root: Tag) -> set[int]:
    """ids of ModernGov "Supporting documents:" labels and the link lists that follow them."""
    dropped: set[int] = set()
    for label in root.find_all(string=_SUPPORTING_DOCS):
        el = label.parent
        if el is None or el is root:
            continue
        # climb while the parent holds nothing but this label
        while el.parent is not None and el.parent is not root and _sole_child(el):
            el = el.parent
        dropped.add(id(el))
        for sib in el.next_siblings:
            if isinstance(sib, NavigableString):
                if sib.strip():
                    break
                continue
            if isinstance(sib, Tag) and (sib.name in ("ul", "ol", "table") or _only_links(sib)):
                dropped.add(id(sib))
                continue
            break
    return dropped


def _sole_child(el: Tag) -> bool:
    parent = el.parent
    return all(c is el or (isinstance(c, NavigableString) and not c.strip()) for c in parent.contents)


def _only_links(el: Tag) -> bool:
    links = el.find_all("a")
    if not links:
        return False
    return el.get_text("", strip=True) == "".join(a.get_text("", strip=True) for a in links)


class _Writer:
    """Accumulates text with paragraph/line breaks owed lazily, so empty blocks leave no gaps."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pending = 0  # newlines owed before the next words (0, 1 or 2)
        self.line_start = True
        self.space_owed = False
        self.prefix = ""  # a bullet waiting for its item's first words

    def brk(self, n: int) -> None:
        self.space_owed = False
        if self.parts:
            self.pending = max(self.pending, n)

    def line_break(self) -> None:
        self.space_owed = False
        if self.parts:
            self.pending = min(2, self.pending + 1)

    def words(self, raw: str) -> None:
        s = _HTML_SPACE.sub(" ", raw)
        if not s:
            return
        if s == " ":
            self.space_owed = self.space_owed or not self.line_start
            return
        if s[0] == " ":
            self.space_owed = True
        trailing = s[-1] == " "
        self.emit(s.strip())
        self.space_owed = trailing

    def preformatted(self, raw: str) -> None:
        for i, line in enumerate(raw.split("\n")):
            if i:
                self.line_break()
            if line.strip():
                self.emit(line.rstrip())

    def emit(self, s: str) -> None:
        if self.pending:
            self.parts.append("\n" * self.pending)
            self.pending = 0
            self.line_start = True
        if self.line_start:
            if self.prefix:
                self.parts.append(self.prefix)
                self.prefix = ""
        elif self.space_owed:
            self.parts.append(" ")
        self.parts.append(s)
        self.line_start = False
        self.space_owed = False

    def text(self) -> str:
        return "".join(self.parts)


class _HtmlRenderer:
    """Walks the tree without recursion (pages may nest thousands of elements deep)."""

    def __init__(self, root: Tag) -> None:
        self.root = root
        self.dropped = _supporting_documents(root)
        self.writers = [_Writer()]
        self.rows: list[list[str]] = []  # cells of the table rows being read, innermost last
        self.li_depth = 0
        self.pre_depth = 0
        self.content_depth = 0

    @property
    def out(self) -> _Writer:
        return self.writers[-1]

    def render(self) -> str:
        stack: list[tuple[object, bool]] = [(self.root, False)]
        while stack:
            node, leaving = stack.pop()
            if leaving:
                self.leave(node)
            elif isinstance(node, Tag):
                if node is not self.root and (
                    id(node) in self.dropped or _is_noise(node, self.content_depth > 0)
                ):
                    continue
                self.enter(node)
                stack.append((node, True))
                stack.extend((child, False) for child in reversed(node.contents))
            elif type(node) is NavigableString or type(node) is CData:
                if self.pre_depth:
                    self.out.preformatted(str(node))
                else:
                    self.out.words(str(node))
        return self.writers[0].text()

    def enter(self, tag: Tag) -> None:
        name = tag.name
        out = self.out
        if name == "br":
            out.line_break()
        elif name == "hr":
            out.brk(2)
        elif name == "li":
            out.brk(1)
            out.prefix = BULLET
            self.li_depth += 1
        elif name == "table":
            out.brk(2)
        elif name == "tr":
            out.brk(1)
            self.rows.append([])
        elif name in ("td", "th"):
            self.writers.append(_Writer())
        elif name in _BLOCK_TAGS:
            out.brk(1 if self.li_depth else 2)
        if name == "pre":
            self.pre_depth += 1
        if name in _CONTENT_TAGS:
            self.content_depth += 1

    def leave(self, tag: Tag) -> None:
        name = tag.name
        if name == "li":
            self.li_depth -= 1
            self.out.prefix = ""
            self.out.brk(1)
        elif name == "table":
            self.out.brk(2)
        elif name in ("td", "th"):
            cell = self.writers.pop().text()
            if self.rows:
                self.rows[-1].append(cell)
            else:  # a cell outside any row: treat it as a block
                self._block(cell, 2)
        elif name == "tr":
            self._row(self.rows.pop() if self.rows else [])
        elif name in _BLOCK_TAGS:
            self.out.brk(1 if self.li_depth else 2)
        if name == "pre":
            self.pre_depth -= 1
        if name in _CONTENT_TAGS:
            self.content_depth -= 1

    def _row(self, cells: list[str]) -> None:
        """Data rows become one line of " | "-joined cells; layout rows keep their paragraphs."""
        while cells and not cells[-1].strip():
            cells.pop()
        filled = [c for c in cells if c.strip()]
        if not filled:
            return
        if len(filled) == 1 or any("\n\n" in c and len(c) > 200 for c in filled):
            for cell in filled:
                self._block(cell, 2)
            return
        self._block(CELL_SEPARATOR.join(_HTML_SPACE.sub(" ", c).strip() for c in cells), 1)

    def _block(self, text: str, gap: int) -> None:
        out = self.out
        out.brk(gap)
        out.emit(text)
        out.brk(gap)
