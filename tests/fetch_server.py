"""A stand-in ModernGov site on 127.0.0.1 for the fetch tests: the web service and the pages.

Several councils' sites are served side by side under path prefixes (``/rutland``, ``/halton``,
``/broken`` ...). The XML follows the shapes public ModernGov clients parse (see
boardcompare/fetch/moderngov.py); every title and minute here was written for these tests.
The GetMeetings answer ignores the dates asked for and sends the committee's whole history,
as some real sites do.

Faults are queued per request (``server.fail(...)``): a status with headers, a malformed body,
or a delay longer than the client waits. Every request is logged in ``server.log``.
"""

from __future__ import annotations

import functools
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class Item:
    id: int
    title: str
    minutes: str | None = None  # the minutes text shown on the item page; None: no page (404)
    published: bool = True
    restricted: bool = False


@dataclass(frozen=True)
class MeetingSpec:
    id: int
    committee: int
    when: date
    items: tuple[Item, ...] = ()
    printed_minutes: bytes | None = None  # a PDF listed as the meeting's own "Printed minutes"
    malformed: bool = False  # GetMeeting answers broken XML


@dataclass
class FakeSite:
    prefix: str
    council: str
    committees: dict[int, str]
    meetings: list[MeetingSpec]
    broken_committees: bool = False

    def committees_xml(self) -> bytes:
        if self.broken_committees:
            return b"<?xml version='1.0'?><committees><committee><committeeid>1</committeeid><committeetitle>Cab"
        rows = "".join(f"<committee><committeeid>{cid}</committeeid><committeetitle>{escape(title)}</committeetitle>"
                       "<committeedeleted>False</committeedeleted></committee>"
                       for cid, title in self.committees.items())
        return (f"<?xml version='1.0' encoding='utf-8'?><committees><committeescount>{len(self.committees)}"
                f"</committeescount>{rows}</committees>").encode()

    def meetings_xml(self, committee: int) -> bytes:
        rows = "".join(f"<meeting><meetingid>{m.id}</meetingid><meetingdate>{m.when:%d/%m/%Y}</meetingdate>"
                       "<meetingtime>18:30</meetingtime></meeting>"
                       for m in self.meetings if m.committee == committee)
        return f"<?xml version='1.0' encoding='utf-8'?><getmeetings>{rows}</getmeetings>".encode()

    def meeting(self, meeting_id: int) -> MeetingSpec | None:
        return next((m for m in self.meetings if m.id == meeting_id), None)

    def agenda_xml(self, m: MeetingSpec) -> bytes:
        if m.malformed:
            return b"<getmeeting><meeting><meetingid>1</meetingid><agendaitems><agendaitem>&bogus;</getmeeting>"
        items = "".join(self._item_xml(i, n) for n, i in enumerate(m.items, start=1))
        own = ""
        if m.printed_minutes is not None:
            own = (f"<linkeddocuments><linkeddoc><attachmentid>{m.id}9</attachmentid><title>Printed minutes "
                   f"{m.when:%d/%m/%Y}</title><url>http://127.0.0.1/{self.prefix}/documents/g{m.id}/Printed minutes.pdf"
                   "</url><isrestricted>False</isrestricted></linkeddoc></linkeddocuments>")
        published = any(i.published for i in m.items)
        return (f"<?xml version='1.0' encoding='utf-8'?><getmeeting><meeting><meetingid>{m.id}</meetingid>"
                f"<meetingdate>{m.when:%d/%m/%Y}</meetingdate><minutepublished>{published}</minutepublished>"
                f"<agendaitems>{items}</agendaitems>{own}</meeting></getmeeting>").encode()

    @staticmethod
    def _item_xml(i: Item, number: int) -> str:
        body = escape(f"<p>{escape(i.minutes)}</p>") if i.minutes and i.published else ""
        return (f"<agendaitem><agendaitemid>{i.id}</agendaitemid><agendaitemnumber>{number}</agendaitemnumber>"
                f"<agendaitemtitle>{escape(i.title)}</agendaitemtitle>"
                f"<isminutepublished>{i.published}</isminutepublished><isrestricted>{i.restricted}</isrestricted>"
                f"<minutesnonemptyhtmlbody>{body}</minutesnonemptyhtmlbody>"
                f"<linkeddocuments><linkeddoc><attachmentid>{i.id}1</attachmentid><title>Report</title>"
                f"<url>documents/s{i.id}/Report.pdf</url><isrestricted>False</isrestricted></linkeddoc>"
                "</linkeddocuments></agendaitem>")

    def item_page(self, item_id: int) -> bytes | None:
        for m in self.meetings:
            for i in m.items:
                if i.id == item_id and i.minutes and i.published and not i.restricted:
                    return item_page_html(self.committees[m.committee], m.when, i)
        return None

    def printed_minutes(self, meeting_id: int) -> bytes | None:
        m = self.meeting(meeting_id)
        return m.printed_minutes if m else None


