"""Queries as files: one read-only query per ``queries/*.sql``, described by a header comment.

The header is the block of ``--`` lines at the top of the file; the SQL is everything after
it. The grammar (documented for authors in the README, "Adding a query") is parsed by
:func:`parse_query_text` alone::

    -- title: Serious case reviews by board and year            (required)
    -- description: What it shows and how to read it.           (optional)
    --   An indented line (two or more spaces) continues the value above.
    -- chart: bar x=year y=reviews color=board                  (optional)
    -- param: board | Board | query: SELECT board_id AS value, local_authority AS label FROM boards
    -- param: theme | Theme | choices: neglect=Neglect, early_help=Early help | default: neglect
    -- columns: year, board, reviews                            (optional)

Chart types: bar, line, scatter (x, y, optional color) and heatmap (x, y, z). Every ``$name`` in
the SQL must be declared as a param and every param used. Adding a query is adding a file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from boardcompare import sqlguard
from boardcompare.errors import BoardcompareError

KEYS = ("title", "description", "chart", "param", "columns")
SINGLE_KEYS = ("title", "description", "chart", "columns")
CHART_KINDS = {
    # kind: (required keys, optional keys)
    "bar": (("x", "y"), ("color",)),
    "line": (("x", "y"), ("color",)),
    "scatter": (("x", "y"), ("color",)),
    "heatmap": (("x", "y", "z"), ()),
}

_HEADER_LINE = re.compile(
    r"""
    ^--                     # a SQL line comment
    (?:
        [ ]{2,}(?P<more>\S.*)       # two or more spaces: continues the value above
      | [ ]?(?P<key>[A-Za-z_]\w*)   # or a key ...
        [ ]*:[ ]*(?P<value>.*)      # ... a colon and its value
      | [ ]*                        # or a bare '--': ignored
    )$
    """,
    re.VERBOSE,
)
_IDENTIFIER = re.compile(
    r"""
    ^[A-Za-z_][A-Za-z0-9_]*$    # a column or parameter name: letters, digits, underscores
    """,
    re.VERBOSE,
)
_CHART_SETTING = re.compile(
    r"""
    ^(?P<key>[a-z]+)            # x, y, z, color
    =(?P<column>[A-Za-z_][A-Za-z0-9_]*)$    # = a result column, no spaces around '='
    """,
    re.VERBOSE,
)
_PARAM_SOURCE = re.compile(
    r"""
    ^(?P<kind>choices|query|default)    # what this part of a param line gives
    [ ]*:[ ]*(?P<value>.+)$             # a colon, then the list, the SQL or the value
    """,
    re.VERBOSE | re.DOTALL,
)


class QueryFileError(BoardcompareError):
    """A query file that cannot be used; ``reason`` says why in plain words."""

    def __init__(self, path: str | Path, reason: str):
        super().__init__(reason, subject=Path(path).name)
        self.path = Path(path)


@dataclass(frozen=True)
class ChartSpec:
    """The chart a query file's ``chart:`` line declares: its type and the result columns it draws."""

    kind: str  # bar, line, scatter or heatmap
    x: str
    y: str
    color: str | None = None
    z: str | None = None  # the value shown by colour in a heatmap

    def columns(self) -> tuple[str, ...]:
        """The result columns the chart uses, in x, y, color, z order."""
        return tuple(c for c in (self.x, self.y, self.color, self.z) if c)


@dataclass(frozen=True)
class ParamSpec:
    """One ``param:`` line: a ``$name`` in the SQL, its label and where its choices come from."""

    name: str  # the $name in the SQL
    label: str
    choices: tuple[tuple[str, str], ...] = ()  # (value, label) pairs from a fixed list
    choices_sql: str | None = None  # or a query returning value[, label]
    default: str | None = None  # otherwise the first choice


@dataclass(frozen=True)
class QuerySpec:
    """One query file, parsed: its id (the file name), header and SQL."""

    id: str
    title: str
    description: str
    sql: str
    chart: ChartSpec | None
    params: tuple[ParamSpec, ...]
    columns: tuple[str, ...]


