"""Full-text search of the minutes: the words of a text, the index the build writes, BM25 in SQL.

The build stores, for every document, how often each word occurs in it and how often each pair
of adjacent words does (table ``search_terms``, sorted by term so a lookup reads only the blocks
holding that term), and each document's length in words (``search_documents``). A search is:

* every word outside quotes must occur in the document;
* a phrase in quotes must occur as written: each pair of its adjacent words is looked up, so
  ``"information sharing"`` matches those two words next to each other (punctuation between
  them aside), not a document that has them far apart;
* documents are ranked by BM25 (k1 = 1.2, b = 0.75) over the words and phrase pairs, then by name.

Words are runs of letters and digits, compared in lower case:

>>> words("The Board's 2017-18 report: NEGLECT")
['the', 'board', 's', '2017', '18', 'report', 'neglect']
>>> parse_query('neglect "county lines"')
Query(words=('neglect',), phrases=(('county', 'lines'),))
>>> parse_query('neglect "county lines"').terms
['neglect', 'county lines']
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_WORD = re.compile(
    r"""
    [^\W_]+     # letters and digits in any script; underscores and punctuation separate words
    """,
    re.VERBOSE,
)


def words(text: str) -> list[str]:
    """The words of ``text`` in lower case, in order."""
    return _WORD.findall(text.lower())


def index_terms(text: str) -> tuple[Counter, int]:
    """How often each word and each pair of adjacent words occurs in ``text``, and its length in words.

    >>> counts, n = index_terms("Neglect and neglect")
    >>> sorted(counts.items()), n
    ([('and', 1), ('and neglect', 1), ('neglect', 2), ('neglect and', 1)], 3)
    """
    w = words(text)
    counts = Counter(w)
    counts.update(f"{a} {b}" for a, b in zip(w, w[1:], strict=False))
    return counts, len(w)


@dataclass(frozen=True)
class Query:
    """What was asked: words that must each occur, and phrases (as word lists) that must occur as written."""

    words: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]

    @property
    def terms(self) -> list[str]:
        """The index terms every matching document holds: the words, and each phrase's adjacent pairs."""
        out = list(self.words)
        for p in self.phrases:
            out += [p[0]] if len(p) == 1 else [f"{a} {b}" for a, b in zip(p, p[1:], strict=False)]
        return list(dict.fromkeys(out))

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases)


def parse_query(text: str) -> Query:
    """Words outside double quotes, and each quoted phrase; an unclosed quote runs to the end."""
    parts = text.split('"')
    loose = [w for part in parts[0::2] for w in words(part)]
    phrases = [tuple(words(part)) for part in parts[1::2]]
    return Query(tuple(dict.fromkeys(loose)), tuple(p for p in dict.fromkeys(phrases) if p))


def highlight_pattern(query: Query) -> re.Pattern | None:
    """A case-insensitive pattern for what the query matched in a text: its words and phrases, whole.

    >>> highlight_pattern(parse_query('neglect "early help"')).findall("Neglect, early  help, neglected")
    ['Neglect', 'early  help']
    >>> highlight_pattern(parse_query("jo bloggs")).findall("Jo Bloggs; bloggs, jo")
    ['Jo Bloggs', 'bloggs', 'jo']
    """
    together = (query.words,) if len(query.words) > 1 else ()  # the words as typed, marked as one where adjacent
    runs = sorted({*query.phrases, *together}, key=len, reverse=True)
    alternatives = [r"[\W_]+".join(map(re.escape, p)) for p in runs]
    alternatives += [re.escape(w) for w in query.words]
    if not alternatives:
        return None
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(alternatives)})(?![^\W_])", re.IGNORECASE)


def search_params(text: str) -> dict:
    """The bound parameters of :data:`SQL_SEARCH` and :data:`SQL_SEARCH_COUNT` for what was typed."""
    return {"terms": parse_query(text).terms}


# Documents holding every term, with their BM25 score; $terms is parse_query(...).terms. `allowed`: the
# documents with a board report the filters keep (compare.FILTER_SQL); left empty, unread, when none is set.
_MATCHES = """
WITH wanted AS (SELECT DISTINCT unnest($terms::TEXT[]) AS term),
hits AS (SELECT term, document_id, n, n_words FROM search_terms JOIN wanted USING (term)),
df AS (SELECT term, count(*) AS df FROM hits GROUP BY term),
matches AS (
    SELECT h.document_id,
           sum(ln(1 + (s.n_documents - df.df + 0.5) / (df.df + 0.5))
               * h.n * 2.2 / (h.n + 1.2 * (0.25 + 0.75 * h.n_words / s.avg_words))) AS score
    FROM hits AS h JOIN df USING (term), search_stats AS s
    GROUP BY h.document_id
    HAVING count(*) = (SELECT count(*) FROM wanted)
),
allowed AS (
    SELECT document_id FROM report_rows
    WHERE NOT ($boards IS NULL AND $y0 IS NULL AND $y1 IS NULL)
      AND ($boards IS NULL OR board_id = ANY($boards))
      AND ($y0 IS NULL OR period_start >= $y0) AND ($y1 IS NULL OR period_start <= $y1)
)
"""
# The matches the board and year filters keep.
_FILTERED = """
SELECT m.* FROM matches AS m
WHERE ($boards IS NULL AND $y0 IS NULL AND $y1 IS NULL) OR m.document_id IN (SELECT document_id FROM allowed)
"""
SQL_SEARCH_COUNT = _MATCHES + f"SELECT count(*) AS n FROM ({_FILTERED})"
# The first $limit documents, best first. Their text, boards and years are read for those documents only
# (the text column of every document was read when this joined to documents directly).
SQL_SEARCH = _MATCHES + f"""
, ranked AS MATERIALIZED ({_FILTERED} ORDER BY m.score DESC, m.document_id LIMIT $limit),
shown AS (
    SELECT document_id, file_name, is_board_document, text FROM documents
    WHERE document_id IN (SELECT document_id FROM ranked)
),
about AS (
    SELECT document_id, string_agg(DISTINCT coalesce(local_authority, board_name), ', ') AS boards,
           string_agg(DISTINCT period, ', ') AS periods
    FROM report_rows WHERE document_id IN (SELECT document_id FROM ranked)
    GROUP BY document_id
)
SELECT d.document_id, d.file_name, d.is_board_document, d.text, k.score, a.boards, a.periods
FROM ranked AS k JOIN shown AS d USING (document_id) LEFT JOIN about AS a USING (document_id)
ORDER BY k.score DESC, d.file_name
"""
