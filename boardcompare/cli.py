"""Command line: `boardcompare ingest | extract | brief | sql | export | fetch`.

Each command only parses its arguments and calls the pipeline; the library raises, and
:func:`main` is the one place an error becomes a message (:func:`boardcompare.errors.describe`).
Exit status: 0 when all went well, 1 when some input could not be used (the rest still went in),
2 for bad arguments or a request that is not allowed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from boardcompare.errors import EXPECTED, BoardcompareError, describe, exit_code, reason
from boardcompare.paths import default_db_path, minutes_dir


def _ingest(args) -> int:
    from tqdm import tqdm

    from boardcompare.ingest import build_database, is_stale
    from boardcompare.uploads import UploadRefused, save_upload

    minutes = minutes_dir()
    db_path = Path(args.db) if args.db else default_db_path()
    problems = 0
    if args.add:
        for name in args.add:
            path = Path(name)
            try:
                saved = save_upload(path.name, path.read_bytes(), minutes)
            except (UploadRefused, OSError, MemoryError) as e:  # this file is left out; the others go on
                print(f"{name}: not added: {reason(e)}", file=sys.stderr)
                problems += 1
                continue
            print(f"{name}: {saved.message}")
    paths = [Path(p) for p in args.paths] if args.paths else [minutes]
    for p in paths:
        if not p.exists():
            raise BoardcompareError("no such file or folder", subject=str(p), code=2)
    if args.if_stale and not is_stale(db_path, paths):
        print(f"{db_path} is up to date with its inputs.")
        return 0
    summary = build_database(
        paths, db_path, workers=args.workers, root=minutes.parent if not args.paths else None, full=args.full,
        wait=not args.no_wait,
        on_wait=lambda pid: print(f"Waiting for the build running in process {pid or '?'} to finish ...",
                                  file=sys.stderr),
        progress=lambda it, total: tqdm(it, total=total, unit="file", desc="Reading minutes",
                                        file=sys.stderr, disable=args.quiet or None),
    )
    for o in summary.problems:
        print(f"{o.path}: {o.message}", file=sys.stderr)
    print(summary.text())
    return 1 if summary.problems or problems else 0


def _extract(args) -> int:
    from boardcompare.extract import extract_document, too_long
    from boardcompare.readers import UnusableDocument, read_document
    from boardcompare.sources import load_sidecar

    status = 0
    for name in args.files:
        path = Path(name)
        try:
            doc = read_document(path)
        except UnusableDocument as e:  # this file is reported; the others go on
            print(json.dumps({"source": name, "error": e.reason}), flush=True)
            print(describe(e), file=sys.stderr)
            status = 1
            continue
        reason = too_long(doc)
        if reason:
            print(json.dumps({"source": name, "error": reason}), flush=True)
            print(f"{name}: {reason}", file=sys.stderr)
            status = 1
            continue
        hints = load_sidecar(path.parent).get(path.name)
        for report in extract_document(doc, hints):
            record = report.to_json()
            record["source"] = name
            print(json.dumps(record, ensure_ascii=False), flush=True)
    return status


def _brief(args) -> int:
    from boardcompare.briefing import write_brief
    from boardcompare.fairness import Window

    print(write_brief(args.board, args.period, args.out, db_path=args.db, window=Window(args.window)))
    return 0


def _sql(args) -> int:
    from boardcompare.cli_sql import sql_command

    return sql_command(args.statement, db_path=args.db, fmt=args.format)


def _export(args) -> int:
    from boardcompare.export import export_parquet

    for target, rows in export_parquet(Path(args.parquet), db_path=Path(args.db) if args.db else None):
        print(f"{target}: {rows} rows")
    return 0


def _fetch(args) -> int:
    from boardcompare.fetch.command import FetchRequest, fetch_command

    return fetch_command(FetchRequest(address=args.url, council=args.council, all_sites=args.all, since=args.since,
                                      committee=args.committee, dry_run=args.dry_run, interval=args.interval,
                                      quiet=args.quiet, db=args.db))


def _year(text: str) -> int:
    from datetime import date

    if not text.isdigit() or not 2000 <= int(text) <= date.today().year:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year between 2000 and {date.today().year}")
    return int(text)


def _add_fetch(sub) -> None:
    from boardcompare.fetch import DEFAULT_SINCE

    p = sub.add_parser("fetch", help="fetch minutes about the board from councils' ModernGov sites, then build")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("url", nargs="?", help="the site's address, e.g. https://democracy.example.gov.uk")
    target.add_argument("--council", metavar="NAME", help="a council in boardcompare/vocab/council_sites.csv")
    target.add_argument("--all", action="store_true", help="every council whose site is known to be ModernGov")
    p.add_argument("--since", type=_year, default=DEFAULT_SINCE, metavar="YEAR",
                   help=f"meetings from 1 January of this year (default {DEFAULT_SINCE})")
    p.add_argument("--committee", metavar="NAME", help="only the committee whose name contains this")
    p.add_argument("--dry-run", action="store_true", help="list the matching items and why; fetch and save nothing")
    p.add_argument("--interval", type=float, default=1.0, metavar="SECONDS",
                   help="seconds between requests to a site (at least 1, except for a test site on this machine)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--db", help="database file (default: data/boardcompare.duckdb)")
    p.set_defaults(func=_fetch)


def build_parser() -> argparse.ArgumentParser:
    """The argparse tree of every command; each subcommand's ``func`` runs it."""
    parser = argparse.ArgumentParser(prog="boardcompare", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="build the database from minutes files")
    p.add_argument("paths", nargs="*", help="files or folders (default: data/minutes/)")
    p.add_argument("--db", help="database file (default: data/boardcompare.duckdb)")
    p.add_argument("--workers", type=int, default=1, help="processes extracting in parallel")
    p.add_argument("--add", nargs="+", metavar="FILE", help="save these files under data/minutes/ first")
    p.add_argument("--if-stale", action="store_true", help="only build when the database is older than its inputs")
    p.add_argument("--full", action="store_true",
                   help="read every file again (by default only new and changed files are read)")
    p.add_argument("--no-wait", action="store_true",
                   help="when another build of the database is running, say so and stop (exit 3) instead of waiting")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_ingest)

    p = sub.add_parser("extract", help="print what would be extracted, one JSON object per line")
    p.add_argument("--json", action="store_true", required=True, help="JSON lines (the only format)")
    p.add_argument("files", nargs="+")
    p.set_defaults(func=_extract)

    p = sub.add_parser("brief", help="write a briefing pack for one board")
    p.add_argument("board")
    p.add_argument("--period", help="YYYY-YY (default: the latest)")
    p.add_argument("--out", required=True, help="FILE.docx or FILE.md")
    p.add_argument("--window", type=int, choices=(0, 1), default=0,
                   help="compare with other boards' reports of the same year (0) or a year either side (1)")
    p.add_argument("--db")
    p.set_defaults(func=_brief)

    p = sub.add_parser("sql", help="run one read-only SQL statement")
    p.add_argument("statement")
    p.add_argument("--db")
    p.add_argument("--format", choices=("table", "csv"), default="table")
    p.set_defaults(func=_sql)

    p = sub.add_parser("export", help="write every table as Parquet")
    p.add_argument("--parquet", required=True, metavar="DIR")
    p.add_argument("--db")
    p.set_defaults(func=_export)

    _add_fetch(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; the project's errors, the system's and running out of memory become one line."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "workers", 1) < 1:
        parser.error("--workers must be at least 1")
    try:
        return args.func(args)
    except EXPECTED as err:
        print(f"boardcompare {args.command}: {describe(err)}", file=sys.stderr)
        return exit_code(err)
