"""What a fetch keeps between runs: the web service's answers (a cache) and the documents done (a ledger).

Both live under ``data/fetch-cache/<site host>/`` and are written atomically (a temporary
file, then ``os.replace``), so a fetch killed at any moment leaves whole files only; a rerun
reads what was already fetched from here and asks the site only for the rest.

* The cache holds each answer's bytes, gzip-compressed, with when it was fetched. Whether an
  old answer is still good enough is the caller's decision (:class:`CachedAnswer.age_days`).
* The ledger records, per document address, the file it was saved as (or why it was not), so
  a document already fetched is not asked for again.
* :func:`site_lock` lets one fetch at a time work on a site, so two processes never both
  send it requests (which would break the spacing) or write its ledger.
"""

from __future__ import annotations

import fcntl
import gzip
import hashlib
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from boardcompare.fetch.errors import FetchError

FORMAT = 1


@dataclass(frozen=True)
class CachedAnswer:
    """One answer from a site: its address, content type, bytes and when it was fetched."""

    url: str
    content_type: str
    body: bytes
    fetched_at: float  # seconds since the epoch
    from_cache: bool = False

    def age_days(self, now: float | None = None) -> float:
        """Days since the answer was fetched (``now``: seconds since the epoch; default the clock)."""
        return ((time.time() if now is None else now) - self.fetched_at) / 86400


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def site_folder(root: Path, url: str) -> Path:
    """The folder of one site (by host and port) under ``root``.

    >>> site_folder(Path("/c"), "https://democracy.example.gov.uk/mgAi.aspx?ID=1").as_posix()
    '/c/democracy.example.gov.uk'
    >>> site_folder(Path("/c"), "http://127.0.0.1:8123/good/x").as_posix()
    '/c/127.0.0.1_8123'
    """
    netloc = urlsplit(url).netloc.lower().replace(":", "_")
    return root / "".join(c for c in netloc if c.isalnum() or c in "._-")


@contextmanager
def site_lock(root: Path, url: str) -> Iterator[None]:
    """Hold the site's lock while working on it; :class:`FetchError` when another fetch holds it."""
    folder = site_folder(Path(root), url)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "lock", "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FetchError("another fetch of this site is running; wait for it to finish, then run again",
                             subject=url) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class ResponseCache:
    """Answers by address, one gzip file each: a JSON header line, then the body."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def _path(self, url: str) -> Path:
        return site_folder(self.root, url) / "answers" / f"{hashlib.sha256(url.encode()).hexdigest()[:40]}.gz"

    def load(self, url: str) -> CachedAnswer | None:
        """The stored answer for ``url``, or None (also when the file is damaged: it is fetched again)."""
        path = self._path(url)
        try:
            raw = gzip.decompress(path.read_bytes())
            header, _, body = raw.partition(b"\n")
            meta = json.loads(header)
        except (OSError, EOFError, ValueError):
            return None
        if meta.get("format") != FORMAT or meta.get("url") != url:
            return None
        return CachedAnswer(url, meta.get("content_type", ""), body, float(meta["fetched_at"]), from_cache=True)

    def store(self, answer: CachedAnswer) -> None:
        """Keep ``answer`` under its address, replacing any earlier one."""
        header = json.dumps({"format": FORMAT, "url": answer.url, "content_type": answer.content_type,
                             "fetched_at": answer.fetched_at}).encode()
        _write_atomically(self._path(answer.url), gzip.compress(header + b"\n" + answer.body, compresslevel=6))

    def forget(self, url: str) -> None:
        """Drop the stored answer for ``url`` (one that could not be read is asked for again next time)."""
        self._path(url).unlink(missing_ok=True)

    def count(self) -> int:
        """How many answers the cache holds, over all sites."""
        return sum(1 for _ in self.root.glob("*/answers/*.gz")) if self.root.is_dir() else 0


@dataclass(frozen=True)
class LedgerEntry:
    """What became of one document address: saved, duplicate or refused, and the file it is stored as."""

    outcome: str  # saved, duplicate, refused
    file: str | None
    detail: str = ""


class Ledger:
    """The documents of one site already dealt with, by address."""

    def __init__(self, root: Path, site_url: str):
        self.path = site_folder(Path(root), site_url) / "documents.json"
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        self.entries = {url: LedgerEntry(**e) for url, e in data.items() if isinstance(e, dict)}

    def get(self, url: str) -> LedgerEntry | None:
        """The entry for ``url``, or None when it was never dealt with."""
        return self.entries.get(url)

    def record(self, url: str, entry: LedgerEntry) -> None:
        """Note ``entry`` for ``url`` and write the ledger to disk at once."""
        self.entries[url] = entry
        data = {u: e.__dict__ for u, e in sorted(self.entries.items())}
        _write_atomically(self.path, json.dumps(data, indent=1).encode("utf-8"))
