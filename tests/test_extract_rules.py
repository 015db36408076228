"""Extraction rules, table-driven and grouped by what they exercise. Sentences are our own, in
wordings the seed minutes do not use."""

import pytest

from boardcompare.extract import SourceHints, extract_report
from boardcompare.extract.text import split_sentences
from boardcompare.models import EXAMPLE_REPORT

BOARD = "The Local Safeguarding Children Board presented its annual report.\n\n"


def board_report(text: str):
    """Extract from ``text`` as part of minutes about a board (a bare sentence is not about one)."""
    return extract_report(BOARD + text)


def values(text: str) -> list[tuple[float, str]]:
    return [(m.value, m.unit) for m in board_report(text).metrics]


METRICS = {
    "digits before a counted noun": ("During 2016/17, 1,846 referrals were received.", [(1846, "count")]),
    "words before a counted noun": ("Thirty-two young people were referred to the CSE panel.", [(32, "count")]),
    "hundreds in words": ("Two hundred and twelve allegations were managed by the LADO.", [(212, "count")]),
    "qualifier kept, value plain": ("Over 1,200 practitioners attended multi-agency training.", [(1200, "count")]),
    "percent sign": ("Only 62% of schools returned their section 175 audit.", [(62, "percent")]),
    "per cent in words": ("Some forty per cent of contacts led to no further action.", [(40, "percent")]),
    "decimal percent": ("Repeat plans had fallen to 3.5%.", [(3.5, "percent")]),
    "money with commas": ("The Board's budget was £212,500.", [(212500, "gbp")]),
    "money in millions": ("The Council invested £1.5m in the front door.", [(1500000, "gbp")]),
    "money in thousands": ("The police contributed £25k to the Board.", [(25000, "gbp")]),
    "N of the noun": ("Modifiable factors were found in 9 of the 31 deaths reviewed.", [(9, "count"), (31, "count")]),
    "list continues a count": ("In the year 320 staff attended courses, 150 a conference and 90 a workshop.",
                               [(320, "count"), (150, "count"), (90, "count")]),
    "number of ... was": ("The number of children on a plan was 287.", [(287, "count")]),
    "table flattened into a line": ("Indicator 2017/18 2018/19 Contacts 9,870 10,412 Referrals 2,310 2,104",
                                    [(10412, "count"), (2104, "count")]),
}

# Shapes real minutes give figures in (our own sentences): value, top of a range, own date.
FIGURE_SHAPES = {
    "a bullet list": ("What the year held:\n\n· 71 briefings given\n· 9 audits completed",
                      [(71, None, None), (9, None, None)]),
    "lower bounds keep the qualifier": ("The Board ran more than 140 sessions reaching over 6,200 staff.",
                                        [(140, None, None), (6200, None, None)]),
    "a range with between": ("Between 250 and 290 contacts arrived each month.", [(250, 290, None)]),
    "a dashed range": ("Partners expected 8-11 rapid reviews a year.", [(8, 11, None)]),
    "a percent range": ("Some 12-18% of referrals were repeat referrals.", [(12, 18, None)]),
    "a change, each end with its date": ("Children on plans fell from 640 at 31 March 2017 to 590 in March 2018.",
                                         [(590, None, "2018-03"), (640, None, "2017-03-31")]),
    "a change without dates keeps this year's": ("Contacts rose from 3,100 to 3,650.", [(3650, None, None)]),
    "in brackets after its noun": ("Return home interviews were offered this year (287).", [(287, None, None)]),
    "an uncommon noun beside an activity": ("Awareness sessions reached over 400 hackney carriage drivers.",
                                            [(400, None, None)]),
    "last year's figure in its own clause": ("In 2016-17 there had been 6 reviews; in 2017-18 there were 3 serious "
                                             "case reviews.", [(3, None, None)]),
    "a change against last year stays": ("The LADO received 212 referrals, 15% more than in 2016-17.",
                                         [(212, None, None), (15, None, None)]),
    "last year's value in brackets": ("The panel reviewed 41 deaths in 2017-18 (47 the previous year).",
                                      [(41, None, None)]),
    "a part of an earlier count": ("There were 31 deaths and only 22 of those had been reviewed.",
                                   [(31, None, None), (22, None, None)]),
    "a title-case noun after a number word": ("Two Serious Case Reviews were published in the year.",
                                              [(2, None, None)]),
    "down on last year": ("The team was down on referrals from 204 in the previous year to 187 this year.",
                          [(187, None, None)]),
    "thousands as k": ("The front door handled over 31k contacts.", [(31000, None, None)]),
    "noun first, then 'was at'": ("Data showed that contacts to the MASH were at 21,460.", [(21460, None, None)]),
    "the noun said before the number": ("Of the notifications made, nine had been reviewed.", [(9, None, None)]),
    "a base repeats an earlier figure": ("The panel reviewed 34 deaths. In 6 of the 34 deaths smoking was a factor.",
                                         [(34, None, None), (6, None, None)]),
}
NOT_FIGURE_SHAPES = {
    "a ratio": "Roughly 1 in 8 families stepped up from early help to social care.",
    "statutory partners": "The three statutory partners and the five key strategic lead agencies met.",
    "a survey's base": "A survey of 350 practitioners was carried out.",
    "a plan": "The partnership hoped to offer 20 sessions next spring.",
    "an agenda item number": "Meeting (Item 7) 7 Safeguarding Children Partnership Annual Report",
    "a year in brackets": "Guidance (2018) was followed by all agencies.",
    "a list number in brackets": "Further to Minute No. 4 (3) the Committee resumed.",
    "a typical range": "Deaths of infants usually range from two to five a year.",
    "a number in a legal name": "The coroner's Rule 43 report was shared with partners.",
    "an item number heading a line": "12 Child Death Overview Panel Annual Report pdf icon PDF 85 KB",
    "counts of reports before the committee": "The paper presents three annual reports to Cabinet.",
}


