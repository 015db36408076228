"""A small database built from schema.sql for tests: never the shipped data/*.duckdb.

Five invented boards over three years, with themes, metrics, concerns and actions, one
report with no serious case review count ("not stated"), one document that is not about a
board, and a sentence holding HTML and contact details that pages must show as text.
"""

from __future__ import annotations

import csv
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
]

# report_id suffix, board_id, period, committee, meeting date, scr_count, themes, metrics, concerns
REPORTS = [
    ("northshire", "2016-17", "Children's Scrutiny Committee", "2017-10-12", 2,
     ["neglect", "child_sexual_exploitation", "training", "information_sharing"],
     [("serious_case_reviews", 2, "count", "two"), ("training_attendees", 640, "count", "640")],
     [("information_sharing", "Members")]),
    ("northshire", "2017-18", "Children's Scrutiny Committee", "2018-11-05", None,
     ["neglect", "early_help", "mental_health", "information_sharing"],
     [("child_death_notifications", 31, "count", "31"), ("training_attendees", 700, "count", "700")],
     [("information_sharing", "a Member"), ("mental_health", "Members")]),
    ("eastborough", "2017-18", "Overview and Scrutiny Committee", "2018-09-20", 1,
     ["child_sexual_exploitation", "missing_children", "training"],
     [("serious_case_reviews", 1, "count", "one"), ("training_attendees", 410, "count", "410"),
      ("child_death_notifications", 18, "count", "18")],
     [("missing_children", "the Chair")]),
    ("westford", "2019-20", "Health and Wellbeing Board", "2020-12-01", 0,
     ["new_arrangements", "child_criminal_exploitation", "online_safety", "neglect"],
     [("practice_reviews", 0, "count", "no"), ("schools_responding_to_audit", 82, "percent", "82%")],
     [("information_sharing", "the Board")]),
    ("southvale", "2017-18", "Children and Young People Scrutiny Panel", "2018-07-03", 3,
     ["domestic_abuse", "neglect", "early_help", "information_sharing"],
     [("serious_case_reviews", 3, "count", "three"), ("marac_cases", 328, "count", "328"),
      ("child_death_notifications", 25, "count", "25")],
     []),
    ("midcaster", "2018-19", "People Scrutiny Committee", "2019-06-18", None,
     ["domestic_abuse", "voice_of_child"],
     [("board_budget", 245000, "gbp", "£245,000")],
     [("voice_of_child", "Councillor Smith")]),
]


def _vocab_rows(name: str) -> list[dict]:
    with open(VOCAB_DIR / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def make_fixture_db(path: str | Path) -> Path:
    """Build the fixture database at ``path`` and return the path."""
    path = Path(path)
    con = duckdb.connect(str(path))
    create_schema(con)
    for row in _vocab_rows("themes.csv"):
        con.execute("INSERT INTO theme_taxonomy VALUES ($code, $label, $description)", row)
    for row in _vocab_rows("metrics.csv"):
        con.execute(
            "INSERT INTO metric_catalogue VALUES ($name, $label, $unit, $description)",
            {k: row[k] for k in ("name", "label", "unit", "description")},
        )
    for row in _vocab_rows("concern_kinds.csv"):
        con.execute("INSERT INTO concern_kinds VALUES ($code, $label, $description)", row)
    for board_id, la, code, region, name in BOARDS:
        con.execute("INSERT INTO local_authorities VALUES (?, ?, ?, 'county', NULL, NULL)", [la, code, region])
        con.execute("INSERT INTO boards VALUES (?, ?, ?, ?, ?)", [board_id, la, code, region, name])
    names = {b[0]: b[4] for b in BOARDS}
    for i, (board_id, period, committee, date, scr, themes, metrics, concerns) in enumerate(REPORTS):
        doc_id = f"doc{i:02d}"
        sentences = [f"{names[board_id]} presented its annual report for {period}."]
        sentences += [f"The board discussed {code.replace('_', ' ')} at length." for code in themes]
        sentences += [f"The board reported {text} for {name.replace('_', ' ')}." for name, _, _, text in metrics]
        sentences += [f"{who} raised a concern about {code.replace('_', ' ')}." for code, who in concerns]
        if i == 0:
            sentences.append("Contact <b>Jo Bloggs</b> on 0161 474 5657 or jo.bloggs@example.gov.uk "
                             "<script>alert('x')</script>.")
        sentences.append("Resolved: That the report be noted.")
        text = " ".join(sentences)
        con.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, 'txt', ?, ?, NULL, TRUE)",
            [doc_id, f"hash{i:02d}" * 4, f"minutes/{board_id}_{period}.txt", f"{board_id}_{period}.txt",
             len(text), text],
        )
        report_id = f"{doc_id}-0"
        start = int(period[:4])

        def span(sentence: str, text: str = text) -> tuple[int, int]:
            s = text.index(sentence)
            return s, s + len(sentence)

        scr_sentence = sentences[1 + len(themes)] if scr is not None and metrics else None
        scr_span = span(scr_sentence) if scr_sentence else (None, None)
        con.execute(
            "INSERT INTO reports VALUES (?, ?, 0, 0, ?, TRUE, ?, ?, ?, ?, ?, FALSE, ?, ?, 'Independent Chair', NULL,"
            " ?, ?, ?, ?, NULL)",
            [report_id, doc_id, len(text), board_id, names[board_id],
             "partnership" if start >= 2019 else "LSCB", period, start, committee, date,
             scr, scr_sentence, *scr_span],
        )
        for j, code in enumerate(themes):
            s = sentences[1 + j]
            a, b = span(s)
            con.execute("INSERT INTO theme_mentions VALUES (?, ?, ?, ?, ?, ?)",
                        [report_id, code, code.replace("_", " "), s, a, b])
        for j, (name, value, unit, value_text) in enumerate(metrics):
            s = sentences[1 + len(themes) + j]
            a, b = span(s)
            con.execute("INSERT INTO metrics VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?, ?)",
                        [report_id, j, name, value, unit, value_text, s, a, b])
        for j, (code, who) in enumerate(concerns):
            s = sentences[1 + len(themes) + len(metrics) + j]
            a, b = span(s)
            con.execute("INSERT INTO concerns VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [report_id, j, code, "members_raised", who, s, a, b])
        resolved = sentences[-1]
        a, b = span(resolved)
        con.execute("INSERT INTO actions VALUES (?, 0, 'noted', 'That the report be noted.', ?, ?, ?)",
                    [report_id, resolved, a, b])
    # A document that is not about a board: stored, reported, and kept out of the comparisons.
    text = "Planning application 17/0042: erection of a two-storey rear extension. Resolved: approved."
    con.execute("INSERT INTO documents VALUES ('docplan', ?, 'minutes/planning.txt', 'planning.txt', 'txt', ?, ?,"
                " NULL, FALSE)", ["planhash" * 8, len(text), text])
    con.execute("INSERT INTO reports (report_id, document_id, section_index, section_start, section_end,"
                " is_board_report, period_inferred, problems) VALUES ('docplan-0', 'docplan', 0, 0, ?, FALSE, FALSE,"
                " 'does not mention a safeguarding children board')", [len(text)])
    con.execute("INSERT INTO ingest_log VALUES ('minutes/planning.txt', 'not_board',"
                " 'does not mention a safeguarding children board', 'docplan')")
    con.execute("INSERT INTO build_info VALUES ('built_at', '2026-11-22T02:00:00+00:00'),"
                " ('n_inputs', '7')")
    refresh_derived(con)  # the documents list and the search index, as a build writes them
    con.close()
    return path
