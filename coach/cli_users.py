"""`coach users ...`: accounts, their addresses and passwords, and bulk import from a file.

Every command acts as the command-line operator (an admin) through the services. Errors come
out as one line and exit 2; an import with bad rows prints one line per bad row and exits 2.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from coach.cli_common import cli_services, one_line_errors

IMPORT_HELP = """\
Create accounts from a CSV (or XLSX) file, one row per person. The first row names the columns:
username and email (required), display_name and role (optional; participant or lead, empty
means participant). Admins are added one at a time with `coach users add NAME --role admin`.

All or nothing: if any row is bad, nothing is imported and every bad row gets one line on
stderr ("row 4: 'x@' is not an email address ..."); fix the file and run it again.
Imported accounts have no password yet: each person sets one with "Forgot your password?" on
the sign-in page (a link goes to their address; needs COACH_SMTP_URL), or you set one with
`coach users password NAME`."""

IMPORT_EXAMPLE = """\
example file:
  username,display_name,email,role
  ana.lima,Ana Lima,ana.lima@example.org,
  cleo.ray,Cleo Ray,cleo.ray@example.org,lead"""


def _password(args: argparse.Namespace) -> tuple[str, bool]:
    """The password to set, and whether it was generated (and must be shown)."""
    from coach.services.errors import UserError
    from coach.services.passwords import random_password

    if args.password:
        return args.password, False
    if args.prompt:
        first = getpass.getpass("password: ")
        if first != getpass.getpass("again: "):
            raise UserError("the two passwords differ")
        return first, False
    return random_password(), True


@one_line_errors
def cmd_users_add(args: argparse.Namespace) -> int:
    from coach.services.access import OPERATOR

    services = cli_services()
    password, generated = _password(args)
    user = services.users.add(
        OPERATOR, args.username, args.role, password, args.name or "", args.email
    )
    mail = f", email {user.email}" if user.email else ""
    print(f"added {user.username} ({user.role.value}{mail}), id {user.id}")
    if generated:
        print(f"password: {password}  (shown once; change it with the app)")
    return 0


@one_line_errors
def cmd_users_list(args: argparse.Namespace) -> int:
    from coach.services.access import OPERATOR

    for user in cli_services().users.list(OPERATOR):
        state = "" if user.active else "  (deactivated)"
        print(f"{user.username:<24} {user.role.value:<12} {user.email or '-':<32} "
              f"{user.display_name}{state}")  # fmt: skip
    return 0


@one_line_errors
def cmd_users_email(args: argparse.Namespace) -> int:
    from coach.services.access import OPERATOR

    user = cli_services().users.set_email(OPERATOR, args.username, args.address)
    print(f"{user.username}: email {user.email}" if user.email else f"{user.username}: no email")
    return 0


@one_line_errors
def cmd_users_password(args: argparse.Namespace) -> int:
    from coach.services.access import OPERATOR

    password, generated = _password(args)
    cli_services().users.set_password(OPERATOR, args.username, password)
    print(f"{args.username.strip().lower()}: password set; signed out everywhere")
    if generated:
        print(f"password: {password}  (shown once; they can change it with the app)")
    return 0


@one_line_errors
def cmd_users_import(args: argparse.Namespace) -> int:
    from coach.services.access import OPERATOR

    report = cli_services().user_import.import_file(OPERATOR, Path(args.file))
    for line in report.lines():
        print(line, file=sys.stderr if report.errors else sys.stdout)
    return 2 if report.errors else 0


@one_line_errors
def cmd_users_active(args: argparse.Namespace) -> int:
    from coach.services.access import OPERATOR

    active = args.users_command == "activate"
    user = cli_services().users.set_active(OPERATOR, args.username, active)
    what = "can sign in again" if active else "is deactivated and signed out everywhere"
    print(f"{user.username} {what}")
    return 0


def _secret_options(parser: argparse.ArgumentParser) -> None:
    secret = parser.add_mutually_exclusive_group()
    secret.add_argument("--password", help="the password (visible in your shell history)")
    secret.add_argument("--prompt", action="store_true", help="type the password")


def register(sub) -> None:
    """Add `coach users ...` to the `coach` parser."""
    users = sub.add_parser(
        "users", help="add, import and list accounts; set addresses and passwords; (de)activate"
    ).add_subparsers(dest="users_command", required=True, metavar="SUBCOMMAND")
    p = users.add_parser("add", help="add an account; prints a random password unless given")
    p.add_argument("username")
    p.add_argument("--role", required=True, choices=["admin", "lead", "participant"])
    p.add_argument("--name", help="display name")
    p.add_argument("--email", metavar="ADDR", help="where reminders and reset links go")
    _secret_options(p)
    p.set_defaults(func=cmd_users_add)
    p = users.add_parser(
        "import", help="create accounts from a CSV file (all or nothing)",
        description=IMPORT_HELP, epilog=IMPORT_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    p.add_argument("file", help="a .csv (UTF-8) or .xlsx file")
    p.set_defaults(func=cmd_users_import)
    users.add_parser("list", help="list accounts").set_defaults(func=cmd_users_list)
    p = users.add_parser("email", help="set or clear an account's email address")
    p.add_argument("username")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("address", nargs="?", help="the new address, e.g. ana@example.org")
    target.add_argument("--clear", dest="address", action="store_const", const=None,
                        help="remove the address (no mails, no reset links)")  # fmt: skip
    p.set_defaults(func=cmd_users_email)
    p = users.add_parser(
        "password", help="set an account's password (random unless given); ends its sessions"
    )
    p.add_argument("username")
    _secret_options(p)
    p.set_defaults(func=cmd_users_password)
    for verb, text in (("deactivate", "stop an account (its sessions end at once)"),
                       ("activate", "let a deactivated account sign in again")):  # fmt: skip
        p = users.add_parser(verb, help=text)
        p.add_argument("username")
        p.set_defaults(func=cmd_users_active)
