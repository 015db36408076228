"""Docs that cannot drift: the README's command line, query-header table and limits against the code.

Every command and option that ``boardcompare.cli.build_parser`` defines appears in the README's
"Command line" section, each option in its own command's block; every query-header key that
``boardcompare.queries`` accepts appears in the README's header table; the SQL box's limits are
sqlguard's. No test or README names a folder of one machine.
"""

from __future__ import annotations

import argparse
import re

import pytest

from boardcompare.cli import build_parser
from boardcompare.paths import PROJECT_DIR
from boardcompare.queries import KEYS

README = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    """The README text under ``## title``, up to the next heading of the same level."""
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert m, f"the README has no '## {title}' section"
    return m.group(1)


COMMAND_LINE = section("Command line")


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _options() -> list[tuple[str, str]]:
    return [(name, opt) for name, sub in _subcommands().items() for action in sub._actions
            for opt in action.option_strings if opt.startswith("--") and opt != "--help"]


def command_block(command: str) -> str:
    """The lines of the command-line section from ``boardcompare COMMAND`` to the next command."""
    lines = COMMAND_LINE.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("boardcompare ")]
    for i, start in enumerate(starts):
        if lines[start].split()[1] == command:
            end = starts[i + 1] if i + 1 < len(starts) else len(lines)
            return "\n".join(lines[start:end])
    raise AssertionError(f"`boardcompare {command}` is not in the README's command-line section")


@pytest.mark.parametrize("command", sorted(_subcommands()))
def test_every_command_is_in_the_readme(command):
    assert command_block(command)


@pytest.mark.parametrize(("command", "option"), _options(), ids=[f"{c} {o}" for c, o in _options()])
def test_every_option_is_in_its_commands_block(command, option):
    assert re.search(rf"{re.escape(option)}\b", command_block(command)), (
        f"`boardcompare {command} {option}` is defined in cli.py but not listed under it in the README")


def test_the_option_lists_are_read_from_the_parser():
    """The two tests above would pass vacuously if the parser walk found nothing."""
    found = set(_options())
    assert {("ingest", "--db"), ("sql", "--format"), ("ingest", "--quiet"), ("export", "--parquet")} <= found


@pytest.mark.parametrize("key", KEYS)
def test_every_query_header_key_is_in_the_readme_table(key):
    table = section("Adding a query")
    assert re.search(rf"^\| `{key}` \|", table, re.M), f"query-header key {key!r} is not in the README's table"


def test_the_readme_table_lists_no_key_the_parser_refuses():
    keys = re.findall(r"^\| `([a-z_]+)` \|", section("Adding a query"), re.M)
    assert keys and set(keys) <= set(KEYS)


def test_the_sql_box_limits_in_the_readme_are_the_codes():
    from boardcompare import sqlguard

    limits = section("Adding a query").split("#### What the SQL box allows", 1)[1]
    assert f"at most {sqlguard.DEFAULT_ROW_CAP:,} are shown" in limits
    assert f"over {sqlguard.DEFAULT_RESULT_BYTES // 2**20} MB is refused" in limits
    assert f"limited to {sqlguard.DEFAULT_MEMORY_BYTES // 2**30} GB of address space" in limits
    assert f"{sqlguard.DEFAULT_TIMEOUT_S:g} seconds" in limits
    assert f"at most {sqlguard.MAX_SQL_CHARS:,} characters" in limits


# No folder of one machine: paths are relative to the checkout (../shared is the folder beside it).
MACHINE_PATH = re.compile(r"(?<![\w.])/(?:work|home|root|Users|tmp/pytest)/")
DOCS_AND_TESTS = sorted(
    [PROJECT_DIR / "README.md", *PROJECT_DIR.glob("docs/*.md"), *PROJECT_DIR.glob("bench/*.md"),
     *PROJECT_DIR.glob("tests/*.py"), *PROJECT_DIR.glob("tests/resources/*/README.md"),
     *PROJECT_DIR.glob("tests/resources/**/*.py"),
     *PROJECT_DIR.glob("bench/*.py")]
)


@pytest.mark.parametrize("path", DOCS_AND_TESTS, ids=[str(p.relative_to(PROJECT_DIR)) for p in DOCS_AND_TESTS])
def test_no_absolute_path_of_one_machine(path):
    hits = [f"{n}: {line.strip()}" for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if MACHINE_PATH.search(line) and path.name != "test_docs.py"]
    assert hits == []
