"""The ModernGov web service (``mgWebService.asmx``): its addresses and its XML, as typed records.

Pure functions, no I/O. Three calls are used, answered as plain XML to an HTTP GET:

* ``GetCommittees`` - every ``<committee>`` with ``<committeeid>`` and ``<committeetitle>``;
* ``GetMeetings?lCommitteeId=..&sFromDate=..&sToDate=..`` (dates dd/mm/yyyy) - ``<meeting>``
  elements with ``<meetingid>`` and ``<meetingdate>`` (dd/mm/yyyy, sometimes with a time);
  some sites ignore the dates and send the whole history, so callers filter on the date again;
* ``GetMeeting?lMeetingId=..`` - one ``<meeting>`` with ``<minutepublished>`` and
  ``<agendaitems>``: each ``<agendaitem>`` has ``<agendaitemid>``, ``<agendaitemtitle>``,
  ``<isminutepublished>``, ``<isrestricted>`` and ``<linkeddocuments>`` of ``<linkeddoc>``
  (``<title>``, ``<url>``, ``<isrestricted>``). Linked documents outside every agenda item
  are the meeting's own (the printed minutes, where a site lists them there).

Element names are matched case-insensitively and without namespaces, anywhere below the root,
so a SOAP envelope or a namespaced root makes no difference; an answer wrapped as escaped text
in one ``<string>`` element (how some .NET services answer a GET) is unwrapped first.

>>> site_base("democracy.example.gov.uk")
'https://democracy.example.gov.uk'
>>> site_base("http://www.slough.gov.uk/moderngov/mgAi.aspx?ID=37245")
'http://www.slough.gov.uk/moderngov'
>>> meetings_url("https://democracy.example.gov.uk", 12, date(2014, 1, 1), date(2019, 3, 31))
'https://democracy.example.gov.uk/mgWebService.asmx/GetMeetings?lCommitteeId=12&sFromDate=01%2F01%2F2014&sToDate=31%2F03%2F2019'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import quote, unquote, urlencode, urljoin, urlsplit

from lxml import etree

from boardcompare.fetch.errors import FetchError

SERVICE = "mgWebService.asmx"
_PAGE_SUFFIX = re.compile(r"\.(?:aspx|asmx|html?)$", re.IGNORECASE)


class BadAddress(FetchError):
    """A site address that cannot be a web address (a bad argument: exit status 2)."""

    code = 2


class BadResponse(FetchError):
    """The site answered, but not with the web service's XML."""


@dataclass(frozen=True)
class Committee:
    """A committee of the site (``GetCommittees``)."""

    id: int
    title: str


@dataclass(frozen=True)
class MeetingStub:
    """A meeting as ``GetMeetings`` lists it: its id and date."""

    id: int
    date: date


@dataclass(frozen=True)
class LinkedDoc:
    """A document linked from a meeting or an agenda item."""

    title: str
    url: str
    restricted: bool


@dataclass(frozen=True)
class AgendaItem:
    """One item of a meeting's agenda, with its linked documents."""

    id: int
    number: str
    title: str
    minutes_published: bool
    restricted: bool
    docs: tuple[LinkedDoc, ...]


@dataclass(frozen=True)
class Meeting:
    """One meeting as ``GetMeeting`` describes it: its agenda items and its own documents."""

    id: int
    date: date | None
    minutes_published: bool
    items: tuple[AgendaItem, ...]
    docs: tuple[LinkedDoc, ...] = ()  # the meeting's own documents, outside every agenda item


# A site's name: dotted (democracy.example.gov.uk), an IP address, or this machine (for a test site).
_HOST = re.compile(r"^(?:localhost|[\w-]+(?:\.[\w-]+)+|\[[0-9a-f:]+\])$", re.IGNORECASE)


