"""Accounts: the admin adds and deactivates users; everyone signs in with a password."""

from __future__ import annotations

from dataclasses import replace

from coach.domain import policy
from coach.domain.audit import AuditAction
from coach.domain.common import new_id
from coach.domain.users import Credential, Role, User, check_password
from coach.services.access import Clock, audit, current, default_clock, find_user, require
from coach.services.errors import PermissionDenied, UserError
from coach.services.passwords import Passwords, random_password
from coach.store.api import Conflict, Store

SIGN_IN_FAILED = "wrong username or password"
FIRST_ADMIN = "admin"


class UserService:
    """Users and their credentials."""

    def __init__(
        self, store: Store, passwords: Passwords | None = None, clock: Clock = default_clock
    ) -> None:
        self.store = store
        self.passwords = passwords or Passwords()
        self.clock = clock

    def add(
        self, actor: User, username: str, role: Role | str, password: str, display_name: str = ""
    ) -> User:
        """Create an account (admin only)."""
        check_password(password)
        try:
            role = Role(role)
        except ValueError:
            raise UserError(f"unknown role {role!r}: use admin, lead or participant") from None
        now = self.clock()
        user = User(new_id("usr"), username.strip().lower(), role, display_name.strip(), True, now)
        password_hash = self.passwords.hash(password)
        try:
            with self.store.transaction() as tx:
                actor = current(tx, actor)
                require(policy.can_administer(actor), "only an admin adds users")
                tx.insert(user)
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
        """Deactivate or reactivate an account (admin only); history stays in place."""
        now = self.clock()
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            require(policy.can_administer(actor), "only an admin (de)activates users")
            user = replace(find_user(tx, username), active=active)
            tx.update(user)
            audit(tx, actor, AuditAction.UPDATE, "user", user.id, now)
        return user

    def set_password(self, actor: User, username: str, password: str) -> None:
        """Change a password: your own, or anyone's as an admin."""
        check_password(password)
        password_hash = self.passwords.hash(password)
        now = self.clock()
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            user = find_user(tx, username)
            require(
                policy.can_administer(actor) or actor.id == user.id,
                "only the user or an admin changes a password",
            )
            tx.update(Credential(user.id, password_hash, now))
            audit(tx, actor, AuditAction.UPDATE, "credential", user.id, now)

    def authenticate(self, username: str, password: str) -> User:
        """The active user with this username and password; one vague error otherwise."""
        with self.store.transaction(write=False) as tx:
            user = next(iter(tx.find(User, username=username.strip().lower())), None)
            credential = tx.get(Credential, user.id) if user else None
        stored_hash = credential.password_hash if credential else None
        if not self.passwords.verify(stored_hash, password) or not (user and user.active):
            raise UserError(SIGN_IN_FAILED)
        if self.passwords.needs_rehash(stored_hash):
            with self.store.transaction() as tx:
                tx.update(Credential(user.id, self.passwords.hash(password), self.clock()))
        return user

    def signed_in(self, username: str | None) -> User:
        """The active account behind a web session that already signed in with a password."""
        with self.store.transaction(write=False) as tx:
            user = next(iter(tx.find(User, username=(username or "").strip().lower())), None)
        if user is None or not user.active:
            raise PermissionDenied("permission denied: sign in again (unknown or inactive account)")
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
