"""How values are shown: the one home for formatting figures, dates and periods, plain text, and
safe downloads.

Anything that comes from the minutes, an upload or the address bar is *text*: it is shown with
:func:`plain` (inert in Markdown: no links, images, emphasis or HTML) or with a text element, with
contact details masked by :func:`safe_text`. Anything the app writes for a spreadsheet (CSV,
Word and Markdown tables) goes through :func:`cell` so a value starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is never a live formula (OWASP's rule: prefix a single quote).
"""

from __future__ import annotations

import html
import re
from datetime import date, datetime

import pandas as pd

NOT_STATED = "not stated"
EMAIL_MASK = "[e-mail removed]"
PHONE_MASK = "[phone number removed]"

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(
    r"""
    (?<![\w/£.,])                       # not inside a word, a figure or a reference such as 17/0042
    (?:\+44\s?(?:\(0\)\s?)?|\(?0)       # +44, +44 (0) or a leading 0, maybe in brackets
    \d{2,5}\)?                          # the area code
    (?:[\s-]?\d{2,4}){1,3}              # the rest, in groups
    (?![\w/%])                          # not followed by a word, a slash or a per cent sign
    """,
    re.VERBOSE,
)
# Markdown punctuation that makes links, images, emphasis, code, tables, headings, strike-through
# or (Streamlit) maths; HTML is escaped as entities first.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#!|~$])")
# Bare addresses and e-mail addresses that Markdown renderers (Streamlit's, GitHub's) make into links:
# an invisible WORD JOINER (U+2060) after the scheme's colon, after "www" and before "@" stops them.
_AUTOLINK = re.compile(
    r"""
    \b(?P<scheme>https?|ftps?|mailto|file|javascript|data|vbscript):   # a scheme and its colon
    | \b(?P<www>www)(?=\.)                                             # www. without a scheme
    | (?P<at>(?<=\w)@(?=\w))                                            # the @ of an e-mail address
    """,
    re.VERBOSE | re.IGNORECASE,
)
WORD_JOINER = "\u2060"
# Markers that start a list, a quote or a heading when they open a line.
_LINE_START = re.compile(r"^(\d+)([.)])|^([-+>=])")
# A spreadsheet reads a cell starting with one of these as a formula (OWASP, CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _missing(value: object) -> bool:
    """None, NaN, NA or NaT (NaT is also a datetime, so this is tested first)."""
    return value is None or (not isinstance(value, str | bytes) and bool(pd.isna(value)))


# ---------------------------------------------------------------------------------------------
# Text


def _mask_phone(match: re.Match) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    if match.group(0).startswith("+44"):
        digits = "0" + digits[2:].removeprefix("0")
    return PHONE_MASK if 10 <= len(digits) <= 11 else match.group(0)


def mask_contacts(text: str) -> str:
    """Replace e-mail addresses and phone numbers with a plain note.

    >>> mask_contacts("Call 0161 474 5657 or write to jo.bloggs@example.gov.uk in 2017.")
    'Call [phone number removed] or write to [e-mail removed] in 2017.'
    >>> mask_contacts("Budget of £245,000 for 2016-17; 640 people trained; application 17/0042.")
    'Budget of £245,000 for 2016-17; 640 people trained; application 17/0042.'
    """
    return _PHONE.sub(_mask_phone, _EMAIL.sub(EMAIL_MASK, text))


def safe_text(text: object, limit: int | None = None) -> str:
    """Minutes text ready to show: contacts masked, whitespace collapsed, optionally shortened.

    The result is plain text: show it with a text element or a table, or pass it through
    :func:`plain` before any Markdown element.

    >>> safe_text("Contact <b>Jo</b> on 0161 474 5657.\\n\\n  Thanks")
    'Contact <b>Jo</b> on [phone number removed]. Thanks'
    >>> safe_text(None), safe_text("a long sentence", limit=7)
    ('', 'a long…')
    """
    if _missing(text):
        return ""
    out = " ".join(mask_contacts(str(text)).split())
    if limit and len(out) > limit:
        out = out[: limit - 1].rstrip() + "…"
    return out


def _defang(m: re.Match) -> str:
    if m["scheme"]:
        return f"{m['scheme']}:{WORD_JOINER}"
    if m["www"]:
        return f"{m['www']}{WORD_JOINER}"
    return f"{WORD_JOINER}@"


