"""`boardcompare fetch`: which sites, then the fetch, then one line per item and site, then the build.

Exit status: 0 when every site was read in full; 1 when a site failed, a meeting's agenda was
skipped or an item could not be saved (the rest still went in, and the database was rebuilt);
2 for bad arguments (an unknown council, a bad address); 130 when interrupted (run the same
command again to resume).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from boardcompare.fetch.client import Client, Politeness
from boardcompare.fetch.errors import FetchError
from boardcompare.fetch.run import DEFAULT_SINCE, FetchOptions, Outcome, SiteReport, fetch_sites
from boardcompare.fetch.sites import Site, fetchable_sites, find_site, site_for_address
from boardcompare.fetch.store import ResponseCache
from boardcompare.paths import data_dir, default_db_path, minutes_dir

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
MIN_INTERVAL = 1.0


def cache_dir() -> Path:
    """Where answers and the documents already fetched are remembered between runs."""
    return data_dir() / "fetch-cache"


@dataclass(frozen=True)
class FetchRequest:
    """What the user asked for (the command's arguments, checked)."""

    address: str | None = None
    council: str | None = None
    all_sites: bool = False
    since: int = DEFAULT_SINCE
    committee: str | None = None
    dry_run: bool = False
    interval: float = MIN_INTERVAL
    quiet: bool = False
    db: str | None = None


def resolve_sites(request: FetchRequest, sites_csv: Path | None = None) -> list[Site]:
    """The sites to fetch; :class:`FetchError` when the request names none that can be fetched."""
    chosen = [request.address is not None, request.council is not None, request.all_sites]
    if sum(chosen) != 1:
        raise FetchError("give one of: a site address, --council NAME or --all", code=2)
    if request.address is not None:
        sites = [site_for_address(request.address, sites_csv)]
    elif request.council is not None:
        sites = [find_site(request.council, sites_csv)]
    else:
        sites = fetchable_sites(sites_csv)
    if request.interval < MIN_INTERVAL and any(urlsplit(s.site).hostname not in LOOPBACK for s in sites):
        raise FetchError(f"--interval below {MIN_INTERVAL:g} s is only for a test site on this machine: "
                         "council sites get at most one request a second", code=2)
    return sites


def describe(o: Outcome) -> list[str]:
    """The lines shown for one matched item."""
    c = o.candidate
    number = f"item {c.item_number}" if c.item_number else f"item id {c.item_id}"
    head = f"  {c.meeting_date}  {c.committee}, {number}: {c.title}"
    action = {"would_fetch": f"would fetch {o.detail}", "no_minutes": "not fetched: " + o.detail,
              "failed": "NOT SAVED: " + o.detail}.get(o.status, o.detail)
    return [head, f"      why: {c.match.reason}", f"      {action}"]


def print_report(report: SiteReport, out: TextIO, err: TextIO) -> None:
    """Print one site's outcomes to ``out``, its warnings to ``err``, then its summary line."""
    for o in report.outcomes:
        print("\n".join(describe(o)), file=out)
    for w in report.warnings:
        print(f"  warning: {w}", file=err)
    print(report.text(), file=err if report.error else out)


def _progress(quiet: bool, err: TextIO):
    if quiet:
        return None
    from tqdm import tqdm

    def bar(items, total, label):
        return tqdm(items, total=total, unit="meeting", desc=label, file=err, leave=False)
    return bar


def run_fetch(request: FetchRequest, sites: list[Site], out: TextIO, err: TextIO,
              client: Client | None = None) -> list[SiteReport]:
    """Fetch the sites, printing each site's items as it finishes."""
    client = client or Client(Politeness(min_interval=request.interval), cache=ResponseCache(cache_dir()))
    options = FetchOptions(since=request.since, committee=request.committee, dry_run=request.dry_run)
    return fetch_sites(sites, client, options, minutes_dir(), cache_dir(), progress=_progress(request.quiet, err),
                       on_report=lambda r: print_report(r, out, err))


def rebuild(reports: list[SiteReport], db: str | None, out: TextIO, err: TextIO) -> bool:
    """Build the database when new files were saved; False when the build failed."""
    from boardcompare.ingest import BuildFailed, build_database

    saved = sum(len(r.saved_files) for r in reports)
    if not saved:
        print("Nothing new was saved, so the database was not rebuilt.", file=out)
        return True
    folder = minutes_dir()
    try:
        summary = build_database([folder], Path(db) if db else default_db_path(), root=folder.parent)
    except BuildFailed as e:
        print(f"boardcompare fetch: {saved} files were saved but the database could not be rebuilt: {e}", file=err)
        return False
    print(f"Database rebuilt with {saved} new files. {summary.text()}", file=out)
    return True


def fetch_command(request: FetchRequest, out: TextIO | None = None, err: TextIO | None = None,
                  sites_csv: Path | None = None) -> int:
    """The whole command; returns the exit status (raises :class:`FetchError` for a bad target)."""
    out, err = out or sys.stdout, err or sys.stderr
    sites = resolve_sites(request, sites_csv)  # a FetchError here is a bad argument: main() says it, exit 2
    try:
        reports = run_fetch(request, sites, out, err)
    except KeyboardInterrupt:
        print("\nInterrupted. Files already saved stay; run the same command again to resume "
              f"(answers already fetched are kept in {cache_dir()}).", file=err)
        return 130
    failed = [r for r in reports if r.error or r.warnings or r.count("failed")]
    if len(reports) > 1:
        print(f"{len(reports)} sites: {len(reports) - len(failed)} read in full, {len(failed)} with problems.",
              file=out)
    built = True if request.dry_run else rebuild(reports, request.db, out, err)
    return 0 if built and not failed else 1
