"""Fetching whole sites from the local stand-in: end to end, faults, resuming, and what is already stored.

Rutland's stand-in site (tests/fetch_server.py) has four committees (one is Planning), meetings
from 2012 to 2019, items that match and items that do not, an item page missing (its minutes
come from the meeting's printed-minutes PDF), minutes not yet published, an exempt item and one
meeting whose agenda is broken XML.
"""

from datetime import date

import duckdb
import pytest

from boardcompare.fetch import run as fetch_run
from boardcompare.fetch.client import Client, Politeness
from boardcompare.fetch.run import FetchOptions, SiteFetch, fetch_sites
from boardcompare.fetch.sites import Site
from boardcompare.fetch.store import ResponseCache, site_lock
from boardcompare.ingest import build_database
from boardcompare.readers import read_document
from boardcompare.sources import load_sidecar
from tests.fetch_server import (
    RUTLAND_MEETINGS_SINCE_2014,
    RUTLAND_SAVED_ITEMS,
    Item,
    MeetingSpec,
    Reply,
    item_page_html,
    standard_server,
)


@pytest.fixture
def modgov():
    """The stand-in sites of tests/fetch_server.py, running on 127.0.0.1."""
    with standard_server() as server:
        yield server

OPTIONS = FetchOptions(since=2014, until=date(2020, 1, 1))


@pytest.fixture
def env(tmp_path):
    """A minutes folder and a cache under tmp_path, and a client that never really waits."""
    slept = []
    client = Client(Politeness(min_interval=0, timeout=1.0, backoff=0.05), cache=ResponseCache(tmp_path / "cache"),
                    sleep=slept.append)
    return {"minutes": tmp_path / "minutes", "cache": tmp_path / "cache", "client": client, "slept": slept,
            "db": tmp_path / "bc.duckdb"}


def fetch(env, server, *prefixes, options=OPTIONS, progress=None):
    sites = [Site(server.sites[p].council, server.url(p)) for p in prefixes]
    return fetch_sites(sites, env["client"], options, env["minutes"], env["cache"], progress=progress)


def saved_items(env) -> set[int]:
    return {int(p.stem.rsplit("_", 1)[1]) for p in env["minutes"].glob("rutland_*") if p.suffix in (".html", ".pdf")}


def test_one_site_end_to_end(modgov, env):
    (report,) = fetch(env, modgov, "rutland")
    assert report.error is None and report.meetings == RUTLAND_MEETINGS_SINCE_2014
    by_item = {o.candidate.item_id: o for o in report.outcomes}
    assert {i for i, o in by_item.items() if o.status == "saved"} == RUTLAND_SAVED_ITEMS == saved_items(env)
    assert by_item[7041].status == "no_minutes"  # not published yet: nothing asked for
    assert by_item[7022].file.endswith(".pdf")  # no item page: the printed minutes instead
    # adults' board, corporate parenting, virtual school, exempt item: not chosen
    assert set(by_item) == RUTLAND_SAVED_ITEMS | {7041}
    (warning,) = report.warnings
    assert warning.startswith("Health and Wellbeing Board, 20 June 2018: skipped: ") and "not valid XML" in warning
    # asked for: only the committees that may discuss the board, only meetings since 2014, only matching items
    assert ("rutland", "GetMeetings", "103") not in modgov.log  # Planning
    assert {k for _, call, k in modgov.calls("GetMeeting")} == {"5001", "5002", "5003", "5004", "5005", "5101",
                                                               "5102", "5201"}
    assert {k for _, call, k in modgov.calls("item")} == {"7002", "7011", "7022", "7101"}
    assert report.requests == len(modgov.log)


def test_saved_files_have_sources_rows_and_go_in(modgov, env):
    fetch(env, modgov, "rutland", "halton")
    hints = load_sidecar(env["minutes"])
    assert set(hints) == {p.name for p in env["minutes"].iterdir() if p.suffix in (".html", ".pdf")}
    pdf = next(name for name in hints if name.endswith(".pdf"))
    assert hints[pdf].council == "Rutland" and hints[pdf].meeting_date == "2017-11-14"
    assert hints[pdf].url.endswith("/rutland/documents/g5003/Printed%20minutes.pdf")
    rows = (env["minutes"] / "sources.csv").read_text().splitlines()
    assert rows[0] == "file,council,source_url,meeting_date,committee"
    assert any(r.endswith(",Cabinet") for r in rows)
    for name in hints:
        assert read_document(env["minutes"] / name).text  # every file is readable minutes
    summary = build_database([env["minutes"]], env["db"], root=env["minutes"].parent)
    assert summary.count("used") == 5 and not summary.problems
    with duckdb.connect(str(env["db"]), read_only=True) as con:
        boards = dict(con.execute("SELECT board_id, local_authority FROM boards").fetchall())
        periods = con.execute("SELECT DISTINCT period FROM reports WHERE board_id = 'rutland' ORDER BY 1").fetchall()
    assert boards == {"rutland": "Rutland", "halton": "Halton"}
    assert [p for (p,) in periods] == ["2013-14", "2015-16", "2016-17"]


