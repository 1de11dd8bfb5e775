"""Accounts: the admin adds and deactivates users; everyone signs in with a password."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from coach.domain import policy
from coach.domain.audit import AuditAction
from coach.domain.common import new_id
from coach.domain.users import USERNAME, Credential, Role, User, check_password
from coach.services.access import (
    OPERATOR,
    Clock,
    audit,
    current,
    default_clock,
    find_user,
    require,
)
from coach.services.errors import PermissionDenied, UserError
from coach.services.login_limit import LoginLimiter, minutes_left
from coach.services.login_tokens import end_sessions
from coach.services.passwords import Passwords, random_password
from coach.services.user_emails import check_free, normal_email
from coach.store.api import Conflict, Store, Tx

SIGN_IN_FAILED = "wrong username or password"
TOO_MANY = "too many failed sign-ins for this account; try again in {minutes} min"
FIRST_ADMIN = "admin"
log = logging.getLogger(__name__)


def self_or_admin(tx: Tx, actor: User, username: str, does: str) -> tuple[User, User]:
    """The acting user and the account named, when the actor is that account or an admin."""
    actor = current(tx, actor)
    user = find_user(tx, username)
    require(
        policy.can_administer(actor) or actor.id == user.id, f"only the user or an admin {does}"
    )
    return actor, user


class UserService:
    """Users and their credentials."""

    def __init__(
        self,
        store: Store,
        passwords: Passwords | None = None,
        clock: Clock = default_clock,
        limiter: LoginLimiter | None = None,
    ) -> None:
        self.store = store
        self.passwords = passwords or Passwords()
        self.clock = clock
        self.limiter = limiter or LoginLimiter(clock)

    def add(
        self,
        actor: User,
        username: str,
        role: Role | str,
        password: str | None,
        display_name: str = "",
        email: str | None = None,
    ) -> User:
        """Create an account (admin only). With no password the account cannot sign in until
        one is set by mail (``PasswordResetService``) or by an admin."""
        if password is not None:
            check_password(password)
        try:
            role = Role(role)
        except ValueError:
            raise UserError(f"unknown role {role!r}: use admin, lead or participant") from None
        now = self.clock()
        address = normal_email(email)
        user = User(
            new_id("usr"), username.strip().lower(), role, display_name.strip(), True, now, address
        )
        password_hash = self.passwords.hash(password) if password is not None else None
        try:
            with self.store.transaction() as tx:
                actor = current(tx, actor)
                require(policy.can_administer(actor), "only an admin adds users")
                check_free(tx, address)
                tx.insert(user)
                if password_hash is not None:
                    tx.insert(Credential(user.id, password_hash, now))
                audit(tx, actor, AuditAction.CREATE, "user", user.id, now)
        except Conflict:
            raise UserError(f"the username {user.username!r} is taken") from None
        return user

    def list(self, actor: User) -> list[User]:
        """Every account (admin only)."""
        with self.store.transaction(write=False) as tx:
            require(policy.can_administer(current(tx, actor)), "only an admin lists users")
            return tx.find(User)

    def set_active(self, actor: User, username: str, active: bool) -> User:
        """Deactivate or reactivate an account (admin only); history stays in place.

        Deactivation ends every login session of the account, on every instance."""
        now = self.clock()
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            require(policy.can_administer(actor), "only an admin (de)activates users")
            user = replace(find_user(tx, username), active=active)
            tx.update(user)
            if not active:
                end_sessions(tx, user.id)
            audit(tx, actor, AuditAction.UPDATE, "user", user.id, now)
        return user

    def set_password(
        self, actor: User, username: str, password: str, keep_session: str | None = None
    ) -> None:
        """Change a password: your own, or anyone's as an admin.

        Every login session of that user ends, on every instance, except ``keep_session``
        (the token of the session that made the change, so its user stays signed in)."""
        check_password(password)
        password_hash = self.passwords.hash(password)
        now = self.clock()
        with self.store.transaction() as tx:
            actor, user = self_or_admin(tx, actor, username, "changes a password")
            keep = keep_session if actor.id == user.id else None
            change_credential(tx, actor, user, password_hash, now, keep)

    def set_email(self, actor: User, username: str, email: str | None) -> User:
        """Set or clear (blank) an account's address: your own, or anyone's as an admin."""
        address = normal_email(email)
        now = self.clock()
        with self.store.transaction() as tx:
            actor, user = self_or_admin(tx, actor, username, "sets an email address")
            check_free(tx, address, user.id)
            user = replace(user, email=address)
            tx.update(user)
            audit(tx, actor, AuditAction.UPDATE, "user", user.id, now)
        return user

    def set_mail_opt_out(self, actor: User, opt_out: bool) -> User:
        """Your own choice: no reminder, nudge or digest mails (a reset link still comes)."""
        now = self.clock()
        with self.store.transaction() as tx:
            me = current(tx, actor)
            require(me is not OPERATOR, "the command-line operator has no mail settings")
            user = replace(me, mail_opt_out=opt_out)
            tx.update(user)
            audit(tx, user, AuditAction.UPDATE, "user", user.id, now)
        return user

    def authenticate(self, username: str, password: str) -> User:
        """The active user with this username and password; one vague error otherwise.

        Repeated failures for one name are refused for a while (``LoginLimiter``).
        """
        return self.verify(username, password)[0]

    def verify(self, username: str, password: str) -> tuple[User, datetime]:
        """``authenticate``, plus the ``Credential.updated_at`` of the password that matched
        (a login session remembers it, and dies when the password changes)."""
        name = username.strip().lower()
        key = name[:200]  # bounded memory, whatever is typed
        wait = self.limiter.begin(key)
        if wait is not None:
            log.warning("sign-in refused: too many failures for %r", key)
            raise UserError(TOO_MANY.format(minutes=minutes_left(wait)))
        with self.store.transaction(write=False) as tx:
            user = next(iter(tx.find(User, username=name)), None)
            credential = tx.get(Credential, user.id) if user else None
        stored_hash = credential.password_hash if credential else None
        if not self.passwords.verify(stored_hash, password) or not (user and user.active):
            raise UserError(SIGN_IN_FAILED)  # ``begin`` counted this attempt already
        self.limiter.succeeded(key)
        assert credential is not None
        if self.passwords.needs_rehash(stored_hash):  # same password: its stamp stays
            with self.store.transaction() as tx:
                tx.update(replace(credential, password_hash=self.passwords.hash(password)))
        return user, credential.updated_at

    def signed_in(self, username: str | None) -> User:
        """The active account behind a web session that already signed in with a password."""
        with self.store.transaction(write=False) as tx:
            user = next(iter(tx.find(User, username=(username or "").strip().lower())), None)
        if user is None or not user.active:
            raise PermissionDenied("permission denied: sign in again (unknown or inactive account)")
        return user

    def from_trusted_header(self, username: str, autocreate: bool) -> User | None:
        """The active user an auth proxy vouched for; None when unknown (and not created) or
        deactivated. With ``autocreate`` an unknown, well-formed name becomes a participant
        with no password (they can only sign in through the proxy)."""
        name = (username or "").strip().lower()
        with self.store.transaction(write=False) as tx:
            user = next(iter(tx.find(User, username=name)), None)
        if user is not None:
            return user if user.active else None
        if not autocreate or not USERNAME.match(name):
            return None
        now = self.clock()
        user = User(new_id("usr"), name, Role.PARTICIPANT, "", True, now)
        try:
            with self.store.transaction() as tx:
                tx.insert(user)
                audit(tx, user, AuditAction.CREATE, "user", user.id, now)
        except Conflict:  # created a moment ago by a parallel request
            with self.store.transaction(write=False) as tx:
                user = next(iter(tx.find(User, username=name)), None)
            return user if user is not None and user.active else None
        log.info("created participant %r from the trusted sign-in header", name)
        return user

    def ensure_first_admin(self) -> tuple[User, str] | None:
        """On a fresh install (no accounts at all) create ``admin`` with a random password.

        Returns the account and its password, to be shown once; None when accounts exist.
        """
        with self.store.transaction(write=False) as tx:
            if tx.find(User):
                return None
        password = random_password()
        now = self.clock()
        user = User(new_id("usr"), FIRST_ADMIN, Role.ADMIN, "First admin", True, now)
        try:
            with self.store.transaction() as tx:
                tx.insert(user)
                tx.insert(Credential(user.id, self.passwords.hash(password), now))
                audit(tx, user, AuditAction.CREATE, "user", user.id, now)
        except Conflict:  # another process created it first
            return None
        return user, password


def change_credential(
    tx: Tx, actor: User, user: User, password_hash: str, now: datetime, keep: str | None = None
) -> None:
    """Store ``user``'s new password hash and end every login session of theirs except the one
    whose token is ``keep``, on every instance (audited as ``actor``'s change). An account
    created without a password gets its first one."""
    credential = Credential(user.id, password_hash, now)
    if tx.get(Credential, user.id) is None:
        tx.insert(credential)
    else:
        tx.update(credential)
    end_sessions(tx, user.id, keep=keep, credential_at=now)
    audit(tx, actor, AuditAction.UPDATE, "credential", user.id, now)