def item_page_html(committee: str, when: date, item: Item) -> bytes:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in item.minutes.split("\n") if p.strip())
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Agenda item - {escape(item.title)}</title></head><body>
<nav><a href="/">Home</a> <a href="/jobs">Jobs</a></nav>
<div id="modgov"><h1 class="mgMainTitleTxt">Agenda item</h1>
<h2 class="mgSubTitleTxt">{escape(item.title)}</h2>
<p class="mgSubTitleTxt">Meeting: {when:%d/%m/%Y} - {escape(committee)} (Item {item.id % 100})</p>
<h3>Minutes:</h3>{paragraphs}</div></body></html>""".encode()


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/xml; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


class FakeModernGov:
    """The server: sites by prefix, queued faults, and a log of (site, call, key) per request."""

    def __init__(self, sites: list[FakeSite]):
        self.sites = {s.prefix: s for s in sites}
        self.faults: dict[tuple[str, str, str], list[Reply]] = {}
        self.log: list[tuple[str, str, str]] = []
        self.user_agents: set[str] = set()
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, prefix: str) -> str:
        return f"{self.root}/{prefix}"

    def fail(self, prefix: str, call: str, key: str, *replies: Reply) -> None:
        """Answer the next requests for (site, call, key) with ``replies``, in order, then normally."""
        self.faults.setdefault((prefix, call, key), []).extend(replies)

    def calls(self, call: str | None = None, prefix: str | None = None) -> list[tuple[str, str, str]]:
        return [e for e in self.log if (call is None or e[1] == call) and (prefix is None or e[0] == prefix)]

    def answer(self, path: str, query: str) -> Reply:
        parts = [p for p in path.split("/") if p]
        site = self.sites.get(parts[0]) if parts else None
        if site is None:
            return Reply(404, b"no such site", "text/plain")
        call, key = _route(parts[1:], parse_qs(query))
        with self.lock:
            self.log.append((site.prefix, call, key))
            queued = self.faults.get((site.prefix, call, key))
            if queued:
                return queued.pop(0)
        return _normal(site, call, key)

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the standard library's name)
                parts = urlsplit(self.path)
                server.user_agents.add(self.headers.get("User-Agent", ""))
                reply = server.answer(parts.path, parts.query)
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", reply.content_type)
                    self.send_header("Content-Length", str(len(reply.body)))
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (the time-out tests)

            def log_message(self, *args):
                pass

        return Handler

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def _route(parts: list[str], query: dict[str, list[str]]) -> tuple[str, str]:
    first = lambda name: (query.get(name) or [""])[0]  # noqa: E731
    if parts[:1] == ["mgWebService.asmx"] and len(parts) == 2:
        key = {"GetCommittees": "", "GetMeetings": first("lCommitteeId"), "GetMeeting": first("lMeetingId")}
        return parts[1], key.get(parts[1], "")
    if parts == ["mgAi.aspx"]:
        return "item", first("ID")
    if parts[:1] == ["documents"] and len(parts) >= 2:
        return "document", parts[1]
    return "other", "/".join(parts)


def _normal(site: FakeSite, call: str, key: str) -> Reply:
    if call == "GetCommittees":
        return Reply(body=site.committees_xml())
    if call == "GetMeetings" and key.isdigit():
        return Reply(body=site.meetings_xml(int(key)))
    if call == "GetMeeting" and key.isdigit() and site.meeting(int(key)):
        return Reply(body=site.agenda_xml(site.meeting(int(key))))
    if call == "item" and key.isdigit() and site.item_page(int(key)):
        return Reply(body=site.item_page(int(key)), content_type="text/html; charset=utf-8")
    if call == "document" and key.startswith("g") and key[1:].isdigit() and site.printed_minutes(int(key[1:])):
        return Reply(body=site.printed_minutes(int(key[1:])), content_type="application/pdf")
    return Reply(404, b"<html><body>Page not found</body></html>", "text/html")


# --- the councils served -----------------------------------------------------------------------

@functools.cache
def minutes_pdf(lines: tuple[str, ...]) -> bytes:
    """A PDF with a text layer (fpdf2 is a test dependency); made once, so the same bytes every time."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in lines:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


RUTLAND_2014 = (
    "The Independent Chair of the Rutland Local Safeguarding Children Board presented the Board's Annual Report "
    "for 2013/14.\n"
    "The Board had published one serious case review during the year.\n"
    "Members asked about neglect and about early help for families.\n"
    "RESOLVED: That the report be noted.")

