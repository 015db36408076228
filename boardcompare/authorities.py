"""England's local authorities with children's services, and how minutes name them.

A board is identified by its local authority's *name*, never by an acronym: two boards
can share one (Solihull and Suffolk are both "SSCB"). The reference list is
``vocab/local_authorities.csv`` (see ``vocab/README.md``); this module loads it lazily and
offers three ways in:

* :func:`authority_by_name` - the canonical name, exactly.
* :func:`match_authority` - one name as somebody wrote it ("Brighton & Hove City Council").
* :func:`find_authorities` - every mention of any authority in running text.

>>> authority_by_name("Kent").ons_code
'E10000016'
>>> match_authority("LBHF").name
'Hammersmith and Fulham'
>>> match_authority("Brighton & Hove City Council").name
'Brighton and Hove'
>>> match_authority("London Borough of Hammersmith & Fulham").name
'Hammersmith and Fulham'
>>> match_authority("Solihull Metropolitan Borough Council").name
'Solihull'
>>> match_authority("Kingston-upon-Hull").name
'Kingston upon Hull'
>>> match_authority("Planning Committee") is None
True
>>> [(h.authority.name, h.matched) for h in find_authorities("North Yorkshire and York agreed.")]
[('North Yorkshire', 'North Yorkshire'), ('York', 'York')]

Rules of :func:`find_authorities`, in the order they apply:

1. **Word boundaries.** A form matches only as whole words; hyphens and spaces inside a
   form are interchangeable ("Stoke on Trent"), as are "St." and "St", and a comma inside
   a form is optional.
2. **Short acronyms are case-sensitive.** A form of at most five characters with two or
   more capitals ("BCP", "LBHF", "B&NES", "IoW") must appear exactly as written.
3. **Names are proper nouns.** Every word that starts with a capital in the vocabulary
   must start with a capital in the text; the rest of the word may be in any case, so
   "Kent" and "KENT" match but "kent" does not, and the verb "bury" is not Bury.
4. **Longest match wins.** At any position the longest form is tried first, so "North
   Yorkshire" is one hit (not York), "Bath and North East Somerset" is not Somerset and
   "Kingston upon Hull" is not Kingston (upon Thames).
5. **Places that are not authorities are skipped.** A hit inside one of
   :func:`not_authorities` ("Newcastle-under-Lyme", "Bury St Edmunds", "Greater
   Manchester", "Sutton Coldfield", "Second Reading", ...) is dropped.
6. **People are not places.** A hit right after an honorific ("Mr", "Cllr", "Dr", ...) is
   dropped: "Councillor Wakefield" is a person.
7. **Reading needs context.** The bare word "Reading" (the names in
   :data:`CONTEXT_REQUIRED`) counts when it is not at the start of a sentence or a line
   ("in Reading", "for Reading", "the Reading board"). At such a start it counts only when
   a capitalised council-ish word follows ("Reading Borough Council", "Reading
   Safeguarding Children Board", "READING LSCB", "Reading Children's Services") or
   another authority is listed right beside it ("Reading, Wokingham and West Berkshire").
   So "Reading the report, members agreed" finds nothing.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from boardcompare.paths import VOCAB_DIR

CSV_NAME = "local_authorities.csv"
EXCLUSIONS_CSV = "not_authorities.csv"
REGIONS = (
    "North East",
    "North West",
    "Yorkshire and The Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
)
LA_TYPES = ("county", "metropolitan borough", "London borough", "unitary")

#: Canonical names that, standing alone, are ordinary words and so need context (rule 7).
CONTEXT_REQUIRED = frozenset({"Reading"})

_HONORIFICS = frozenset(
    "mr mrs ms miss mx dr cllr councillor professor prof sir dame lord lady baroness rev".split()
)
# Capitalised words that, right after a context-requiring name, make it a place (rule 7).
_CONTEXT_AFTER = frozenset(
    "borough council safeguarding lscb lscp scb scp children childrens local unitary".split()
)

# Prefixes and suffixes that say what kind of body a name is, on normalised keys.
_PREFIXES = (
    "london borough of",
    "royal borough of",
    "metropolitan borough of",
    "county borough of",
    "borough of",
    "city and county of",
    "city of",
    "county of",
    "council of the",
    "council of",
    "corporation of",
)
_SUFFIXES = (
    "local safeguarding children board",
    "local safeguarding children partnership",
    "safeguarding children board",
    "safeguarding children partnership",
    "safeguarding childrens board",
    "safeguarding childrens partnership",
    "lscb",
    "lscp",
    "childrens trust",
    "childrens services",
    "metropolitan borough council",
    "metropolitan district council",
    "borough council",
    "city council",
    "county council",
    "district council",
    "unitary authority",
    "unitary council",
    "council",
    "corporation",
    "mbc",
    "city of",
    "county of",
    "city",
)
_CONTEXT_KEYS = frozenset(" ".join(name.lower().split()) for name in CONTEXT_REQUIRED)
_THE_RE = re.compile(r"^the\s+")
_PREFIX_RE = re.compile(r"^(?:" + "|".join(map(re.escape, _PREFIXES)) + r")\s+")
_SUFFIX_RE = re.compile(r"\s+(?:" + "|".join(map(re.escape, _SUFFIXES)) + r")$")
_TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]")
_FIRST_WORD_RE = re.compile(r"\w+")
_CAPITALISED_WORD_RE = re.compile(r"(?<![\w&])[A-Z]\w*")
_NON_WORD_RE = re.compile(r"[^\w]+")
_APOSTROPHE_RE = re.compile(r"[’'`]")
_WORD_BEFORE_RE = re.compile(r"(\w+)\.?\s+$")
_WORD_AFTER_RE = re.compile(r"^(?:['’]s)?\s+([\w’']+)")
_SENTENCE_GAP_RE = re.compile(r"[\s\"'“”‘’(\[•·*\-–—]*$")
_LIST_GAP_RE = re.compile(r"^\s*(?:,|&|/|and\b|or\b)\s*$")

_MIN_FUZZY_LEN = 8
_FUZZY_MARGIN = 3


@dataclass(frozen=True)
class LocalAuthority:
    """One upper-tier local authority (children's services) in England."""

    name: str
    ons_code: str
    region: str
    la_type: str
    aliases: tuple[str, ...]
    valid_to: int | None  # last financial year (April start) it existed; None while current

    @property
    def current(self) -> bool:
        """Whether the authority still exists.

        >>> authority_by_name("Cumbria").current, authority_by_name("Cumberland").current
        (False, True)
        """
        return self.valid_to is None

    @property
    def forms(self) -> tuple[str, ...]:
        """The canonical name followed by its aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class AuthorityHit:
    """A mention of an authority in a text: ``text[start:end] == matched``."""

    authority: LocalAuthority
    start: int
    end: int
    matched: str


def normalise(name: str) -> str:
    """The lookup key of a name: lower case, "&" as "and", punctuation and hyphens as spaces.

    >>> normalise("  Brighton & Hove ")
    'brighton and hove'
    >>> normalise("St. Helens"), normalise("Stoke-on-Trent"), normalise("Children’s")
    ('st helens', 'stoke on trent', 'childrens')
    """
    text = unicodedata.normalize("NFKC", name).replace("&", " and ")
    text = _APOSTROPHE_RE.sub("", text.lower())
    return _NON_WORD_RE.sub(" ", text).strip()


def _strip_body_words(key: str) -> tuple[str, bool]:
    """Remove council-type prefixes and suffixes from a normalised key, repeatedly.

    Returns the rest and whether any council-type word was removed (a leading "the" is
    dropped too but does not count).
    """
    stripped = False
    while True:
        shorter = _SUFFIX_RE.sub("", _PREFIX_RE.sub("", _THE_RE.sub("", key)))
        if shorter == key:
            return key, stripped
        stripped = stripped or _THE_RE.sub("", key) != shorter
        key = shorter


@cache
def load_authorities() -> tuple[LocalAuthority, ...]:
    """Every authority in ``vocab/local_authorities.csv``, current and historic, in file order.

    >>> len([a for a in load_authorities() if a.current])
    153
    """
    with open(VOCAB_DIR / CSV_NAME, newline="", encoding="utf-8") as handle:
        return tuple(
            LocalAuthority(
                name=row["name"].strip(),
                ons_code=row["ons_code"].strip(),
                region=row["region"].strip(),
                la_type=row["la_type"].strip(),
                aliases=tuple(a.strip() for a in row["aliases"].split("|") if a.strip()),
                valid_to=int(row["valid_to"]) if row["valid_to"].strip() else None,
            )
            for row in csv.DictReader(handle)
        )


@cache
def not_authorities() -> tuple[str, ...]:
    """Places and phrases that contain an authority's name or alias but are not that authority
    (``vocab/not_authorities.csv``, in file order).

    >>> "Greater Manchester" in not_authorities()
    True
    """
    with open(VOCAB_DIR / EXCLUSIONS_CSV, newline="", encoding="utf-8") as handle:
        return tuple(row["phrase"].strip() for row in csv.DictReader(handle) if row["phrase"].strip())


@cache
def _by_name() -> dict[str, LocalAuthority]:
    return {a.name: a for a in load_authorities()}


@cache
def _by_key() -> dict[str, LocalAuthority]:
    """Normalised name or alias -> authority. First one wins; the tests forbid clashes."""
    keys: dict[str, LocalAuthority] = {}
    for authority in load_authorities():
        for form in authority.forms:
            keys.setdefault(normalise(form), authority)
    return keys


def authority_by_name(name: str) -> LocalAuthority:
    """The authority with exactly this canonical name; KeyError otherwise.

    >>> authority_by_name("Bournemouth, Christchurch and Poole").ons_code
    'E06000058'
    >>> authority_by_name("Northamptonshire").valid_to
    2020
    """
    try:
        return _by_name()[name]
    except KeyError:
        raise KeyError(f"no local authority is called {name!r}") from None


def match_authority(name: str, score_cutoff: int = 90) -> LocalAuthority | None:
    """The authority a name as written refers to, or None when it is not (clearly) one.

    Steps: normalise (case, "&" -> "and", punctuation); exact lookup of names and aliases;
    strip council-type words ("London Borough of", "City Council", "Safeguarding Children
    Board"...) and look up again; when such words were stripped, accept a unique authority
    whose name starts with what is left ("Royal Borough of Windsor"); last, a fuzzy match
    (rapidfuzz ratio >= ``score_cutoff``) for names of eight characters or more, refused
    when two authorities score within a few points of each other.

    >>> match_authority("Royal Borough of Kensington & Chelsea").name
    'Kensington and Chelsea'
    >>> match_authority("County Durham").name, match_authority("Durham County Council").name
    ('Durham', 'Durham')
    >>> match_authority("City of London").name, match_authority("City of York Council").name
    ('City of London', 'York')
    >>> match_authority("London Borough of Richmond").name
    'Richmond upon Thames'
    >>> match_authority("Workingham").name
    'Wokingham'
    >>> match_authority("Safeguarding Adults Board") is None
    True
    """
    key = normalise(name)
    if not key:
        return None
    keys = _by_key()
    if key in keys:
        return keys[key]
    key, stripped = _strip_body_words(key)
    if not key:
        return None
    if key in keys:
        return keys[key]
    if stripped and len(key) >= 4:
        starting = {a.ons_code: a for k, a in keys.items() if k.startswith(key + " ")}
        if len(starting) == 1:
            return next(iter(starting.values()))
    if len(key) < _MIN_FUZZY_LEN:
        return None
    choices = [k for k in keys if len(k) >= _MIN_FUZZY_LEN]
    best: dict[str, tuple[float, LocalAuthority]] = {}
    for choice, score, _ in process.extract(key, choices, scorer=fuzz.ratio, limit=10):
        authority = keys[choice]
        if score >= score_cutoff - _FUZZY_MARGIN and authority.ons_code not in best:
            best[authority.ons_code] = (score, authority)
    ranked = sorted(best.values(), key=lambda pair: -pair[0])
    if not ranked or ranked[0][0] < score_cutoff:
        return None
    if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < _FUZZY_MARGIN:
        return None
    return ranked[0][1]


def _is_acronym(form: str) -> bool:
    """Short forms with two or more capitals ("BCP", "IoW", "B&NES") match case-sensitively."""
    return len(form) <= 5 and sum(c.isupper() for c in form) >= 2


def _form_pattern(form: str) -> str:
    """A regex body for one form, following rules 1-3 of the module docstring."""
    if _is_acronym(form):
        return re.escape(form)
    parts = []
    for token in _TOKEN_RE.findall(form):
        if token[0].isspace() or token == "-":
            parts.append(r"(?:\s+|-)")
        elif token == "&":
            parts.append(r"\s*&\s*")
        elif token == ",":
            parts.append(",?")
        elif token == ".":
            parts.append(r"\.?")
        elif token[0].isalnum() or token[0] == "_":
            head, rest = token[0], token[1:]
            if head.isupper():
                parts.append(re.escape(head) + (f"(?i:{re.escape(rest)})" if rest else ""))
            else:
                parts.append(f"(?i:{re.escape(token)})")
        else:
            parts.append(re.escape(token))
    return "".join(parts)


class _FormIndex:
    """Forms indexed by their first word, for leftmost-longest scanning of long texts.

    One regex with hundreds of alternatives is slow in ``re`` (it tries each at every
    position), so the scan looks only at capitalised words (every form starts with an
    ASCII capital) and tries the few forms that begin with that word, longest first.
    """

    def __init__(self, forms: list[str]) -> None:
        groups: dict[str, list[str]] = {}
        for form in dict.fromkeys(forms):
            groups.setdefault(_FIRST_WORD_RE.match(form).group(0).casefold(), []).append(form)
        self._patterns: dict[str, tuple[re.Pattern[str], tuple[str, ...]]] = {}
        for word, members in groups.items():
            ordered = tuple(sorted(members, key=lambda f: (-len(f), f)))
            body = "|".join(f"({_form_pattern(f)})" for f in ordered)
            self._patterns[word] = (re.compile(rf"(?:{body})(?![\w&])"), ordered)

    def finditer(self, text: str):
        """Yield ``(form, start, end)`` for non-overlapping matches, leftmost then longest."""
        last_end = 0
        for word in _CAPITALISED_WORD_RE.finditer(text):
            if word.start() < last_end:
                continue
            entry = self._patterns.get(word.group(0).casefold())
            if entry is None:
                continue
            pattern, ordered = entry
            m = pattern.match(text, word.start())
            if m:
                last_end = m.end()
                yield ordered[m.lastindex - 1], m.start(), m.end()


@cache
def _index() -> tuple[_FormIndex, dict[str, LocalAuthority]]:
    owner: dict[str, LocalAuthority] = {}
    for authority in load_authorities():
        for form in authority.forms:
            owner.setdefault(form, authority)
    return _FormIndex(list(owner)), owner


@cache
def _exclusions() -> _FormIndex:
    return _FormIndex(list(not_authorities()))


def _word_before(text: str, start: int) -> str:
    m = _WORD_BEFORE_RE.search(text[max(0, start - 40) : start])
    return m.group(1).lower() if m else ""


def _capitalised_word_after(text: str, end: int) -> str:
    m = _WORD_AFTER_RE.match(text[end : end + 40])
    return normalise(m.group(1)) if m and m.group(1)[0].isupper() else ""


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 200) : start]
    gap = _SENTENCE_GAP_RE.search(before)
    gap_text = gap.group(0) if gap else ""
    if "\n" in gap_text:
        return True
    rest = before[: len(before) - len(gap_text)]
    return not rest or rest[-1] in ".!?:;"


def _has_context(text: str, hit: AuthorityHit, hits: list[AuthorityHit], index: int) -> bool:
    """Rule 7: may a context-requiring name (Reading) count here?"""
    if not _at_sentence_start(text, hit.start):
        return True
    if _capitalised_word_after(text, hit.end) in _CONTEXT_AFTER:
        return True
    if index + 1 < len(hits) and _LIST_GAP_RE.match(text[hit.end : hits[index + 1].start]):
        return True
    return index > 0 and bool(_LIST_GAP_RE.match(text[hits[index - 1].end : hit.start]))


def find_authorities(text: str) -> list[AuthorityHit]:
    """Every mention of an authority's name or alias in ``text``, in order of position.

    >>> [h.authority.name for h in find_authorities("Bath & North East Somerset, BCP and Kent")]
    ['Bath and North East Somerset', 'Bournemouth, Christchurch and Poole', 'Kent']
    >>> find_authorities("They will bury the report in a kent of papers.")
    []
    >>> [h.matched for h in find_authorities("Reading Borough Council met. Reading the report, we...")]
    ['Reading']
    >>> [h.matched for h in find_authorities("Newcastle-under-Lyme and Bury St Edmunds, not Newcastle")]
    ['Newcastle']
    >>> find_authorities("Councillor Wakefield welcomed Mr Bolton.")
    []
    """
    index, owner = _index()
    hits = [AuthorityHit(owner[form], s, e, text[s:e]) for form, s, e in index.finditer(text)]
    if not hits:
        return hits
    excluded = [(s, e) for _, s, e in _exclusions().finditer(text)]
    hits = [
        h
        for h in hits
        if not any(s < h.end and h.start < e for s, e in excluded)
        and _word_before(text, h.start) not in _HONORIFICS
    ]
    return [
        h
        for i, h in enumerate(hits)
        if normalise(h.matched) not in _CONTEXT_KEYS or _has_context(text, h, hits, i)
    ]