@pytest.mark.parametrize("case", FIGURE_SHAPES)
def test_figure_shapes(case):
    text, expected = FIGURE_SHAPES[case]
    report = extract_report(BOARD.replace("annual report", "annual report for 2017-18") + text)
    assert [(m.value, m.value_high, m.as_of) for m in report.metrics] == [
        (float(v), None if h is None else float(h), d) for v, h, d in expected]


@pytest.mark.parametrize("case", NOT_FIGURE_SHAPES)
def test_numbers_that_are_not_figures(case):
    assert board_report(NOT_FIGURE_SHAPES[case]).metrics == ()


NAMES = {
    "noun and verb name the figure": ("Over 900 staff had attended multi-agency training on neglect and CSE.",
                                      "training_attendees"),
    "specific before generic": ("Modifiable factors were present in 11 of the deaths.", "child_deaths_modifiable"),
    "acronym only in capitals": ("The Scrutineer said 1,329 children were electively home educated.",
                                 "home_educated_children"),
}


@pytest.mark.parametrize("case", NAMES)
def test_metric_names(case):
    text, name = NAMES[case]
    assert [m.name for m in board_report(text).metrics] == [name]


def test_documents_not_about_a_board_have_no_figures():
    assert extract_report("Planning application for 14 dwellings and 32 parking spaces.").metrics == ()


NOT_METRICS = {
    "dates": "The meeting on 12 March 2018 agreed the plan by 1st April 2019.",
    "years and periods": "Since 2006 the Board has published reports for 2015-16 and 2016/17.",
    "ages and ranges": "The definition now covers young people aged 16-17 and care leavers up to 25.",
    "ages in plural": "Services for under 18s and over 16's were discussed.",
    "durations": "Changes were expected within 6 to 12 months and reviewed 3 months later.",
    "phone numbers": "Contact the Business Unit on 01452 583629 or 0161- 474-5657.",
    "section and paragraph numbers": "Under section 11 and paragraph 4.3 of the guidance, see page 12 and item 7.",
    "minute number heading a line": "42 Northshire Safeguarding Children Board Annual Report",
    "counts of bodies, not activity": "The 3 statutory partners and the 2 Boards met with the 5 Rights campaign.",
    "school years": "Pupils in Year 6 took part.",
    "ordinals": "It was the 2nd report of the new Chair.",
}


@pytest.mark.parametrize("case", METRICS)
def test_metric_values(case):
    text, expected = METRICS[case]
    assert values(text) == [(float(v), u) for v, u in expected]


@pytest.mark.parametrize("case", NOT_METRICS)
def test_not_metrics(case):
    assert values(NOT_METRICS[case]) == []


