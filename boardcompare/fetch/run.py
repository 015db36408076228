"""Fetching one council's minutes about its children's board: committees, meetings, items, documents.

:func:`fetch_site` asks the site's web service for its committees, the meetings of the
committees that may discuss the board since a year, and each meeting's agenda; items whose
title matches (:mod:`boardcompare.fetch.matching`) become :class:`Candidate` s. Unless it is a
dry run, each candidate's minutes are downloaded (the item's page, else the meeting's printed
minutes), saved under the minutes folder with :func:`boardcompare.uploads.save_upload` (names
made unique, the same bytes stored once, nothing overwritten) and given a sources.csv row.

:func:`fetch_sites` does that for several sites; one that fails is reported and the others go
on. Nothing here prints: the command line and the dashboard show the :class:`SiteReport` s.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from boardcompare.errors import BoardcompareError, reason
from boardcompare.fetch import DEFAULT_SINCE
from boardcompare.fetch import moderngov as mg
from boardcompare.fetch.client import Client, HttpProblem
from boardcompare.fetch.errors import FetchError
from boardcompare.fetch.matching import TitleMatch, committee_is_relevant, committee_matches, match_title
from boardcompare.fetch.sites import Site
from boardcompare.fetch.store import CachedAnswer, Ledger, LedgerEntry, site_lock
from boardcompare.ingest import slug
from boardcompare.readers import SUPPORTED_SUFFIXES
from boardcompare.sources import add_sources
from boardcompare.uploads import UploadRefused, save_upload

LIST_TTL_DAYS = 1.0  # committee and meeting lists are asked for again after a day
SETTLED_DAYS = 120  # an agenda fetched this long after its meeting is final: never asked for again
_MINUTES_DOC = re.compile(r"\bminutes\b", re.IGNORECASE)

Progress = Callable[[Iterable, int, str], Iterable]


@dataclass(frozen=True)
class FetchOptions:
    """What a fetch asks for: meetings from ``since`` to ``until``, which committees, and whether to save."""

    since: int = DEFAULT_SINCE
    until: date | None = None  # default: today
    committee: str | None = None  # only committees whose name contains this
    dry_run: bool = False

    @property
    def end(self) -> date:
        """The last meeting date asked for: ``until``, else today."""
        return self.until or date.today()


@dataclass(frozen=True)
class Candidate:
    """An agenda item whose title matched, and where its minutes can be fetched from."""

    council: str | None
    committee: str
    meeting_date: date
    item_id: int
    item_number: str
    title: str
    match: TitleMatch
    minutes_published: bool
    urls: tuple[str, ...]  # in order of preference


@dataclass(frozen=True)
class Outcome:
    """What became of one candidate."""

    candidate: Candidate
    status: str  # would_fetch, no_minutes, saved, duplicate, already, failed
    detail: str = ""
    file: str | None = None


@dataclass
class SiteReport:
    """What a fetch of one site did: an outcome per matching item, warnings, error and request counts."""

    site: Site
    outcomes: list[Outcome] = field(default_factory=list)
    meetings: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    requests: int = 0
    cached: int = 0
    seconds: float = 0.0

    def count(self, status: str) -> int:
        """How many outcomes have this status."""
        return sum(o.status == status for o in self.outcomes)

    @property
    def saved_files(self) -> list[str]:
        """The names of the files this fetch saved (not those already stored)."""
        return [o.file for o in self.outcomes if o.status == "saved" and o.file]

    def text(self) -> str:
        """One line: what was read, matched and saved, and how many requests it took."""
        head = f"{self.site.label}: " + (f"FAILED: {self.error}. " if self.error else "")
        counts = ", ".join(f"{n} {label}" for n, label in (
            (self.count("saved"), "saved"), (self.count("duplicate") + self.count("already"), "already stored"),
            (self.count("would_fetch"), "to fetch"), (self.count("no_minutes"), "without minutes yet"),
            (self.count("failed"), "failed")) if n)
        return (f"{head}{_n(self.meetings, 'meeting')} read, {_n(len(self.outcomes), 'item')} matched"
                + (f" ({counts})" if counts else "")
                + f"; {_n(self.requests, 'request')}, {self.cached} answers from the cache, {self.seconds:.1f} s")


def _n(n: int, noun: str) -> str:
    """
    >>> _n(1, "meeting"), _n(3, "item")
    ('1 meeting', '3 items')
    """
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _lists_fresh(answer: CachedAnswer) -> bool:
    return answer.age_days() < LIST_TTL_DAYS


def _agenda_fresh(meeting_date: date) -> Callable[[CachedAnswer], bool]:
    def fresh(answer: CachedAnswer) -> bool:
        fetched_on = date.fromtimestamp(answer.fetched_at)
        return (fetched_on - meeting_date).days >= SETTLED_DAYS or _lists_fresh(answer)
    return fresh


class SiteFetch:
    """One run over one site; :meth:`run` never raises :class:`FetchError` (it goes in the report)."""

    def __init__(self, site: Site, client: Client, options: FetchOptions, minutes: Path, cache_root: Path,
                 progress: Progress | None = None):
        self.site, self.client, self.options, self.minutes = site, client, options, Path(minutes)
        self.base = mg.site_base(site.site)
        self.cache_root = Path(cache_root)
        self.ledger = Ledger(cache_root, self.base)
        self.progress = progress
        self.report = SiteReport(site)

    def run(self) -> SiteReport:
        """Fetch the site under its lock; errors, counts and time go in the report returned."""
        started, before = time.perf_counter(), replace(self.client.counts)
        try:
            with site_lock(self.cache_root, self.base):
                self.ledger = Ledger(self.cache_root, self.base)  # as the last fetch left it
                for candidate in self.candidates():
                    self.report.outcomes.append(self.settle(candidate))
        except BoardcompareError as e:  # the site, or a sources.csv that cannot be used
            self.report.error = str(e)
        except OSError as e:
            self.report.error = f"could not write under {self.minutes}: {reason(e)}"
        finally:
            self.report.requests = self.client.counts.requests - before.requests
            self.report.cached = self.client.counts.cached - before.cached
            self.report.seconds = time.perf_counter() - started
        return self.report

    def committees(self) -> list[mg.Committee]:
        """The site's committees that may discuss the board, or those named by ``options.committee``."""
        url = mg.committees_url(self.base)
        found = mg.parse_committees(self.client.get(url, fresh=_lists_fresh).body, url)
        wanted = self.options.committee
        if not wanted:
            return [c for c in found if committee_is_relevant(c.title)]
        chosen = [c for c in found if committee_matches(c.title, wanted)]
        if not chosen:
            names = "; ".join(sorted({c.title for c in found if committee_is_relevant(c.title)})[:12])
            raise FetchError(f"no committee called {wanted!r} at {self.base}"
                             + (f"; committees that may discuss the board: {names}" if names else ""))
        return chosen

    def meetings(self) -> list[tuple[mg.Committee, mg.MeetingStub]]:
        """Each meeting of those committees in the date range, once, oldest first."""
        start, end = date(self.options.since, 1, 1), min(self.options.end, date.today())
        seen: dict[int, tuple[mg.Committee, mg.MeetingStub]] = {}
        for committee in self.committees():
            url = mg.meetings_url(self.base, committee.id, start, end)
            for stub in mg.parse_meetings(self.client.get(url, fresh=_lists_fresh).body, url):
                if start <= stub.date <= end:  # some sites ignore the dates asked for
                    seen.setdefault(stub.id, (committee, stub))
        return sorted(seen.values(), key=lambda cs: (cs[1].date, cs[1].id))

    def candidates(self) -> Iterator[Candidate]:
        """The matching items of every meeting in range, meeting by meeting."""
        meetings = self.meetings()
        self.report.meetings = len(meetings)
        shown = self.progress(meetings, len(meetings), self.site.label) if self.progress else meetings
        for committee, stub in shown:
            url = mg.meeting_url(self.base, stub.id)
            try:
                meeting = mg.parse_meeting(self.client.get(url, fresh=_agenda_fresh(stub.date)).body, url)
            except (mg.BadResponse, HttpProblem) as e:  # one meeting's agenda: note it and go on
                self.client.forget(url)
                self.report.warnings.append(f"{committee.title}, {stub.date:%d %B %Y}: skipped: {e}")
                continue
            yield from self._matches(committee, stub, meeting)

    def _matches(self, committee: mg.Committee, stub: mg.MeetingStub, meeting: mg.Meeting) -> Iterator[Candidate]:
        printed = tuple(self._document(d.url) for d in meeting.docs
                        if not d.restricted and _MINUTES_DOC.search(d.title) and self._on_site(d.url))
        for item in meeting.items:
            found = None if item.restricted else match_title(item.title)
            if found:
                yield Candidate(self.site.council, committee.title, meeting.date or stub.date, item.id, item.number,
                                item.title, found, item.minutes_published,
                                (mg.item_page_url(self.base, item.id), *printed))

    def _document(self, url: str) -> str:
        return mg.document_url(self.base, url)

    def _on_site(self, url: str) -> bool:
        return urlsplit(self._document(url)).hostname == urlsplit(self.base).hostname

    def settle(self, c: Candidate) -> Outcome:
        """Fetch and save one candidate's minutes (or, in a dry run, say what would be fetched)."""
        if not c.minutes_published:
            return Outcome(c, "no_minutes", "the minutes are not published yet")
        for url in c.urls:
            done = self.ledger.get(url)
            if done and done.file and (self.minutes / done.file).exists():
                return Outcome(c, "already", f"fetched before: {done.file}", done.file)
        if self.options.dry_run:
            return Outcome(c, "would_fetch", c.urls[0])
        problems = []
        for url in c.urls:
            try:
                return self._save(c, url)
            except (FetchError, UploadRefused) as e:  # this address failed: try the next
                problems.append(str(e))
        return Outcome(c, "failed", "; ".join(problems))

    def _save(self, c: Candidate, url: str) -> Outcome:
        answer = self.client.get(url, use_cache=False)
        suffix = _suffix(answer)
        if suffix is None:
            raise FetchError(f"neither a web page nor a PDF ({answer.content_type or 'no content type'})", subject=url)
        name = f"{slug(c.council or urlsplit(self.base).hostname or 'site')}_{c.meeting_date}_{c.item_id}{suffix}"
        saved = save_upload(name, answer.body, self.minutes)
        add_sources(self.minutes, [{"file": saved.path.name, "council": c.council or "", "source_url": url,
                                    "meeting_date": c.meeting_date.isoformat(), "committee": c.committee}])
        status = "duplicate" if saved.duplicate_of else "saved"
        self.ledger.record(url, LedgerEntry(status, saved.path.name))
        detail = (f"already stored as {saved.path.name}: not saved again" if saved.duplicate_of
                  else f"saved as {saved.path.name}")
        return Outcome(c, status, detail, saved.path.name)


def _suffix(answer: CachedAnswer) -> str | None:
    """The file type of a downloaded document, from its content type or else its address."""
    kind = answer.content_type.split(";")[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml"):
        return ".html"
    if kind == "application/pdf" or answer.body[:5] == b"%PDF-":
        return ".pdf"
    suffix = Path(urlsplit(answer.url).path).suffix.lower()
    return suffix if suffix in SUPPORTED_SUFFIXES else None


def fetch_sites(sites: Iterable[Site], client: Client, options: FetchOptions, minutes: Path, cache_root: Path,
                progress: Progress | None = None,
                on_report: Callable[[SiteReport], None] | None = None) -> list[SiteReport]:
    """Fetch each site in turn; a site that fails is reported and the next one goes on."""
    reports = []
    for site in sites:
        try:
            fetch = SiteFetch(site, client, options, minutes, cache_root, progress)
        except FetchError as e:
            report = SiteReport(site, error=str(e))
        else:
            report = fetch.run()
        reports.append(report)
        if on_report:
            on_report(report)
    return reports