def test_dry_run_lists_what_would_be_fetched_and_saves_nothing(modgov, env):
    (report,) = fetch(env, modgov, "rutland", options=FetchOptions(since=2014, until=date(2020, 1, 1), dry_run=True))
    would = {o.candidate.item_id: o.detail for o in report.outcomes if o.status == "would_fetch"}
    assert set(would) == RUTLAND_SAVED_ITEMS
    assert would[7002].endswith("/rutland/mgAi.aspx?ID=7002")
    assert all(o.candidate.match.reason for o in report.outcomes)
    assert not env["minutes"].exists()
    assert not modgov.calls("item") and not modgov.calls("document")


def test_committee_option_asks_for_that_committee_only(modgov, env):
    (report,) = fetch(env, modgov, "rutland", options=FetchOptions(since=2014, until=date(2020, 1, 1),
                                                                   committee="cabinet"))
    assert [k for _, _, k in modgov.calls("GetMeetings")] == ["102"]
    assert {o.candidate.item_id for o in report.outcomes} == {7101}


def test_unknown_committee_names_the_ones_there_are(modgov, env):
    (report,) = fetch(env, modgov, "rutland", options=FetchOptions(committee="Adults Scrutiny"))
    assert report.error.startswith("no committee called 'Adults Scrutiny' at http://127.0.0.1:")
    assert "Children's Scrutiny Committee" in report.error and "Planning" not in report.error


def test_a_rerun_asks_only_for_what_is_new(modgov, env, monkeypatch):
    fetch(env, modgov, "rutland")
    first = len(modgov.log)
    (again,) = fetch(env, modgov, "rutland")
    # everything from the cache or already stored, but the agenda that was broken XML is asked for again
    assert modgov.log[first:] == [("rutland", "GetMeeting", "5201")] and again.requests == 1
    assert {o.candidate.item_id for o in again.outcomes if o.status == "already"} == RUTLAND_SAVED_ITEMS
    new_item = Item(7051, "Rutland Safeguarding Children Partnership Annual Report 2019/20",
                    "The Rutland Safeguarding Children Partnership presented its annual report for 2019/20.")
    modgov.sites["rutland"].meetings.append(MeetingSpec(5006, 101, date(2019, 12, 10), (new_item,)))
    monkeypatch.setattr(fetch_run, "LIST_TTL_DAYS", 0)  # a day later: the lists are old
    (later,) = fetch(env, modgov, "rutland")
    new_calls = modgov.log[first + 1:]
    assert [c for c in new_calls if c[1] not in ("GetCommittees", "GetMeetings")] == [
        ("rutland", "GetMeeting", "5201"), ("rutland", "GetMeeting", "5006"), ("rutland", "item", "7051")]
    assert [o.candidate.item_id for o in later.outcomes if o.status == "saved"] == [7051]


def interrupt_after(n):
    def progress(items, total, label):
        for i, item in enumerate(items):
            if i == n:
                raise KeyboardInterrupt
            yield item
    return progress


def test_an_interrupted_fetch_resumes_where_it_stopped(modgov, env):
    with pytest.raises(KeyboardInterrupt):
        fetch(env, modgov, "rutland", progress=interrupt_after(3))
    assert 0 < len(saved_items(env)) < len(RUTLAND_SAVED_ITEMS)
    (report,) = fetch(env, modgov, "rutland")
    assert report.error is None and saved_items(env) == RUTLAND_SAVED_ITEMS
    asked = [k for _, call, k in modgov.log if call in ("GetMeeting", "item", "document")]
    assert len(asked) == len(set(asked))  # nothing fetched twice over the two runs
    assert sum(o.status == "already" for o in report.outcomes) == len(RUTLAND_SAVED_ITEMS) - report.count("saved")