PERIODS = {
    "title with a hyphen": ("Northshire LSCB Annual Report 2016-17\n\nThe report was noted.", "2016-17"),
    "slash and full years": ("The Annual Report 2018/2019 was presented.", "2018-19"),
    "this year beats next year's plans": ("The 2016/17 annual report set out plans for 2017/18.", "2016-17"),
    "last year's report does not count": ("Progress since the 2014/15 annual report was set out in the "
                                          "2015/16 Annual Report, the 2015/16 report being the Board's tenth.",
                                          "2015-16"),
    "date range": ("The report covered 1 April 2019 to 31 March 2020.", "2019-20"),
    "year ending": ("Performance in the year ending 31 March 2021 was reviewed.", "2020-21"),
    "none stated": ("The Board's annual report was noted.", None),
    "longer than a year takes the year it ends in": ("The first report ran from January 2020 to March 2021.",
                                                    "2020-21"),
    "ending in the autumn": ("It covered April 2020 to November 2021, an extended period.", "2021-22"),
    "the year's priorities in the past tense": ("Its priorities during 2020-21 were exploitation and neglect.",
                                                "2020-21"),
    "the report named by its year": ("Members asked about the priorities set out in the 2018-19 annual report.",
                                     "2018-19"),
    "progress against a year's priorities": ("It set out progress against the priority areas agreed for 2014/15. "
                                             "The priorities for 2015/16 were also given.", "2014-15"),
    "two-digit years in a change": ("The annual report showed referrals from 4% in 18-19 to 9% in 19-20.", "2019-20"),
}

INFERRED_PERIODS = {
    "only next year's aims": ("The report closed with the Board's aims for 2019/20.", None, ("2018-19", True)),
    "autumn meeting, aims for the coming year": ("The partnership set out its priorities for the coming year.",
                                                  "2021-10-12", ("2020-21", True)),
    "a meeting date alone says nothing": ("The partnership's report was noted.", "2021-10-12", (None, False)),
    "stated beats inferred": ("The 2019/20 report set out priorities for the coming year.", "2020-11-02",
                              ("2019-20", False)),
}


@pytest.mark.parametrize("case", INFERRED_PERIODS)
def test_inferred_period(case):
    text, meeting_date, expected = INFERRED_PERIODS[case]
    hints = SourceHints(meeting_date=meeting_date) if meeting_date else None
    report = extract_report(BOARD + text, hints=hints)
    assert (report.period, report.period_inferred) == expected


@pytest.mark.parametrize("case", PERIODS)
def test_period(case):
    text, expected = PERIODS[case]
    assert extract_report(text).period == expected


BOARDS = {
    "full name": ("The Wigan Safeguarding Children Board annual report.", "Wigan", "LSCB"),
    "partnership": ("The Sefton Safeguarding Children Partnership annual report 2020-21.", "Sefton", "partnership"),
    "short form with ampersand": ("The Brighton & Hove LSCB annual report was received.", "Brighton and Hove", "LSCB"),
    "London short form": ("The LBHF Local Safeguarding Children Board report.", "Hammersmith and Fulham", "LSCB"),
    "acronym alone is no identity": ("The SSCB annual report was noted by the Local Safeguarding Children Board.",
                                     None, "LSCB"),
    "council named in the heading only": ("Meeting of Cabinet, Sandwell Metropolitan Borough Council\n\nThe Local "
                                          "Safeguarding Children Board annual report was noted.", "Sandwell", "LSCB"),
    "a combined partnership": ("The Wigan Community Safety and Safeguarding Partnership report covered children, "
                               "adults and community safety.", "Wigan", "partnership"),
    "an all-age board in capitals": ("HALTON SAFEGUARDING BOARD ANNUAL REPORT\n\nThe report covered children and "
                                     "adults at risk.", "Halton", "LSCB"),
    "name after a person's title": ("Jo Smith, Chair of the Dudley Safeguarding Children Partnership, attended.",
                                    "Dudley", "partnership"),
}


# A joint board is the board of the council whose minutes these are.
JOINT_BOARDS = {
    "the City's committee": ("The City & Hackney Safeguarding Children Partnership report came to the City of "
                             "London Corporation's Children's Services Committee.", "City of London",
                             "City & Hackney Safeguarding Children Partnership"),
    "Hackney's commission": ("Hackney Council's scrutiny commission received the City and Hackney Safeguarding "
                             "Children Partnership report; most activity was in Hackney.", "Hackney",
                             "City and Hackney Safeguarding Children Partnership"),
    "a successor, not its predecessors": ("The South Tees Safeguarding Children Partnership succeeded the "
                                          "Middlesbrough Local Safeguarding Children Board in 2019. Middlesbrough "
                                          "Council hosts the partnership. Annual report 2020-21.", "Middlesbrough",
                                          "South Tees Safeguarding Children Partnership"),
    "a county's name after the county went": ("Northamptonshire Safeguarding Children Partnership Annual Report "
                                              "2022-23 was received by West Northamptonshire Council's Cabinet.",
                                              "West Northamptonshire",
                                              "Northamptonshire Safeguarding Children Partnership"),
}


