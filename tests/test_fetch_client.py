"""The polite client against the local stand-in site: who it says it is, spacing, retries, the cache.

Waits go through a recording ``sleep`` (nothing really sleeps) except the time-out test, which
waits a third of a second for a server that answers later.
"""

import socket

import pytest

from boardcompare.fetch.client import Client, HttpProblem, Politeness
from boardcompare.fetch.errors import FetchError
from boardcompare.fetch.store import ResponseCache
from tests.fetch_server import Reply, standard_server


@pytest.fixture
def modgov():
    """The stand-in sites of tests/fetch_server.py, running on 127.0.0.1."""
    with standard_server() as server:
        yield server

FAST = Politeness(min_interval=0, timeout=5, retries=3, backoff=0.5, max_wait=60)


class Clock:
    """A clock that only moves when somebody sleeps."""

    def __init__(self):
        self.now, self.slept = 1000.0, []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(round(seconds, 3))
        self.now += seconds


def client(politeness=FAST, cache=None):
    clock = Clock()
    return Client(politeness, cache=cache, sleep=clock.sleep, clock=clock), clock


def committees(server, site="rutland"):
    return f"{server.url(site)}/mgWebService.asmx/GetCommittees"


def test_says_who_is_asking(modgov):
    c, _ = client()
    assert b"<committees>" in c.get(committees(modgov)).body
    (agent,) = modgov.user_agents
    assert agent.startswith("boardcompare/") and "safeguarding children boards" in agent


def test_requests_to_one_site_are_spaced(modgov):
    c, clock = client(Politeness(min_interval=1.0))
    for _ in range(3):
        c.get(committees(modgov))
    assert clock.slept == [1.0, 1.0]
    assert c.counts.requests == 3 and c.counts.retries == 0


# Transient faults: retried after a wait, then the answer comes.
TRANSIENT = {
    "500": ([Reply(500, b"oops")], [0.5]),
    "502 then 503": ([Reply(502), Reply(503)], [0.5, 1.0]),
    "429 with Retry-After in seconds": ([Reply(429, headers={"Retry-After": "7"})], [7.0]),
    "429 without Retry-After": ([Reply(429)], [0.5]),
}


@pytest.mark.parametrize("faults, waits", TRANSIENT.values(), ids=TRANSIENT.keys())
def test_transient_faults_are_retried_with_backoff(modgov, faults, waits):
    modgov.fail("rutland", "GetCommittees", "", *faults)
    c, clock = client()
    assert b"<committees>" in c.get(committees(modgov)).body
    assert clock.slept == waits
    assert c.counts.retries == len(faults) and c.counts.requests == len(faults) + 1


def test_a_time_out_is_retried(modgov):
    modgov.fail("rutland", "GetCommittees", "", Reply(delay=1.0, body=b"<late/>"))
    c, clock = client(Politeness(min_interval=0, timeout=0.3, retries=3, backoff=0.5))
    assert b"<committees>" in c.get(committees(modgov)).body
    assert clock.slept[0] == 0.5 and c.counts.retries >= 1


def test_gives_up_after_the_last_retry_with_the_reason(modgov):
    modgov.fail("rutland", "GetCommittees", "", *[Reply(503)] * 4)
    c, clock = client()
    with pytest.raises(FetchError, match=r"GetCommittees: gave up after 4 tries \(it answered 503"):
        c.get(committees(modgov))
    assert clock.slept == [0.5, 1.0, 2.0]


def test_a_wait_longer_than_allowed_stops_with_a_message(modgov):
    modgov.fail("rutland", "GetCommittees", "", Reply(429, headers={"Retry-After": "3600"}))
    c, clock = client()
    with pytest.raises(FetchError, match="asked us to wait 3600 s .* run again later to resume"):
        c.get(committees(modgov))
    assert clock.slept == []


@pytest.mark.parametrize("status", [403, 404, 410])
def test_final_answers_are_not_retried(modgov, status):
    modgov.fail("rutland", "GetCommittees", "", Reply(status))
    c, _ = client()
    with pytest.raises(HttpProblem, match=f"answered {status}") as e:
        c.get(committees(modgov))
    assert e.value.status == status and c.counts.requests == 1


def test_no_server_at_all():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again before the request
    c, _ = client(Politeness(min_interval=0, timeout=0.2, retries=1, backoff=0.01))
    with pytest.raises(FetchError, match="gave up after 2 tries \\(could not connect"):
        c.get(f"http://127.0.0.1:{port}/x")


def test_too_large_an_answer_is_refused(modgov):
    c, _ = client(Politeness(min_interval=0, max_bytes=100))
    with pytest.raises(FetchError, match="larger than"):
        c.get(committees(modgov))


def test_cached_answers_are_reused_while_fresh(modgov, tmp_path):
    c, _ = client(cache=ResponseCache(tmp_path))
    first = c.get(committees(modgov))
    again = c.get(committees(modgov))
    assert again.body == first.body and again.from_cache and not first.from_cache
    assert len(modgov.calls("GetCommittees")) == 1 and c.counts.cached == 1
    c.get(committees(modgov), fresh=lambda answer: False)  # too old: asked again
    c.get(committees(modgov), use_cache=False)
    assert len(modgov.calls("GetCommittees")) == 3


def test_a_damaged_cache_file_is_fetched_again(modgov, tmp_path):
    cache = ResponseCache(tmp_path)
    c, _ = client(cache=cache)
    c.get(committees(modgov))
    (stored,) = tmp_path.glob("*/answers/*.gz")
    stored.write_bytes(b"not gzip")
    assert b"<committees>" in c.get(committees(modgov)).body
    assert len(modgov.calls("GetCommittees")) == 2


def test_a_site_name_that_does_not_resolve_is_not_tried_again(monkeypatch):
    def no_such_name(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)
    c, clock = client()
    with pytest.raises(FetchError, match="no site of that name could be found .*check the address"):
        c.get("https://democracy.no-such-council.example/mgWebService.asmx/GetCommittees")
    assert clock.slept == [] and c.counts.requests == 1
