"""Readers: turn a minutes file (text, saved web page, PDF or Word) into plain text split into meetings.

The output is a :class:`~boardcompare.models.Document`: the normalised text plus one
:class:`~boardcompare.models.Section` per meeting, with offsets into that text.

Every failure, whatever its cause, becomes an :class:`UnusableDocument` whose ``reason`` is a
sentence a councillor could read. Only :func:`read_document` touches the file system; the
rest works on bytes and strings.

Text is normalised (``\\r\\n`` to ``\\n``, non-breaking spaces to spaces, NULs removed) and
otherwise kept verbatim, so evidence offsets found later point into exactly this text:

>>> normalise_text("Minutes:\\r\\n\\r\\nThe\\xa0Board noted\\x00 the report.")
'Minutes:\\n\\nThe Board noted the report.'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import zipfile
from pathlib import Path

from bs4 import BeautifulSoup, CData, NavigableString, Tag

from boardcompare.errors import BoardcompareError
from boardcompare.models import Document, Section

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")
FORMATS = {".txt": "txt", ".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx"}

#: Files larger than this are refused before they are read (minutes are far smaller).
MAX_BYTES = 256 * 1024 * 1024

#: How much of a file is looked at to decide whether it is binary.
_SNIFF_CHARS = 64 * 1024
#: Share of control characters above which a text is taken for binary data.
_BINARY_CONTROL_SHARE = 0.02

# Reasons, in words a councillor can read. Tests compare against these.
EMPTY = "the file is empty"
BINARY = "this looks like a binary file, not minutes"
UNDECODABLE = "the file could not be decoded as text (tried UTF-8, UTF-16 and Windows-1252)"
NOT_FOUND = "the file does not exist"
IS_FOLDER = "this is a folder, not a file"
PERMISSION_DENIED = "the file could not be read: permission denied"
NO_HTML_TEXT = "the page has no minutes text"
PDF_NO_TEXT = "the PDF has no text layer (it is a scan): there is no text to read"
PDF_NO_PAGES = "the PDF has no pages"
PDF_DAMAGED = "the PDF is damaged and could not be read"
PDF_ENCRYPTED = "the PDF is password-protected: its text cannot be read"
DOCX_DAMAGED = "the Word file is damaged or not a .docx"
DOCX_NO_TEXT = "the Word file has no text"


class UnusableDocument(BoardcompareError):
    """A file that cannot be turned into minutes text, with the reason in plain English."""

    def __init__(self, path: str | os.PathLike, reason: str):
        super().__init__(reason, subject=str(path))
        self.path = str(path)


class _Unreadable(BoardcompareError):
    """Raised by the pure parsers, which do not know the file's name; carries the reason."""


def unsupported_reason(suffix: str) -> str:
    shown = suffix or "(no extension)"
    return f"unsupported file type {shown}: use .txt, .html, .htm, .pdf or .docx"


def too_large_reason(size: int) -> str:
    return (
        f"the file is too large ({size / 1_048_576:.0f} MB; "
        f"the limit is {MAX_BYTES / 1_048_576:.0f} MB)"
    )


# --------------------------------------------------------------------------------------------
# Entry points


