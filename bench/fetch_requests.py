#!/usr/bin/env python3
"""How many requests `boardcompare fetch` sends per council, and how long `--all` takes at 1 request a second.

A script that prints figures, not a timed test. It builds a stand-in ModernGov site shaped like
a council's (tests/fetch_server.py: so many committees, of which so many may discuss the board
and so many still meet, so many meetings a year, one board item a year), fetches it with the
real code at no spacing, counts the requests by kind, then fetches it again to count what a
rerun costs. The time for `--all` is the count times the default spacing (1 s) times the
councils in boardcompare/vocab/council_sites.csv known to be ModernGov::

    .venv/bin/python bench/fetch_requests.py
    .venv/bin/python bench/fetch_requests.py --committees 100 --relevant 20 --active 12 --per-year 8 --since 2014

The shape of a real council is an assumption (see --help); the request count follows from it
exactly, and the script prints both.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from boardcompare.fetch.client import Client, Politeness  # noqa: E402
from boardcompare.fetch.run import FetchOptions, SiteFetch  # noqa: E402
from boardcompare.fetch.sites import Site, fetchable_sites  # noqa: E402
from boardcompare.fetch.store import ResponseCache  # noqa: E402
from tests.fetch_server import HALTON_2018, FakeModernGov, FakeSite, Item, MeetingSpec  # noqa: E402

RELEVANT = ["Children's Scrutiny Committee", "Cabinet", "Children and Young People Scrutiny Panel",
            "Health and Wellbeing Board", "People Overview and Scrutiny", "Corporate Parenting Board", "Executive",
            "Families Select Committee"]


def council_site(committees: int, relevant: int, active: int, per_year: int, since: int, until: int) -> FakeSite:
    """A site with ``committees`` committees, ``relevant`` of them named like ones that discuss the board,
    ``active`` of those meeting ``per_year`` times a year; the first holds a board item once a year."""
    titles = {cid: (f"{RELEVANT[cid % len(RELEVANT)]} {cid}" if cid < relevant else f"Planning Committee {cid}")
              for cid in range(committees)}
    meetings, mid = [], 1
    for cid in range(min(active, relevant)):
        for year in range(since, until + 1):
            for n in range(per_year):
                when = date(year, 1 + n * 12 // per_year, 10)
                items = (Item(mid * 10, "Halton Safeguarding Children Board Annual Report", HALTON_2018),) \
                    if cid == 0 and n == per_year - 1 else (Item(mid * 10, "Budget monitoring", "Noted."),)
                meetings.append(MeetingSpec(mid, cid, when, items))
                mid += 1
    return FakeSite("council", "Halton", titles, meetings)


def run_once(server, work: Path, since: int, until: int) -> tuple[Counter, float, int]:
    client = Client(Politeness(min_interval=0), cache=ResponseCache(work / "cache"))
    before = len(server.log)
    started = time.perf_counter()
    report = SiteFetch(Site("Halton", server.url("council")), client, FetchOptions(since, date(until, 12, 31)),
                       work / "minutes", work / "cache").run()
    seconds = time.perf_counter() - started
    assert report.error is None, report.error
    return Counter(call for _, call, _ in server.log[before:]), seconds, report.count("saved")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--committees", type=int, default=80, help="committees the site lists (default 80)")
    p.add_argument("--relevant", type=int, default=15, help="of which named like ones that may discuss the board")
    p.add_argument("--active", type=int, default=8, help="of which still meeting (default 8)")
    p.add_argument("--per-year", type=int, default=6, help="meetings a year of each (default 6)")
    p.add_argument("--since", type=int, default=2014)
    p.add_argument("--until", type=int, default=2025)
    a = p.parse_args(argv)
    site = council_site(a.committees, a.relevant, a.active, a.per_year, a.since, a.until)
    councils = len(fetchable_sites())
    with FakeModernGov([site]) as server, tempfile.TemporaryDirectory() as tmp:
        first, seconds, saved = run_once(server, Path(tmp), a.since, a.until)
        again, _, _ = run_once(server, Path(tmp), a.since, a.until)
    total = sum(first.values())
    print(f"Council shape: {a.committees} committees, {a.relevant} named like ones that may discuss the board, "
          f"{a.active} meeting {a.per_year} times a year, {a.since}-{a.until}")
    print("First fetch: " + ", ".join(f"{n} {call}" for call, n in sorted(first.items()))
          + f" = {total} requests ({saved} files saved; {seconds:.1f} s of our own work at no spacing)")
    print(f"Rerun the same day: {sum(again.values())} requests")
    print(f"At the default 1 request a second: {total / 60:.0f} minutes for this council; "
          f"--all over the {councils} ModernGov councils in the table: {total * councils / 3600:.1f} hours "
          f"(more where the sites answer slower than 1 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