def parse_query_file(path: str | Path) -> QuerySpec:
    """Read and parse one query file; its id is the file name without ``.sql``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise QueryFileError(path, f"cannot be read: {err}") from err
    return parse_query_text(text, path.stem, path=path)


def parse_query_text(text: str, query_id: str, path: str | Path | None = None) -> QuerySpec:
    """Parse a query file's text: the header block, then the SQL.

    >>> spec = parse_query_text("-- title: Boards\\nSELECT local_authority AS board FROM boards", "b")
    >>> spec.title, spec.sql, spec.params
    ('Boards', 'SELECT local_authority AS board FROM boards', ())
    """
    where = path if path is not None else f"{query_id}.sql"
    entries, sql = _split_header(text, where)
    found, params = _read_entries(entries, where)
    if not found.get("title"):
        raise QueryFileError(where, "the header has no title (first line: '-- title: ...')")
    if not sql:
        raise QueryFileError(where, "there is no SQL after the header")
    try:
        statement = sqlguard.check_statement(sql)
    except sqlguard.SQLError as err:
        raise QueryFileError(where, f"the SQL is not one read-only SELECT: {err}") from None
    _check_params_used([p.name for p in params], set(statement.named_parameters), where)
    columns = _parse_columns(found.get("columns"), where)
    chart = _parse_chart_entry(found.get("chart"), columns, where)
    return QuerySpec(
        id=query_id,
        title=found["title"],
        description=found.get("description", ""),
        sql=sql,
        chart=chart,
        params=tuple(params),
        columns=columns,
    )


def _split_header(text: str, where: str | Path) -> tuple[list[list], str]:
    """The header's [line number, key, value] entries (continuations joined) and the SQL after it."""
    lines = text.splitlines()
    entries: list[list] = []  # [line number, key, value]
    n_header = 0
    for n_header, line in enumerate(lines):
        if not line.startswith("--"):
            break
        m = _HEADER_LINE.match(line.rstrip())
        if not m:
            raise QueryFileError(where, f"line {n_header + 1}: a header line is '-- key: value', "
                                 f"or '--' and two spaces to continue the value above; got {line!r}")
        if m["more"] is not None:
            if not entries:
                raise QueryFileError(where, f"line {n_header + 1}: a continuation line comes before any 'key: value'")
            entries[-1][2] = f"{entries[-1][2]} {m['more'].strip()}".strip()
        elif m["key"] is not None:
            entries.append([n_header + 1, m["key"].lower(), m["value"].strip()])
    else:
        n_header = len(lines)
    return entries, "\n".join(lines[n_header:]).strip()


def _read_entries(entries: list[list], where: str | Path) -> tuple[dict[str, str], list[ParamSpec]]:
    """The single-valued keys by name and the params in order; unknown or repeated keys are errors."""
    found: dict[str, str] = {}
    params: list[ParamSpec] = []
    for line_no, key, value in entries:
        if key not in KEYS:
            raise QueryFileError(where, f"line {line_no}: unknown key {key!r} (known keys: {', '.join(KEYS)})")
        if key == "param":
            try:
                params.append(_parse_param(value))
            except ValueError as err:
                raise QueryFileError(where, f"line {line_no}: {err}") from None
            continue
        if key in found:
            raise QueryFileError(where, f"line {line_no}: {key!r} is given twice")
        found[key] = value
    return found, params


def _check_params_used(names: list[str], used: set[str], where: str | Path) -> None:
    """Each declared param once, each used in the SQL, and every ``$name`` the SQL uses declared."""
    if len(set(names)) != len(names):
        twice = sorted({n for n in names if names.count(n) > 1})
        raise QueryFileError(where, f"a param is declared twice: {', '.join(twice)}")
    if any(name.isdigit() for name in used):
        raise QueryFileError(where, "the SQL uses positional parameters (? or $1): use named ones such as $board")
    if used - set(names):
        raise QueryFileError(where, "the SQL uses " + ", ".join(f"${n}" for n in sorted(used - set(names)))
                             + " but the header declares no such param")
    if set(names) - used:
        raise QueryFileError(where, "param " + ", ".join(sorted(set(names) - used))
                             + " is declared but not used in the SQL")


