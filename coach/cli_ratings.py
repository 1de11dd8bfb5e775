"""`coach ratings counts|export`: what users said was helpful, for the admin and the evals.

Both act as the command-line operator (an admin) through the ratings service. Neither names
who rated.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from coach.cli_common import cli_services, journal, one_line_errors


@one_line_errors
def cmd_ratings_counts(args: argparse.Namespace) -> int:
    from coach.services.access import OPERATOR

    services = cli_services()
    try:
        counts = services.ratings.counts(OPERATOR)
    finally:
        services.close()
    print(f"{'kind':<10} {'helpful':>8} {'not':>8} {'reasons':>8}")
    for row in counts:
        print(f"{row.kind:<10} {row.helpful:>8} {row.not_helpful:>8} {row.with_reason:>8}")
    return 0


@one_line_errors
def cmd_ratings_export(args: argparse.Namespace) -> int:
    from coach.services.access import OPERATOR

    out = Path(args.out)
    services = cli_services()
    try:
        written = services.ratings.export_jsonl(OPERATOR, out)
        journal(services, f"export to {out.resolve()}")  # reasons are people's words
    finally:
        services.close()
    print(f"wrote {written} ratings to {out}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add `coach ratings` to the main parser."""
    ratings = sub.add_parser(
        "ratings",
        help="ratings of answers and artifacts: counts, and the export for the evals",
        description="Users rate chat answers, agendas, starters, summaries and follow-up notes\n"
        "as helpful or not, with an optional reason. These commands never name who rated.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    ).add_subparsers(dest="ratings_command", required=True, metavar="{counts,export}")
    p = ratings.add_parser("counts", help="helpful / not helpful / with a reason, per kind")
    p.set_defaults(func=cmd_ratings_counts)
    p = ratings.add_parser(
        "export",
        help="every rating as one JSON line, for the evals",
        description="Write every rating, oldest first, as one JSON object per line:\n"
        '  {"kind": "agenda", "target_id": "art_...", "helpful": true,\n'
        '   "reason": "...", "created": "2026-12-03T10:00:00+00:00"}\n'
        "kind is agenda, starters, summary, followup or chat (target_id is then the key of\n"
        "the answer's text). No user id or name is written. The file is readable by you only.",
        epilog="example: coach ratings export --out ratings-2026-12.jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--out", required=True, metavar="FILE.jsonl", help="the file to write")
    p.set_defaults(func=cmd_ratings_export)
