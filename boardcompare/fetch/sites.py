"""Councils' democracy sites: ``vocab/council_sites.csv`` (council, site, system, source, notes).

``council`` is the name in ``vocab/local_authorities.csv``; ``system`` is ``moderngov`` (the
web service can be read), ``other`` (another system: minutes must be added by hand) or
``unknown`` (not looked up yet); ``source`` is where the address was seen.

>>> find_site("Slough Borough Council").site
'http://www.slough.gov.uk/moderngov'
>>> find_site("Stockton-on-Tees")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
boardcompare.fetch.errors.FetchError: Stockton-on-Tees: its democracy site (...) is not ModernGov (...), ...
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from boardcompare.authorities import match_authority
from boardcompare.fetch.errors import FetchError
from boardcompare.fetch.moderngov import site_base
from boardcompare.paths import VOCAB_DIR

SITES_CSV = VOCAB_DIR / "council_sites.csv"
COLUMNS = ("council", "site", "system", "source", "notes")
SYSTEMS = ("moderngov", "other", "unknown")


@dataclass(frozen=True)
class Site:
    """A council's democracy site; ``council`` is None for an address not in the table."""

    council: str | None
    site: str
    system: str = "moderngov"
    source: str = ""
    notes: str = ""

    @property
    def label(self) -> str:
        """The council's name, else the site's host."""
        return self.council or urlsplit(self.site).netloc


def load_sites(path: Path | None = None) -> list[Site]:
    """Every row of the table, in its order."""
    path = Path(path or SITES_CSV)
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise FetchError(f"the header must have the columns {', '.join(COLUMNS)}", subject=str(path))
        return [Site(r["council"].strip(), (r["site"] or "").strip(), (r["system"] or "unknown").strip(),
                     (r["source"] or "").strip(), (r["notes"] or "").strip()) for r in reader]


def fetchable_sites(path: Path | None = None) -> list[Site]:
    """The councils whose site is known to be ModernGov: what ``--all`` fetches."""
    return [s for s in load_sites(path) if s.system == "moderngov" and s.site]


def find_site(name: str, path: Path | None = None) -> Site:
    """The site of the council called ``name`` (any common form of its name), ready to fetch."""
    authority = match_authority(name)
    if authority is None:
        raise FetchError("not an English council with children's services that we know of", subject=name, code=2)
    row = next((s for s in load_sites(path) if s.council == authority.name), None)
    if row is None or row.system == "unknown" or not row.site:
        note = f" ({row.notes})" if row and row.notes else ""
        raise FetchError(f"no democracy site address is known yet{note}; give it instead, e.g. "
                         f"`boardcompare fetch https://democracy.<council>.gov.uk` (and add it to {SITES_CSV.name})",
                         subject=authority.name, code=2)
    if row.system != "moderngov":
        note = f" ({row.notes})" if row.notes else ""
        raise FetchError(f"its democracy site ({row.site}) is not ModernGov{note}, so it cannot be fetched; save "
                         "its minutes by hand and add them as files (the Add minutes page, or boardcompare ingest "
                         "--add)",
                         subject=authority.name, code=2)
    return row


def site_for_address(address: str, path: Path | None = None) -> Site:
    """A site from an address a user gave, with its council when the table knows the host."""
    base = site_base(address)
    host = urlsplit(base).netloc.lower()
    for row in load_sites(path):
        if row.site and urlsplit(row.site).netloc.lower() == host:
            return Site(row.council, base, row.system, row.source, row.notes)
    return Site(None, base)