def site_base(address: str) -> str:
    """The site's base address (scheme, host and folder) from anything a user may paste.

    >>> site_base("https://democracy.example.gov.uk/ieListDocuments.aspx?CId=1&MId=2")
    'https://democracy.example.gov.uk'
    >>> site_base("https://example.gov.uk/moderngov/")
    'https://example.gov.uk/moderngov'
    >>> site_base("not-a-site")
    Traceback (most recent call last):
    ...
    boardcompare.fetch.moderngov.BadAddress: not-a-site: no site name in the address (e.g. https://democracy.<council>.gov.uk)
    >>> site_base("ftp://example.org")
    Traceback (most recent call last):
    ...
    boardcompare.fetch.moderngov.BadAddress: ftp://example.org: not a web address (it must start with http:// or https://)
    """
    text = address.strip()
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https"):
        raise BadAddress("not a web address (it must start with http:// or https://)", subject=address)
    if not parts.hostname or " " in parts.netloc or "@" in parts.netloc or not _HOST.match(parts.hostname):
        raise BadAddress("no site name in the address (e.g. https://democracy.<council>.gov.uk)", subject=address)
    segments = [s for s in parts.path.split("/") if s]
    if segments and _PAGE_SUFFIX.search(segments[-1]):
        segments.pop()
    path = "/".join(segments)
    return f"{parts.scheme}://{parts.netloc}" + (f"/{path}" if path else "")


def committees_url(base: str) -> str:
    """The ``GetCommittees`` address of the site at ``base``."""
    return f"{base}/{SERVICE}/GetCommittees"


def meetings_url(base: str, committee_id: int, start: date, end: date) -> str:
    """The ``GetMeetings`` address for one committee's meetings from ``start`` to ``end``."""
    query = urlencode({"lCommitteeId": committee_id, "sFromDate": f"{start:%d/%m/%Y}",
                       "sToDate": f"{end:%d/%m/%Y}"})
    return f"{base}/{SERVICE}/GetMeetings?{query}"


def meeting_url(base: str, meeting_id: int) -> str:
    """The ``GetMeeting`` address of one meeting's agenda."""
    return f"{base}/{SERVICE}/GetMeeting?lMeetingId={meeting_id}"


def item_page_url(base: str, item_id: int) -> str:
    """The public page of one agenda item: its title, the report's summary and the minutes."""
    return f"{base}/mgAi.aspx?ID={item_id}"


def document_url(base: str, url: str) -> str:
    """A linked document's address made absolute, on the site's own scheme and port when on its host.

    ModernGov often lists documents as http:// on a site served over https://, and with spaces.

    >>> document_url("https://d.example.gov.uk", "http://d.example.gov.uk/documents/s1/Printed minutes.pdf")
    'https://d.example.gov.uk/documents/s1/Printed%20minutes.pdf'
    >>> document_url("https://d.example.gov.uk/mg", "documents/s2/x.pdf")
    'https://d.example.gov.uk/mg/documents/s2/x.pdf'
    """
    absolute = urlsplit(urljoin(base + "/", url.strip()))
    site = urlsplit(base)
    if absolute.hostname == site.hostname:
        absolute = absolute._replace(scheme=site.scheme, netloc=site.netloc)
    return absolute._replace(path=quote(unquote(absolute.path), safe="/:@!$&'()*+,;=~")).geturl()


# --- parsing ---------------------------------------------------------------------------------

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


def _root(body: bytes, what: str) -> etree._Element:
    try:
        root = etree.fromstring(body, parser=_PARSER)
    except (etree.XMLSyntaxError, ValueError) as e:
        raise BadResponse(f"the answer is not valid XML ({_first_line(e)})", subject=what) from e
    if root is None:
        raise BadResponse("the answer is empty", subject=what)
    text = (root.text or "").strip()
    if _name(root) == "string" and len(root) == 0 and text.startswith("<"):
        return _root(text.encode("utf-8"), what)  # escaped XML inside one <string> element
    return root


