"""The table of councils' democracy sites, and the sidecar rows the fetch adds (old sidecars stay readable)."""

import csv
from urllib.parse import urlsplit

import pytest

from boardcompare.authorities import load_authorities
from boardcompare.fetch.errors import FetchError
from boardcompare.fetch.moderngov import site_base
from boardcompare.fetch.sites import (
    COLUMNS,
    SITES_CSV,
    SYSTEMS,
    fetchable_sites,
    find_site,
    load_sites,
    site_for_address,
)
from boardcompare.sources import SidecarError, add_sources, load_sidecar


def rows():
    with open(SITES_CSV, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_table_has_one_row_per_authority_in_its_order():
    table = rows()
    assert tuple(table[0].keys()) == COLUMNS
    assert [r["council"] for r in table] == sorted(a.name for a in load_authorities())


@pytest.mark.parametrize("row", [r for r in rows() if r["system"] != "unknown"], ids=lambda r: r["council"])
def test_every_known_site_says_where_the_fact_came_from(row):
    assert row["system"] in SYSTEMS
    assert site_base(row["site"]) == row["site"]  # a base address, no page
    assert urlsplit(row["source"]).scheme in ("http", "https")
    if row["system"] == "moderngov":  # the source is a page of the site itself
        assert urlsplit(row["source"]).hostname == urlsplit(row["site"]).hostname


def test_unknown_rows_have_no_address():
    assert all(not r["site"] and not r["source"] for r in rows() if r["system"] == "unknown")


def test_counts():
    table = load_sites()
    assert len(fetchable_sites()) == sum(s.system == "moderngov" for s in table) >= 50
    assert sum(s.system == "other" for s in table) >= 1


@pytest.mark.parametrize("name, site", [
    ("Slough", "http://www.slough.gov.uk/moderngov"),
    ("Slough Borough Council", "http://www.slough.gov.uk/moderngov"),
    ("Brighton & Hove City Council", "https://phantom.brighton-hove.gov.uk"),
    ("London Borough of Brent", "https://democracy.brent.gov.uk"),
    ("staffordshire", "https://staffordshire.moderngov.co.uk"),
])
def test_find_a_council_by_any_common_name(name, site):
    assert find_site(name).site == site


@pytest.mark.parametrize("name, reason", [
    ("Stockton-on-Tees Borough Council", r"is not ModernGov \(egenda pages \(kab12.pl\)\), so it cannot be fetched"),
    ("Barnet", "Barnet: no democracy site address is known yet; give it instead"),
    ("Cumbria", "Cumbria: no democracy site address is known yet"),
    ("Planning Committee", "Planning Committee: not an English council"),
    ("Atlantis", "Atlantis: not an English council"),
])
def test_councils_that_cannot_be_fetched_say_why(name, reason):
    with pytest.raises(FetchError, match=reason):
        find_site(name)


def test_an_address_finds_its_council():
    site = site_for_address("https://democracy.kent.gov.uk/mgAi.aspx?ID=25929")
    assert (site.council, site.site) == ("Kent", "https://democracy.kent.gov.uk")
    other = site_for_address("https://democracy.example.gov.uk")
    assert other.council is None and other.label == "democracy.example.gov.uk"


def test_a_table_with_a_wrong_header_is_named(tmp_path):
    bad = tmp_path / "sites.csv"
    bad.write_text("council,url\nKent,https://democracy.kent.gov.uk\n")
    with pytest.raises(FetchError, match=r"sites.csv: the header must have the columns council, site"):
        load_sites(bad)


# --- sources.csv ---------------------------------------------------------------------------------

OLD = "file,council,source_url,meeting_date\na.txt,Wigan,,2017-11-14\n"


def test_rows_are_added_to_an_old_sidecar_with_the_new_column(tmp_path):
    (tmp_path / "sources.csv").write_text(OLD)
    assert add_sources(tmp_path, [{"file": "b.html", "council": "Halton", "committee": "Cabinet"}]) == 1
    assert (tmp_path / "sources.csv").read_text() == (
        "file,council,source_url,meeting_date,committee\na.txt,Wigan,,2017-11-14,\nb.html,Halton,,,Cabinet\n")
    assert load_sidecar(tmp_path)["a.txt"].council == "Wigan"


def test_an_old_sidecar_is_still_read_as_before(tmp_path):
    (tmp_path / "sources.csv").write_text(OLD)
    assert load_sidecar(tmp_path)["a.txt"].meeting_date == "2017-11-14"


def test_rows_already_there_are_never_changed(tmp_path):
    (tmp_path / "sources.csv").write_text(OLD)
    assert add_sources(tmp_path, [{"file": "a.txt", "council": "Halton"}]) == 0
    assert (tmp_path / "sources.csv").read_text() == OLD


def test_other_columns_are_kept(tmp_path):
    (tmp_path / "sources.csv").write_text("file,council,note\na.txt,Wigan,from the clerk\n")
    add_sources(tmp_path, [{"file": "b.txt"}])
    lines = (tmp_path / "sources.csv").read_text().splitlines()
    assert lines[0] == "file,council,note,source_url,meeting_date,committee"
    assert lines[1] == "a.txt,Wigan,from the clerk,,,"


def test_a_new_sidecar_gets_every_column(tmp_path):
    add_sources(tmp_path / "new", [{"file": "x.pdf", "council": "Kent", "meeting_date": "2013-01-02"}])
    assert (tmp_path / "new" / "sources.csv").read_text().splitlines() == [
        "file,council,source_url,meeting_date,committee", "x.pdf,Kent,,2013-01-02,"]


def test_a_sidecar_without_a_file_column_is_left_alone(tmp_path):
    (tmp_path / "sources.csv").write_text("name,council\nx,y\n")
    with pytest.raises(SidecarError, match="it was left as it is"):
        add_sources(tmp_path, [{"file": "b.txt"}])
    assert (tmp_path / "sources.csv").read_text() == "name,council\nx,y\n"
