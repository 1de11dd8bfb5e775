"""`coach report --out DIR [--program ID]`: the program report as report.html and report.pdf."""

from __future__ import annotations

import argparse
from pathlib import Path

from coach.cli_common import cli_services, journal, one_line_errors


@one_line_errors
def cmd_report(args: argparse.Namespace) -> int:
    from coach.services.access import OPERATOR

    services = cli_services()
    try:
        html, pdf, made = services.report.write(OPERATOR, Path(args.out), args.program)
        journal(services, f"report to {Path(args.out).resolve()}")
    finally:
        services.close()
    print(f"program report for {made.program!r}")
    for path in (html, pdf):
        print(f"  {path}  {path.stat().st_size / 1024:.0f} KB")
    print("sections: " + ", ".join(section.key for section in made.sections))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add `coach report` to the main parser."""
    p = sub.add_parser(
        "report",
        help="the program report: report.html and report.pdf (aggregates only)",
        description="Write the program report: participation and cadence against plan, sessions\n"
        "over time, stalled pairs, goal progress, pairing fit, the safety pulse, outcomes,\n"
        "themes of the summaries shared with the program, and recommendations. Nothing\n"
        "private goes in; see docs/report.md.",
        epilog="example: coach report --out reports/2026-05",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--out", required=True, help="folder to write report.html and report.pdf in")
    p.add_argument("--program", help="program id or name (default: the only program)")
    p.set_defaults(func=cmd_report)