def _first_line(e: Exception) -> str:
    text = getattr(e, "msg", None) or str(e)
    return (text.splitlines() or ["no detail"])[0][:200]


def _name(el) -> str:
    return etree.QName(el).localname.lower() if isinstance(el.tag, str) else ""


def _all(el, name: str) -> list:
    return [e for e in el.iter() if _name(e) == name]


def _child(el, name: str):
    return next((c for c in el if _name(c) == name), None)


def _text(el, name: str) -> str:
    child = _child(el, name)
    return " ".join("".join(child.itertext()).split()) if child is not None else ""


def _flag(el, name: str, default: bool = False) -> bool:
    value = _text(el, name).lower()
    return value in ("true", "1", "yes") if value else default


def _int(el, name: str, what: str) -> int:
    value = _text(el, name)
    if not value.isdigit():
        raise BadResponse(f"<{name}> is {value!r}, not a number", subject=what)
    return int(value)


def parse_date(text: str) -> date | None:
    """A ModernGov date (dd/mm/yyyy, perhaps with a time; or ISO), or None when there is none.

    >>> parse_date("14/11/2017"), parse_date("03/02/2015 18:30:00"), parse_date("2016-07-05T00:00:00")
    (datetime.date(2017, 11, 14), datetime.date(2015, 2, 3), datetime.date(2016, 7, 5))
    >>> parse_date("soon") is None
    True
    """
    text = text.strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text[:10], pattern).date()
        except ValueError:
            continue
    return None


def parse_committees(body: bytes, what: str = "GetCommittees") -> list[Committee]:
    """Every committee in a GetCommittees answer."""
    root = _root(body, what)
    committees = [Committee(_int(c, "committeeid", what), _text(c, "committeetitle"))
                  for c in _all(root, "committee") if _child(c, "committeeid") is not None]
    if not committees and not _all(root, "committeescount"):
        raise BadResponse("the answer lists no committees (is this a ModernGov site?)", subject=what)
    return committees


def parse_meetings(body: bytes, what: str = "GetMeetings") -> list[MeetingStub]:
    """Every dated meeting in a GetMeetings answer (undated ones are left out)."""
    root = _root(body, what)
    stubs = []
    for m in _all(root, "meeting"):
        if _child(m, "meetingid") is None:
            continue
        when = parse_date(_text(m, "meetingdate"))
        if when is not None:
            stubs.append(MeetingStub(_int(m, "meetingid", what), when))
    return stubs


def parse_meeting(body: bytes, what: str = "GetMeeting") -> Meeting:
    """One meeting's agenda items from a GetMeeting answer."""
    root = _root(body, what)
    meetings = [m for m in _all(root, "meeting") if _child(m, "meetingid") is not None]
    if not meetings:
        raise BadResponse("the answer holds no meeting", subject=what)
    m = meetings[0]
    published = _flag(m, "minutepublished")
    items = tuple(_agenda_item(a, published, what) for a in _all(m, "agendaitem")
                  if _child(a, "agendaitemid") is not None)
    own = _docs([d for d in _all(m, "linkeddoc") if not any(_name(p) == "agendaitem" for p in d.iterancestors())])
    return Meeting(_int(m, "meetingid", what), parse_date(_text(m, "meetingdate")), published, items, own)


def _docs(elements: list) -> tuple[LinkedDoc, ...]:
    return tuple(LinkedDoc(_text(d, "title"), _text(d, "url"), _flag(d, "isrestricted"))
                 for d in elements if _text(d, "url"))


def _agenda_item(a, meeting_published: bool, what: str) -> AgendaItem:
    docs = _docs(_all(a, "linkeddoc"))
    return AgendaItem(
        id=_int(a, "agendaitemid", what),
        number=_text(a, "agendaitemnumber"),
        title=_text(a, "agendaitemtitle"),
        minutes_published=_flag(a, "isminutepublished", default=meeting_published),
        restricted=_flag(a, "isrestricted"),
        docs=docs,
    )
