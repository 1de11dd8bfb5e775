"""`coach notify [--dry-run] [--now ISO]`: send the reminders that are due, each once."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from coach.cli_common import cli_services, one_line_errors

if TYPE_CHECKING:
    from coach.services.notify import Outgoing

DESCRIPTION = """Send the mails that are due, each once: a nudge to a pair whose cadence lapsed
(before it stalls), a reminder when a pulse or a self-assessment is due, the lead's weekly
digest of aggregates, and each check-in request a member sent the lead. Users who opted out
get no reminders or digests; no mail holds anything a participant wrote.

Run it from cron, e.g. hourly:
  17 * * * *  cd /srv/flipside && .venv/bin/coach notify
Several instances may run it at once: each mail is claimed in the database before it goes."""


def _when(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an ISO date or time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _line(status: str, item: Outgoing) -> str:
    mail = item.due
    return f"{status:<10} {mail.kind.value:<15} {mail.name} <{mail.to}>  {item.mail.subject}"


@one_line_errors
def cmd_notify(args: argparse.Namespace) -> int:
    services = cli_services()
    try:
        report = services.notify.run(args.now, dry_run=args.dry_run)
    finally:
        services.close()
    for item in report.would_send:
        print(_line("would send", item))
    for item in report.sent:
        print(_line("sent", item))
    for item in report.skipped:
        print(_line("skipped", item) + "  (another instance sent it)")
    for item, reason in report.failed:
        print(_line("FAILED", item) + f"  ({reason})")
    if args.dry_run:
        print(f"dry run: {len(report.would_send)} mails would go out; nothing was sent")
    else:
        sent, skipped, failed = len(report.sent), len(report.skipped), len(report.failed)
        print(f"{sent} sent, {skipped} skipped, {failed} failed")
    return 1 if report.failed else 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add `coach notify` to the main parser."""
    p = sub.add_parser(
        "notify",
        help="send due reminders by mail, each once (run it from cron, e.g. hourly)",
        description=DESCRIPTION,
        epilog="settings: COACH_SMTP_URL, COACH_MAIL_FROM, COACH_PUBLIC_URL (links in the "
        "mails), COACH_MIN_GROUP (the digest's pulse figure).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--dry-run", action="store_true",
        help="print what would go out; send nothing and record nothing",
    )  # fmt: skip
    p.add_argument(
        "--now", type=_when, default=None,
        help="act as if it were this moment (ISO, e.g. 2026-10-12T09:00; UTC unless it says)",
    )  # fmt: skip
    p.set_defaults(func=cmd_notify)
