"""The reference list of local authorities, and matching names and mentions to it."""

from __future__ import annotations

import csv
import re

import pytest

from boardcompare.authorities import (
    LA_TYPES,
    REGIONS,
    AuthorityHit,
    LocalAuthority,
    authority_by_name,
    find_authorities,
    load_authorities,
    match_authority,
    normalise,
    not_authorities,
)
from boardcompare.paths import VOCAB_DIR

ONS_CODE = re.compile(r"E0[6-9]\d{6}|E10\d{6}")
TYPE_PREFIX = {"unitary": "E06", "metropolitan borough": "E08", "London borough": "E09", "county": "E10"}


def found(text: str) -> list[tuple[str, str]]:
    return [(hit.authority.name, hit.matched) for hit in find_authorities(text)]


# --- the data ------------------------------------------------------------------------


def test_csv_columns_are_exactly_the_contract():
    with open(VOCAB_DIR / "local_authorities.csv", newline="", encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == ["name", "ons_code", "region", "la_type", "aliases", "valid_to"]


def test_every_row_is_well_formed():
    for la in load_authorities():
        assert isinstance(la, LocalAuthority)
        assert ONS_CODE.fullmatch(la.ons_code), la
        assert la.region in REGIONS, la
        assert la.la_type in LA_TYPES, la
        assert la.ons_code.startswith(TYPE_PREFIX[la.la_type]), la
        assert la.name == la.name.strip() and "  " not in la.name, la
        assert la.valid_to is None or 2009 <= la.valid_to <= 2023, la
        assert not any(word in la.name for word in ("Council", "County of", "City of ")) or la.name == (
            "City of London"
        ), la


def test_names_and_codes_are_unique():
    authorities = load_authorities()
    assert len({la.name for la in authorities}) == len(authorities)
    assert len({la.ons_code for la in authorities}) == len(authorities)


def test_no_name_or_alias_is_shared_by_two_authorities():
    owners: dict[str, set[str]] = {}
    for la in load_authorities():
        for form in la.forms:
            owners.setdefault(normalise(form), set()).add(la.name)
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    assert shared == {}


def test_no_alias_is_a_board_acronym():
    for la in load_authorities():
        for alias in la.aliases:
            assert not re.search(r"SCB|SCP|LSCB|Board|Partnership", alias), (la.name, alias)


def test_every_and_name_has_its_ampersand_form():
    for la in load_authorities():
        for form in la.forms:
            if " and " in form and not form.endswith(", City of"):
                assert form.replace(" and ", " & ") in la.forms, form


def test_current_authorities_number_153():
    assert len([la for la in load_authorities() if la.current]) == 153


@pytest.mark.parametrize(
    ("region", "count"),
    [
        ("North East", 12),
        ("North West", 24),
        ("Yorkshire and The Humber", 15),
        ("East Midlands", 10),
        ("West Midlands", 14),
        ("East of England", 11),
        ("London", 33),
        ("South East", 19),
        ("South West", 15),
    ],
)
def test_current_authorities_per_region(region, count):
    assert len([la for la in load_authorities() if la.current and la.region == region]) == count


@pytest.mark.parametrize(
    ("la_type", "count"),
    [("county", 21), ("metropolitan borough", 36), ("London borough", 33), ("unitary", 63)],
)
def test_current_authorities_per_type(la_type, count):
    assert len([la for la in load_authorities() if la.current and la.la_type == la_type]) == count


@pytest.mark.parametrize(
    ("name", "ons_code", "region", "la_type"),
    [
        ("Durham", "E06000047", "North East", "unitary"),
        ("Northumberland", "E06000057", "North East", "unitary"),
        ("Gateshead", "E08000037", "North East", "metropolitan borough"),
        ("North Yorkshire", "E06000065", "Yorkshire and The Humber", "unitary"),
        ("Somerset", "E06000066", "South West", "unitary"),
        ("Cumberland", "E06000063", "North West", "unitary"),
        ("Westmorland and Furness", "E06000064", "North West", "unitary"),
        ("Bournemouth, Christchurch and Poole", "E06000058", "South West", "unitary"),
        ("Dorset", "E06000059", "South West", "unitary"),
        ("Buckinghamshire", "E06000060", "South East", "unitary"),
        ("North Northamptonshire", "E06000061", "East Midlands", "unitary"),
        ("West Northamptonshire", "E06000062", "East Midlands", "unitary"),
        ("Isles of Scilly", "E06000053", "South West", "unitary"),
        ("City of London", "E09000001", "London", "London borough"),
        ("Westminster", "E09000033", "London", "London borough"),
        ("Solihull", "E08000029", "West Midlands", "metropolitan borough"),
        ("Suffolk", "E10000029", "East of England", "county"),
        ("Kent", "E10000016", "South East", "county"),
        ("Reading", "E06000038", "South East", "unitary"),
    ],
)
def test_known_codes_regions_and_types(name, ons_code, region, la_type):
    la = authority_by_name(name)
    assert (la.ons_code, la.region, la.la_type) == (ons_code, region, la_type)


# --- historic authorities ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "valid_to", "successors"),
    [
        ("Cumbria", 2022, ["Cumberland", "Westmorland and Furness"]),
        ("Northamptonshire", 2020, ["North Northamptonshire", "West Northamptonshire"]),
        ("Bournemouth", 2018, ["Bournemouth, Christchurch and Poole"]),
        ("Poole", 2018, ["Bournemouth, Christchurch and Poole"]),
    ],
)
def test_historic_authorities_and_their_successors(name, valid_to, successors):
    la = authority_by_name(name)
    assert la.valid_to == valid_to and not la.current
    assert all(authority_by_name(s).current for s in successors)