def test_transient_faults_on_the_way_are_waited_out(modgov, env):
    modgov.fail("rutland", "GetCommittees", "", Reply(500))
    modgov.fail("rutland", "GetMeetings", "101", Reply(503))
    modgov.fail("rutland", "GetMeeting", "5002", Reply(429, headers={"Retry-After": "3"}))
    modgov.fail("rutland", "item", "7011", Reply(delay=1.5, body=b"late"))
    (report,) = fetch(env, modgov, "rutland")
    assert report.error is None and saved_items(env) == RUTLAND_SAVED_ITEMS
    assert 3.0 in env["slept"] and env["client"].counts.retries == 4


def test_a_failing_site_does_not_stop_the_others(modgov, env):
    modgov.fail("rutland", "GetMeetings", "101", *[Reply(503)] * 5)
    reports = fetch(env, modgov, "broken", "rutland", "halton")
    broken, rutland, halton = reports
    assert "GetCommittees: the answer is not valid XML" in broken.error
    assert "GetMeetings?lCommitteeId=101" in rutland.error and "gave up after 5 tries" in rutland.error
    assert halton.error is None and halton.count("saved") == 1
    assert broken.text().startswith("Luton: FAILED: ")


def test_an_address_that_is_no_modern_gov_site(modgov, env):
    (report,) = fetch_sites([Site(None, modgov.url("nowhere"))], env["client"], OPTIONS, env["minutes"], env["cache"])
    assert report.error.endswith("GetCommittees: the site answered 404 Not Found")
    assert report.site.label == f"127.0.0.1:{modgov.httpd.server_address[1]}"


def test_minutes_that_cannot_be_fetched_are_reported(modgov, env):
    modgov.fail("rutland", "item", "7011", Reply(404))
    modgov.fail("rutland", "item", "7101", Reply(200, b"\x00\x01binary", "application/octet-stream"))
    (report,) = fetch(env, modgov, "rutland")
    by_item = {o.candidate.item_id: o for o in report.outcomes}
    assert by_item[7011].status == "failed" and "answered 404" in by_item[7011].detail
    assert by_item[7101].status == "failed" and "neither a web page nor a PDF" in by_item[7101].detail
    assert report.count("saved") == 2


def test_nothing_already_stored_is_overwritten_or_lost(modgov, env):
    minutes = env["minutes"]
    minutes.mkdir()
    mine = minutes / "rutland_2014-11-11_7002.html"  # the name the fetch would choose
    mine.write_text("My own notes of the meeting.")
    halton = modgov.sites["halton"]
    copy = item_page_html(halton.committees[201], halton.meetings[0].when, halton.meetings[0].items[0])
    (minutes / "halton copy.html").write_bytes(copy)  # the page the fetch will find, saved by hand
    (minutes / "sources.csv").write_text("file,council,source_url,meeting_date\nmy notes.txt,Rutland,,2014-11-11\n")
    before = {p.name: p.read_bytes() for p in minutes.iterdir()}
    rutland, halton_report = fetch(env, modgov, "rutland", "halton")
    for name, data in before.items():
        if name != "sources.csv":
            assert (minutes / name).read_bytes() == data
    assert (minutes / "rutland_2014-11-11_7002_1.html").exists()
    (o,) = halton_report.outcomes
    assert o.status == "duplicate" and o.detail == "already stored as halton copy.html: not saved again"
    rows = (minutes / "sources.csv").read_text().splitlines()
    assert rows[:2] == ["file,council,source_url,meeting_date,committee", "my notes.txt,Rutland,,2014-11-11,"]
    assert load_sidecar(minutes)["halton copy.html"].council == "Halton"  # a row for the file that had none


def test_a_broken_sidecar_stops_the_site_with_its_name(modgov, env):
    env["minutes"].mkdir()
    (env["minutes"] / "sources.csv").write_text("name;council\nx;y\n")
    (report,) = fetch(env, modgov, "halton")
    assert "sources.csv: the header must name the column 'file'" in report.error
    assert (env["minutes"] / "sources.csv").read_text() == "name;council\nx;y\n"


def test_one_fetch_at_a_time_per_site(modgov, env):
    with site_lock(env["cache"], modgov.url("halton")):
        busy, rutland = fetch(env, modgov, "halton", "rutland")
    assert busy.error.endswith(": another fetch of this site is running; wait for it to finish, then run again")
    assert "another fetch of this site is running" in rutland.error  # the same host: one lock for both
    assert modgov.log == []


def test_site_fetch_reads_its_own_ledger(modgov, env):
    fetch(env, modgov, "halton")
    site = Site("Halton", modgov.url("halton"))
    again = SiteFetch(site, env["client"], OPTIONS, env["minutes"], env["cache"]).run()
    assert [o.status for o in again.outcomes] == ["already"]
