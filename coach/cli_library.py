"""`coach library check`: validate the coaching library (starters, segments, scripts, answers)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach.cli_common import one_line_errors


@one_line_errors
def cmd_check(args: argparse.Namespace) -> int:
    from coach.config import get_settings
    from coach.services.library import load_library

    settings = get_settings()
    folder = Path(args.folder) if args.folder else settings.library_dir
    guides = Path(args.guides) if args.guides else settings.knowledge_dir
    library, problems = load_library(folder, not args.partial, guides)
    for line in problems:
        print(line, file=sys.stderr)
    counts = (
        f"{len(library.starters)} starter templates, {len(library.segments)} segment patterns, "
        f"{len(library.scripts)} phase scripts, {len(library.answers)} chat answers"
    )
    print(f"{folder}: {counts}; {len(problems)} problem(s)")
    return 1 if problems else 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add `coach library` to the main parser."""
    p = sub.add_parser("library", help="the coaching library: check its files")
    commands = p.add_subparsers(dest="library_command", required=True)
    check = commands.add_parser(
        "check",
        help="validate every entry; exit 1 on any problem",
        description="Check library/*.yaml: the schema, unique ids, known slots, questions asked\n"
        "face to face, no generational stereotypes, and enough entries of every kind.",
        epilog="example: coach library check library/",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("folder", nargs="?", default=None,
                       help="default: COACH_LIBRARY_DIR (./library)")  # fmt: skip
    check.add_argument("--guides", default=None,
                       help="guides cites must name (default: COACH_KNOWLEDGE_DIR)")  # fmt: skip
    check.add_argument(
        "--partial", action="store_true", help="skip the minimum counts (while writing it)"
    )
    check.set_defaults(func=cmd_check)