@pytest.mark.parametrize("name", ["Dorset", "Buckinghamshire", "North Yorkshire", "Somerset"])
def test_authorities_that_kept_their_name_have_one_current_row(name):
    rows = [la for la in load_authorities() if la.name == name]
    assert len(rows) == 1 and rows[0].current


def test_historic_authorities_match_by_name():
    assert match_authority("Cumbria County Council").name == "Cumbria"
    assert match_authority("Borough of Poole").name == "Poole"
    assert found("Cumbria LSCB and Northants") == [("Cumbria", "Cumbria"), ("Northamptonshire", "Northants")]


def test_authority_by_name_is_exact():
    with pytest.raises(KeyError):
        authority_by_name("kent")
    with pytest.raises(KeyError):
        authority_by_name("Kent County Council")


# --- match_authority: names as written -----------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        # short forms and aliases
        ("LBHF", "Hammersmith and Fulham"),
        ("H&F", "Hammersmith and Fulham"),
        ("RBKC", "Kensington and Chelsea"),
        ("B&NES", "Bath and North East Somerset"),
        ("BANES", "Bath and North East Somerset"),
        ("BCP", "Bournemouth, Christchurch and Poole"),
        ("RBWM", "Windsor and Maidenhead"),
        ("LBTH", "Tower Hamlets"),
        ("LBBD", "Barking and Dagenham"),
        ("Hull", "Kingston upon Hull"),
        ("Southend", "Southend-on-Sea"),
        ("Stoke", "Stoke-on-Trent"),
        ("NE Lincs", "North East Lincolnshire"),
        ("County Durham", "Durham"),
        ("St. Helens", "St Helens"),
        ("Kingston", "Kingston upon Thames"),
        ("Newcastle", "Newcastle upon Tyne"),
        ("Northants", "Northamptonshire"),
        # council-type words stripped, & normalised
        ("Brighton & Hove City Council", "Brighton and Hove"),
        ("London Borough of Hammersmith & Fulham", "Hammersmith and Fulham"),
        ("Royal Borough of Kensington and Chelsea", "Kensington and Chelsea"),
        ("Royal Borough of Windsor & Maidenhead", "Windsor and Maidenhead"),
        ("Solihull Metropolitan Borough Council", "Solihull"),
        ("Suffolk County Council", "Suffolk"),
        ("City of Bradford Metropolitan District Council", "Bradford"),
        ("Metropolitan Borough of Wirral", "Wirral"),
        ("Kingston-upon-Hull", "Kingston upon Hull"),
        ("Kingston upon Hull City Council", "Kingston upon Hull"),
        ("Herefordshire, County of", "Herefordshire"),
        ("Bristol, City of", "Bristol"),
        ("City of York Council", "York"),
        ("City of London", "City of London"),
        ("City of London Corporation", "City of London"),
        ("Westminster City Council", "Westminster"),
        ("Council of the Isles of Scilly", "Isles of Scilly"),
        ("Bath & North East Somerset Council", "Bath and North East Somerset"),
        ("Southend-on-Sea City Council", "Southend-on-Sea"),
        ("North Yorkshire Council", "North Yorkshire"),
        ("Durham County Council", "Durham"),
        ("Telford & Wrekin Council", "Telford and Wrekin"),
        ("Sandwell Children's Trust", "Sandwell"),
        ("Kent Safeguarding Children Board", "Kent"),
        ("Sefton Local Safeguarding Children Board", "Sefton"),
        ("Suffolk Safeguarding Children’s Board", "Suffolk"),
        ("  brighton   and hove ", "Brighton and Hove"),
        ("The Royal Borough of Greenwich", "Greenwich"),
        # a council-type word makes a unique leading part enough
        ("London Borough of Richmond", "Richmond upon Thames"),
        ("Royal Borough of Windsor", "Windsor and Maidenhead"),
        # fuzzy, for long names only
        ("Hammersmith and Fulhum", "Hammersmith and Fulham"),
        ("Workingham", "Wokingham"),
        ("Wolverhamton Council", "Wolverhampton"),
    ],
)
def test_match_authority(written, expected):
    la = match_authority(written)
    assert la is not None and la.name == expected


