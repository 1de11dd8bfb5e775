"""Login session tokens: how a cookie token is stored, and ending a user's sessions."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime

from coach.domain.users import LoginSession
from coach.store.api import Tx


def token_id(token: str) -> str:
    """The stored id of a cookie token."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def end_sessions(
    tx: Tx, user_id: str, keep: str | None = None, credential_at: datetime | None = None
) -> int:
    """End every login session of ``user_id`` except the one whose token is ``keep``, which
    moves to the new password's ``credential_at``. Returns how many ended.

    A session also dies on its own once the password it was opened with changes (see
    ``LoginService.user_for``), so a sign-in racing this call cannot outlive it."""
    kept = token_id(keep) if keep else None
    ended = 0
    for session in tx.find(LoginSession, user_id=user_id):
        if session.id == kept and credential_at is not None:
            tx.update(replace(session, credential_at=credential_at))
        else:
            tx.delete(LoginSession, session.id)
            ended += 1
    return ended
