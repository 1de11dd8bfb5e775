"""Login sessions kept in the database: sign in, look up, sign out, and end them all.

The browser holds a random token in an HttpOnly cookie; the store holds only its SHA-256. Every
instance reads the same table, so a sign-out, a password change or a deactivation ends the
session everywhere at once, and a sign-in survives a switch to another instance.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from coach.domain.users import Credential, LoginSession, User
from coach.services.access import Clock, default_clock
from coach.services.login_tokens import token_id
from coach.services.users import UserService
from coach.store.api import Missing, Store


def usable(token: str | None) -> bool:
    """A cookie value worth looking up (ours are 43 characters; junk is not hashed)."""
    return bool(token) and len(token) <= 200


class LoginService:
    """Password sign-in and the sessions it opens."""

    def __init__(
        self, store: Store, users: UserService, lifetime: timedelta, clock: Clock = default_clock
    ) -> None:
        self.store = store
        self.users = users
        self.lifetime = lifetime
        self.clock = clock

    def sign_in(self, username: str, password: str) -> tuple[User, str]:
        """Check the password (rate-limited) and open a session; returns the cookie token."""
        user, credential_at = self.users.verify(username, password)
        return user, self.start(user, credential_at)

    def start(self, user: User, credential_at: datetime) -> str:
        """Open a session for a user who just proved the password stamped ``credential_at``;
        expired sessions of theirs are swept."""
        token = secrets.token_urlsafe(32)
        now = self.clock()
        with self.store.transaction() as tx:
            for old in tx.find(LoginSession, user_id=user.id):
                if not old.valid_at(now):
                    tx.delete(LoginSession, old.id)
            tx.insert(
                LoginSession(token_id(token), user.id, now, now + self.lifetime, credential_at)
            )
        return token

    def user_for(self, token: str | None) -> User | None:
        """The active user behind a cookie token; None when unknown, expired or deactivated."""
        if not usable(token):
            return None
        with self.store.transaction(write=False) as tx:
            session = tx.get(LoginSession, token_id(token))
            if session is None or not session.valid_at(self.clock()):
                return None
            user = tx.get(User, session.user_id)
            credential = tx.get(Credential, session.user_id)
        if credential is None or credential.updated_at != session.credential_at:
            return None  # the password changed (or was removed) since this sign-in
        return user if user is not None and user.active else None

    def end(self, token: str | None) -> None:
        """Sign one session out; unknown tokens are ignored."""
        if not usable(token):
            return
        try:
            with self.store.transaction() as tx:
                tx.delete(LoginSession, token_id(token))
        except Missing:
            pass

    def active_count(self, user_id: str) -> int:
        """How many unexpired sessions a user has (for tests and the admin)."""
        now = self.clock()
        with self.store.transaction(write=False) as tx:
            return sum(s.valid_at(now) for s in tx.find(LoginSession, user_id=user_id))
