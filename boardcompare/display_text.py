"""Minutes text made safe to show: contact details masked, HTML escaped, search hits in context.

Minutes are shown as text. Anything that has to go through HTML (highlighted search hits) is
escaped first and only then given the highlight markup, so markup inside minutes is never rendered.
"""

from __future__ import annotations

import html
import re

EMAIL_MASK = "[e-mail removed]"
PHONE_MASK = "[phone number removed]"

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# UK numbers: 0161 474 5657, 01632 960123, 07700 900 123, +44 (0)161 496 0000, (0161) 496 0000.
_PHONE = re.compile(
    r"(?<![\w/£.,])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d{2,5}\)?(?:[\s-]?\d{2,4}){1,3}(?![\w/%])"
)


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


def safe_text(text: object) -> str:
    """Minutes text ready for a text element: contact details masked, whitespace tidied.

    The result is plain text; show it with st.text, st.dataframe or st.code, never as markdown.

    >>> safe_text("Contact <b>Jo</b> on 0161 474 5657.\\n\\n  Thanks")
    'Contact <b>Jo</b> on [phone number removed]. Thanks'
    >>> safe_text(None)
    ''
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    return " ".join(mask_contacts(str(text)).split())


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
    found = []
    for m in pattern.finditer(text):
        a, b = max(0, m.start() - width), min(len(text), m.end() + width)
        if found and a <= found[-1][1]:
            found[-1] = (found[-1][0], b)
        else:
            found.append((a, b))
        if len(found) > limit:
            break
    return [("…" if a > 0 else "") + text[a:b] + ("…" if b < len(text) else "") for a, b in found[:limit]]
