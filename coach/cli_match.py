"""`coach match`: suggest junior/senior pairs from a candidates file, with reasons.

The command reads the file, calls ``MatchingService`` and prints; it needs no database.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from coach.cli_common import one_line_errors

DESCRIPTION = """\
Suggest mentor/mentee pairs from a CSV or XLSX file of candidates, one row per person, with
the columns name, side (mentor or mentee), role_title, department, generation, strengths,
interests, goals and reports_to. Lists are separated by ';'. A pair never shares a department
and never sits in one reporting line. Bad rows get one error line each (on stderr) and the
other rows still match; the exit code is then 1. The score, the rules and the file format are
explained in docs/matching.md."""

EPILOG = """\
examples:
  coach match --candidates evals/datasets/candidates/harbor-vale.csv
  coach match --candidates people.xlsx --capacity 2 --json
  coach match --candidates people.csv --keep "Zoe Martins" "Frank Delgado"
  coach match --candidates people.csv --ended "Ava Chen" "Thomas Greene"
  coach match --candidates people.csv --pair "Ben Carter" "Fiona Grant"   # score one swap"""


def _options(args: argparse.Namespace):
    from coach.domain.matching import MatchOptions

    def named(pairs):
        return frozenset(tuple(p) for p in pairs or ())

    return MatchOptions(args.capacity, named(args.keep), named(args.forbid), named(args.ended))


def _service():
    from coach.services.matching import MatchingService

    return MatchingService()


def _suggestion_json(s) -> dict:
    return {"mentor": s.mentor.name, "mentee": s.mentee.name, "score": round(s.score, 3),
            "reasons": list(s.reasons)}  # fmt: skip


def _person(c) -> str:
    return f"{c.name}\n[dim]{c.role_title}, {c.department}[/dim]"


def _print(result, program: str | None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=160)
    title = f"match suggestions{f' for program {program}' if program else ''}"
    table = Table(title=title, show_lines=True)
    table.add_column("mentor (junior)", max_width=32)
    table.add_column("mentee (senior)", max_width=32)
    table.add_column("score", justify="right")
    table.add_column("reasons", ratio=1)
    for s in result.pairs:
        reasons = "\n".join(f"• {r}" for r in s.reasons)
        table.add_row(_person(s.mentor), _person(s.mentee), f"{s.score:.3f}", reasons)
    console.print(table)
    console.print(f"{len(result.pairs)} pairs, total score {result.total:.3f}", highlight=False)
    for u in result.unmatched:
        console.print(f"unmatched: {u.mentee.name}: {u.why}", highlight=False)
    if result.spare:
        names = ", ".join(j.name for j in result.spare)
        console.print(f"juniors with a place left: {names}", highlight=False)


@one_line_errors
def cmd_match(args: argparse.Namespace) -> int:
    from coach.knowledge.embedder import EmbedderUnavailable
    from coach.services.candidate_files import read_candidates
    from coach.services.errors import UserError

    pool = read_candidates(Path(args.candidates))
    options = _options(args)
    try:
        if args.pair:
            found = _service().score_pair(pool, *args.pair, options)
            if args.json:
                print(json.dumps(_suggestion_json(found), ensure_ascii=False, indent=2))
            else:
                print(f"{found.mentor.name} with {found.mentee.name}: score {found.score:.3f}")
                print("\n".join(f"  • {r}" for r in found.reasons))
            return 0
        result = _service().suggest(pool, options)
    except EmbedderUnavailable as error:
        raise UserError(str(error)) from None
    if args.json:
        out = {
            "program": args.program,
            "total": round(result.total, 3),
            "pairs": [_suggestion_json(s) for s in result.pairs],
            "unmatched": [{"name": u.mentee.name, "why": u.why} for u in result.unmatched],
            "errors": [{"row": e.row, "message": e.message} for e in result.errors],
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        _print(result, args.program)
        for error in result.errors:
            print(f"error: {error.message}", file=sys.stderr)
    return 1 if result.errors else 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add `coach match` to the main parser."""
    p = sub.add_parser(
        "match",
        help="suggest mentor/mentee pairs from a candidates file (CSV or XLSX), with reasons",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--candidates",
        required=True,
        metavar="FILE",
        help="CSV or XLSX, a row per candidate (format: docs/matching.md)",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help='print {"pairs": [...], "unmatched": [...], "errors": [...]}',
    )
    p.add_argument(
        "--capacity",
        type=int,
        choices=(1, 2),
        default=1,
        help="seniors per junior (default 1); a capacity column overrides it",
    )
    p.add_argument("--program", metavar="ID", help="the program these pairs are for (echoed)")
    pair = ("MENTOR", "MENTEE")
    for flag, text in (
        ("--keep", "keep this pair in the suggestions (repeatable)"),
        ("--forbid", "never suggest this pair (repeatable)"),
        ("--ended", "a pair that ended: re-match without it (repeatable)"),
    ):
        p.add_argument(flag, nargs=2, action="append", metavar=pair, help=text)
    p.add_argument(
        "--pair",
        nargs=2,
        metavar=pair,
        help="only score this pair, as after a swap (exit 2 if it breaks a rule)",
    )
    p.set_defaults(func=cmd_match)