RUTLAND_2016 = (
    "The Independent Chair of the Rutland Local Safeguarding Children Board presented the LSCB Annual Report "
    "for 2015/16.\n"
    "The Board had commissioned no serious case reviews during the year.\n"
    "The Board's work on child sexual exploitation and missing children continued, and 310 practitioners "
    "attended multi-agency training.\n"
    "Members raised concerns about information sharing between agencies.\n"
    "RESOLVED: That the report be noted.")

RUTLAND_REVIEW = (
    "The Director of Children's Services introduced the overview report of the serious case review commissioned "
    "by the Rutland Local Safeguarding Children Board in 2015/16.\n"
    "Members asked how the learning about neglect would be shared with schools.\n"
    "RESOLVED: That the learning from the review be noted.")

RUTLAND_PRINTED = (
    "Children's Scrutiny Committee",
    "Minutes of the meeting held on 14 November 2017",
    "4. Safeguarding Children Board Annual Report 2016/17",
    "The Independent Chair of the Rutland Local Safeguarding Children Board presented the annual report for 2016/17.",
    "The Board had published two serious case reviews during the year.",
    "Members were concerned about domestic abuse and asked about the support for young carers.",
    "RESOLVED: That the report be noted.",
)

HALTON_2018 = (
    "The Independent Chair of the Halton Safeguarding Children Board presented the Board's Annual Report "
    "for 2017/18.\n"
    "The Board had published no serious case reviews during the year.\n"
    "Members asked about child sexual exploitation and about neglect.\n"
    "RESOLVED: That the report be noted.")


def rutland() -> FakeSite:
    """Committees, meetings over 2012-2019, matching and non-matching items, an item page, a PDF."""
    return FakeSite("rutland", "Rutland", {
        101: "Children's Scrutiny Committee", 102: "Cabinet", 103: "Planning Committee",
        104: "Health and Wellbeing Board"}, [
        MeetingSpec(5000, 101, date(2012, 1, 10), (Item(7000, "LSCB Annual Report 2010/11", "Too old."),)),
        MeetingSpec(5001, 101, date(2014, 11, 11), (
            Item(7001, "Minutes of the previous meeting", "Agreed."),
            Item(7002, "Rutland Local Safeguarding Children Board Annual Report 2013/14", RUTLAND_2014))),
        MeetingSpec(5002, 101, date(2016, 11, 15), (Item(7011, "LSCB Annual Report", RUTLAND_2016),)),
        MeetingSpec(5003, 101, date(2017, 11, 14), (
            Item(7021, "Adult Safeguarding Board annual report", "Noted."),
            Item(7022, "Safeguarding Children Board Annual Report 2016/17", None)),
            printed_minutes=minutes_pdf(RUTLAND_PRINTED)),
        MeetingSpec(5004, 101, date(2018, 11, 13), (
            Item(7031, "Corporate Parenting Board annual report", "Noted."),
            Item(7032, "Annual Report of the Virtual School", "Noted."))),
        MeetingSpec(5005, 101, date(2019, 11, 12), (
            Item(7041, "Rutland Safeguarding Children Partnership Annual Report 2018-19", "Not yet.",
                 published=False),)),
        MeetingSpec(5101, 102, date(2016, 2, 1), (Item(7101, "Serious Case Review: Child R", RUTLAND_REVIEW),)),
        MeetingSpec(5102, 102, date(2019, 3, 4), (
            Item(7111, "Serious case review - exempt appendix", "Private.", restricted=True),)),
        MeetingSpec(5201, 104, date(2018, 6, 20), malformed=True),
        MeetingSpec(5301, 103, date(2018, 6, 21), (Item(7301, "LSCB Annual Report (wrong committee)", "x"),)),
    ])


# What the Rutland site gives: the items fetched, and every meeting read since 2014.
RUTLAND_SAVED_ITEMS = {7002, 7011, 7022, 7101}
RUTLAND_MEETINGS_SINCE_2014 = 8  # 5001-5005, 5101, 5102, 5201 (not 5000: 2012; not 5301: Planning)


def halton() -> FakeSite:
    return FakeSite("halton", "Halton", {201: "Children, Young People and Families Policy and Performance Board"}, [
        MeetingSpec(6001, 201, date(2018, 9, 17), (
            Item(8001, "Halton Safeguarding Children Board Annual Report 2017-18", HALTON_2018),)),
    ])


def broken() -> FakeSite:
    return FakeSite("broken", "Luton", {}, [], broken_committees=True)


def standard_server() -> FakeModernGov:
    """The server with the Rutland, Halton and broken (Luton) sites; start it with ``with``."""
    return FakeModernGov([rutland(), halton(), broken()])