def plain(text: object) -> str:
    """Text made inert for Markdown (Streamlit's and a .md file's): shown as written, never as a
    link, an image, emphasis, maths or HTML. Whitespace is collapsed to single spaces; a web or
    e-mail address keeps its look but gets an invisible word joiner so it is not made a link.

    >>> plain("[Session expired](https://evil.example/login) or www.evil.example")
    '\\\\[Session expired\\\\](https:\\u2060//evil.example/login) or www\\u2060.evil.example'
    >>> print(plain("<script>x</script> *bold* ![x](y) 2016-17"))
    &lt;script&gt;x&lt;/script&gt; \\*bold\\* \\!\\[x\\](y) 2016-17
    >>> print(plain("- 1. item"))
    \\- 1. item
    """
    if _missing(text):
        return ""
    text = html.escape(" ".join(str(text).split()), quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _AUTOLINK.sub(_defang, text)
    return _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


def hover(text: object, limit: int | None = 90) -> str:
    """Text for a chart's hover label: plotly reads a little HTML there, so it is escaped.

    >>> hover("<a href='x'>Jo</a> said", 12)
    '&lt;a href=&#x27;x&#x27;…'
    """
    return html.escape(safe_text(text, limit))


def cell(value: object) -> object:
    """A value for a spreadsheet cell: text that a spreadsheet would run as a formula gets a
    leading single quote; numbers, dates and other text are unchanged.

    >>> cell('=HYPERLINK("https://evil.example")'), cell("@SUM(A1)"), cell("-2+3"), cell("\\tx")
    ('\\'=HYPERLINK("https://evil.example")', "'@SUM(A1)", "'-2+3", "'\\tx")
    >>> cell("Neglect"), cell(-2), cell(None)
    ('Neglect', -2, None)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells and column names are neutralised with :func:`cell`."""
    out = df.copy()
    out.columns = [cell(str(c)) for c in out.columns]
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(cell)
    return out


def csv_bytes(df: pd.DataFrame) -> bytes:
    """``df`` as UTF-8 CSV (RFC 4180: CRLF rows, so a field holding a line break is quoted) with no
    live formulas (see :func:`cell`)."""
    return safe_frame(df).to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def write_csv(df: pd.DataFrame, out) -> None:
    """Write ``df`` as CSV to a text stream, with no live formulas (see :func:`cell`)."""
    safe_frame(df).to_csv(out, index=False, lineterminator="\r\n")


def slug(name: str) -> str:
    """A file-name-safe version of a title.

    >>> slug("Themes by board, 2016-17")
    'themes-by-board-2016-17'
    """
    return re.sub(r"[^a-z0-9]+", "-", str(name).lower()).strip("-")


# ---------------------------------------------------------------------------------------------
# Search hits (the search itself is boardcompare.search)


def _pattern(query: str | re.Pattern) -> re.Pattern | None:
    """A search's pattern: as given (e.g. words and phrases from boardcompare.search), or the text itself."""
    if isinstance(query, re.Pattern):
        return query
    return re.compile(re.escape(query.strip()), re.IGNORECASE) if query.strip() else None


def highlight_html(text: str, query: str | re.Pattern | None) -> str:
    """Escape ``text`` (contacts masked) and wrap every case-insensitive hit of ``query`` in <mark>.

    >>> highlight_html("<script>x</script> Neglect and NEGLECT", "neglect")
    '&lt;script&gt;x&lt;/script&gt; <mark>Neglect</mark> and <mark>NEGLECT</mark>'
    """
    shown = safe_text(text)
    pattern = _pattern(query) if query is not None else None
    if pattern is None:
        return html.escape(shown)
    out, at = [], 0
    for m in pattern.finditer(shown):
        out += [html.escape(shown[at:m.start()]), f"<mark>{html.escape(m.group(0))}</mark>"]
        at = m.end()
    return "".join(out) + html.escape(shown[at:])


def snippets(text: str, query: str | re.Pattern | None, width: int = 120, limit: int = 5) -> list[str]:
    """Pieces of ``text`` around each case-insensitive hit of ``query`` (at most ``limit``), as text.

    >>> snippets("aaa neglect bbb. ccc NEGLECT ddd", "neglect", width=4)
    ['aaa neglect bbb…', '…ccc NEGLECT ddd']
    """
    pattern = _pattern(query) if query is not None else None
    if pattern is None:
        return []
    found: list[tuple[int, int]] = []
    for m in pattern.finditer(text):
        a, b = max(0, m.start() - width), min(len(text), m.end() + width)
        if found and a <= found[-1][1]:
            found[-1] = (found[-1][0], b)
        else:
            found.append((a, b))
        if len(found) > limit:
            break
    return [("…" if a > 0 else "") + text[a:b] + ("…" if b < len(text) else "") for a, b in found[:limit]]


# ---------------------------------------------------------------------------------------------
# Figures, dates and periods


def _number(value: float) -> str:
    """
    >>> _number(2345.0), _number(21.5), _number(82.25)
    ('2,345', '21.5', '82.2')
    """
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def format_value(value: object, unit: str, qualifier: object = None, high: object = None) -> str:
    """A figure as a reader expects it: "£245,000", "£12.50", "82%", "over 500", "300–350".

    >>> format_value(245000.0, "gbp"), format_value(12.5, "gbp"), format_value(82.0, "percent")
    ('£245,000', '£12.50', '82%')
    >>> format_value(500.0, "count", "over"), format_value(300, "count", high=350), format_value(None, "count")
    ('over 500', '300–350', 'not stated')
    """
    if _missing(value):
        return NOT_STATED

    def one(v: float) -> str:
        if unit == "gbp":
            return f"£{v:,.0f}" if float(v).is_integer() or abs(v) >= 100 else f"£{v:,.2f}"
        return _number(v) + ("%" if unit == "percent" else "")

    text = one(float(value))
    if not _missing(high) and float(high) != float(value):
        text = f"{text}–{one(float(high))}"
    return f"{qualifier} {text}" if isinstance(qualifier, str) and qualifier else text


def as_date(value: object) -> date | None:
    """A date from a date, a datetime, a pandas Timestamp or an ISO string; None when missing."""
    if _missing(value):
        return None
    if isinstance(value, datetime):  # pandas Timestamps too
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def format_date(value: object, missing: str = "date not stated") -> str:
    """A meeting date, always as '12 October 2017'.

    >>> format_date(date(2017, 10, 12)), format_date("2018-11-05"), format_date(pd.NaT), format_date(None, "")
    ('12 October 2017', '5 November 2018', 'date not stated', '')
    """
    d = as_date(value)
    return missing if d is None else f"{d.day} {d:%B %Y}"


def format_dates(values: pd.Series, missing: str = "") -> list[str]:
    """:func:`format_date` over a column, blank (or ``missing``) where no date is given."""
    return [format_date(v, missing) for v in values]


def period_label(period_start: float | int) -> str:
    """'2016-17' for 2016.

    >>> period_label(2019)
    '2019-20'
    """
    y = int(period_start)
    return f"{y}-{(y + 1) % 100:02d}"


INFERRED = "inferred from the meeting date"
INFERRED_NOTE = "“(inferred)”: the minutes do not state the year; it is inferred from the meeting date."


def period_shown(period: object, inferred: object = False, short: bool = False) -> str:
    """A report's period as shown on screen, marked when the minutes never state it.

    >>> period_shown("2019-20"), period_shown("2019-20", True), period_shown("2019-20", True, short=True)
    ('2019-20', '2019-20 (inferred from the meeting date)', '2019-20 (inferred)')
    >>> period_shown(None)
    'year not stated'
    """
    if _missing(period):
        return "year not stated"
    if not _missing(inferred) and bool(inferred):
        return f"{period} (inferred)" if short else f"{period} ({INFERRED})"
    return str(period)


def periods_shown(periods: pd.Series, inferred: pd.Series | None = None) -> list[str]:
    """:func:`period_shown` (short, for tables) over columns of periods and their ``period_inferred`` flags."""
    flags = inferred if inferred is not None else [False] * len(periods)
    return [period_shown(p, i, short=True) for p, i in zip(periods, flags, strict=True)]


def plural(n: int, one: str, many: str | None = None) -> str:
    """
    >>> plural(1, "board"), plural(3, "board"), plural(2, "concern was", "concerns were")
    ('1 board', '3 boards', '2 concerns were')
    """
    return f"{n} {one if n == 1 else (many or one + 's')}"


def join_words(items: list[str]) -> str:
    """
    >>> join_words(["a"]), join_words(["a", "b", "c"])
    ('a', 'a, b and c')
    """
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def in_sentence(label: str) -> str:
    """A label inside a sentence: 'Neglect' -> 'neglect', but 'MASH and front door' unchanged.

    >>> in_sentence("Neglect"), in_sentence("MASH and front door")
    ('neglect', 'MASH and front door')
    """
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]