@pytest.mark.parametrize("case", JOINT_BOARDS)
def test_joint_board(case):
    text, authority, name = JOINT_BOARDS[case]
    board = extract_report(text).board
    assert (board.local_authority, board.name) == (authority, name)


@pytest.mark.parametrize("case", BOARDS)
def test_board(case):
    text, authority, kind = BOARDS[case]
    report = extract_report(text)
    assert (report.board.local_authority, report.board.kind) == (authority, kind)
    assert report.is_board_report


NOT_BOARDS = {
    "planning": "Planning application 18/0042: two-storey rear extension. Resolved: approved.",
    "adults board": "The Safeguarding Adults Board annual report 2017-18 was presented by the Safeguarding Adults "
                    "Board chair.",
    "a virtual school's report naming the board in passing": (
        "Agenda item\n\nVirtual School Head's Annual Report\n\nMinutes:\n\nThe Head of the Virtual School said "
        "attainment of children in care had improved at Key Stage 2. A copy would also go to the Local Safeguarding "
        "Children Board. Members thanked the team."),
    "a budget item naming the partnership in passing": (
        "Agenda item\n\nBudget Monitoring Report Quarter 2\n\nMinutes:\n\nThe forecast overspend on placements "
        "was £1.2m. The contribution to the Safeguarding Children Partnership was unchanged. The report was noted."),
}


@pytest.mark.parametrize("case", NOT_BOARDS)
def test_not_a_board(case):
    report = extract_report(NOT_BOARDS[case])
    assert not report.is_board_report and report.problems


REVIEWS = {
    "words": ("The LSCB had published three serious case reviews in 2016-17.", "2016-17", 3),
    "acronym": ("Four SCRs had been completed during the year.", "2017-18", 4),
    "none": ("The Board had not undertaken any serious case reviews in the year.", "2017-18", 0),
    "practice reviews continue the series": ("Five rapid reviews led to two local child safeguarding practice "
                                             "reviews.", "2020-21", 2),
    "mentioned without a number": ("Learning from serious case reviews was shared widely.", "2016-17", None),
    "another year's figure": ("Serious case reviews: there had been six in 2014-15, and 2 SCRs in the previous "
                              "year.", "2016-17", None),
}


@pytest.mark.parametrize("case", REVIEWS)
def test_review_count(case):
    text, period, expected = REVIEWS[case]
    report = board_report(f"Annual Report {period}. {text}")
    assert report.scr_count == expected


CONCERNS = {
    # concern words
    "members, difficulties": ("Members raised concerns about difficulties in sharing information with GPs.",
                              [("information_sharing", "members_raised", "Members")]),
    "councillor, GDPR": ("Councillor Okafor said GDPR had made some partners reluctant to share.",
                         [("information_sharing", "members_raised", "Councillor Okafor")]),
    "area for improvement": ("The Independent Chair said information sharing remained an area for improvement.",
                             [("information_sharing", "board_improvement", "The Independent Chair")]),
    "consent not forthcoming": ("Consent to share information was not always forthcoming, the Board noted.",
                                [("information_sharing", "board_improvement", "the Board")]),
    # no concern word: a lesson, an assurance sought, a question, work still needed
    "a review's lesson": ("The main lesson of the practice review was that the school and the GP never told each "
                          "other what they knew.", [("information_sharing", "review_learning", None),
                                                    ("schools_education", "review_learning", None)]),
    "behind most reviews": ("The Chair reflected that the exchange of information between partners went wrong in "
                            "most of the reviews the partnership had seen.",
                            [("information_sharing", "review_learning", None)]),
    "assurance sought": ("Members sought assurance that health visitors passed on information to schools in time.",
                         [("information_sharing", "assurance_sought", "Members"),
                          ("schools_education", "assurance_sought", "Members")]),
    "a member's question answered well": ("In reply to a Member's enquiry about data sharing with neighbouring "
                                          "boroughs, the Manager said the arrangements were sound.",
                                          [("information_sharing", "members_raised", "a Member")]),
    "members' list of questions": ("Members asked about the following:\n\n· whether GDPR slowed down referrals\n"
                                   "· the timeliness of health assessments",
                                   [("information_sharing", "members_raised", "Members")]),
    "work still needed": ("There remained a need for the police and housing providers to improve how they "
                          "shared intelligence about young people at risk.",
                          [("information_sharing", "board_improvement", None)]),
    "raised, no one named": ("Concern was expressed about how slowly schools shared information with the police.",
                             [("information_sharing", "members_raised", None),
                              ("schools_education", "members_raised", None)]),
    "a hard year with reviews, not their lesson": ("It had been a challenging year for information sharing, with "
                                                   "four serious case reviews.",
                                                   [("information_sharing", "board_improvement", None),
                                                    ("serious_case_reviews", "board_improvement", None)]),
    # not concerns
    "learning as one item of a list": ("The priorities were early help, learning, information sharing and "
                                       "neglect.", []),
    "going well is no concern": ("Information sharing had improved markedly and was now good.", []),
    "negated": ("There were no concerns about information sharing.", []),
    "a protocol's name": ("The Information Sharing Protocol was refreshed in the year.", []),
    "said to be resolved": ("The delays in sharing information noted last spring had been fully addressed.", []),
    "an officer's answer": ("In response, the Head of Service explained that a new portal had been bought to "
                            "improve how information was shared.", []),
    "a presenter's summary": ("The Chair described a demanding year in which the Board's manager left.", []),
    "the committee's chair asks": ("The Chair asked how well partners shared information about children moving "
                                   "schools.", [("information_sharing", "members_raised", "The Chair"),
                                                ("schools_education", "members_raised", "The Chair")]),
}


