"""A polite web client: one site at a time, spaced requests, retries with backoff, a cache.

* Every request says who is asking (:data:`USER_AGENT`).
* Requests to one host are at least ``min_interval`` seconds apart (1 s by default).
* A 429 (too many requests) waits as long as its Retry-After says (up to ``max_wait``); a
  5xx, a time-out or a dropped connection waits ``backoff`` seconds, doubling each time, for at
  most ``retries`` more tries. Other answers (404, 403 ...) are final.
* Answers can be kept in a :class:`~boardcompare.fetch.store.ResponseCache`; the caller says
  how old a cached answer may be.

The waits go through ``sleep`` and ``clock``, which tests replace so they never wait.
"""

from __future__ import annotations

import http.client
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from boardcompare import __version__
from boardcompare.fetch.errors import FetchError
from boardcompare.fetch.store import CachedAnswer, ResponseCache
from boardcompare.uploads import MAX_BYTES

USER_AGENT = (f"boardcompare/{__version__} (compares safeguarding children boards from council minutes; "
              "at most one request a second)")
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Politeness:
    """How the client treats a site. The defaults are for real council sites."""

    min_interval: float = 1.0  # seconds between requests to one host
    timeout: float = 30.0  # seconds to wait for an answer
    retries: int = 4  # further tries after a 429, a 5xx or a time-out
    backoff: float = 2.0  # seconds before the first retry; doubles each time
    max_wait: float = 300.0  # the longest Retry-After honoured; longer gives up on the site
    max_bytes: int = MAX_BYTES
    user_agent: str = USER_AGENT


@dataclass
class Counts:
    """How many requests a client sent, answered from its cache and retried, and how long it waited."""

    requests: int = 0  # sent to a site (retries included)
    cached: int = 0  # answered from the cache
    retries: int = 0
    waited: float = 0.0  # seconds spent waiting between tries (not the spacing)


class HttpProblem(FetchError):
    """A final answer other than 200 (404, 403 ...)."""

    def __init__(self, url: str, status: int, reason: str):
        super().__init__(f"the site answered {status} {reason}".rstrip(), subject=url)
        self.status = status


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date.

    >>> retry_after_seconds("7"), retry_after_seconds(None), retry_after_seconds("soon")
    (7.0, None, None)
    >>> retry_after_seconds("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0)
    10.0
    """
    if not value:
        return None
    value = value.strip()
    if value.replace(".", "", 1).isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return None
    return max(0.0, when - (time.time() if now is None else now))


@dataclass
class Client:
    """Polite HTTP GETs: spaced per host, retried with back-off when a try fails, from the cache when fresh."""

    politeness: Politeness = field(default_factory=Politeness)
    cache: ResponseCache | None = None
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    counts: Counts = field(default_factory=Counts)
    _last: dict[str, float] = field(default_factory=dict)

    def get(self, url: str, *, fresh: Callable[[CachedAnswer], bool] | None = None,
            use_cache: bool = True) -> CachedAnswer:
        """The answer at ``url``: from the cache when ``fresh`` accepts the stored one, else from the site."""
        if use_cache and self.cache is not None:
            stored = self.cache.load(url)
            if stored is not None and (fresh is None or fresh(stored)):
                self.counts.cached += 1
                return stored
        answer = self._fetch(url)
        if use_cache and self.cache is not None:
            self.cache.store(answer)
        return answer

    def forget(self, url: str) -> None:
        """Do not keep the answer for ``url``: it could not be used."""
        if self.cache is not None:
            self.cache.forget(url)

    def _wait_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            gap = self.politeness.min_interval - (self.clock() - last)
            if gap > 0:
                self.sleep(gap)
        self._last[host] = self.clock()

    def _fetch(self, url: str) -> CachedAnswer:
        p = self.politeness
        host = urlsplit(url).netloc
        problem = "no answer"
        for attempt in range(p.retries + 1):
            self._wait_turn(host)
            self.counts.requests += 1
            try:
                return self._request(url)
            except urllib.error.HTTPError as e:
                if e.code not in RETRY_STATUSES:
                    raise HttpProblem(url, e.code, e.reason or "") from None
                problem = f"it answered {e.code} {e.reason or ''}".rstrip()
                wait = retry_after_seconds(e.headers.get("Retry-After")) if e.code == 429 else None
            except (TimeoutError, urllib.error.URLError, ConnectionError, http.client.HTTPException) as e:
                if isinstance(getattr(e, "reason", None), socket.gaierror):  # trying again will not find it
                    raise FetchError(f"no site of that name could be found ({e.reason.strerror or e.reason}); "
                                     "check the address", subject=url) from None
                problem = _describe(e, p.timeout)
                wait = None
            if attempt == p.retries:
                break
            wait = p.backoff * 2 ** attempt if wait is None else wait
            if wait > p.max_wait:
                raise FetchError(f"the site asked us to wait {wait:.0f} s before trying again "
                                 f"({problem}); stopped here, run again later to resume", subject=url)
            self.counts.retries += 1
            self.counts.waited += wait
            self.sleep(wait)
        raise FetchError(f"gave up after {p.retries + 1} tries ({problem})", subject=url)

    def _request(self, url: str) -> CachedAnswer:
        request = urllib.request.Request(url, headers={"User-Agent": self.politeness.user_agent,
                                                       "Accept": "text/xml, text/html, application/pdf, */*"})
        with urllib.request.urlopen(request, timeout=self.politeness.timeout) as response:  # noqa: S310 (http/https only)
            body = response.read(self.politeness.max_bytes + 1)
            content_type = response.headers.get("Content-Type", "")
        if len(body) > self.politeness.max_bytes:
            raise FetchError(f"larger than {self.politeness.max_bytes // 2**20} MB; not fetched", subject=url)
        return CachedAnswer(url, content_type, body, time.time())


def _describe(e: Exception, timeout: float) -> str:
    reason = getattr(e, "reason", e)
    if isinstance(reason, TimeoutError) or isinstance(e, TimeoutError):
        return f"no answer within {timeout:g} s"
    return f"could not connect: {reason}"
