"""One council's fetch for the dashboard's Add minutes page: the command's steps, nothing printed.

:func:`find_items` is the dry run (which items, and why); :func:`fetch_council` fetches them,
saves them and rebuilds the database. Both take what a person types in the box: a council's
name or a site's address. :func:`item_rows` turns a report into plain-English rows to show.

>>> is_address("https://democracy.example.gov.uk"), is_address("democracy.example.gov.uk")
(True, True)
>>> is_address("Brighton & Hove"), is_address("St. Helens")
(False, False)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from boardcompare.fetch.client import Client, Politeness
from boardcompare.fetch.command import LOOPBACK, MIN_INTERVAL, cache_dir
from boardcompare.fetch.errors import FetchError
from boardcompare.fetch.run import FetchOptions, Outcome, Progress, SiteFetch, SiteReport
from boardcompare.fetch.sites import Site, find_site, site_for_address
from boardcompare.fetch.store import ResponseCache
from boardcompare.ingest import BuildFailed, BuildSummary, build_database
from boardcompare.paths import default_db_path, minutes_dir


def is_address(text: str) -> bool:
    """Whether what was typed is a web address rather than a council's name."""
    text = text.strip()
    return "://" in text or ("." in text and " " not in text)


def site_for(target: str, sites_csv: Path | None = None) -> Site:
    """The site a person meant: a council's name (from the table of sites) or a site's address."""
    if not target.strip():
        raise FetchError("type a council's name or the address of its democracy site", code=2)
    return site_for_address(target, sites_csv) if is_address(target) else find_site(target, sites_csv)


def _client(site: Site) -> Client:
    """The polite client: one request a second (none of that for a test site on this machine)."""
    interval = 0.0 if urlsplit(site.site).hostname in LOOPBACK else MIN_INTERVAL
    return Client(Politeness(min_interval=interval), cache=ResponseCache(cache_dir()))


def _run(site: Site, options: FetchOptions, client: Client | None, progress: Progress | None) -> SiteReport:
    return SiteFetch(site, client or _client(site), options, minutes_dir(), cache_dir(), progress).run()


def find_items(target: str, since: int, committee: str | None = None, *, client: Client | None = None,
               progress: Progress | None = None, sites_csv: Path | None = None) -> SiteReport:
    """What a fetch would bring in, and why each item matched; nothing is downloaded or saved."""
    options = FetchOptions(since=since, committee=committee or None, dry_run=True)
    return _run(site_for(target, sites_csv), options, client, progress)


@dataclass
class CouncilFetch:
    """A council's fetch from the dashboard: the site's report and the rebuild that followed, if any."""

    report: SiteReport
    summary: BuildSummary | None = None  # the rebuild, when something new was saved
    build_error: str | None = None


def fetch_council(target: str, since: int, committee: str | None = None, db_path: Path | None = None, *,
                  client: Client | None = None, progress: Progress | None = None,
                  sites_csv: Path | None = None) -> CouncilFetch:
    """Fetch and save the council's matching items, then rebuild the database if anything new came in."""
    options = FetchOptions(since=since, committee=committee or None)
    result = CouncilFetch(_run(site_for(target, sites_csv), options, client, progress))
    if result.report.saved_files:
        folder = minutes_dir()
        try:
            result.summary = build_database([folder], Path(db_path or default_db_path()), root=folder.parent)
        except BuildFailed as e:
            result.build_error = str(e)
    return result


STATUS = {
    "would_fetch": "Will be fetched",
    "no_minutes": "Not fetched: the minutes are not published yet",
    "saved": "Saved as {file}",
    "duplicate": "Already stored as {file}",
    "already": "Already stored as {file}",
    "failed": "Not saved: {detail}",
}
COLUMNS = ["Meeting", "Committee", "Item", "What happens", "Why it matched"]


def item_rows(report: SiteReport) -> list[dict[str, str]]:
    """One row per matched item, in plain English (no codes)."""
    return [_row(o) for o in report.outcomes]


def _row(o: Outcome) -> dict[str, str]:
    c = o.candidate
    what = STATUS[o.status].format(file=o.file or "", detail=o.detail)
    return dict(zip(COLUMNS, (f"{c.meeting_date:%d %b %Y}".lstrip("0"), c.committee, c.title, what, c.match.label),
                    strict=True))


def to_fetch(report: SiteReport) -> int:
    """How many items a fetch would download."""
    return report.count("would_fetch")