def read_document(path: str | os.PathLike) -> Document:
    """Read the file at ``path``; raise :class:`UnusableDocument` for any failure."""
    name = os.fspath(path)
    _suffix_or_raise(name)
    try:
        with open(name, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_BYTES:
                raise UnusableDocument(name, too_large_reason(size))
            data = fh.read(MAX_BYTES + 1)  # bounded even if the file grows while we read
    except FileNotFoundError as exc:
        raise UnusableDocument(name, NOT_FOUND) from exc
    except IsADirectoryError as exc:
        raise UnusableDocument(name, IS_FOLDER) from exc
    except PermissionError as exc:
        raise UnusableDocument(name, PERMISSION_DENIED) from exc
    except OSError as exc:
        detail = (exc.strerror or str(exc) or type(exc).__name__).lower()
        raise UnusableDocument(name, f"the file could not be read: {detail}") from exc
    return read_bytes(data, name)


def read_bytes(data: bytes, name: str) -> Document:
    """Read an uploaded file's bytes; ``name`` gives the suffix and becomes ``Document.path``."""
    name = os.fspath(name)
    suffix = _suffix_or_raise(name)
    if not isinstance(data, bytes):
        data = bytes(data)  # bytearray or memoryview from an upload widget
    if len(data) > MAX_BYTES:
        raise UnusableDocument(name, too_large_reason(len(data)))
    if _is_blank(data):
        raise UnusableDocument(name, EMPTY)
    fmt = FORMATS[suffix]
    parse = {"txt": text_from_plain, "html": text_from_html, "pdf": text_from_pdf, "docx": text_from_docx}
    try:
        text = normalise_text(parse[fmt](data))
    except _Unreadable as exc:
        raise UnusableDocument(name, exc.reason) from exc
    return Document(
        path=name,
        format=fmt,
        content_hash=hashlib.sha256(data).hexdigest(),
        text=text,
        sections=split_sections(text),
    )


def _suffix_or_raise(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnusableDocument(name, unsupported_reason(suffix))
    return suffix


# --------------------------------------------------------------------------------------------
# Normalisation and binary sniffing

_CONTROL_CHARS = re.compile(
    r"""
    [\x00-\x08\x0e-\x1f\x7f]    # C0 controls and DEL; tab, newlines, \x0b and \x0c are allowed
    """,
    re.VERBOSE,
)


def normalise_text(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` to ``\\n``, non-breaking spaces to spaces; NULs and a leading BOM go."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for nbsp in ("\u00a0", "\u202f", "\u2007"):
        if nbsp in text:
            text = text.replace(nbsp, " ")
    if "\x00" in text:
        text = text.replace("\x00", "")
    return text


def _is_blank(text: str | bytes) -> bool:
    """Empty or white space only, without copying a large text (``strip()`` would)."""
    return not text or text.isspace()


def _mostly_control(sample: str) -> bool:
    if not sample:
        return False
    return len(_CONTROL_CHARS.findall(sample)) / len(sample) > _BINARY_CONTROL_SHARE


def _has_utf16_bom(data: bytes) -> bool:
    return data.startswith((b"\xff\xfe", b"\xfe\xff"))


def _refuse_binary(data: bytes) -> None:
    """Raise for NUL bytes (outside UTF-16) or a high share of control characters."""
    if _has_utf16_bom(data):
        return  # judged after decoding
    if b"\x00" in data or _mostly_control(data[:_SNIFF_CHARS].decode("latin-1")):
        raise _Unreadable(BINARY)


# --------------------------------------------------------------------------------------------
# Plain text


def _decode_utf16(data: bytes) -> str:
    """Text with a UTF-16 byte-order mark, or the plain reason it cannot be decoded."""
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError as exc:
        raise _Unreadable(UNDECODABLE) from exc


def text_from_plain(data: bytes) -> str:
    """Decode a text file: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252."""
    _refuse_binary(data)
    if _has_utf16_bom(data):
        text = _decode_utf16(data)
        if _mostly_control(text[:_SNIFF_CHARS]):
            raise _Unreadable(BINARY)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise _Unreadable(UNDECODABLE) from exc
    if _is_blank(normalise_text(text)):
        raise _Unreadable(EMPTY)
    return text


# --------------------------------------------------------------------------------------------
# HTML

_TAG_START = re.compile(
    rb"""
    <[A-Za-z!/?]    # an opening tag, closing tag, comment, doctype or processing instruction
    """,
    re.VERBOSE,
)

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

BULLET = "· "
CELL_SEPARATOR = " | "


def text_from_html(data: bytes | str) -> str:
    """The visible minutes text of a saved web page (ModernGov pages get their main content only)."""
    if isinstance(data, bytes):
        _refuse_binary(data)
        if _has_utf16_bom(data):
            data = _decode_utf16(data)
    has_tags = (_TAG_START_STR if isinstance(data, str) else _TAG_START).search(data)
    if not has_tags:  # a text file saved with an .html name
        return text_from_plain(data if isinstance(data, bytes) else data.encode("utf-8"))
    soup = BeautifulSoup(data, "lxml")
    for root in _content_roots(soup):
        text = _HtmlRenderer(root).render()
        if not _is_blank(text):
            return text
    raise _Unreadable(NO_HTML_TEXT)


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


# --------------------------------------------------------------------------------------------
# PDF


def _pdf_errors() -> tuple[type[BaseException], ...]:
    from pypdf.errors import PyPdfError

    # pypdf reports damage with its own errors and, for badly broken files, with built-in ones
    return (PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError, AssertionError,
            OSError, RecursionError, ZeroDivisionError, zipfile.BadZipFile)


def text_from_pdf(data: bytes) -> str:
    """The PDF's text layer, pages separated by blank lines."""
    from pypdf import PdfReader

    errors = _pdf_errors()
    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
    except errors as exc:
        raise _Unreadable(PDF_DAMAGED) from exc
    if encrypted:
        try:
            opened = reader.decrypt("")  # many council PDFs are "encrypted" with an empty password
        except errors as exc:
            raise _Unreadable(PDF_ENCRYPTED) from exc
        if not opened:
            raise _Unreadable(PDF_ENCRYPTED)
    pages: list[str] = []
    try:
        for page in reader.pages:
            pages.append((page.extract_text() or "").strip("\n"))
    except errors as exc:
        raise _Unreadable(f"{PDF_DAMAGED} (page {len(pages) + 1})") from exc
    if not pages:
        raise _Unreadable(PDF_NO_PAGES)
    text = "\n\n".join(pages)
    if _is_blank(normalise_text(text)):
        raise _Unreadable(PDF_NO_TEXT)
    return text


# --------------------------------------------------------------------------------------------
# Word (.docx)


def text_from_docx(data: bytes) -> str:
    """Paragraphs and tables in document order; table rows as " | "-joined cells."""
    import docx
    from docx.opc.exceptions import OpcError
    from lxml.etree import LxmlError

    errors = (OpcError, zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, TypeError,
              AttributeError, IndexError, LxmlError, OSError, EOFError)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = _docx_blocks(document)
    except errors as exc:
        raise _Unreadable(DOCX_DAMAGED) from exc
    text = "\n\n".join(blocks)
    if _is_blank(normalise_text(text)):
        raise _Unreadable(DOCX_NO_TEXT)
    return text


def _docx_blocks(document) -> list[str]:
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    w_p, w_tbl, w_sdt, w_content = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent")
    blocks: list[str] = []
    stack = list(reversed(document.element.body))
    while stack:
        el = stack.pop()
        if el.tag == w_p:
            para = Paragraph(el, document)
            text = para.text
            if text.strip():
                ppr = el.pPr
                listed = (ppr is not None and ppr.numPr is not None) or (el.style or "").startswith("List")
                blocks.append(BULLET + text.strip() if listed else text)
        elif el.tag == w_tbl:
            rows = _docx_table_rows(Table(el, document))
            if rows:
                blocks.append("\n".join(rows))
        elif el.tag == w_sdt:  # content controls wrap ordinary paragraphs and tables
            content = el.find(w_content)
            if content is not None:
                stack.extend(reversed(list(content)))
    return blocks


def _docx_table_rows(table) -> list[str]:
    rows: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:  # a merged cell is listed once per grid column it spans
                continue
            previous = cell._tc
            cells.append(" ".join(cell.text.split()))
        while cells and not cells[-1]:
            cells.pop()
        if any(cells):
            rows.append(CELL_SEPARATOR.join(cells))
    return rows


# --------------------------------------------------------------------------------------------
# Splitting into meetings

_MEETING_HEADING = re.compile(
    r"""
    ^[ \t]*
    (?P<head>
        (?P<prefix>[Mm]eeting:[ \t]*(?:\n[ \t]*)?)?      # ModernGov's label, sometimes on its own line
        (?P<day>\d{1,2}) / (?P<month>\d{1,2}) / (?P<year>(?:19|20)\d\d)   # dd/mm/yyyy
        [ \t]* [-\u2013\u2014] [ \t]*                     # hyphen, en or em dash
        (?P<committee>[A-Z][^\n]{2,150}?)                 # the committee's name
        (?: [ \t]* \( (?:Item|Agenda[ ]item) [ \t]* [^)\n]{0,12} \) )?   # "(Item 5)"
        [ \t.]*
    )
    $
    """,
    re.VERBOSE | re.MULTILINE,
)

_COMMITTEE_WORD = re.compile(
    r"""
    \b(?: Committee | Sub-Committee | Panel | Board | Cabinet | Council | Scrutiny | Forum
        | Partnership | Executive | Commission | Group )\b     # what a committee's name contains
    """,
    re.VERBOSE | re.IGNORECASE,
)

_MINUTES_LABEL = re.compile(
    r"""
    ^[ \t]* (?: Minutes | Decisions? | Resolved ) \b    # a meeting's record starts with one of these
    """,
    re.VERBOSE | re.MULTILINE | re.IGNORECASE,
)

_ISSUE_TITLE = re.compile(
    r"""
    ^[ \t]* Issue [ \t]* - [ \t]* items[ ]at[ ]meetings [ \t]* - [ \t]*   # ModernGov issue page title
    (?P<title>[^\n]+?) [ \t]* $
    """,
    re.VERBOSE | re.MULTILINE | re.IGNORECASE,
)

_ITEM_NUMBER = re.compile(
    r"""
    ^ \d{1,3} [a-z]? \.? [ \t]+    # "5 " or "38. " before an item's title
    """,
    re.VERBOSE,
)

_AGENDA_ITEM = re.compile(
    r"""
    ^ [ \t]* Agenda[ ]item [ \t]* \n \s* (?P<title>[^\n]{1,300}?) [ \t]* $   # ModernGov page heading
    """,
    re.VERBOSE | re.MULTILINE | re.IGNORECASE,
)


def _heading_date(m: re.Match) -> str | None:
    try:
        return dt.date(int(m["year"]), int(m["month"]), int(m["day"])).isoformat()
    except ValueError:
        return None


def _committee(m: re.Match) -> str:
    return " ".join(m["committee"].split()).rstrip(" .,-")


def split_sections(text: str) -> tuple[Section, ...]:
    """One Section per meeting when the text holds several meetings' minutes, else one for all.

    A meeting starts at a ModernGov heading such as "Meeting: 12/03/2015 - Cabinet (Item 5)"
    (or "12/03/2015 - Children's Services Scrutiny Committee" followed by "Minutes:"), and runs
    to the next one. Text before the first heading (a page title) belongs to no section. A text
    with a single "Meeting:" heading is one section spanning it all, with date and committee.
    """
    candidates = [m for m in _MEETING_HEADING.finditer(text) if _heading_date(m)]
    candidates = [m for m in candidates if m["prefix"] or _COMMITTEE_WORD.search(m["committee"])]
    heads: list[re.Match] = []
    for i, m in enumerate(candidates):
        end = candidates[i + 1].start("head") if i + 1 < len(candidates) else len(text)
        # a bare "date - committee" line counts only when minutes follow it
        if m["prefix"] or _MINUTES_LABEL.search(text, m.end(), end):
            heads.append(m)
    page_title = _page_title(text)
    if len(heads) == 1 and heads[0]["prefix"]:
        m = heads[0]
        return (Section(0, len(text), _heading_date(m), _committee(m), page_title),)
    if len(heads) < 2:
        return (Section(0, len(text), title=page_title),)
    sections = []
    for i, m in enumerate(heads):
        start = m.start("head")
        end = heads[i + 1].start("head") if i + 1 < len(heads) else len(text)
        while end > start and text[end - 1].isspace():
            end -= 1
        title = _item_title(text, m.end(), end) or page_title
        sections.append(Section(start, end, _heading_date(m), _committee(m), title))
    return tuple(sections)


def _page_title(text: str) -> str | None:
    m = _AGENDA_ITEM.search(text, 0, min(len(text), 2000))
    if m:
        return m["title"].strip()
    m = _ISSUE_TITLE.search(text, 0, min(len(text), 2000))
    return m["title"] if m else None


def _item_title(text: str, start: int, end: int) -> str | None:
    """The line after a meeting heading, when it names the item rather than starting the minutes."""
    for line in text[start : min(end, start + 2000)].split("\n"):
        line = line.strip()
        if not line:
            continue
        if len(line) > 250 or (line.endswith(":") and len(line) < 40) or _MINUTES_LABEL.match(line):
            return None
        return _ITEM_NUMBER.sub("", line) or None
    return None
