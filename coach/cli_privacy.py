"""`coach retention|purge|deletions`: how long private text is kept, and erasing it.

Every command acts as the command-line operator (an admin) through the services.
"""

from __future__ import annotations

import argparse

from coach.cli_common import cli_services, journal, journaled_copies, one_line_errors


def retention_days(text: str) -> int | None:
    """``DAYS`` on the command line: a whole number of days, or ``keep`` for no limit."""
    if text == "keep":
        return None
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of days; give e.g. 90, or 'keep'"
        ) from None


@one_line_errors
def cmd_retention(args: argparse.Namespace) -> int:
    from coach.services.access import OPERATOR

    days = args.days
    program = cli_services().retention.set_retention(OPERATOR, args.program, days)
    kept = "kept" if days is None else f"kept {days} days after {program.end_date}"
    print(f"{program.name}: private text is {kept}")
    return 0


@one_line_errors
def cmd_purge(args: argparse.Namespace) -> int:
    from coach.services.access import OPERATOR
    from coach.services.own_data import describe_removed

    services = cli_services()
    purged = services.retention.purge(OPERATOR, dry_run=args.dry_run)
    verb = "would remove" if args.dry_run else "removed"
    if not purged:
        print("nothing to purge: no program is past its retention period")
    for item in purged:
        removed = describe_removed(item.removed)
        print(f"{item.program} (ended {item.ended}, kept {item.retention_days} days): "
              f"{verb} {removed}")  # fmt: skip
    if purged and not args.dry_run:
        journal(services, f"purge of {', '.join(p.program for p in purged)}")
        for when, kind, path in journaled_copies(services.settings.data_dir):
            print(f"still holds the purged data: {kind} {path} (made {when[:19]}); "
                  "delete it or let it expire")  # fmt: skip
    return 0


@one_line_errors
def cmd_deletions(args: argparse.Namespace) -> int:
    from coach.services.access import OPERATOR
    from coach.services.own_data import describe_removed

    services = cli_services()
    if args.confirm is None:
        pending = services.own_data.pending(OPERATOR)
        for user, at in pending:
            print(f"{user.username:<24} asked on {at:%Y-%m-%d}")
        if not pending:
            print("no deletion requests")
        return 0
    report = services.own_data.confirm_deletion(OPERATOR, args.confirm)
    journal(services, f"deleted the account {report.username}")
    removed = describe_removed(report.removed)
    print(
        f"deleted {report.username}: removed {removed}; "
        f"{report.kept_shared_summaries} shared summaries stay, by 'a former participant'"
    )
    for when, kind, path in journaled_copies(services.settings.data_dir):
        print(f"still holds their data: {kind} {path} (made {when[:19]})")
    return 0


def register(sub) -> None:
    """Add the privacy commands to the `coach` parser."""
    p = sub.add_parser("retention", help="keep a program's private text N days after it ends")
    p.add_argument("program", help="program name or id")
    p.add_argument("days", type=retention_days,
                   help="days after the program's end date, or 'keep' for no limit")  # fmt: skip
    p.set_defaults(func=cmd_retention)
    p = sub.add_parser(
        "purge",
        help="remove private text of programs past their retention period",
        description="Remove the reflections, unshared summaries and private answers of every "
        "program past its retention period (coach retention), say what was removed, and name "
        "the backups and exports that still hold it.",
    )
    p.add_argument("--dry-run", action="store_true", help="say what would go; remove nothing")
    p.set_defaults(func=cmd_purge)
    p = sub.add_parser("deletions", help="list account deletion requests, or confirm one")
    p.add_argument("--confirm", metavar="USERNAME", help="delete this account (it asked)")
    p.set_defaults(func=cmd_deletions)