@pytest.mark.parametrize("case", CONCERNS)
def test_concerns(case):
    text, expected = CONCERNS[case]
    assert [(c.code, c.kind, c.raised_by) for c in board_report(text).concerns] == expected


NO_THEMES = {
    "an attendance grid": "Attended: Jo Bell, Head Teacher Y Y A, Sam Fox, Early Help Service Manager Y A Y",
    "a school's name on its own line": "Hill Top Primary School",
    "a member's declaration": "Councillor Reed declared an interest as a school governor and foster carer.",
    "an amendment to the last minutes": "Minute 12.4 remove 'not' so that it reads that the school had joined.",
    "the meeting closed to the press": "Exclusion of the Press and Public. No item needed the exclusion of the public.",
}


@pytest.mark.parametrize("case", NO_THEMES)
def test_meeting_business_gives_no_themes(case):
    assert board_report(NO_THEMES[case]).themes == ()


def test_a_sentence_gives_a_concern_once_per_theme():
    text = "Members were concerned that information sharing and data protection training were both poor."
    codes = [c.code for c in board_report(text).concerns]
    assert sorted(codes) == sorted(set(codes)) and "information_sharing" in codes


ACTIONS = {
    "noted": ("RESOLVED – That the report be noted.", ["noted"]),
    "further detail": ("Resolved: That further detail on missing children be shared with the Committee.",
                       ["further_information"]),
    "attend later": ("Resolved:\n\na) the Chair attend a future meeting of the Panel;", ["attend"]),
    "request outside the resolution": ("Members asked that a breakdown by school be provided to the Committee.",
                                       ["further_information"]),
}


@pytest.mark.parametrize("case", ACTIONS)
def test_actions(case):
    text, kinds = ACTIONS[case]
    assert [a.kind for a in board_report(text).actions] == kinds


def test_evidence_offsets_point_at_the_sentence():
    text = BOARD + "The Board trained 400 staff. Members raised concerns about information sharing."
    report = extract_report(text)
    for ev in [report.metrics[0].evidence, report.concerns[0].evidence]:
        assert text[ev.start:ev.end] == ev.sentence


def test_sentences_keep_offsets_across_bullets():
    text = "Points raised:\n\n·         First point.\n\n-          Second point here."
    for s in split_sentences(text):
        assert " ".join(text[s.start:s.end].split()) == s.text


def test_example_report_serialises_to_the_scored_contract():
    record = EXAMPLE_REPORT.to_json()
    for key in ("source", "board_name", "local_authority", "period", "scr_count", "metrics", "themes",
                "concerns", "actions"):
        assert key in record
    assert record["metrics"][0] == {**record["metrics"][0], "value": 2, "unit": "count"}
    sentence = EXAMPLE_REPORT.themes[0].evidence.sentence
    assert record["themes"] == [{"code": "serious_case_reviews", "evidence": [sentence]}]