@pytest.mark.parametrize(
    "written",
    [
        "",
        "Planning Committee",
        "Safeguarding Adults Board",
        "Fire and Rescue",
        "Health and Wellbeing Board",
        "Children's Services",
        "Local Safeguarding Children Board",
        "LSCB",
        "SSCB",
        "Council",
        "London",
        "North",
        "Tower",
        "The Tower",
        "The North",
        "Richmond",
        "Cheshire",
        "Bedfordshire",
        "Greater Manchester",
        "Kent Police",
        "Newcastle-under-Lyme",
        "Richmondshire District Council",
        "Mid Sussex",
        "Derbyshire Dales",
        "Wast Sussex",
    ],
)
def test_match_authority_refuses_what_is_not_an_authority(written):
    assert match_authority(written) is None


def test_every_name_and_alias_matches_its_own_authority():
    for la in load_authorities():
        for form in la.forms:
            assert match_authority(form) == la, form


# --- find_authorities: mentions in text ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The board in Bury met.", [("Bury", "Bury")]),
        (
            "B&NES and BCP and LBHF",
            [
                ("Bath and North East Somerset", "B&NES"),
                ("Bournemouth, Christchurch and Poole", "BCP"),
                ("Hammersmith and Fulham", "LBHF"),
            ],
        ),
        ("Hull and Southend", [("Kingston upon Hull", "Hull"), ("Southend-on-Sea", "Southend")]),
        ("County Durham LSCB", [("Durham", "County Durham")]),
        ("St. Helens and St Helens", [("St Helens", "St. Helens"), ("St Helens", "St Helens")]),
        ("Brighton & Hove", [("Brighton and Hove", "Brighton & Hove")]),
    ],
)
def test_short_forms_in_text(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("North Yorkshire", [("North Yorkshire", "North Yorkshire")]),
        ("Bath and North East Somerset", [("Bath and North East Somerset", "Bath and North East Somerset")]),
        ("Bath & North East Somerset", [("Bath and North East Somerset", "Bath & North East Somerset")]),
        ("Kingston upon Hull", [("Kingston upon Hull", "Kingston upon Hull")]),
        ("Kingston upon Thames", [("Kingston upon Thames", "Kingston upon Thames")]),
        ("Newcastle upon Tyne", [("Newcastle upon Tyne", "Newcastle upon Tyne")]),
        ("Stoke-on-Trent", [("Stoke-on-Trent", "Stoke-on-Trent")]),
        ("Stoke on Trent", [("Stoke-on-Trent", "Stoke on Trent")]),
        ("North Somerset", [("North Somerset", "North Somerset")]),
        ("South Gloucestershire", [("South Gloucestershire", "South Gloucestershire")]),
        (
            "Central Bedfordshire and Bedford",
            [
                ("Central Bedfordshire", "Central Bedfordshire"),
                ("Bedford", "Bedford"),
            ],
        ),
        ("Cheshire West and Chester", [("Cheshire West and Chester", "Cheshire West and Chester")]),
        (
            "Bournemouth, Christchurch and Poole",
            [
                ("Bournemouth, Christchurch and Poole", "Bournemouth, Christchurch and Poole"),
            ],
        ),
        ("West Northamptonshire", [("West Northamptonshire", "West Northamptonshire")]),
        ("Telford and Wrekin", [("Telford and Wrekin", "Telford and Wrekin")]),
    ],
)
def test_longest_match_wins(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kent", [("Kent", "Kent")]),
        ("KENT SAFEGUARDING CHILDREN BOARD", [("Kent", "KENT")]),
        ("a kent of", []),
        ("They will bury the matter.", []),
        ("see www.kent.gov.uk", []),
        (
            "in Halton, Wigan, Derby, Poole and York",
            [
                ("Halton", "Halton"),
                ("Wigan", "Wigan"),
                ("Derby", "Derby"),
                ("Poole", "Poole"),
                ("York", "York"),
            ],
        ),
        ("bcp and lbhf", []),
        ("Kent-wide", [("Kent", "Kent")]),
        ("Kentish", []),
    ],
)
def test_names_are_proper_nouns(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Reading Borough Council", ["Reading"]),
        ("Reading Safeguarding Children Board", ["Reading"]),
        ("READING LSCB", ["READING"]),
        ("The board in Reading met.", ["Reading"]),
        ("Children in Reading were seen.", ["Reading"]),
        ("Reading, Wokingham and West Berkshire", ["Reading", "Wokingham", "West Berkshire"]),
        ("Reading the report, members agreed.", []),
        ("Reading children's books helps.", []),
        ("Reading and writing were discussed.", []),
        ("Reading Children's Services", ["Reading"]),
        ("Reading and Wokingham", ["Reading", "Wokingham"]),
        ("It was noted. Reading the report, members agreed.", []),
        ("Agenda:\nReading of the minutes", []),
        ("the Bill's Second Reading", []),
        ("Further Reading", []),
        ("members were reading the report", []),
    ],
)
def test_reading_needs_context(text, expected):
    assert [hit.matched for hit in find_authorities(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Newcastle-under-Lyme",
        "Bury St Edmunds",
        "Sutton Coldfield",
        "Stoke Newington",
        "Greater Manchester",
        "Liverpool City Region",
        "New York",
        "Westminster Hall",
        "Hull York Medical School",
        "Councillor Wakefield",
        "Mr Bolton and Mrs Sutton",
        "Cllr. Kent",
    ],
)
def test_places_and_people_that_are_not_authorities(text):
    assert found(text) == []


