"""A small database built from schema.sql for tests: never the shipped data/*.duckdb.

Ten invented boards over four years (2016-17 to 2019-20), chosen so each rule of a fair
comparison (boardcompare.fairness) has a case that passes it and a case that fails it:

* 2017-18 has eight boards, enough for medians of five or more other boards; 2018-19 has three,
  too few; 2016-17 has six.
* Child death notifications in 2017-18: six boards (Northshire's five peers give a median).
* Review counts in 2017-18: two "not stated" (NULL) and one real 0, so that treating "not stated"
  as zero, or dropping the zero, changes the answer.
* People trained: too few boards in 2017-18 alone, five within a year either side.
* Schools responding to the audit: percentages, and one board giving a count under the same name
  (a different measure, never compared with the percentages).
* New safeguarding arrangements (a theme from 2017-18 on) discussed by most 2016-17 boards.
* A report whose period is inferred from the meeting date; concerns of every kind; one concern
  sentence under two themes; a document that is not about a board; sentences holding HTML,
  contact details, a bare web address and a spreadsheet formula, which pages must show as text.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from boardcompare.build.derived import refresh_derived
from boardcompare.db import create_schema
from boardcompare.paths import VOCAB_DIR

BOARDS = [
    # board_id, local authority, ONS code, region, board name
    ("northshire", "Northshire", "E10000901", "North West", "Northshire Safeguarding Children Board"),
    ("eastborough", "Eastborough", "E09000901", "London", "Eastborough Local Safeguarding Children Board"),
    ("westford", "Westford", "E06000901", "South West", "Westford Safeguarding Children Partnership"),
    ("southvale", "Southvale", "E08000901", "Yorkshire and The Humber", "Southvale Safeguarding Children Board"),
    ("midcaster", "Midcaster", "E06000902", "East Midlands", "Midcaster Safeguarding Children Board"),
    ("lakeside", "Lakeside", "E06000903", "North West", "Lakeside Safeguarding Children Board"),
    ("hillbury", "Hillbury", "E10000902", "South East", "Hillbury Safeguarding Children Board"),
    ("riverton", "Riverton", "E08000902", "West Midlands", "Riverton Safeguarding Children Board"),
    ("greendale", "Greendale", "E06000904", "East of England", "Greendale Safeguarding Children Board"),
    ("kingsmoor", "Kingsmoor", "E09000902", "London", "Kingsmoor Safeguarding Children Board"),
]

FORMULA = '=HYPERLINK("https://evil.example/steal","Click for the full report")'
BARE_URL = "Members asked that the full audit at https://evil.example/audit be circulated to all councillors."
HOSTILE_CONTACT = ("Contact <b>Jo Bloggs</b> on 0161 474 5657 or jo.bloggs@example.gov.uk "
                   "<script>alert('x')</script>.")


@dataclass(frozen=True)
class R:
    """One meeting's minutes about a board's annual report."""

    board: str
    period: str
    committee: str | None
    date: str | None
    scr: int | None  # NULL: the minutes give no number
    themes: tuple = ()  # code, or (code, sentence)
    metrics: tuple = ()  # (name, value, unit, as written)
    concerns: tuple = ()  # (codes, raised by, kind[, sentence]): one sentence, one or more themes
    actions: tuple = (("noted", "That the report be noted."),)
    inferred: bool = False
    extra: tuple = field(default=())  # other sentences


REPORTS = [
    R("northshire", "2016-17", "Children's Scrutiny Committee", "2017-10-12", 2,
      ("neglect", "child_sexual_exploitation", "training", "information_sharing"),
      (("serious_case_reviews", 2, "count", "two"), ("training_attendees", 640, "count", "640")),
      ((("information_sharing",), "Members", "members_raised"),), extra=(HOSTILE_CONTACT,)),
    R("northshire", "2017-18", "Children's Scrutiny Committee", "2018-11-05", None,
      ("neglect", "early_help", "mental_health", "information_sharing"),
      (("child_death_notifications", 31, "count", "31"), ("training_attendees", 700, "count", "700")),
      ((("information_sharing",), "a Member", "members_raised"), (("mental_health",), "Members", "members_raised"),
       (("quality_assurance_audit",), "Members", "members_raised", BARE_URL)),
      actions=(("further_information", "That a report on neglect be brought to the next meeting."),
               ("noted", "That the report be noted."))),
    R("eastborough", "2017-18", "Overview and Scrutiny Committee", "2018-09-20", 1,
      ("child_sexual_exploitation", "missing_children", "training"),
      (("serious_case_reviews", 1, "count", "one"), ("training_attendees", 410, "count", "410"),
       ("child_death_notifications", 18, "count", "18"), ("schools_responding_to_audit", 41, "count", "41"),),
      ((("missing_children",), "the Chair", "members_raised"),)),
    R("westford", "2019-20", "Health and Wellbeing Board", "2020-12-01", 0,
      ("new_arrangements", "child_criminal_exploitation", "online_safety", "neglect"),
      (("practice_reviews", 0, "count", "no"), ("schools_responding_to_audit", 82, "percent", "82%")),
      ((("information_sharing",), "the Board", "board_improvement"),)),
    R("southvale", "2017-18", "Children and Young People Scrutiny Panel", "2018-07-03", 3,
      ("domestic_abuse", "neglect", "early_help", "information_sharing"),
      (("serious_case_reviews", 3, "count", "three"), ("marac_cases", 328, "count", "328"),
       ("child_death_notifications", 25, "count", "25"), ("schools_responding_to_audit", 70, "percent", "70%"))),
    R("midcaster", "2018-19", "People Scrutiny Committee", "2019-06-18", None,
      ("domestic_abuse", "voice_of_child"),
      (("board_budget", 245000, "gbp", "£245,000"),),
      ((("voice_of_child",), "Councillor Smith", "members_raised"),)),
    # 2017-18: enough boards to compare.
    R("lakeside", "2017-18", "Children's Services Scrutiny Committee", "2018-10-02", 0,
      ("neglect", "early_help", "missing_children", ("training", FORMULA)),
      (("serious_case_reviews", 0, "count", "no"), ("child_death_notifications", 22, "count", "22"),
       ("schools_responding_to_audit", 75, "percent", "75%")),
      ((("missing_children",), "the Board", "board_improvement"),)),
    R("hillbury", "2017-18", "Education and Children's Services Committee", "2018-11-20", 2,
      ("neglect", "information_sharing", "domestic_abuse", "early_help"),
      (("serious_case_reviews", 2, "count", "two"), ("child_death_notifications", 40, "count", "40"),
       ("schools_responding_to_audit", 90, "percent", "90%")),
      ((("information_sharing",), None, "review_learning",
        "The serious case review found that agencies did not tell each other what they knew."),)),
    R("riverton", "2017-18", "Scrutiny Board (Children and Families)", "2018-09-11", 4,
      ("neglect", "child_sexual_exploitation", "early_help", "mental_health"),
      (("serious_case_reviews", 4, "count", "four"), ("child_death_notifications", 27, "count", "27"),
       ("schools_responding_to_audit", 60, "percent", "60%")),
      ((("neglect", "early_help"), "Members", "members_raised",
        "Members were concerned about neglect and the waiting list for early help."),)),
    R("greendale", "2017-18", "Children and Young People Overview Committee", "2018-12-04", None,
      ("domestic_abuse", "early_help", "voice_of_child"),
      (),
      ((("domestic_abuse",), "Members", "assurance_sought",
        "Members sought assurance that referrals about domestic abuse were dealt with quickly."),)),
    R("kingsmoor", "2017-18", "Children and Education Scrutiny Sub-Committee", "2018-10-15", 1,
      ("neglect", "online_safety", "information_sharing"),
      (("serious_case_reviews", 1, "count", "one"), ("schools_responding_to_audit", 88, "percent", "88%")),
      inferred=True),
    # 2016-17: most boards already discuss the coming new arrangements.
    R("lakeside", "2016-17", "Children's Services Scrutiny Committee", "2017-09-26", 1,
      ("neglect", "new_arrangements", "training"), (("training_attendees", 350, "count", "350"),)),
    R("riverton", "2016-17", "Scrutiny Board (Children and Families)", "2017-10-10", 2,
      ("neglect", "new_arrangements", "early_help"), (("training_attendees", 300, "count", "300"),)),
    R("hillbury", "2016-17", "Education and Children's Services Committee", "2017-11-14", 3,
      ("new_arrangements", "domestic_abuse")),
    R("greendale", "2016-17", "Children and Young People Overview Committee", "2017-12-05", 0,
      ("new_arrangements", "early_help")),
    R("kingsmoor", "2016-17", "Children and Education Scrutiny Sub-Committee", "2017-10-16", 2,
      ("online_safety", "neglect")),
    # 2018-19: too few boards in the year alone.
    R("hillbury", "2018-19", "Education and Children's Services Committee", "2019-11-19", 1,
      ("new_arrangements", "neglect"), (("training_attendees", 520, "count", "520"),)),
    R("greendale", "2018-19", "Children and Young People Overview Committee", "2019-12-03", None,
      ("new_arrangements", "neglect", "early_help"), (("training_attendees", 610, "count", "610"),)),
]


def _vocab_rows(name: str) -> list[dict]:
    with open(VOCAB_DIR / name, newline="", encoding="utf-8") as f:
        return [{k: (v or None) for k, v in row.items()} for row in csv.DictReader(f)]


def _load_vocabularies(con: duckdb.DuckDBPyConnection) -> None:
    for name, table in (("themes.csv", "theme_taxonomy"), ("metrics.csv", "metric_catalogue"),
                        ("concern_kinds.csv", "concern_kinds"), ("action_kinds.csv", "action_kinds")):
        columns = [c[0] for c in con.execute(f"SELECT * FROM {table} LIMIT 0").description]
        for row in _vocab_rows(name):
            con.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                        [row[c] for c in columns])


def _sentences(r: R, board_name: str) -> dict[str, list]:
    """Each part of the minutes as (sentence, payload) pairs, in the order of the text."""
    themes = [(t[1], t[0]) if isinstance(t, tuple) else (f"The board discussed {t.replace('_', ' ')} at length.", t)
              for t in r.themes]
    metrics = [(f"The board reported {text} for {name.replace('_', ' ')}.", (name, value, unit, text))
               for name, value, unit, text in r.metrics]
    concerns = []
    for codes, who, kind, *given in r.concerns:
        about = " and ".join(c.replace("_", " ") for c in codes)
        concerns.append((given[0] if given else f"{who} raised a concern about {about}.", (codes, who, kind)))
    actions = [(f"Resolved: {text}", (kind, text)) for kind, text in r.actions]
    opening = [(f"{board_name} presented its annual report for {r.period}.", None)]
    return {"opening": opening, "themes": themes, "metrics": metrics, "concerns": concerns,
            "extra": [(s, None) for s in r.extra], "actions": actions}


def _insert_report(con: duckdb.DuckDBPyConnection, i: int, r: R, board_name: str) -> None:
    parts = _sentences(r, board_name)
    text = " ".join(s for part in parts.values() for s, _ in part)
    doc_id, report_id = f"doc{i:02d}", f"doc{i:02d}-0"

    def span(sentence: str) -> tuple[int, int]:
        s = text.index(sentence)
        return s, s + len(sentence)

    con.execute("INSERT INTO documents VALUES (?, ?, ?, ?, 'txt', ?, ?, NULL, TRUE)",
                [doc_id, f"hash{i:02d}" * 4, f"minutes/{r.board}_{r.period}.txt", f"{r.board}_{r.period}.txt",
                 len(text), text])
    scr_sentence = next((s for s, m in parts["metrics"] if "reviews" in m[0]), None) if r.scr is not None else None
    start = int(r.period[:4])
    con.execute(
        "INSERT INTO reports VALUES (?, ?, 0, 0, ?, TRUE, ?, ?, ?, ?, ?, ?, ?, ?, 'Independent Chair', NULL,"
        " ?, ?, ?, ?, NULL)",
        [report_id, doc_id, len(text), r.board, board_name, "partnership" if start >= 2019 else "LSCB",
         r.period, start, r.inferred, r.committee, r.date, r.scr, scr_sentence,
         *(span(scr_sentence) if scr_sentence else (None, None))])
    for s, code in parts["themes"]:
        con.execute("INSERT INTO theme_mentions VALUES (?, ?, ?, ?, ?, ?)",
                    [report_id, code, code.replace("_", " "), s, *span(s)])
    for j, (s, (name, value, unit, value_text)) in enumerate(parts["metrics"]):
        con.execute("INSERT INTO metrics VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?, ?)",
                    [report_id, j, name, value, unit, value_text, s, *span(s)])
    n = 0
    for s, (codes, who, kind) in parts["concerns"]:
        for code in codes:
            con.execute("INSERT INTO concerns VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [report_id, n, code, kind, who, s, *span(s)])
            n += 1
    for j, (s, (kind, action_text)) in enumerate(parts["actions"]):
        con.execute("INSERT INTO actions VALUES (?, ?, ?, ?, ?, ?, ?)", [report_id, j, kind, action_text, s, *span(s)])


def make_fixture_db(path: str | Path) -> Path:
    """Build the fixture database at ``path`` and return the path."""
    path = Path(path)
    con = duckdb.connect(str(path))
    create_schema(con)
    _load_vocabularies(con)
    for board_id, la, code, region, name in BOARDS:
        con.execute("INSERT INTO local_authorities VALUES (?, ?, ?, 'county', NULL, NULL)", [la, code, region])
        con.execute("INSERT INTO boards VALUES (?, ?, ?, ?, ?)", [board_id, la, code, region, name])
    names = {b[0]: b[4] for b in BOARDS}
    for i, r in enumerate(REPORTS):
        _insert_report(con, i, r, names[r.board])
    # A document that is not about a board: stored, reported, and kept out of the comparisons.
    text = "Planning application 17/0042: erection of a two-storey rear extension. Resolved: approved."
    con.execute("INSERT INTO documents VALUES ('docplan', ?, 'minutes/planning.txt', 'planning.txt', 'txt', ?, ?,"
                " NULL, FALSE)", ["planhash" * 8, len(text), text])
    con.execute("INSERT INTO reports (report_id, document_id, section_index, section_start, section_end,"
                " is_board_report, period_inferred, problems) VALUES ('docplan-0', 'docplan', 0, 0, ?, FALSE, FALSE,"
                " 'does not mention a safeguarding children board')", [len(text)])
    con.execute("INSERT INTO ingest_log VALUES ('minutes/planning.txt', 'not_board',"
                " 'does not mention a safeguarding children board', 'docplan')")
    con.executemany("INSERT INTO ingest_log VALUES (?, 'used', 'read and used', ?)",
                    [(f"minutes/{r.board}_{r.period}.txt", f"doc{i:02d}") for i, r in enumerate(REPORTS)])
    con.execute("INSERT INTO build_info VALUES ('built_at', '2026-11-22T02:00:00+00:00'), ('n_inputs', ?)",
                [str(len(REPORTS) + 1)])
    refresh_derived(con)  # the documents list and the search index, as a build writes them
    con.close()
    return path
