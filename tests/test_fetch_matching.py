"""Which agenda item titles and committees the fetch chooses: many councils' styles, written for these tests."""

import pytest

from boardcompare.fetch.matching import committee_is_relevant, committee_matches, match_title

# The board's or partnership's annual report, in the ways councils title it.
ANNUAL_REPORTS = [
    "Local Safeguarding Children Board Annual Report 2017/18",
    "LSCB Annual Report",
    "Safeguarding Children Partnership Annual Report 2020-21",
    "Annual report of the Northshire Safeguarding Children Partnership",
    "Annual Report of the Local Safeguarding Children Board",
    "Westford Safeguarding Children Board - Annual Report 2014/2015",
    "Local Safeguarding Children's Board Annual Report",
    "Safeguarding Children's Board Annual: Report and Executive Summary 2014 - 2015",
    "Children Safeguarding Board Annual Report 2015/16",
    "To receive the Annual Report of the Midcaster Children's Safeguarding Partnership Board 2021-2022",
    "LSCB & LSAB Annual Report 2018/19",
    "Annual reports from Adult Safeguarding Board and Children Safeguarding Board",
    "Northshire Safeguarding Children Board and Northshire Safeguarding Adults Board Annual Reports 2017-2018",
    "South Westford Safeguarding Children Partnership - Annual Report 2021/22",
    "STSCP Annual Report 2021/22",
    "KSCB annual report 2012-13",
    "Westford Safeguarding Children Partnership (Multi-agency safeguarding arrangements) Annual Report April 2024 - "
    "March 2025",
    "Annual Report of Local Arrangements to safeguard and promote the welfare of children and young people 2022/23",
    "Multi-Agency Safeguarding Arrangements: Yearly Report 2023-24",
    "Safeguarding Children Annual Report 2015/16",
    "SAFEGUARDING CHILDREN ANNUAL REPORT",
    "Independent Scrutineer's report on the Safeguarding Children Partnership 2022-23",
    "LSCB Business Plan 2016/17 and Annual Report 2015",
    "Children’s Safeguarding Partnership annual report",
]

# Serious case reviews and child safeguarding practice reviews.
REVIEWS = [
    "Serious Case Review: Child J",
    "Publication of Serious Case Review - Baby K",
    "Local Safeguarding Children Board, Serious Case Reviews - report by Director of Children's Services",
    "Learning from Serious Case Reviews",
    "SCR overview report: Family Z",
    "Child Safeguarding Practice Review: Child Q",
    "Local Child Safeguarding Practice Review - Sibling Group A",
    "LCSPR findings and action plan",
    "Safeguarding Practice Reviews published this year",
]

# Titles that are not about the children's board, however close.
NOT_ABOUT_THE_BOARD = [
    "Adult Safeguarding Board annual report",
    "Safeguarding Adults Board",
    "Safeguarding Adults Board Annual Report 2018/19",
    "Northshire Safeguarding Adults Board Annual Report",
    "Safeguarding Adults Review: Mr X",
    "Serious Case Review (Safeguarding Adults Board): Mrs Y",
    "Domestic Homicide Review - Overview Report",
    "Corporate Parenting Board annual report",
    "Annual Report of the Virtual School",
    "Independent Reviewing Officers Annual Report 2017/18",
    "Local Authority Designated Officer (LADO) Annual Report",
    "Fostering Service Annual Report",
    "Adoption Agency annual report 2019-20",
    "Youth Justice Plan 2019-2021",
    "Child Death Overview Panel Annual Report",
    "Annual Safeguarding Report - Children's Services 2019-20",
    "Safeguarding Children in Education Annual Report",
    "Safeguarding Children Partnership - Update",
    "Local Safeguarding Children Board - membership",
    "Minutes of the previous meeting",
    "Annual Report of the Director of Public Health 2018",
    "Children's Services complaints annual report",
    "Scrutiny Annual Report 2016/17",
    "Treasury Management Annual Report 2018/19",
    "Rapid review of home to school transport",
]


@pytest.mark.parametrize("title", ANNUAL_REPORTS)
def test_annual_reports_of_the_board_match(title):
    found = match_title(title)
    assert found is not None and found.kind == "annual_report", title
    assert found.reason


@pytest.mark.parametrize("title", REVIEWS)
def test_reviews_of_serious_cases_match(title):
    found = match_title(title)
    assert found is not None and found.kind == "review", title
    assert "review" in found.reason


@pytest.mark.parametrize("title", NOT_ABOUT_THE_BOARD)
def test_other_titles_do_not_match(title):
    assert match_title(title) is None, title


def test_reason_names_what_was_found():
    assert "(LSCB)" in match_title("LSCB Annual Report").reason
    assert "(Serious Case Review)" in match_title("Serious Case Review: Child J").reason


def test_spacing_and_line_breaks_in_titles_do_not_matter():
    assert match_title("Local  Safeguarding\nChildren Board\tAnnual Report") is not None


# Committees that may discuss the board, and those that never do.
RELEVANT_COMMITTEES = [
    "Children's Scrutiny Committee", "Children and Young People Scrutiny Panel", "Cabinet", "Council",
    "Full Council", "County Council", "Health and Wellbeing Board", "Health & Well-being Board",
    "People Overview and Scrutiny Committee", "Children's Select Committee", "Executive",
    "Overview and Scrutiny Committee (Children's Services and Safeguarding)",
    "Families Overview and Scrutiny Committee",
    "Education and Learning Scrutiny", "Corporate Parenting Board",
]
OTHER_COMMITTEES = [
    "Planning Committee", "Licensing Sub-Committee", "Audit and Governance Committee", "Pensions Board",
    "Standards Committee", "Development Control", "Appointments Panel", "Highways and Transport Board",
    "North Area Committee", "Rights of Way Committee", "Planning and Regulatory Scrutiny Panel",
]


@pytest.mark.parametrize("title", RELEVANT_COMMITTEES)
def test_committees_that_may_discuss_the_board(title):
    assert committee_is_relevant(title), title


@pytest.mark.parametrize("title", OTHER_COMMITTEES)
def test_committees_that_never_do(title):
    assert not committee_is_relevant(title), title


@pytest.mark.parametrize("title, wanted, expected", [
    ("Children's Scrutiny Committee", "Children's Scrutiny", True),
    ("Children's Scrutiny Committee", "childrens scrutiny committee", True),
    ("Children & Young People Scrutiny Panel", "children and young people", True),
    ("Health and Well-being Board", "health and well being", True),
    ("Cabinet", "Children's Scrutiny", False),
    ("Children's Scrutiny Committee", "Adults Scrutiny", False),
])
def test_committee_named_by_the_user(title, wanted, expected):
    assert committee_matches(title, wanted) is expected