def _parse_columns(value: str | None, where: str | Path) -> tuple[str, ...]:
    """The ``columns:`` list (empty when the header has none); blanks and repeats are errors."""
    if value is None:
        return ()
    columns = tuple(c.strip() for c in value.split(","))
    if not all(columns):
        raise QueryFileError(where, "columns: an empty column name (a stray comma?)")
    if len(set(columns)) != len(columns):
        raise QueryFileError(where, "columns: a column is listed twice")
    return columns


def _parse_chart_entry(value: str | None, columns: tuple[str, ...], where: str | Path) -> ChartSpec | None:
    """The ``chart:`` line as a ChartSpec (None when absent), its columns among any declared ones."""
    if value is None:
        return None
    try:
        chart = _parse_chart(value)
    except ValueError as err:
        raise QueryFileError(where, f"chart: {err}") from None
    missing = [c for c in chart.columns() if columns and c not in columns]
    if missing:
        raise QueryFileError(where, f"chart: column {', '.join(missing)} is not in the declared columns")
    return chart


def _parse_chart(value: str) -> ChartSpec:
    """'bar x=year y=reviews color=board' -> ChartSpec; ValueError with the reason."""
    if not value.split():
        raise ValueError("give a chart type and its columns, e.g. 'bar x=year y=reviews'")
    kind, *settings = value.split()
    if kind not in CHART_KINDS:
        raise ValueError(f"unknown chart type {kind!r} (known: {', '.join(CHART_KINDS)})")
    required, optional = CHART_KINDS[kind]
    given: dict[str, str] = {}
    for setting in settings:
        m = _CHART_SETTING.match(setting)
        if not m:
            raise ValueError(f"{setting!r} is not key=column")
        if m["key"] not in required + optional:
            raise ValueError(f"a {kind} chart takes {', '.join(required + optional)}, not {m['key']!r}")
        if m["key"] in given:
            raise ValueError(f"{m['key']} is given twice")
        given[m["key"]] = m["column"]
    missing = [k for k in required if k not in given]
    if missing:
        raise ValueError(f"a {kind} chart needs {', '.join(f'{k}=column' for k in missing)}")
    return ChartSpec(kind=kind, **given)


def _parse_param(value: str) -> ParamSpec:
    """'name | Label | choices: a=A, b=B | default: a' -> ParamSpec; ValueError with the reason.

    A ``query:`` part comes last: its SQL runs to the end, so it may itself contain ``|``.
    """
    parts = [p.strip() for p in value.split("|", 2)]
    if len(parts) < 3:
        raise ValueError("a param is 'name | Label | choices: value=Label, ...' "
                         "or 'name | Label | query: SELECT ...'")
    name, label, rest = parts
    if not _IDENTIFIER.match(name):
        raise ValueError(f"param name {name!r} must be letters, digits and underscores")
    if not label:
        raise ValueError(f"param {name} has no label")
    given = _param_sources(name, rest)
    if ("choices" in given) == ("query" in given):
        raise ValueError(f"param {name}: give either choices: or query: (exactly one)")
    choices: tuple[tuple[str, str], ...] = ()
    if "choices" in given:
        choices = _parse_choices(name, given["choices"], given.get("default"))
    else:
        _check_choices_query(name, given["query"])
    return ParamSpec(name=name, label=label, choices=choices, choices_sql=given.get("query"),
                     default=given.get("default"))


def _param_sources(name: str, rest: str) -> dict[str, str]:
    """The ``choices:``, ``query:`` and ``default:`` parts of a param line after its label."""
    given: dict[str, str] = {}
    while rest:
        m = _PARAM_SOURCE.match(rest)
        if not m:
            raise ValueError(f"param {name}: {rest!r} should start with choices:, query: or default:")
        if m["kind"] in given:
            raise ValueError(f"param {name}: {m['kind']} is given twice")
        if m["kind"] == "query":
            given["query"], rest = m["value"].strip(), ""
        else:
            part, _, rest = m["value"].partition("|")
            given[m["kind"]], rest = part.strip(), rest.strip()
    return given


