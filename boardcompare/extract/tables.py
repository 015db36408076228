"""Tables of figures in minutes, whether laid out in columns, with pipes, or flattened into one line.

A table starts with a header of two or more periods ("2016/17 2017/18", "Hampshire 2015-16 |
England 2015-16"); each row is a label followed by one value per column. Only the column of
the report's own period is a metric (or the latest period when the report's is unknown);
columns of national or comparator figures ("England", "national", "statistical neighbours")
never are.

>>> t = "Indicator 2016/17 2017/18 Referrals to social care 4,210 3,987 Re-referrals within 12 months (%) 24% 19%"
>>> [(r.label, r.value, r.unit) for r in read_tables(t, "2017-18")]
[('Referrals to social care', 3987.0, 'count'), ('Re-referrals within 12 months (%)', 19.0, 'percent')]
>>> t = "Measure | Kent 2015-16 | England 2015-16\\nRate per 10,000 children | 412 | 532\\n"
>>> [(r.label, r.value) for r in read_tables(t, "2015-16")]
[('Rate per 10,000 children', 412.0)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from boardcompare.extract.patterns import YEAR

_PERIOD = rf"{YEAR}\s?[-/–]\s?(?:\d\d){{1,2}}(?!\d)"
_HEADER = re.compile(
    rf"""
    (?P<cols>
      (?:(?:[A-Z][\w’'-]*[ \t]+){{0,3}}{_PERIOD}[ \t]*(?:\([^)\n]{{0,20}}\)[ \t]*)?\|?[ \t]*){{2,}}
    )
    """,
    re.VERBOSE,
)
_COLUMN = re.compile(
    rf"(?P<area>(?:[A-Z][\w’'-]*[ \t]+){{0,3}})(?P<y1>{YEAR})\s?[-/–]\s?(?P<y2>(?:\d\d){{1,2}})(?!\d)")
_COMPARATOR = re.compile(r"england|national|average|statistical|neighbour|comparator|region|target|benchmark", re.I)
_TOKEN = re.compile(r"\|(?P<pipe>)"
                    r"|(?P<num>(?<![\w/])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?(?![\w/])|(?<!\w)[–—-](?!\w)|n/?a\b)"
                    r"|(?P<word>[^\s|]+)|(?P<newline>\n[ \t]*\n)")


@dataclass(frozen=True)
class TableValue:
    """A figure read from a table row: the row's label, its value in the chosen column, and offsets."""

    label: str
    value: float
    unit: str
    text: str
    start: int  # offset of the value in the text
    end: int
    table_start: int  # where the table (its header) starts
    table_end: int  # where its last row ends


def column_periods(header: str) -> list[tuple[str | None, bool]]:
    """Per column of a table header: its period (None unless its years follow on) and whether it is a comparator."""
    cols = []
    for m in _COLUMN.finditer(header):
        y1, y2 = int(m.group("y1")), int(m.group("y2")[-2:])
        period = f"{y1}-{y2:02d}" if (y1 + 1) % 100 == y2 else None
        cols.append((period, bool(_COMPARATOR.search(m.group("area")))))
    return cols


def _chosen_column(cols: list[tuple[str | None, bool]], period: str | None) -> int | None:
    own = [i for i, (p, comparator) in enumerate(cols) if not comparator]
    if period:
        for i in own:
            if cols[i][0] == period:
                return i
        return None
    return max(own, key=lambda i: cols[i][0] or "", default=None)


def table_headers(text: str) -> list[re.Match]:
    """The headers of tables: two or more periods in a row."""
    return list(_HEADER.finditer(text))


def read_tables(text: str, period: str | None) -> list[TableValue]:
    """The values of every table in ``text``, from the column of ``period`` (default: the latest own column)."""
    out = []
    for header in table_headers(text):
        cols = column_periods(header.group("cols"))
        k = len(cols)
        column = _chosen_column(cols, period)
        if k < 2 or column is None:
            continue
        rows = _rows(text, header.end(), k, column)
        if rows:
            end = rows[-1].table_end
            out.extend(replace(r, table_start=header.start(), table_end=end) for r in rows)
    return out


def _rows(text: str, start: int, k: int, column: int) -> list[TableValue]:
    rows: list[TableValue] = []
    label: list[re.Match] = []
    run: list[re.Match] = []

    def close_run() -> bool:
        nonlocal label, run
        if len(run) >= k:
            label += run[:-k]
            values = run[-k:]
            words = [t.group(0) for t in label if t.group("word") or t.group("num")]
            cell = values[column]
            raw = cell.group(0)
            if words and re.match(r"\d", raw):
                unit = "percent" if raw.endswith("%") else "count"
                value = float(raw.rstrip("%").replace(",", ""))
                rows.append(TableValue(" ".join(words), value, unit, raw, cell.start(), cell.end(), 0,
                                       values[-1].end()))
            label, run = [], []
            return True
        label += run
        run = []
        return False

    for t in _TOKEN.finditer(text, start):
        if t.group("newline") is not None and t.lastgroup == "newline":
            close_run()
            break
        if t.lastgroup == "pipe":
            continue
        if t.lastgroup == "num":
            run.append(t)
            continue
        close_run()
        label.append(t)
        if len(label) > 14:  # a long run of words: the table has ended
            break
    else:
        close_run()
    return rows
