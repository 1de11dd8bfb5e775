"""Bulk import of people from a CSV or XLSX file (admin only): all or nothing.

Every row is checked, against the other rows and against the accounts already there. If any
row is bad, nothing is imported and each bad row gets one error line, so the admin fixes the
file and runs the same file again. Imported accounts have no password: each person sets one
with "Forgot your password?" on the sign-in page (a link goes to their address), or an admin
sets one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coach.domain import policy
from coach.domain.audit import AuditAction
from coach.domain.candidates import header_key
from coach.domain.common import new_id
from coach.domain.user_rows import BadRow, UserRow, header_problem, read_user_rows
from coach.domain.users import User
from coach.services.access import Clock, audit, current, default_clock, require
from coach.services.candidate_files import read_table
from coach.services.errors import UserError
from coach.services.user_emails import with_email
from coach.store.api import Conflict, Store, Tx

FORMAT = "username,display_name,email[,role] with role participant or lead (see docs/users.md)"


@dataclass(frozen=True)
class ImportReport:
    """What an import did: the accounts made, or (when any row was bad) the error lines."""

    added: tuple[User, ...]
    errors: tuple[str, ...]
    mail_ready: bool  # can reset links be mailed (COACH_SMTP_URL set)?

    def lines(self) -> list[str]:
        """What to tell the admin, one line each (the errors first, when any)."""
        if self.errors:
            rows = "row" if len(self.errors) == 1 else f"{len(self.errors)} rows"
            return [*self.errors, f"nothing imported: fix the {rows} above and import again"]
        counts: dict[str, int] = {}
        for user in self.added:
            counts[user.role.value] = counts.get(user.role.value, 0) + 1
        each = ", ".join(f"{n} {role}" for role, n in sorted(counts.items()))
        how = (
            "each sets one with 'Forgot your password?' on the sign-in page (a link is mailed "
            "to them), or an admin sets one"
            if self.mail_ready
            else "mail is not set up (COACH_SMTP_URL), so an admin must set them until it is "
            "(coach users password NAME)"
        )
        accounts = "1 account" if len(self.added) == 1 else f"{len(self.added)} accounts"
        return [f"imported {accounts} ({each or 'none'}); no passwords yet: {how}"]


def _clashes(tx: Tx, rows: list[UserRow]) -> list[BadRow]:
    """An error for each row whose username or address an existing account already has."""
    errors = []
    for row in rows:
        problems = []
        if tx.find(User, username=row.username):
            problems.append(f"the username {row.username!r} is taken")
        if with_email(tx, row.email):
            problems.append(f"{row.email!r} is already the address of another account")
        if problems:
            errors.append(BadRow(row.row, tuple(problems)))
    return errors


class UserImportService:
    """People files into accounts."""

    def __init__(self, store: Store, mail_ready: bool, clock: Clock = default_clock) -> None:
        self.store = store
        self.mail_ready = mail_ready
        self.clock = clock

    def import_file(self, actor: User, path: Path) -> ImportReport:
        """Import every row of ``path``, or none; a ``UserError`` when the file as a whole is
        wrong (missing, empty, not a table, bad header)."""
        with self.store.transaction(write=False) as tx:
            require(policy.can_administer(current(tx, actor)), "only an admin imports users")
        table = read_table(path)
        if not table:
            raise UserError(f"{path}: the file is empty; its columns are {FORMAT}")
        header_row, header = table[0]
        titles = ["" if h is None else str(h) for h in header]
        problem = header_problem(titles)
        if problem:
            raise UserError(f"{path}: {problem} (row {header_row})")
        keys = [header_key(t) for t in titles]
        rows = [(n, dict(zip(keys, cells, strict=False))) for n, cells in table[1:]]
        if not rows:
            raise UserError(f"{path}: no people below the header; add one row per person")
        return self.import_rows(actor, rows)

    def import_rows(self, actor: User, rows: list[tuple[int, dict[str, object]]]) -> ImportReport:
        """Check every row and create the accounts in one transaction, or none."""
        good, errors = read_user_rows(rows)
        now = self.clock()
        added = [
            User(new_id("usr"), r.username, r.role, r.display_name, True, now, r.email)
            for r in good
        ]
        try:
            with self.store.transaction() as tx:
                actor = current(tx, actor)
                require(policy.can_administer(actor), "only an admin imports users")
                errors = sorted(errors + _clashes(tx, good), key=lambda e: e.row)
                if errors:
                    return ImportReport((), tuple(e.line for e in errors), self.mail_ready)
                for user in added:
                    tx.insert(user)
                    audit(tx, actor, AuditAction.CREATE, "user", user.id, now)
        except Conflict:  # someone added one of these names a moment ago
            raise UserError("an account in the file was added meanwhile; import again") from None
        return ImportReport(tuple(added), (), self.mail_ready)
