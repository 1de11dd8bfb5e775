"""`coach programs|pairs|demo|export|import|backup|restore`: running an install (and `users`,
from ``coach.cli_users``).

Every command acts as the command-line operator (an admin) through the services. Errors come
out as one line and exit 2; see ``coach.cli.main``.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from datetime import date
from pathlib import Path

from coach.cli_common import cli_services, journal, one_line_errors
from coach.domain.pairs import Side
from coach.domain.programs import DEFAULT_SESSION_MINUTES


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-09-01") from None


@one_line_errors
def cmd_programs_add(args: argparse.Namespace) -> int:
    from coach.services.access import OPERATOR

    program = cli_services().programs.add(
        OPERATOR, args.name, args.start, args.end, tuple(args.objective or ()), args.cadence,
        args.minutes,
    )  # fmt: skip
    print(f"added program {program.name!r}, id {program.id}")
    return 0


@one_line_errors
def cmd_programs_list(args: argparse.Namespace) -> int:
    from coach.services.access import OPERATOR

    for p in cli_services().programs.list(OPERATOR):
        print(f"{p.id}  {p.name}  {p.start_date}..{p.end_date}  every {p.cadence_days} days")
    return 0


def _profile(args: argparse.Namespace, side: str):
    from coach.domain.pairs import Profile

    def items(value: str | None) -> tuple[str, ...]:
        return tuple(v.strip() for v in (value or "").split(",") if v.strip())

    get = functools.partial(getattr, args)
    return Profile(
        get(f"{side}_title") or "", get(f"{side}_generation") or "",
        get(f"{side}_department") or "", items(get(f"{side}_strengths")),
        items(get(f"{side}_interests")),
    )  # fmt: skip


@one_line_errors
def cmd_pairs_add(args: argparse.Namespace) -> int:
    from coach.services.access import OPERATOR

    card = cli_services().pairs.add(
        OPERATOR, args.mentor, args.mentee, args.program,
        _profile(args, "mentor"), _profile(args, "mentee"),
    )  # fmt: skip
    print(f"paired {card.mentor} (mentor) with {card.mentee} (mentee): {card.pair.id}")
    return 0


@one_line_errors
def cmd_pairs_list(args: argparse.Namespace) -> int:
    from coach.services.access import OPERATOR

    cards = cli_services().pairs.list(OPERATOR)
    if args.json:
        rows = [{"id": c.pair.id, "program": c.program, "mentor": c.mentor, "mentee": c.mentee,
                 "status": c.pair.status.value} for c in cards]  # fmt: skip
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for c in cards:
        print(f"{c.pair.id:<22} {c.mentor:<18} {c.mentee:<18} {c.pair.status.value:<8} {c.program}")
    if not cards:
        print("no pairs yet: coach pairs add --mentor NAME --mentee NAME", file=sys.stderr)
    return 0


@one_line_errors
def cmd_demo(args: argparse.Namespace) -> int:
    from coach.services.demo import DemoLoader

    services = cli_services()
    report = DemoLoader(services.store, services.passwords).load(args.password)
    journal(services, "demo loaded")
    print(f"loaded {report.program!r}: {report.pairs} pairs, {len(report.users)} accounts")
    for username, role, name in report.users:
        print(f"  {username:<18} {role:<12} {name}")
    print(f"every demo account's password: {report.password}")
    return 0


@one_line_errors
def cmd_export(args: argparse.Namespace) -> int:
    from coach.services.access import OPERATOR

    services = cli_services()
    counts = services.snapshots.export_file(OPERATOR, Path(args.out))
    journal(services, f"export to {Path(args.out).resolve()}")
    print(f"exported {sum(counts.values())} rows to {args.out}")
    return 0


@one_line_errors
def cmd_import(args: argparse.Namespace) -> int:
    from coach.services.access import OPERATOR

    services = cli_services()
    counts = services.snapshots.import_file(OPERATOR, Path(args.file))
    journal(services, f"import from {args.file}")
    print(f"imported {sum(counts.values())} rows from {args.file}")
    return 0


@one_line_errors
def cmd_backup(args: argparse.Namespace) -> int:
    from coach.services.access import OPERATOR

    services = cli_services()
    manifest = services.backups.backup(OPERATOR, Path(args.out))
    journal(services, f"backup to {Path(args.out).resolve()}")
    print(f"backed up the database ({manifest['database']}) and "
          f"{manifest['chroma_files']} Chroma files to {args.out}")  # fmt: skip
    return 0


@one_line_errors
def cmd_restore(args: argparse.Namespace) -> int:
    from coach.services.access import OPERATOR

    services = cli_services()
    counts = services.backups.restore(OPERATOR, Path(args.dir))
    journal(services, f"restore from {args.dir}")
    chroma = " and the Chroma folder" if (Path(args.dir) / "chroma").is_dir() else ""
    print(f"restored {sum(counts.values())} rows{chroma} from {args.dir}")
    return 0


def _group(sub, name: str, help_text: str):
    return sub.add_parser(name, help=help_text).add_subparsers(
        dest=f"{name}_command", required=True, metavar="SUBCOMMAND"
    )


def register(sub) -> None:
    """Add the install-management commands to the `coach` parser."""
    from coach import cli_users  # users: accounts, addresses, passwords, import

    cli_users.register(sub)
    programs = _group(sub, "programs", "add and list programs")
    p = programs.add_parser("add", help="add a program")
    p.add_argument("name")
    p.add_argument("--start", type=_date, required=True, help="first day, YYYY-MM-DD")
    p.add_argument("--end", type=_date, required=True, help="last day, YYYY-MM-DD")
    p.add_argument("--cadence", type=int, default=14, help="days between sessions (14)")
    p.add_argument("--minutes", type=int, default=DEFAULT_SESSION_MINUTES,
                   help=f"session length ({DEFAULT_SESSION_MINUTES})")  # fmt: skip
    p.add_argument("--objective", action="append", help="an objective (repeatable)")
    p.set_defaults(func=cmd_programs_add)
    programs.add_parser("list", help="list programs").set_defaults(func=cmd_programs_list)

    pairs = _group(sub, "pairs", "add and list mentor/mentee pairs")
    p = pairs.add_parser("add", help="pair a junior mentor with a senior mentee")
    p.add_argument("--mentor", required=True, help="username of the junior mentor")
    p.add_argument("--mentee", required=True, help="username of the senior mentee")
    p.add_argument("--program", help="program name or id (default: the only one)")
    for side in Side:
        for field in ("title", "generation", "department", "strengths", "interests"):
            p.add_argument(f"--{side}-{field}", help=f"{side} {field} (lists: comma-separated)")
    p.set_defaults(func=cmd_pairs_add)
    p = pairs.add_parser("list", help="list pairs")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(func=cmd_pairs_list)

    p = sub.add_parser("demo", help="load a demo program (6 pairs) into an empty database")
    p.add_argument("--password", help="password for every demo account (default: random)")
    p.set_defaults(func=cmd_demo)
    p = sub.add_parser("export", help="write every record to a JSON file (lossless)")
    p.add_argument("--out", required=True, help="the JSON file to write")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("import", help="load a JSON export into an empty database")
    p.add_argument("file")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("backup", help="snapshot the database and the Chroma folder")
    p.add_argument("--out", required=True, help="a new or empty folder")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="restore a backup into an empty data dir")
    p.add_argument("dir")
    p.set_defaults(func=cmd_restore)