def test_exclusions_do_not_swallow_neighbours():
    assert found("Greater Manchester and Manchester") == [("Manchester", "Manchester")]
    assert found("Bury St Edmunds, not Bury") == [("Bury", "Bury")]


def test_acronyms_are_never_identity():
    # Board acronyms are shared (Solihull and Suffolk are both "SSCB"), so they find nothing.
    assert found("The SSCB and the LSCB met.") == []
    assert found("Solihull SSCB and Suffolk SSCB") == [("Solihull", "Solihull"), ("Suffolk", "Suffolk")]
    assert match_authority("SSCB") is None


def test_hits_carry_offsets_into_the_text():
    text = "Members from Kingston upon Hull and Kent."
    hits = find_authorities(text)
    assert all(isinstance(hit, AuthorityHit) for hit in hits)
    assert [text[hit.start : hit.end] for hit in hits] == [hit.matched for hit in hits]
    assert [hit.start for hit in hits] == [13, 36]


def test_every_name_and_alias_is_found_in_a_sentence():
    for la in load_authorities():
        for form in la.forms:
            if la.name == "Reading":
                continue
            assert found(f"The board of {form} met.") == [(la.name, form)], form


def test_every_exclusion_phrase_guards_a_real_authority_form():
    forms = {normalise(form) for la in load_authorities() for form in la.forms}
    for phrase in not_authorities():
        padded = f" {normalise(phrase)} "
        assert any(f" {form} " in padded for form in forms), phrase
        assert found(f"The {phrase} met.") == [], phrase
