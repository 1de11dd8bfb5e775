"""Rows of a people file (``coach users import``): the columns, and each row checked on its own.

Columns: ``username`` and ``email`` (required), ``display_name`` and ``role`` (optional; the
role is ``participant`` or ``lead``, default participant). Admins are added one at a time.
A bad row gets one error line naming its row (the header is row 1) and everything wrong with it;
a username or address that appears twice in the file is an error on the later row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from coach.domain.candidates import header_key
from coach.domain.common import RuleViolation
from coach.domain.users import USERNAME, Role, check_email

REQUIRED = ("username", "email")
OPTIONAL = ("display_name", "role")
COLUMNS = REQUIRED + OPTIONAL
IMPORTABLE = (Role.PARTICIPANT, Role.LEAD)
NAME_LIMIT = 120


@dataclass(frozen=True)
class UserRow:
    """One checked row: an account to create."""

    row: int
    username: str
    display_name: str
    email: str
    role: Role


@dataclass(frozen=True)
class BadRow:
    """Everything wrong with one row of the file."""

    row: int
    problems: tuple[str, ...]

    @property
    def line(self) -> str:
        return f"row {self.row}: {'; '.join(self.problems)}"


def header_problem(header: Iterable[str]) -> str | None:
    """What is wrong with the header row, or None."""
    present = [header_key(c) for c in header if str(c).strip()]
    missing = [c for c in REQUIRED if c not in present]
    unknown = [c for c in present if c not in COLUMNS]
    if missing or unknown:
        what = [f"lacks {', '.join(missing)}"] if missing else []
        what += [f"has unknown column(s) {', '.join(unknown)}"] if unknown else []
        return f"the header {' and '.join(what)}; the columns are {', '.join(COLUMNS)}"
    return None


def _cell(cells: Mapping[str, object], column: str) -> str:
    value = cells.get(column)
    return "" if value is None else str(value).strip()


def _problems(cells: Mapping[str, object]) -> list[str]:
    """Everything wrong with one row on its own (not yet counting the other rows)."""
    problems = []
    username, email = _cell(cells, "username").lower(), _cell(cells, "email").lower()
    role, name = _cell(cells, "role").lower(), _cell(cells, "display_name")
    if not username:
        problems.append("no username")
    elif not USERNAME.match(username):
        problems.append(
            f"username {username!r} must be 2-40 characters: a-z, 0-9, dot, dash, underscore"
        )
    if not email:
        problems.append("no email (an imported account sets its password by mail)")
    else:
        try:
            check_email(email)
        except RuleViolation as error:
            problems.append(str(error))
    if role == Role.ADMIN:
        problems.append("admins are not imported: add one with `coach users add NAME --role admin`")
    elif role and role not in IMPORTABLE:
        problems.append(f"unknown role {role!r}: use participant or lead (empty: participant)")
    if len(name) > NAME_LIMIT:
        problems.append(f"the display name is longer than {NAME_LIMIT} characters")
    return problems


def read_user_rows(
    rows: Iterable[tuple[int, Mapping[str, object]]],
) -> tuple[list[UserRow], list[BadRow]]:
    """The good rows and one error per bad row, in file order.

    ``rows`` are (row number, cells by ``header_key`` column)."""
    good: list[UserRow] = []
    errors: list[BadRow] = []
    first_seen: dict[tuple[str, str], int] = {}
    for number, cells in rows:
        problems = _problems(cells)
        username, email = _cell(cells, "username").lower(), _cell(cells, "email").lower()
        for what, value in (("username", username), ("email", email)):
            if not value:
                continue
            earlier = first_seen.setdefault((what, value), number)
            if earlier != number:
                problems.append(f"the {what} {value!r} is already on row {earlier}")
        if problems:
            errors.append(BadRow(number, tuple(problems)))
            continue
        role = Role(_cell(cells, "role").lower() or Role.PARTICIPANT)
        good.append(UserRow(number, username, _cell(cells, "display_name"), email, role))
    return good, errors
