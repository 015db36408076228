#!/usr/bin/env python3
"""Deterministic synthetic corpus of committee minutes about safeguarding children boards.

Every document is built from templates with its own ``random.Random`` seeded from
``(seed, document index)``, so the same arguments always give the same files, and any one
document can be rebuilt without the others. Documents are written one at a time; the
ground truth is streamed to ``gold.jsonl`` and turned into ``gold.json`` /
``gold_multi.json`` at the end by a streaming pass (nothing holds the corpus in memory).

Usage::

    python bench/generate.py --boards 40 --years 10 --out /tmp/corpus --seed 42
    python bench/generate.py --boards 150 --years 12 --reports 100000 --out /tmp/c100k
    python bench/generate.py ... --formats txt,html --mix 80,20

Outputs in ``--out``:

* ``<la-slug>/<period>_<n>.<ext>``: the documents;
* ``gold.jsonl``: one object per document section (multi-meeting pages give several);
* ``gold.json``: a list in the format of ``shared/eval/seed_gold.json`` for every readable
  single-meeting document (board reports and documents about something else);
* ``gold_multi.json``: issue-history pages holding several meetings (``score.py`` matches one
  prediction per file, so they are kept out of ``gold.json``);
* ``manifest.csv``: file, format, local_authority, period, kind (board_report, multi_meeting,
  not_board, bad).

Quotes in the gold are exact substrings of the text a reader gets: the decoded file for
``.txt``, BeautifulSoup ``get_text()`` for ``.html``, paragraph text for ``.docx``; for ``.pdf``
the text layer wraps lines, so quotes match once runs of whitespace are collapsed.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import html
import io
import json
import random
import re
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LA_CSV = ROOT / "boardcompare" / "vocab" / "local_authorities.csv"
FORMATS = ("txt", "html", "pdf", "docx")
DEFAULT_MIX = {"txt": 80, "html": 14, "pdf": 3, "docx": 3}
LAST_START_YEAR = 2023  # the latest period generated is 2023-24
PARTNERSHIP_FROM = 2019  # periods from 2019-20 are the safeguarding partnerships' reports
FIXED_DATE = dt.datetime(2024, 1, 1, 0, 0, 0, tzinfo=dt.UTC)

# Authorities created by reorganisation: the first period they can report on (start year).
# The reference CSV has only ``valid_to``; these few dates are kept here.
VALID_FROM = {
    "Bournemouth, Christchurch and Poole": 2019,
    "North Northamptonshire": 2021,
    "West Northamptonshire": 2021,
    "Cumberland": 2023,
    "Westmorland and Furness": 2023,
}

# Used only when boardcompare/vocab/local_authorities.csv is missing.
FALLBACK_LAS = """\
Birmingham,E08000025,West Midlands,metropolitan borough,,
Bristol,E06000023,South West,unitary,City of Bristol,
Brighton and Hove,E06000043,South East,unitary,Brighton & Hove,
Bath and North East Somerset,E06000022,South West,unitary,B&NES|BANES,
Bournemouth,E06000028,South West,unitary,,2018
Bradford,E08000032,Yorkshire and The Humber,metropolitan borough,,
Camden,E09000007,London,London borough,,
Cornwall,E06000052,South West,unitary,,
Croydon,E09000008,London,London borough,,
Cumbria,E10000006,North West,county,,2022
Derbyshire,E10000007,East Midlands,county,,
Devon,E10000008,South West,county,,
Essex,E10000012,East of England,county,,
Hackney,E09000012,London,London borough,,
Hammersmith and Fulham,E09000013,London,London borough,LBHF|Hammersmith & Fulham,
Herefordshire,E06000019,West Midlands,unitary,County of Herefordshire,
Kent,E10000016,South East,county,,
Kingston upon Hull,E06000010,Yorkshire and The Humber,unitary,Hull,
Lancashire,E10000017,North West,county,,
Leeds,E08000035,Yorkshire and The Humber,metropolitan borough,,
Leicester,E06000016,East Midlands,unitary,,
Liverpool,E08000012,North West,metropolitan borough,,
Manchester,E08000003,North West,metropolitan borough,,
Medway,E06000035,South East,unitary,,
Norfolk,E10000020,East of England,county,,
Northamptonshire,E10000021,East Midlands,county,Northants,2020
North Northamptonshire,E06000061,East Midlands,unitary,North Northants,
Nottinghamshire,E10000024,East Midlands,county,Notts,
Plymouth,E06000026,South West,unitary,,
Poole,E06000029,South West,unitary,,2018
Rotherham,E08000018,Yorkshire and The Humber,metropolitan borough,,
Salford,E08000006,North West,metropolitan borough,,
Sheffield,E08000019,Yorkshire and The Humber,metropolitan borough,,
Solihull,E08000029,West Midlands,metropolitan borough,,
Staffordshire,E10000028,West Midlands,county,,
Stockport,E08000007,North West,metropolitan borough,,
Stoke-on-Trent,E06000021,West Midlands,unitary,,
Suffolk,E10000029,East of England,county,,
Surrey,E10000030,South East,county,,
Tower Hamlets,E09000030,London,London borough,,
West Northamptonshire,E06000062,East Midlands,unitary,West Northants,
Worcestershire,E10000034,West Midlands,county,,
"""


# --------------------------------------------------------------------------- authorities


@dataclass(frozen=True)
class Authority:
    name: str
    ons_code: str
    aliases: tuple[str, ...]
    first_year: int
    last_year: int

    @property
    def place(self) -> str:
        """The name as minutes write it ("Bristol", not "Bristol, City of")."""
        return self.name.split(",")[0].strip() if "," in self.name and " of" in self.name else self.name

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")


def _last_year(valid_to: str) -> int:
    valid_to = (valid_to or "").strip()
    if not valid_to:
        return 9999
    m = re.match(r"(\d{4})(?:-(\d{2})-\d{2})?", valid_to)
    if not m:
        return 9999
    year = int(m.group(1))
    if m.group(2):  # a date: the last period is the one that ends on or before it
        return year - 1 if int(m.group(2)) <= 3 else year
    return year


def load_authorities(path: Path = LA_CSV) -> list[Authority]:
    header = "name,ons_code,region,la_type,aliases,valid_to\n"
    text = path.read_text(encoding="utf-8") if path.exists() else header + FALLBACK_LAS
    out = []
    for row in csv.DictReader(io.StringIO(text)):
        aliases = tuple(a.strip() for a in re.split(r"[|;]", row.get("aliases") or "") if a.strip())
        out.append(
            Authority(
                row["name"].strip(),
                (row.get("ons_code") or "").strip(),
                aliases,
                VALID_FROM.get(row["name"].strip(), 0),
                _last_year(row.get("valid_to", "")),
            )
        )
    return sorted(out, key=lambda a: a.name)


# --------------------------------------------------------------------------- numbers and dates

ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
MONTHS = ("January February March April May June July August September October November December").split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def words(n: int) -> str:
    """English words for 0..999 ("twenty-three", "one hundred and five")."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("-" + ONES[n % 10] if n % 10 else "")
    rest = n % 100
    return ONES[n // 100] + " hundred" + (" and " + words(rest) if rest else "")


def ordinal(d: int) -> str:
    return f"{d}{'th' if 10 <= d % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th')}"


def fmt_count(rng: random.Random, n: int, words_p: float = 0.3) -> tuple[str, str | None]:
    """A count as minutes write it; returns (text, qualifier)."""
    r = rng.random()
    if n <= 99 and r < words_p:
        return words(n), None
    if n >= 100 and n % 100 == 0 and rng.random() < 0.35:
        q = rng.choice(["over", "more than", "around", "about", "almost", "nearly"])
        return f"{q} {n:,}" if n >= 1000 else f"{q} {n}", q
    if n >= 1000 and rng.random() < 0.8:
        return f"{n:,}", None
    return str(n), None


def fmt_percent(rng: random.Random, p: float) -> str:
    num = f"{p:g}"
    r = rng.random()
    if r < 0.55:
        return f"{num}%"
    if r < 0.85:
        return f"{num} per cent"
    if r < 0.95:
        return f"{num} percent"
    return f"{words(int(p))} per cent" if float(p).is_integer() else f"{num}%"


def fmt_money(rng: random.Random, v: int) -> str:
    if v >= 1_000_000:
        m = f"{v / 1_000_000:g}"
        return rng.choice([f"£{m}m", f"£{m} million", f"£{v:,}"])
    if v % 1000 == 0 and rng.random() < 0.2:
        return f"£{v // 1000}k"
    return f"£{v:,}"


def period_code(y: int) -> str:
    return f"{y}-{(y + 1) % 100:02d}"


def period_text(rng: random.Random, y: int, style: str | None = None) -> str:
    e = y + 1
    forms = {
        "dash": f"{y}-{e % 100:02d}",
        "slash": f"{y}/{e % 100:02d}",
        "long": f"{y}-{e}",
        "longslash": f"{y}/{e}",
        "endash": f"{y}\u2013{e % 100:02d}",
        "range": f"1 April {y} to 31 March {e}",
        "rangeo": f"1st April {y} to 31st March {e}",
        "ending": f"the year ending 31 March {e}",
        "months": f"April {y} - March {e}",
    }
    if style is None:
        style = rng.choices(list(forms), weights=[30, 30, 6, 4, 5, 9, 6, 6, 4])[0]
    return forms[style]


def short_period(rng: random.Random, y: int) -> str:
    """A period that can stand as an adjective ("the 2015/16 report")."""
    return period_text(rng, y, rng.choice(["dash", "slash", "slash", "long", "endash"]))


def date_text(rng: random.Random, d: dt.date) -> str:
    r = rng.random()
    if r < 0.4:
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if r < 0.6:
        return f"{ordinal(d.day)} {MONTHS[d.month - 1]} {d.year}"
    if r < 0.8:
        return f"{WEEKDAYS[d.weekday()]}, {ordinal(d.day)} {MONTHS[d.month - 1]}, {d.year}"
    return d.strftime("%d/%m/%Y")


# --------------------------------------------------------------------------- vocabularies

FIRST = (
    "Gill Una Phil Steve Ian Sarah David Helen Mark Julie Andrew Karen Paul Rachel Simon Claire "
    "Richard Alison James Fiona Martin Louise Peter Joanne Neil Amanda Graham Nicola Robert Sue Imran "
    "Priya Tunde Aisha Owen Bethan"
).split()
LAST = (
    "Frame Hagan Morris Ashley Vinall Thompson Patel Khan Roberts Walsh Hughes Clarke Turner Evans "
    "Bennett Shaw Wright Harrison Lloyd Ahmed Marsh Fletcher Doyle Barker Knight Pearson Osei Begum "
    "Gallagher Whitehead Moss Ellison Chapman Reid Lowe Dunn Okafor"
).split()
COMMITTEES = (
    "Children and Young People Overview and Scrutiny Committee",
    "Health and Wellbeing Board",
    "Cabinet",
    "People Scrutiny Panel",
    "Children's Scrutiny Panel",
    "Children's Services Scrutiny Committee",
    "Safeguarding Overview and Scrutiny Committee",
    "Improving Lives Select Commission",
    "Children, Education and Families Scrutiny Committee",
    "Executive",
    "Scrutiny Board (Children and Families)",
    "Communities and Families Overview and Scrutiny Committee",
    "Full Council",
    "Children and Families Committee",
)
PRESENTERS = (  # role, optional themes its title carries
    ("Independent Chair", ()),
    ("Independent Chairman", ()),
    ("Business Manager", ()),
    ("Director of Children's Services", ()),
    ("Strategic Director of People", ()),
    ("Board Manager", ()),
    ("Partnership Manager", ()),
    ("Independent Scrutineer", ()),
    ("Head of Safeguarding and Quality Assurance", ("quality_assurance_audit",)),
    ("Assistant Director, Children's Social Care", ()),
)
AGENCIES = (  # agency, optional themes
    ("health", ()),
    ("the police", ()),
    ("schools", ("schools_education",)),
    ("GP practices", ()),
    ("children's social care", ()),
    ("housing providers", ()),
    ("the probation service", ()),
    ("adult services", ("transitions",)),
    ("the voluntary sector", ()),
    ("early years settings", ()),
)

# Theme topics: noun phrases that plainly put the theme on the table.
TOPICS: dict[str, tuple[str, ...]] = {
    "child_sexual_exploitation": (
        "the response to child sexual exploitation",
        "the updated CSE problem profile",
        "work to tackle child sexual exploitation and grooming",
        "the caseload of the CSE team",
    ),
    "child_criminal_exploitation": (
        "county lines and the criminal exploitation of children",
        "the work of the exploitation task group",
        "contextual safeguarding for adolescents",
        "serious youth violence and gang involvement",
        "modern slavery and the trafficking of children",
    ),
    "neglect": (
        "the neglect strategy",
        "the roll-out of the Graded Care Profile to identify neglect",
        "the impact of chronic neglect on young children",
        "the multi-agency response to neglect",
    ),
    "domestic_abuse": (
        "the impact of domestic abuse on children",
        "the work of the MARAC",
        "the domestic abuse strategy and IDVA provision",
        "support for children living with domestic violence",
    ),
    "early_help": (
        "the early help offer",
        "the early help strategy and targeted family support",
        "the early help dashboard",
        "the take-up of early help by families",
    ),
    "missing_children": (
        "children missing from home and care",
        "return home interviews for children who had gone missing",
        "the response to children who go missing",
        "children missing from education",
    ),
    "online_safety": (
        "online safety",
        "cyber bullying and online abuse",
        "internet safety for children and parents",
        "online grooming and online harm",
    ),
    "mental_health": (
        "children's emotional wellbeing and mental health",
        "waiting times for CAMHS",
        "self-harm among young people",
        "the risk of suicide among young people",
    ),
    "voice_of_child": (
        "the voice of the child",
        "listening to children and young people",
        "the participation of young people through the Youth Council",
        "capturing the lived experience of children",
    ),
    "information_sharing": (
        "information sharing between agencies",
        "the multi-agency information sharing agreement",
        "consent to share information",
        "the sharing of information with GP practices",
    ),
    "transitions": (
        "transitional safeguarding for young people moving to adult services",
        "joint work with the Safeguarding Adults Board",
        "the Think Family approach",
        "the transition to adulthood for vulnerable young people",
    ),
    "training": (
        "the multi-agency training programme",
        "workforce development for practitioners",
        "the e-learning offer for practitioners",
        "the Board's training courses",
    ),
    "child_deaths": (
        "the work of the Child Death Overview Panel",
        "child death reviews",
        "safer sleeping and sudden unexpected deaths in infancy",
        "the number of neonatal deaths",
    ),
    "schools_education": (
        "the role of schools in safeguarding",
        "engagement with head teachers on safeguarding",
        "the rise in exclusions from school",
        "safeguarding in education settings",
    ),
    "mash_front_door": (
        "the Multi-Agency Safeguarding Hub (MASH)",
        "the front door arrangements",
        "the single point of access for referrals",
        "the MASH",
    ),
    "new_arrangements": (
        "the move to new safeguarding partnership arrangements under Working Together 2018",
        "the changes required by the Children and Social Work Act 2017",
        "the new arrangements agreed by the three safeguarding partners",
        "the replacement of the LSCB by the new safeguarding partnership",
    ),
    "serious_case_reviews": (
        "learning from serious case reviews",
        "the rapid review process",
        "the learning review programme",
        "the action plans arising from case reviews",
    ),
    "private_fostering": (
        "awareness of private fostering",
        "private fostering notifications",
        "the identification of privately fostered children",
    ),
    "allegations_lado": (
        "allegations against staff who work with children",
        "the work of the Local Authority Designated Officer (LADO)",
        "the management of allegations against professionals",
    ),
    "thresholds": (
        "the threshold document",
        "the revised levels of need guidance",
        "the number of inappropriate referrals",
        "the consistent application of thresholds",
    ),
    "quality_assurance_audit": (
        "the quality assurance framework",
        "multi-agency case file audits",
        "the section 11 audit of partner agencies",
        "the multi-agency performance data set",
    ),
    "funding_budget": (
        "the Board's budget",
        "partner contributions to the Board's budget",
        "the funding of the Board",
        "the pressure on the Board's finances",
    ),
    "inspection_ofsted": (
        "the findings of the Ofsted inspection",
        "the joint targeted area inspection (JTAI)",
        "the HMICFRS inspection of the police",
        "preparation for the next Ofsted inspection",
    ),
    "home_education": (
        "elective home education",
        "children educated at home",
        "the rise in the number of children not in school",
    ),
    "looked_after_children": (
        "children in care",
        "support for care leavers",
        "the Council's corporate parenting role",
        "placement stability for looked after children",
    ),
    "harmful_sexual_behaviour": (
        "harmful sexual behaviour",
        "peer-on-peer abuse",
        "sexual harassment among pupils",
    ),
    "radicalisation": ("the Prevent duty", "radicalisation and extremism", "referrals to Prevent"),
    "substance_misuse": (
        "drug and alcohol misuse among young people",
        "legal highs",
        "substance misuse services for young people",
        "parental alcohol misuse",
    ),
}
# Topic phrases that also touch a neighbouring theme: that theme is optional in the gold.
TOPIC_EXTRA = {
    "children missing from education": ("schools_education", "home_education"),
    "the rise in the number of children not in school": ("schools_education",),
    "sexual harassment among pupils": ("schools_education",),
    "online grooming and online harm": ("child_sexual_exploitation",),
    "support for care leavers": ("transitions",),
    "the participation of young people through the Youth Council": (),
    "joint work with the Safeguarding Adults Board": ("new_arrangements",),
    "the work of the MARAC": (),
    "the rapid review process": ("new_arrangements",),
    "the number of inappropriate referrals": ("mash_front_door",),
    "the single point of access for referrals": ("thresholds",),
    "the multi-agency performance data set": (),
}
TOPIC_FRAMES = (
    "The Board had made {t} one of its priorities for the year.",
    "{P} highlighted progress on {t}.",
    "Members asked about {t}; in response it was explained that work was continuing across the partnership.",
    "The report described {t} in some detail.",
    "A Member sought assurance about {t}.",
    "Further information was requested on {t}.",
    "Work on {t} would remain a priority in {next}.",
    "The Chair noted that {t} had been considered in detail by the relevant sub-group.",
    "Key achievements during the year included progress on {t}.",
    "In response to a question about {t}, it was confirmed that this remained under close review.",
    "{R} asked what difference the work on {t} had made to children and families.",
    "The annual report identified {t} as an area for further development.",
    "Partners had worked together on {t}.",
)
# Incidental mentions: a word of the theme inside the name of something (optional themes).
WEAK = (
    ("Apologies were received from the Head of Early Help.", "early_help"),
    (
        "Apologies were received from the Head of the Virtual School.",
        "looked_after_children,schools_education",
    ),
    ("Apologies were received from the CAMHS Service Manager.", "mental_health"),
    ("Apologies were received from the Prevent Co-ordinator.", "radicalisation"),
    ("The MASH Manager was also in attendance.", "mash_front_door"),
    ("The report had also been circulated to the Corporate Parenting Panel.", "looked_after_children"),
    ("The report had also been circulated to the Schools Forum.", "schools_education"),
    ("The report had been shared with the Drug and Alcohol Action Team.", "substance_misuse"),
    ("The Domestic Abuse Co-ordinator had contributed to the report.", "domestic_abuse"),
    (
        "The Designated Nurse for Looked After Children was thanked for her contribution.",
        "looked_after_children",
    ),
    ("The report was available on the Board's website alongside its training calendar.", "training"),
    ("The Board's Quality Assurance Sub-Group had approved the report.", "quality_assurance_audit"),
    ("The meeting was held at the Early Help Centre.", "early_help"),
    (
        "The annual report described how agencies had worked together to keep children safe from harm, abuse "
        "or neglect.",
        "neglect",
    ),
)
RAISERS = (
    "Members",
    "A Member",
    "A Councillor",
    "Councillor {S}",
    "The Committee",
    "The Board",
    "The Chair",
    "The Independent Chair",
    "A Board Member",
    "Several Members",
)
INFO_CONCERN = (
    "{R} raised concerns about the sharing of information between agencies, particularly {a}.",
    "{R} expressed concern that information was not always shared in a timely way between {a} and {b}.",
    "Concern was expressed by {r} about continuing difficulties in sharing information with {a}.",
    "{R} questioned why information sharing between {a} and {b} remained problematic.",
    "There remained challenges for partners in sharing information, particularly because smaller providers "
    "feared fines from the Information Commissioner.",
    "{R} identified information sharing as a continuing weakness across the partnership.",
    "{R} remained worried that partners were reluctant to share information because of misunderstandings "
    "about GDPR.",
    "{R} asked what was being done to overcome the barriers to sharing information with {a}, which had been "
    "identified as an area for improvement.",
    "The lack of timely information sharing by {a} was a source of frustration to {r}.",
    "Poor information sharing between {a} and {b} had been a recurring finding and {r} sought assurance "
    "that it was being addressed.",
    "{R} also raised concerns at the continued difficulties around communication and sharing information.",
)
INFO_POSITIVE = (
    "Information sharing between {a} and {b} had improved considerably following the co-location "
    "of partners.",
    "A new information sharing agreement had been signed by all partners.",
    "{R} welcomed the improvements in information sharing between {a} and {b}.",
    "No concerns were raised about information sharing, which was reported to be working well.",
    "It was reported that information sharing with {a} was now timely and effective.",
)
OTHER_CONCERN = (
    "{R} expressed concern about {t}.",
    "Concern was raised by {r} regarding {t}.",
    "{R} remained concerned about {t} and asked for an update at a future meeting.",
    "{R} were disappointed by the lack of progress on {t}.",
)

# Metric facts. In templates, [..] marks the quote; {n} is the figure, {s}/{were} agree with it.
METRICS: dict[str, dict] = {
    "child_death_notifications": dict(
        unit="count",
        lo=12,
        hi=120,
        themes=("child_deaths",),
        tpl=(
            "The Child Death Overview Panel had received [{n} child death notifications] during the year.",
            "There had been [{n} notifications of child deaths] in {cur}.",
            "In {cur}, [{n} child deaths had been notified] to the CDOP.",
        ),
    ),
    "child_deaths_reviewed": dict(
        unit="count",
        lo=10,
        hi=90,
        themes=("child_deaths",),
        tpl=(
            "The CDOP had completed reviews of [{n} child deaths] in the year.",
            "[{n} cases had been reviewed by the Child Death Overview Panel] during {cur}.",
        ),
    ),
    "child_deaths_modifiable": dict(
        unit="count",
        lo=2,
        hi=20,
        themes=("child_deaths",),
        tpl=("Modifiable factors had been identified in [{n} of the deaths] reviewed by the panel.",),
    ),
    "marac_cases": dict(
        unit="count",
        lo=120,
        hi=900,
        themes=("domestic_abuse",),
        tpl=(
            "In {cur}, [{n} cases had been discussed at MARAC].",
            "The MARAC had heard [{n} cases] during the year, most of them involving children.",
            "There were [{n} referrals to MARAC] in the year.",
        ),
    ),
    "marac_children": dict(
        unit="count",
        lo=150,
        hi=1500,
        themes=("domestic_abuse",),
        tpl=("The MARAC cases had involved a total of [{n} children] living in the households concerned.",),
    ),
    "domestic_abuse_incidents": dict(
        unit="count",
        lo=600,
        hi=7000,
        themes=("domestic_abuse",),
        tpl=(
            "The police had recorded [{n} domestic abuse incidents] where children were present.",
            "There had been [{n} incidents of domestic abuse] notified to children's social care.",
        ),
    ),
    "referrals": dict(
        unit="count",
        lo=900,
        hi=9000,
        themes=(),
        opt=("thresholds",),
        tpl=(
            "Children's social care had received [{n} referrals] during {cur}.",
            "[{n} referrals had been received by children's social care] in the year.",
        ),
    ),
    "contacts": dict(
        unit="count",
        lo=3000,
        hi=30000,
        themes=("mash_front_door",),
        tpl=(
            "The MASH had handled [{n} contacts] in the year.",
            "[{n} contacts had been received by the front door] during {cur}.",
        ),
    ),
    "inappropriate_referrals": dict(
        unit="count",
        lo=50,
        hi=900,
        themes=("thresholds",),
        tpl=("[{n} referrals did not meet the threshold] for children's social care.",),
    ),
    "child_protection_plans": dict(
        unit="count",
        lo=150,
        hi=900,
        themes=(),
        tpl=(
            "[{n} children were subject to a child protection plan] at the end of the year.",
            "At 31 March the number of [children on child protection plans stood at {n}].",
        ),
    ),
    "looked_after_children": dict(
        unit="count",
        lo=200,
        hi=2000,
        themes=("looked_after_children",),
        tpl=(
            "[{n} children were in the care of the local authority] at the year end.",
            "There were [{n} looked after children] at the end of {cur}.",
        ),
    ),
    "care_leavers": dict(
        unit="count",
        lo=100,
        hi=600,
        themes=("looked_after_children",),
        opt=("transitions",),
        tpl=("The Council was supporting [{n} care leavers].",),
    ),
    "missing_episodes": dict(
        unit="count",
        lo=200,
        hi=3000,
        themes=("missing_children",),
        tpl=(
            "There had been [{n} missing episodes] during the year.",
            "Police had recorded [{n} episodes of children going missing] from home or care.",
        ),
    ),
    "missing_children": dict(
        unit="count",
        lo=50,
        hi=700,
        themes=("missing_children",),
        tpl=("[{n} children had been reported missing] at least once in {cur}.",),
    ),
    "children_missing_education": dict(
        unit="count",
        lo=20,
        hi=300,
        themes=("missing_children",),
        opt=("home_education", "schools_education"),
        tpl=("[{n} children {were} recorded as missing education] at the end of the year.",),
    ),
    "home_educated_children": dict(
        unit="count",
        lo=100,
        hi=1200,
        themes=("home_education",),
        tpl=(
            "[{n} children were electively home educated], an increase on the previous year.",
            "The number of [children in elective home education had risen to {n}].",
        ),
    ),
    "cse_referrals": dict(
        unit="count",
        lo=20,
        hi=300,
        themes=("child_sexual_exploitation",),
        tpl=(
            "[{n} children had been identified as at risk of child sexual exploitation] during the year.",
            "There had been [{n} referrals for child sexual exploitation] in {cur}.",
        ),
    ),
    "criminal_exploitation_cases": dict(
        unit="count",
        lo=10,
        hi=200,
        themes=("child_criminal_exploitation",),
        tpl=(
            "[{n} young people had been identified as at risk of criminal exploitation], many linked "
            "to county "
            "lines.",
        ),
    ),
    "early_help_assessments": dict(
        unit="count",
        lo=300,
        hi=5000,
        themes=("early_help",),
        tpl=(
            "[{n} early help assessments] had been completed in the year.",
            "Partners had started [{n} early help episodes] during {cur}.",
        ),
    ),
    "private_fostering": dict(
        unit="count",
        lo=2,
        hi=30,
        themes=("private_fostering",),
        tpl=(
            "[{n} private fostering arrangement{s}] {were} known to the Council at the year end.",
            "The Council had received [{n} private fostering notification{s}] in the year.",
        ),
    ),
    "lado_referrals": dict(
        unit="count",
        lo=50,
        hi=600,
        themes=("allegations_lado",),
        tpl=(
            "The LADO had received [{n} allegations] against people working with children.",
            "There had been [{n} referrals to the LADO] during {cur}.",
        ),
    ),
    "allegations_lado_percent": dict(
        unit="percent",
        lo=15,
        hi=45,
        themes=("allegations_lado",),
        tpl=("[{p} of allegations] against staff had been substantiated.",),
    ),
    "training_attendees": dict(
        unit="count",
        lo=300,
        hi=5000,
        themes=("training",),
        tpl=(
            "[{n} practitioners had attended multi-agency training] in the year.",
            "The training programme had reached [{n} professionals] during {cur}.",
        ),
    ),
    "conference_attendees": dict(
        unit="count",
        lo=80,
        hi=500,
        themes=("training",),
        tpl=("[{n} people had attended the Board's annual conference].",),
    ),
    "e_learning_completions": dict(
        unit="count",
        lo=200,
        hi=8000,
        themes=("training",),
        tpl=(
            "[{n} e-learning courses had been completed] by staff and volunteers.",
            "Practitioners had completed [{n} e-learning modules].",
        ),
    ),
    "training_courses": dict(
        unit="count",
        lo=10,
        hi=150,
        themes=("training",),
        tpl=("The Board had delivered [{n} training courses] during the year.",),
    ),
    "audits": dict(
        unit="count",
        lo=3,
        hi=40,
        themes=("quality_assurance_audit",),
        tpl=(
            "[{n} multi-agency case file audit{s}] had been completed.",
            "The Quality Assurance Sub-Group had undertaken [{n} thematic audit{s}] in {cur}.",
        ),
    ),
    "section_11_returns": dict(
        unit="count",
        lo=10,
        hi=60,
        themes=("quality_assurance_audit",),
        tpl=("[{n} agencies had completed the section 11 self-assessment] this year.",),
    ),
    "schools_responding_to_audit": dict(
        unit="percent",
        lo=40,
        hi=98,
        themes=("quality_assurance_audit", "schools_education"),
        tpl=(
            "Only [{p} of schools had responded to the safeguarding audit].",
            "[{p} of schools had returned the section 175 audit] by the deadline.",
        ),
    ),
    "board_budget": dict(
        unit="gbp",
        lo=150,
        hi=900,
        themes=("funding_budget",),
        tpl=(
            "The Board's budget for the year was [{m}].",
            "The partnership had a total budget of [{m}] in {cur}.",
        ),
    ),
    "partner_contributions": dict(
        unit="gbp",
        lo=20,
        hi=300,
        themes=("funding_budget",),
        tpl=(
            "The Council had [contributed {m}] towards the Board's budget.",
            "Health partners had [contributed {m}] to the running costs of the Board.",
        ),
    ),
    "underspend": dict(
        unit="gbp",
        lo=5,
        hi=60,
        themes=("funding_budget",),
        tpl=("There had been [an underspend of {m}], which would be carried forward.",),
    ),
    "other_percent": dict(
        unit="percent",
        lo=60,
        hi=99,
        themes=("training",),
        tpl=("[{p} of attendees] had rated the training as good or excellent.",),
    ),
}
TABLE_ROWS = (  # metric, label
    ("referrals", "Referrals"),
    ("child_protection_plans", "Child protection plans"),
    ("looked_after_children", "Children looked after"),
    ("missing_episodes", "Missing episodes"),
    ("early_help_assessments", "Early help assessments"),
    ("contacts", "Contacts"),
)
DISTRACTORS = (
    "The report had been endorsed by the Board at its meeting on {date}.",
    "The statutory requirement to publish an annual report was set out in section 14A of the "
    "Children Act 2004.",
    "Paragraph {p1}.{p2} of the report summarised the Board's membership and attendance.",
    "The Board had been established in 2006 and had had an independent chair since {since}.",
    "The remaining actions would be completed within {k} months.",
    "Particular attention had been given to young people aged 16-17.",
    "The report was set out at pages {p1} to {p3} of the agenda pack.",
    "The next annual report would be presented in {month} {nexty}.",
    "Details were set out in Appendix {X} to the report.",
    "Partners were asked to respond within 20 working days.",
    "The report covered children and young people aged 0-18, and up to 25 for those with a disability.",
    "The Board's business plan ran until March {nexty}.",
    "The annual report had been published on the Board's website on {date}.",
    "Under paragraph 3.1 of Schedule 2, the Board was required to publish its report.",
)
SEMI = (  # counts that are not indicators: optional in the gold
    ("The Board had met [{n} times] during the year.", 4, 8),
    ("There were [{n} sub-groups] reporting to the Board.", 4, 9),
)


# --------------------------------------------------------------------------- documents


@dataclass
class Truth:
    metrics: list = field(default_factory=list)
    metrics_optional: list = field(default_factory=list)
    themes: set = field(default_factory=set)
    themes_optional: set = field(default_factory=set)
    concern: bool = False


@dataclass
class SectionDoc:
    """One meeting's minutes: blocks of text plus its ground truth."""

    heading: str  # meeting heading for multi-meeting pages
    title: str
    intro: list
    blocks: list  # (kind, text) with kind in p, bullet, h
    resolution: str
    gold: dict


_MARK = re.compile(r"\[([^\[\]]+)\]")


def mark(text: str) -> tuple[str, list[str]]:
    """Strip [..] quote markers; return the clean text and the quotes in order."""
    quotes = _MARK.findall(text)
    return _MARK.sub(lambda m: m.group(1), text), quotes


def capfirst(text: str, quotes: list[str]) -> tuple[str, list[str]]:
    """Capitalise a sentence that starts with a figure in words, and its quote if it starts there."""
    if not text or not text[0].islower():
        return text, quotes
    quotes = [q[0].upper() + q[1:] if j == 0 and text.startswith(q) else q for j, q in enumerate(quotes)]
    return text[0].upper() + text[1:], quotes


def phone_number(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"01{rng.randint(13, 91)} {rng.randint(200, 999)} {rng.randint(1000, 9999)}"
    return f"01{rng.randint(200, 999)} {rng.randint(200000, 999999)}"


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def raiser(rng: random.Random) -> tuple[str, str]:
    r = rng.choice(RAISERS).replace("{S}", rng.choice(LAST))
    low = r if r.startswith("Councillor") else r[0].lower() + r[1:]
    return r, low


def board_names(rng: random.Random, la: Authority, year: int) -> tuple[str, str, str]:
    """(full name, acronym, kind)."""
    place = la.place
    if la.aliases and rng.random() < 0.15:
        alias = rng.choice(la.aliases)
        if not re.search(r"\b(of|City|County)\b", alias) and len(alias) > 4 and not alias.isupper():
            place = alias
    initial = "".join(w[0] for w in re.split(r"[\s-]+", place) if w and w[0].isupper())[:3] or place[0]
    partnership = year >= PARTNERSHIP_FROM and not (year == PARTNERSHIP_FROM and rng.random() < 0.3)
    if partnership:
        options = [
            (f"{place} Safeguarding Children Partnership", f"{initial}SCP"),
            (f"{place} Children's Safeguarding Partnership", f"{initial}CSP"),
            (f"{place} Safeguarding Children Partnership", "the Partnership"),
            (f"{place} Safeguarding Partnership for Children and Young People", f"{initial}SP"),
        ]
        name, acr = rng.choice(options)
        return name, acr, "partnership"
    options = [
        (f"{place} Safeguarding Children Board", f"{initial}SCB"),
        (f"{place} Local Safeguarding Children Board", "LSCB"),
        (f"{place} Safeguarding Children's Board", f"{initial}SCB"),
        (f"{place} Local Safeguarding Children Board", f"{initial}LSCB"),
    ]
    name, acr = rng.choice(options)
    return name, acr, "LSCB"


def meeting_date(rng: random.Random, year: int) -> dt.date:
    d = dt.date(year + 1, 3, 31) + dt.timedelta(days=rng.randint(110, 330))
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


class Builder:
    """Collects sentences and the truth behind them for one section."""

    def __init__(self, rng: random.Random, year: int, ctx: dict):
        self.rng, self.year, self.ctx = rng, year, ctx
        self.t = Truth()

    def sent(self, tpl: str, **kw) -> tuple[str, list[str]]:
        ctx = {**self.ctx, **kw}
        return mark(tpl.format(**ctx))

    def topic(self, code: str) -> str:
        phrase = self.rng.choice(TOPICS[code])
        self.t.themes_optional.update(TOPIC_EXTRA.get(phrase, ()))
        return phrase

    def metric(self, name: str, optional: bool = False, value=None) -> str:
        spec = METRICS[name]
        rng = self.rng
        tpl = rng.choice(spec["tpl"])
        unit = spec["unit"]
        if unit == "count":
            n = value if value is not None else rng.randint(spec["lo"], spec["hi"])
            if value is None and n >= 200 and rng.random() < 0.15:
                n = round(n, -2)
            shown, qual = fmt_count(rng, n, 0.5 if n < 30 else 0.2)
            text, quotes = capfirst(
                *self.sent(tpl, n=shown, s="" if n == 1 else "s", were="was" if n == 1 else "were")
            )
            val = n
        elif unit == "percent":
            p = (
                rng.randint(spec["lo"], spec["hi"])
                if rng.random() < 0.85
                else rng.randint(spec["lo"], spec["hi"]) + 0.5
            )
            shown = fmt_percent(rng, p)
            text, quotes = capfirst(*self.sent(tpl, p=shown))
            val = p
        else:
            v = rng.randint(spec["lo"], spec["hi"]) * 1000 + rng.choice([0, 0, 500, 250])
            if name == "board_budget" and rng.random() < 0.15:
                v = rng.randint(11, 19) * 100_000
            shown = fmt_money(rng, v)
            text, quotes = self.sent(tpl, m=shown)
            val = v
        entry = {"name": name, "value": val, "unit": unit, "quote": quotes[0]}
        (self.t.metrics_optional if optional else self.t.metrics).append(entry)
        if not optional:
            self.t.themes.update(spec["themes"])
        else:
            self.t.themes_optional.update(spec["themes"])
        self.t.themes_optional.update(spec.get("opt", ()))
        # sometimes compare with last year's figure (optional: not this period's)
        if (
            unit == "count"
            and not optional
            and rng.random() < 0.2
            and text.endswith(".")
            and "previous year" not in text
        ):
            prev = max(1, int(val * rng.uniform(0.7, 1.3)))
            shown_prev, _ = fmt_count(rng, prev, 0.2)
            tail = f"{shown_prev} in {short_period(rng, self.year - 1)}"
            text = text[:-1] + f", compared with {tail}."
            self.t.metrics_optional.append({"name": name, "value": prev, "unit": unit, "quote": tail})
        return text


def scr_block(b: Builder) -> tuple[list[str], object]:
    """Serious case / practice review sentences and the scr_count truth."""
    rng, y, t = b.rng, b.year, b.t
    out = []
    r = rng.random()
    if y < PARTNERSHIP_FROM:
        if r < 0.35:
            return [], None
        if r < 0.47:
            s = rng.choice(
                [
                    "[No serious case reviews] had been commissioned during the year.",
                    "There had been [no serious case reviews] in {cur}.",
                    "The Board had [not been required to undertake any serious case reviews] in the year.",
                ]
            )
            text, q = b.sent(s)
            t.metrics_optional.append(
                {"name": "serious_case_reviews", "value": 0, "unit": "count", "quote": q[0]}
            )
            t.themes_optional.add("serious_case_reviews")
            return [text], 0
        n = rng.choices([1, 2, 3, 4, 5, 6], weights=[30, 30, 18, 10, 7, 5])[0]
        shown = words(n) if rng.random() < 0.6 else str(n)
        if n == 1 and rng.random() < 0.5:
            shown = "one"
        s = rng.choice(
            [
                "The Board had published [{n} serious case review{s}] during the year.",
                "{curcap} had been a challenging year with [{n} serious case review{s}].",
                "[{n} serious case review{s}] had been completed in the year.",
                "The Board had commissioned [{n} serious case review{s}] in {cur}.",
                "There had been [{n} serious case review{s} (SCRs)] in the reporting period.",
                "It was noted that [{n} SCR{s}] had been undertaken during the year.",
            ]
        )
        text, q = capfirst(*b.sent(s, n=shown, s="" if n == 1 else "s"))
        t.metrics.append({"name": "serious_case_reviews", "value": n, "unit": "count", "quote": q[0]})
        t.themes.add("serious_case_reviews")
        if rng.random() < 0.25:
            m = rng.randint(0, 4)
            shown_m = words(m) if m else "none"
            tail = f"{shown_m} in the previous year"
            text = text[:-1] + f", compared with {tail}."
            t.metrics_optional.append(
                {"name": "serious_case_reviews", "value": m, "unit": "count", "quote": tail}
            )
        out.append(text)
        return out, n
    # partnership years: local child safeguarding practice reviews count in the same series
    if r < 0.35:
        return [], None
    if r < 0.45:
        text, q = b.sent(
            rng.choice(
                [
                    "[No local child safeguarding practice reviews] had been commissioned in the year.",
                    "There had been [no LCSPRs] in {cur}.",
                ]
            )
        )
        t.metrics_optional.append({"name": "practice_reviews", "value": 0, "unit": "count", "quote": q[0]})
        t.themes_optional.add("serious_case_reviews")
        return [text], 0
    n = rng.choices([1, 2, 3, 4], weights=[40, 35, 15, 10])[0]
    shown = words(n) if rng.random() < 0.6 else str(n)
    if rng.random() < 0.35:
        rr = n + rng.randint(1, 8)
        rr_shown, _ = fmt_count(rng, rr, 0.5)
        text, q = b.sent(
            "The partnership had undertaken [{rr} rapid reviews], [{n} of which] had led to a local "
            "child safeguarding practice review.",
            rr=rr_shown,
            n=shown,
        )
        t.metrics.append({"name": "rapid_reviews", "value": rr, "unit": "count", "quote": q[0]})
        t.metrics.append({"name": "practice_reviews", "value": n, "unit": "count", "quote": q[1]})
    else:
        text, q = b.sent(
            rng.choice(
                [
                    "The partnership had published [{n} local child safeguarding practice review{s}] "
                    "during the year.",
                    "[{n} LCSPR{s}] had been commissioned following rapid reviews in {cur}.",
                    "There had been [{n} local child safeguarding practice review{s} (LCSPRs)] "
                    "in the period.",
                ]
            ),
            n=shown,
            s="" if n == 1 else "s",
        )
        text, q = capfirst(text, q)
        t.metrics.append({"name": "practice_reviews", "value": n, "unit": "count", "quote": q[0]})
    t.themes.add("serious_case_reviews")
    out.append(text)
    scr: object = n
    if y <= PARTNERSHIP_FROM + 1 and rng.random() < 0.3:
        k = rng.randint(1, 3)
        text2, q2 = b.sent(
            "The final [{k} serious case review{s}] commissioned under the previous arrangements "
            "had also been published.",
            k=words(k),
            s="" if k == 1 else "s",
        )
        t.metrics.append({"name": "serious_case_reviews", "value": k, "unit": "count", "quote": q2[0]})
        out.append(text2)
        scr = [n + k, n, k]
    return out, scr


def board_section(
    rng: random.Random,
    la: Authority,
    year: int,
    others: list[Authority],
    committee: str | None = None,
    date: dt.date | None = None,
) -> SectionDoc:
    board, acr, kind = board_names(rng, la, year)
    committee = committee or rng.choice(COMMITTEES)
    date = date or meeting_date(rng, year)
    role, role_opt = rng.choice(PRESENTERS)
    pname = person(rng)
    cur_style = rng.choices(
        ["dash", "slash", "long", "endash", "range", "rangeo", "ending", "months"],
        weights=[30, 30, 6, 5, 10, 6, 8, 5],
    )[0]
    cur_main = period_text(rng, year, cur_style)
    ctx = {
        "cur": short_period(rng, year),
        "curcap": short_period(rng, year),
        "next": short_period(rng, year + 1),
        "prev": short_period(rng, year - 1),
        "B": board,
        "A": acr,
        "P": f"The {role}",
    }
    b = Builder(rng, year, ctx)
    t = b.t
    t.themes_optional.update(role_opt)
    report = "yearly report" if kind == "partnership" and rng.random() < 0.4 else "annual report"
    Report = report[0].upper() + report[1:]

    # title and intro: the period is stated here in most documents
    in_title = cur_style in ("dash", "slash", "long", "endash") and rng.random() < 0.8
    title = rng.choice(
        [
            f"{board} {Report.title()} {cur_main}" if in_title else f"{board} {Report.title()}",
            f"{Report.title()} of the {board}" + (f" {cur_main}" if in_title else ""),
            (
                f"{acr} {Report.title()} {cur_main}"
                if in_title and not acr.startswith("the")
                else f"{board}: {Report}"
            ),
        ]
    )
    intro = []
    if not in_title and rng.random() < 0.85:
        intro.append(
            rng.choice(
                [
                    f"The {report} of the {board} covers the period {cur_main}."
                    if cur_style in ("range", "rangeo", "months")
                    else f"The {report} of the {board} covers {cur_main}.",
                    f"To consider the {report} of the {board} ({acr}) for {cur_main}.",
                ]
            )
        )
        stated = True
    else:
        stated = in_title
    intro.append(
        rng.choice(
            [
                f"To consider a report of the {role} of the {board}.",
                f"The purpose of the {report} is to review the work of the {board} and to assess the "
                f"effectiveness of "
                f"safeguarding arrangements in {la.place}.",
                f"Report of the {board}.",
                f"The {report} sets out how partners in {la.place} have worked together "
                "to keep children safe.",
            ]
        )
    )
    if rng.random() < 0.5:
        phone = phone_number(rng)
        intro.append(
            f"Officer contact: {pname}, {role}, {phone}, {pname.split()[0].lower()}."
            f"{pname.split()[1].lower()}@{la.slug.replace('-', '')}.gov.uk"
        )

    # body sentences, as independent units that get shuffled
    units: list[str] = []
    open_line = rng.choice(
        [
            f"{pname}, {role} of the {board}, attended the meeting to present the {Report} for {ctx['cur']} "
            "(copies of which had been circulated).",
            f"{pname}, {role}, presented the {ctx['cur']} {Report} of the {board} ({acr}).",
            f"[{pname}, {role} of the {board}]",
            f"The {role} of the {board} introduced the {report} for {ctx['cur']}.",
            f"The Committee considered the {report} of the {board} ({acr}), presented by {pname}, {role}.",
        ]
    )
    if not stated and ctx["cur"] not in open_line and rng.random() < 0.5:
        open_line = f"{pname}, {role}, presented the {Report} for {cur_main}."
    period_stated = stated or ctx["cur"] in open_line or cur_main in open_line

    # SCRs
    scr_units, scr = scr_block(b)
    units += scr_units
    # metrics
    names = [n for n in METRICS if n not in ("child_deaths_modifiable", "marac_children")]
    k = rng.choices([0, 1, 2, 3, 4, 5, 6, 8], weights=[5, 8, 14, 18, 18, 15, 12, 10])[0]
    chosen = rng.sample(names, k)
    if "child_death_notifications" in chosen and rng.random() < 0.5:
        chosen.append("child_deaths_modifiable")
    if "marac_cases" in chosen and rng.random() < 0.6:
        chosen.append("marac_children")
    table_rows = []
    if rng.random() < 0.25:
        table_rows = [r for r in rng.sample(TABLE_ROWS, rng.randint(2, 4)) if r[0] not in chosen]
    for name in chosen:
        units.append(b.metric(name))
    if table_rows:
        cur_h, prev_h = period_text(rng, year, "slash"), period_text(rng, year - 1, "slash")
        parts = [f"Indicator {prev_h} {cur_h}"]
        for name, label in table_rows:
            spec = METRICS[name]
            cur_v = rng.randint(spec["lo"], spec["hi"])
            prev_v = max(1, int(cur_v * rng.uniform(0.8, 1.2)))
            row = f"{label} {prev_v:,} {cur_v:,}"
            parts.append(row)
            t.metrics.append({"name": name, "value": cur_v, "unit": "count", "quote": row})
            t.metrics_optional.append({"name": name, "value": prev_v, "unit": "count", "quote": row})
            t.themes.update(spec["themes"])
            t.themes_optional.update(spec.get("opt", ()))
        units.append("The report included the following performance summary: " + " ".join(parts))
        period_stated = True
    # optional targets for next year
    if rng.random() < 0.15:
        n = rng.randint(5, 30) * 100
        text, q = b.sent("The partnership aimed to train [{n} practitioners] in {next}.", n=f"{n:,}")
        units.append(text)
        t.metrics_optional.append({"name": "training_attendees", "value": n, "unit": "count", "quote": q[0]})
        t.themes.add("training")
    # themes discussed
    pool = [c for c in TOPICS if c != "information_sharing"]
    if year < PARTNERSHIP_FROM - 2:
        pool.remove("new_arrangements")
    for code in rng.sample(pool, rng.choices([1, 2, 3, 4, 5, 6], weights=[8, 15, 25, 25, 17, 10])[0]):
        r_up, r_low = raiser(rng)
        frame = rng.choice(TOPIC_FRAMES)
        units.append(frame.format(t=b.topic(code), P=ctx["P"], next=ctx["next"], R=r_up))
        t.themes.add(code)
    if kind == "partnership" or year >= PARTNERSHIP_FROM - 2:
        t.themes_optional.add("new_arrangements")
    if year == PARTNERSHIP_FROM - 1 and rng.random() < 0.6:
        units.append(
            f"From September 2019 the {board} would be replaced by new safeguarding partnership "
            "arrangements led by the three safeguarding partners."
        )
        t.themes.add("new_arrangements")
    # concerns
    ir = rng.random()
    a, a_opt = rng.choice(AGENCIES)
    b2, b_opt = rng.choice([x for x in AGENCIES if x[0] != a])
    r_up, r_low = raiser(rng)
    if ir < 0.4:
        units.append(rng.choice(INFO_CONCERN).format(R=r_up, r=r_low, a=a, b=b2))
        t.concern = True
        t.themes.add("information_sharing")
        t.themes_optional.update(a_opt + b_opt)
    elif ir < 0.6:
        units.append(rng.choice(INFO_POSITIVE).format(R=r_up, r=r_low, a=a, b=b2))
        t.themes.add("information_sharing")
        t.themes_optional.update(a_opt + b_opt)
    if rng.random() < 0.5:
        code = rng.choice(pool)
        r_up, r_low = raiser(rng)
        units.append(rng.choice(OTHER_CONCERN).format(R=r_up, r=r_low, t=b.topic(code)))
        t.themes.add(code)
    # incidental mentions and distractors
    for text, codes in rng.sample(WEAK, rng.randint(0, 2)):
        units.append(text)
        t.themes_optional.update(codes.split(","))
    neighbour = rng.choice(others).place if others else "a neighbouring authority"
    if rng.random() < 0.3 and neighbour != la.place:
        units.append(f"A joint protocol had been agreed with {neighbour} and other neighbouring authorities.")
    for tpl in rng.sample(DISTRACTORS, rng.randint(1, 3)):
        units.append(
            tpl.format(
                date=date_text(rng, date - dt.timedelta(days=rng.randint(20, 90))),
                p1=rng.randint(2, 9),
                p2=rng.randint(1, 9),
                p3=rng.randint(40, 90),
                since=rng.randint(2008, year),
                k=rng.choice([3, 6, 9, 12]),
                month=rng.choice(MONTHS),
                nexty=year + 2,
                X=rng.choice("ABCD"),
            )
        )
    if rng.random() < 0.3:
        tpl, lo, hi = rng.choice(SEMI)
        n = rng.randint(lo, hi)
        text, q = b.sent(tpl, n=words(n) if rng.random() < 0.6 else str(n))
        units.append(text)
        t.metrics_optional.append({"name": "other_count", "value": n, "unit": "count", "quote": q[0]})
    # last year's report and next year's plans
    if rng.random() < 0.4:
        units.append(
            rng.choice(
                [
                    f"Progress against the recommendations of the {ctx['prev']} {report} was summarised.",
                    f"The priorities for {ctx['next']} had been agreed by the Board.",
                    f"The business plan for {ctx['next']} would build on this work.",
                ]
            )
        )
    if not period_stated:
        units.append(
            rng.choice(
                [
                    f"The report covered the period {period_text(rng, year, 'range')}.",
                    f"The report set out the work of the {acr if not acr.startswith('the') else 'Board'} "
                    "during "
                    f"{period_text(rng, year, rng.choice(['dash', 'slash', 'ending']))}.",
                ]
            )
        )

    rng.shuffle(units)
    units.insert(0, open_line)
    blocks = []
    style = rng.choice(["paras", "bullets", "mixed"])
    i = 0
    while i < len(units):
        if style == "bullets" and i > 0:
            blocks.append(("bullet", units[i]))
            i += 1
            continue
        take = 1 if style == "bullets" else rng.randint(1, 3)
        if style == "mixed" and i > 2 and rng.random() < 0.4:
            blocks.append(("bullet", units[i]))
            i += 1
            continue
        blocks.append(("p", " ".join(units[i : i + take])))
        i += take
    if style != "paras" and len(blocks) > 2:
        blocks.insert(
            1,
            (
                "p",
                rng.choice(
                    [
                        "The following issues were highlighted:-",
                        "Discussion ensued with the following issues raised:",
                        "In discussion, the following points were made:",
                    ]
                ),
            ),
        )
    resolution = rng.choice(
        [
            "RESOLVED \u2013 That the report be noted.",
            f"RESOLVED: That the {report} be noted and that {pname} be thanked for attending.",
            "Resolved: That the report be received and a further update be provided in twelve months.",
            "The Committee considered and commented on the annual report.",
            f"RESOLVED that the {acr if not acr.startswith('the') else 'Board'} {Report} be endorsed.",
            f"Resolved: That the report setting out the work of the partnership during "
            f"{period_text(rng, year, 'rangeo').replace(' to ', ' and ')} be received.",
        ]
    )
    themes = sorted(t.themes)
    gold = {
        "local_authority": la.name,
        "la_code": la.ons_code,
        "board_name": board,
        "board_kind": kind,
        "period": period_code(year),
        "scr_count": scr,
        "metrics": t.metrics,
        "metrics_optional": t.metrics_optional,
        "themes": themes,
        "themes_optional": sorted(t.themes_optional - t.themes),
        "information_sharing_concern": t.concern,
        "is_board_report": True,
        "meeting_date": date.isoformat(),
        "committee": committee,
        "presenter_role": role,
    }
    heading = f"Meeting: {date.strftime('%d/%m/%Y')} - {committee} (Item {rng.randint(3, 14)})"
    return SectionDoc(heading, title, intro, blocks, resolution, gold)


def not_board_section(rng: random.Random, la: Authority, year: int) -> SectionDoc:
    date = meeting_date(rng, year)
    kind = rng.choice(["planning", "licensing", "adults"])
    ref = f"{year % 100:02d}/{rng.randint(100, 9999):04d}/FUL"
    committee = {
        "planning": "Planning Committee",
        "licensing": "Licensing Sub-Committee",
        "adults": rng.choice(["Health and Wellbeing Board", "Adult Social Care Scrutiny Committee"]),
    }[kind]
    la_truth: object = [la.name, None]
    period: object = None
    if kind == "planning":
        title = f"Planning Application {ref}: Land off {rng.choice(LAST)} Road"
        units = [
            f"The application sought permission for {rng.randint(12, 240)} dwellings, a play area and "
            f"{rng.randint(40, 400)} parking spaces.",
            f"The site extended to {rng.randint(2, 30)}.{rng.randint(1, 9)} hectares and lay within "
            f"{rng.randint(200, 900)} metres of a primary school.",
            f"Objections had been received from {rng.randint(3, 80)} residents, mainly about traffic.",
            "The highway authority raised no objection subject to conditions.",
            f"The application was first considered on {date_text(rng, date - dt.timedelta(days=56))}.",
        ]
        res = "RESOLVED: That planning permission be granted subject to the conditions set out in the report."
    elif kind == "licensing":
        title = (
            f"Application for a Premises Licence: {rng.choice(LAST)}'s Bar, {rng.randint(1, 200)} High Street"
        )
        units = [
            f"The applicant sought to sell alcohol until {rng.choice(['23:00', '00:30', '01:00'])} on "
            "Fridays and Saturdays.",
            "Representations had been received in relation to the prevention of public nuisance and the "
            "protection of children from harm.",
            f"The premises had a capacity of {rng.randint(60, 400)} people.",
            "The Sub-Committee heard from the applicant and from two local residents.",
            "Conditions relating to CCTV and door supervision were agreed by the applicant.",
        ]
        res = "RESOLVED: That the licence be granted subject to the agreed conditions."
    else:
        period = [period_code(year), None]
        title = f"{la.place} Safeguarding Adults Board Annual Report {period_text(rng, year, 'dash')}"
        units = [
            f"The Independent Chair of the Safeguarding Adults Board presented the annual report for "
            f"{period_text(rng, year, 'slash')}.",
            f"There had been {rng.randint(800, 4000):,} safeguarding concerns and {rng.randint(100, 900)} "
            "section 42 enquiries in the year.",
            f"{rng.randint(2, 5)} safeguarding adults reviews had been commissioned.",
            "Making Safeguarding Personal remained a priority for the Board.",
            "Members asked about self-neglect and financial abuse of older people.",
        ]
        res = "RESOLVED: That the Safeguarding Adults Board annual report be noted."
    rng.shuffle(units)
    blocks = [("p", u) for u in units]
    gold = {
        "local_authority": la_truth,
        "la_code": None,
        "board_name": None,
        "board_kind": None,
        "period": period,
        "scr_count": None,
        "metrics": [],
        "metrics_optional": [],
        "themes": [],
        "themes_optional": [],
        "information_sharing_concern": False,
        "is_board_report": False,
        "meeting_date": date.isoformat(),
        "committee": committee,
        "presenter_role": None,
    }
    heading = f"Meeting: {date.strftime('%d/%m/%Y')} - {committee} (Item {rng.randint(3, 14)})"
    return SectionDoc(heading, title, [], blocks, res, gold)


# --------------------------------------------------------------------------- rendering

BULLETS = ("\u00b7         ", "-          ", "\u2022 ", "- ")


def render_txt(rng: random.Random, sections: list[SectionDoc], la: Authority) -> str:
    s = sections[0]
    gap = rng.choice(["\n\n", "\n\n \n\n", "\n\n\u00a0\n\n"])
    bullet = rng.choice(BULLETS)
    out = []
    layout = rng.choice(["agenda", "minute", "minute", "agenda"])
    if layout == "agenda":
        out += ["Agenda item", s.title, *s.intro, "Minutes:"]
    else:
        d = dt.date.fromisoformat(s.gold["meeting_date"])
        out += [
            s.gold["committee"].upper(),
            f"Minutes of the meeting held on {date_text(rng, d)}",
            f"Present: Councillor {rng.choice(LAST)} (Chair); Councillors {rng.choice(LAST)}, "
            f"{rng.choice(LAST)} and {rng.choice(LAST)}",
            f"{rng.randint(10, 90)}. Declarations of interest",
            "There were no declarations of interest.",
            f"{rng.randint(10, 90)}. {s.title.upper() if rng.random() < 0.5 else s.title}",
            *s.intro,
        ]
    for kind, text in s.blocks:
        out.append(bullet + text if kind == "bullet" else text)
    out.append(s.resolution)
    if layout == "agenda":
        out.append("Supporting documents:")
    return gap.join(out) + "\n"


def _html_blocks(s: SectionDoc) -> str:
    parts, in_list = [], False
    for kind, text in s.blocks:
        if kind == "bullet" and not in_list:
            parts.append("<ul>")
            in_list = True
        if kind != "bullet" and in_list:
            parts.append("</ul>")
            in_list = False
        esc = html.escape(text, quote=False)
        parts.append(f"<li>{esc}</li>" if kind == "bullet" else f'<p class="mgWordPara">{esc}</p>')
    if in_list:
        parts.append("</ul>")
    parts.append(f'<p class="mgWordPara">{html.escape(s.resolution, quote=False)}</p>')
    return "\n".join(parts)


def _html_page(rng: random.Random, la: Authority, page: str, title: str, main: str) -> str:
    council = f"{la.place} Council"
    cid, mid = rng.randint(100, 999), rng.randint(1000, 9999)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{html.escape(title)} - {html.escape(council)}</title>
<link rel="stylesheet" href="/SiteSpecific/ssMgStyles.css">
<script type="text/javascript">var mgPageId = {rng.randint(10000, 99999)};
function mgToggle(id) {{ var e = document.getElementById(id);
  if (e) {{ e.style.display = (e.style.display == 'none') ? 'block' : 'none'; }} }}</script>
</head>
<body>
<div id="mgHeader"><a class="skip" href="#modgov">Skip to content</a>
<ul class="mgNav">
<li><a href="mgCalendarMonthView.aspx">Calendar</a></li>
<li><a href="mgListCommittees.aspx">Committees</a></li>
<li><a href="mgDelegatedDecisions.aspx">Decisions</a></li>
<li><a href="mgMemberIndex.aspx">Councillors</a></li>
<li><a href="ieDocSearch.aspx">Search documents</a></li>
</ul></div>
<div class="mgBreadCrumbs"><a href="/">Home</a> &gt;
<a href="ieDocHome.aspx">Councillors, committees and decisions</a> &gt;
<a href="ieListMeetings.aspx?CommitteeId={cid}">Meetings</a> &gt; {page}</div>
<div id="modgov">
<div class="mgContent">
{main}
</div>
</div>
<div id="mgFooter"><p>{html.escape(council)}, Town Hall. Democratic Services: {phone_number(rng)}</p></div>
<script type="text/javascript">window.mgInit && window.mgInit({mid});</script>
</body>
</html>
"""


def render_html(rng: random.Random, sections: list[SectionDoc], la: Authority) -> str:
    if len(sections) == 1:
        s = sections[0]
        sid = rng.randint(10000, 99999)
        docname = html.escape(s.title[:60])
        intro = "\n".join(f'<p class="mgWordPara">{html.escape(x, quote=False)}</p>' for x in s.intro)
        main = f"""<h1 class="mgMainTitleTxt">Agenda item</h1>
<h2 class="mgSubTitleTxt">{html.escape(s.title, quote=False)}</h2>
<div class="mgSubTitle">{html.escape(s.heading, quote=False)}</div>
{intro}
<h2 class="mgSectionTitle">Minutes:</h2>
<div class="mgWordPara">
{_html_blocks(s)}
</div>
<h2 class="mgSectionTitle">Supporting documents:</h2>
<ul class="mgActionList">
<li><a href="documents/s{sid}/{docname}.pdf" class="mgPdfLink">
{docname}, item {rng.randint(3, 14)}. PDF {rng.randint(1, 4)} MB</a></li>
<li><a href="documents/s{sid + 1}/Appendix.pdf" class="mgPdfLink">
Appendix A, item {rng.randint(3, 14)}. PDF {rng.randint(200, 900)} KB</a></li>
</ul>"""
        return _html_page(rng, la, "Agenda item", s.title, main)
    issue = html.escape(sections[0].title, quote=False)
    parts = [
        f'<h1 class="mgMainTitleTxt">Issue - items at meetings - {issue}</h1>',
        '<h2 class="mgSectionTitle">Issue history</h2>',
    ]
    for s in sections:
        parts.append(f'<h2 class="mgSubSubTitleTxt">{html.escape(s.heading, quote=False)}</h2>')
        parts.append(f"<h3>{html.escape(s.title, quote=False)}</h3>")
        parts += [f'<p class="mgWordPara">{html.escape(x, quote=False)}</p>' for x in s.intro]
        parts.append('<h4>Minutes:</h4>\n<div class="mgWordPara">\n' + _html_blocks(s) + "\n</div>")
    return _html_page(rng, la, "Issue", sections[0].title, "\n".join(parts))


_PDF_MAP = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2022": "-",
        "\u00b7": "-",
        "\u00a0": " ",
        "\u2026": "...",
    }
)


def pdf_safe(text: str) -> str:
    text = text.translate(_PDF_MAP)
    return text.encode("latin-1", "replace").decode("latin-1")


def render_pdf(rng: random.Random, sections: list[SectionDoc], la: Authority) -> bytes:
    from fpdf import FPDF

    def cell(h: float, text: str) -> None:
        pdf.multi_cell(0, h, pdf_safe(text), new_x="LMARGIN", new_y="NEXT")

    s = sections[0]
    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_creator("Democratic Services")
    pdf.set_producer("boardcompare bench")
    pdf.set_title(pdf_safe(s.title))
    pdf.set_auto_page_break(True, 15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 13)
    cell(7, f"{la.place} Council - {s.gold['committee']}")
    pdf.set_font("Helvetica", "", 10)
    d = dt.date.fromisoformat(s.gold["meeting_date"])
    cell(6, f"Minutes of the meeting held on {date_text(rng, d)}")
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 11)
    cell(6, f"{rng.randint(10, 90)}. {s.title}")
    pdf.set_font("Helvetica", "", 10)
    for text in s.intro:
        cell(5, text)
        pdf.ln(2)
    for kind, text in s.blocks:
        cell(5, ("- " if kind == "bullet" else "") + text)
        pdf.ln(2)
    pdf.set_font("Helvetica", "B", 10)
    cell(5, s.resolution)
    return bytes(pdf.output())


def render_docx(rng: random.Random, sections: list[SectionDoc], la: Authority) -> bytes:
    import docx

    s = sections[0]
    doc = docx.Document()
    cp = doc.core_properties
    cp.author = "Democratic Services"
    cp.title = s.title
    cp.created = cp.modified = cp.last_printed = FIXED_DATE.replace(tzinfo=None)
    cp.revision = 1
    doc.add_heading(f"{la.place} Council \u2013 {s.gold['committee']}", level=1)
    d = dt.date.fromisoformat(s.gold["meeting_date"])
    doc.add_paragraph(f"Minutes of the meeting held on {date_text(rng, d)}")
    doc.add_heading(f"{rng.randint(10, 90)}. {s.title}", level=2)
    for text in s.intro:
        doc.add_paragraph(text)
    for kind, text in s.blocks:
        doc.add_paragraph(text, style="List Bullet" if kind == "bullet" else None)
    doc.add_paragraph(s.resolution)
    buf = io.BytesIO()
    doc.save(buf)
    return _stable_zip(buf.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps so the same content gives the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def bad_bytes(rng: random.Random, fmt: str) -> tuple[bytes, str]:
    kind = rng.choice(["empty", "binary", "whitespace", "truncated"])
    if kind == "empty":
        return b"", kind
    if kind == "whitespace":
        return b" \n\n\t \n", kind
    if kind == "truncated" and fmt == "pdf":
        return b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog", kind
    if kind == "truncated" and fmt == "docx":
        return b"PK\x03\x04\x14\x00\x06\x00" + rng.randbytes(200), kind
    return rng.randbytes(rng.randint(64, 4096)), "binary"


# --------------------------------------------------------------------------- corpus


@dataclass(frozen=True)
class Plan:
    index: int
    la: Authority
    year: int
    copy: int
    fmt: str
    kind: str  # board_report, multi_meeting, not_board, bad


def board_years(authorities: list[Authority], boards: int, years: int, seed: int) -> tuple[list, list]:
    start = LAST_START_YEAR - years + 1
    span = range(start, LAST_START_YEAR + 1)
    usable = [a for a in authorities if any(a.first_year <= y <= a.last_year for y in span)]
    rng = random.Random(f"{seed}/boards")
    picked = sorted(rng.sample(usable, min(boards, len(usable))), key=lambda a: a.name)
    pairs = [(a, y) for a in picked for y in span if a.first_year <= y <= a.last_year]
    rng.shuffle(pairs)
    return picked, pairs


def plan(i: int, pairs: list, formats: list[str], weights: list[float], seed: int, total: int) -> Plan:
    la, year = pairs[i % len(pairs)]
    rng = random.Random(f"{seed}/plan/{i}")
    nf = len(formats)
    if i < nf:  # small runs: every format gets a board report
        return Plan(i, la, year, i // len(pairs), formats[i], "board_report")
    fmt = rng.choices(formats, weights)[0]
    r = rng.random()
    if total >= 20 and i == nf and "html" in formats:
        fmt, kind = "html", "multi_meeting"
    elif total >= 20 and i == nf + 1:
        kind = "not_board"
    elif total >= 20 and i == nf + 2:
        kind = "bad"
    elif r < 0.01:
        kind = "bad"
    elif r < 0.03:
        kind = "not_board"
    elif fmt == "html" and r < 0.20:
        kind = "multi_meeting"
    else:
        kind = "board_report"
    return Plan(i, la, year, i // len(pairs), fmt, kind)


def build(p: Plan, seed: int, authorities: list[Authority], years_span: tuple[int, int]):
    """Build one document: (bytes, sections, extra gold fields)."""
    rng = random.Random(f"{seed}/doc/{p.index}")
    if p.kind == "bad":
        data, why = bad_bytes(rng, p.fmt)
        return data, [], {"bad": why}
    if p.kind == "not_board":
        sections = [not_board_section(rng, p.la, p.year)]
    elif p.kind == "multi_meeting":
        sections = [board_section(rng, p.la, p.year, authorities)]
        y = p.year
        for _ in range(rng.randint(1, 2)):
            last = dt.date.fromisoformat(sections[-1].gold["meeting_date"])
            if rng.random() < 0.5 or y + 1 > min(p.la.last_year, years_span[1]):
                # the same report at another committee a few weeks later
                d = last + dt.timedelta(days=rng.randint(14, 60))
                while d.weekday() >= 5:
                    d += dt.timedelta(days=1)
            else:  # the same agenda item a year later
                y += 1
                d = None
            sections.append(board_section(rng, p.la, y, authorities, date=d))
        sections.sort(key=lambda s: s.gold["meeting_date"])
    else:
        sections = [board_section(rng, p.la, p.year, authorities)]
    extra = {}
    if p.fmt == "txt":
        text = render_txt(rng, sections, p.la)
        r = rng.random()
        enc = "utf-8"
        if r < 0.04:
            try:
                data = text.encode("cp1252")
                enc = "cp1252"
            except UnicodeEncodeError:
                data = text.encode("utf-8")
        elif r < 0.06:
            data = text.encode("utf-16")
            enc = "utf-16"
        else:
            data = text.encode("utf-8")
        if rng.random() < 0.1:
            crlf = text.replace("\n", "\r\n")
            data = crlf.encode("utf-16") if enc == "utf-16" else data.replace(b"\n", b"\r\n")
            extra["newline"] = "crlf"
        extra["encoding"] = enc
    elif p.fmt == "html":
        data = render_html(rng, sections, p.la).encode("utf-8")
    elif p.fmt == "pdf":
        for s in sections:  # quotes follow the characters the core font can draw
            for key in ("metrics", "metrics_optional"):
                for m in s.gold[key]:
                    m["quote"] = pdf_safe(m["quote"])
        data = render_pdf(rng, sections, p.la)
    else:
        data = render_docx(rng, sections, p.la)
    return data, sections, extra


def generate(
    out: Path,
    boards: int,
    years: int,
    seed: int = 42,
    formats=FORMATS,
    reports: int | None = None,
    mix: dict | None = None,
    progress: bool = False,
) -> dict:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    authorities = load_authorities()
    picked, pairs = board_years(authorities, boards, years, seed)
    if not pairs:
        raise SystemExit("no board-years to generate")
    total = reports if reports is not None else len(pairs)
    formats = [f for f in FORMATS if f in formats]
    mix = mix or DEFAULT_MIX
    weights = [mix.get(f, 0) or 0.0001 for f in formats]
    span = (LAST_START_YEAR - years + 1, LAST_START_YEAR)
    counts: dict = {}
    t0 = time.perf_counter()
    made: set[Path] = set()
    with (
        open(out / "gold.jsonl", "w", encoding="utf-8") as gj,
        open(out / "manifest.csv", "w", encoding="utf-8", newline="") as mf,
    ):
        man = csv.writer(mf, lineterminator="\n")
        man.writerow(["file", "format", "local_authority", "period", "kind"])
        for i in range(total):
            p = plan(i, pairs, formats, weights, seed, total)
            data, sections, extra = build(p, seed, picked, span)
            # (board-year, copy) is unique per index, so names never collide
            rel = f"{p.la.slug}/{period_code(p.year)}_{p.copy}.{p.fmt}"
            path = out / rel
            if path.parent not in made:  # a few hundred folders at most
                path.parent.mkdir(exist_ok=True)
                made.add(path.parent)
            path.write_bytes(data)
            man.writerow([rel, p.fmt, p.la.name, period_code(p.year), p.kind])
            counts[p.fmt] = counts.get(p.fmt, 0) + 1
            counts[p.kind] = counts.get(p.kind, 0) + 1
            if p.kind == "bad":
                gj.write(
                    json.dumps(
                        {
                            "file": rel,
                            "section": 0,
                            "kind": "bad",
                            "format": p.fmt,
                            "is_board_report": False,
                            **extra,
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
            for k, s in enumerate(sections):
                rec = {"file": rel, "section": k, "kind": p.kind, "format": p.fmt, **s.gold, **extra}
                if len(sections) > 1:
                    rec["heading"] = s.heading
                gj.write(json.dumps(rec, ensure_ascii=False) + "\n")
            if progress and (i + 1) % 1000 == 0:
                print(f"{i + 1}/{total} {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    finish_gold(out)
    counts["seconds"] = round(time.perf_counter() - t0, 2)
    counts["documents"] = total
    counts["boards"] = len(picked)
    return counts


GOLD_KEYS = (
    "file",
    "local_authority",
    "board_name",
    "period",
    "scr_count",
    "metrics",
    "metrics_optional",
    "themes",
    "themes_optional",
    "information_sharing_concern",
    "is_board_report",
    "format",
    "meeting_date",
    "committee",
)


def finish_gold(out: Path) -> None:
    """Stream gold.jsonl into gold.json (single-meeting, readable) and gold_multi.json."""
    with (
        open(out / "gold.jsonl", encoding="utf-8") as src,
        open(out / "gold.json", "w", encoding="utf-8") as single,
        open(out / "gold_multi.json", "w", encoding="utf-8") as multi,
    ):
        single.write("[\n")
        multi.write("[\n")
        first_s = first_m = True
        group: list[dict] = []

        def flush():
            nonlocal first_m
            if group:
                obj = {"file": group[0]["file"], "format": group[0]["format"], "sections": group[:]}
                multi.write(("" if first_m else ",\n") + json.dumps(obj, ensure_ascii=False))
                first_m = False
                group.clear()

        for line in src:
            rec = json.loads(line)
            if rec["kind"] == "bad":
                continue
            if rec["kind"] == "multi_meeting":
                if group and group[0]["file"] != rec["file"]:
                    flush()
                group.append(rec)
                continue
            obj = {k: rec.get(k) for k in GOLD_KEYS}
            obj["kind"] = rec["kind"]
            single.write(("" if first_s else ",\n") + json.dumps(obj, ensure_ascii=False))
            first_s = False
        flush()
        single.write("\n]\n")
        multi.write("\n]\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--boards", type=int, default=40)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--reports", type=int, default=None, help="documents to write (default boards x years)")
    ap.add_argument("--mix", default=None, help="weights per format in --formats order, e.g. 80,14,3,3")
    ap.add_argument("--progress", action="store_true")
    a = ap.parse_args(argv)
    formats = [f.strip() for f in a.formats.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        ap.error(f"unknown format(s): {bad}")
    mix = None
    if a.mix:
        mix = dict(zip(formats, (float(x) for x in a.mix.split(",")), strict=True))
    counts = generate(Path(a.out), a.boards, a.years, a.seed, formats, a.reports, mix, a.progress)
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
