"""Users' mail addresses: one plain address each, stored in lower case, at most one account per
address (so a reset asked for by address reaches exactly one account)."""

from __future__ import annotations

from coach.domain.users import User, check_email
from coach.services.errors import UserError
from coach.store.api import Tx


def normal_email(text: str | None) -> str | None:
    """The address to store: trimmed and lower-cased; None for blank. A malformed one raises
    ``RuleViolation`` with the domain's message (``'x@' is not an email address like …``)."""
    email = (text or "").strip().lower()
    if not email:
        return None
    check_email(email)
    return email


def with_email(tx: Tx, email: str) -> list[User]:
    """The accounts holding ``email`` (already normal): one, or none."""
    return tx.find(User, email=email)


def check_free(tx: Tx, email: str | None, user_id: str | None = None) -> None:
    """Refuse an address another account already has."""
    if email and any(u.id != user_id for u in with_email(tx, email)):
        raise UserError(f"{email!r} is already the address of another account")