def _parse_choices(name: str, value: str, default: str | None) -> tuple[tuple[str, str], ...]:
    """'a=A, b' -> (('a', 'A'), ('b', 'b')); the default, when given, must be one of the values."""
    pairs = []
    for item in value.split(","):
        choice_value, _, choice_label = (s.strip() for s in item.partition("="))
        if not choice_value:
            raise ValueError(f"param {name}: an empty choice (a stray comma?)")
        pairs.append((choice_value, choice_label or choice_value))
    if default is not None and default not in [v for v, _ in pairs]:
        raise ValueError(f"param {name}: default {default!r} is not one of the choices")
    return tuple(pairs)


def _check_choices_query(name: str, sql: str) -> None:
    """A choices query must be one read-only SELECT without parameters; ValueError otherwise."""
    try:
        statement = sqlguard.check_statement(sql)
    except sqlguard.SQLError as err:
        raise ValueError(f"param {name}: the choices query is not one read-only SELECT: {err}") from None
    if statement.named_parameters:
        raise ValueError(f"param {name}: the choices query cannot use parameters")


def load_queries(directory: str | Path) -> tuple[list[QuerySpec], list[QueryFileError]]:
    """Every ``*.sql`` file in ``directory``, by file name; a broken file is reported, not fatal."""
    specs: list[QuerySpec] = []
    errors: list[QueryFileError] = []
    directory = Path(directory)
    if not directory.is_dir():
        return specs, [QueryFileError(directory, "the queries directory does not exist")]
    for path in sorted(directory.glob("*.sql")):
        try:
            specs.append(parse_query_file(path))
        except QueryFileError as err:
            errors.append(err)
    return specs, errors


Runner = Callable[[str], "pd.DataFrame | sqlguard.ReadonlyResult"]


def param_choices(
    spec: QuerySpec, con_or_runner: duckdb.DuckDBPyConnection | Runner
) -> dict[str, list[tuple[object, str]]]:
    """The (value, label) choices of each param: the fixed list, or the rows of its query.

    ``con_or_runner`` is a DuckDB connection or a function running one SQL string (for example
    ``lambda sql: sqlguard.run_readonly(sql, db_path=path)``). A choices query's first column
    is the value and its second, when there is one, the label.
    """
    out: dict[str, list[tuple[object, str]]] = {}
    for param in spec.params:
        if not param.choices_sql:
            out[param.name] = list(param.choices)
            continue
        if hasattr(con_or_runner, "execute"):
            df = con_or_runner.execute(param.choices_sql).df()
        else:
            df = con_or_runner(param.choices_sql)
            df = getattr(df, "df", df)
        values = [v.item() if hasattr(v, "item") else v for v in df.iloc[:, 0]]
        labels = df.iloc[:, 1] if df.shape[1] > 1 else values
        out[param.name] = [(v, str(lab)) for v, lab in zip(values, labels, strict=True)]
    return out


def default_params(spec: QuerySpec, choices: dict[str, list[tuple[object, str]]]) -> dict[str, object]:
    """Each param's declared default, or its first choice (None when there is no choice)."""
    out: dict[str, object] = {}
    for param in spec.params:
        values = [v for v, _ in choices.get(param.name, [])]
        if param.default is not None:
            matching = [v for v in values if str(v) == param.default]
            out[param.name] = matching[0] if matching else param.default
        else:
            out[param.name] = values[0] if values else None
    return out


def run_query(
    spec: QuerySpec,
    params: dict | None = None,
    db_path: str | Path | None = None,
    row_cap: int = sqlguard.DEFAULT_ROW_CAP,
    timeout_s: float = sqlguard.DEFAULT_TIMEOUT_S,
) -> pd.DataFrame:
    """Run a query file's SQL through sqlguard with its params bound.

    ``df.attrs["truncated"]`` is True when the row cap cut the result short.
    """
    params = dict(params or {})
    declared = {p.name for p in spec.params}
    if set(params) != declared:
        missing, extra = declared - set(params), set(params) - declared
        raise ValueError(
            f"query {spec.id}: "
            + "; ".join(filter(None, [
                f"missing parameter {', '.join(sorted(missing))}" if missing else "",
                f"unknown parameter {', '.join(sorted(extra))}" if extra else "",
            ]))
        )
    result = sqlguard.run_readonly(spec.sql, params or None, db_path=db_path, row_cap=row_cap,
                                   timeout_s=timeout_s)
    result.df.attrs["truncated"] = result.truncated
    return result.df
