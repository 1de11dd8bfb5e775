"""Login session tokens: how a cookie token is stored, and ending a user's sessions."""

from __future__ import annotations

import hashlib

from coach.domain.users import LoginSession
from coach.store.api import Tx


def token_id(token: str) -> str:
    """The stored id of a cookie token."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def end_sessions(tx: Tx, user_id: str, keep: str | None = None) -> int:
    """End every login session of ``user_id`` except the one whose token is ``keep``."""
    kept = token_id(keep) if keep else None
    ended = 0
    for session in tx.find(LoginSession, user_id=user_id):
        if session.id != kept:
            tx.delete(LoginSession, session.id)
            ended += 1
    return ended
