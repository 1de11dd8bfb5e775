"""Users, their role in the install, and their stored password hash."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from coach.domain.common import check, check_aware

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
EMAIL = re.compile(r"^[^@\s<>\"',;]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
EMAIL_LIMIT = 254
MIN_PASSWORD = 10


class Role(StrEnum):
    """What a user is to the install. Mentor and mentee are sides of a pair, not roles."""

    ADMIN = "admin"
    LEAD = "lead"
    PARTICIPANT = "participant"


@dataclass(frozen=True)
class User:
    """Someone who can sign in."""

    id: str
    username: str
    role: Role
    display_name: str
    active: bool
    created_at: datetime
    email: str | None = None  # where reminders and password resets go; optional
    mail_opt_out: bool = False  # no reminders or digests (a password reset still reaches them)

    def __post_init__(self) -> None:
        check(
            bool(USERNAME.match(self.username)),
            f"username {self.username!r} must be 2-40 characters: a-z, 0-9, dot, dash, underscore",
        )
        check(len(self.display_name) <= 120, "a display name is at most 120 characters")
        check_aware(self.created_at, "created_at")
        if self.email is not None:
            check_email(self.email)

    @property
    def label(self) -> str:
        """The name to show: the display name, else the username."""
        return self.display_name or self.username


@dataclass(frozen=True)
class Credential:
    """A user's password hash (argon2), kept apart so ``User`` never carries a secret."""

    user_id: str
    password_hash: str
    updated_at: datetime


def check_email(email: str) -> None:
    """One plain address such as ``ana@example.org``; no display name, no list."""
    check(
        len(email) <= EMAIL_LIMIT and bool(EMAIL.match(email)),
        f"{email!r} is not an email address like name@example.org",
    )


@dataclass(frozen=True)
class PasswordReset:
    """A one-time password-reset link. Only the SHA-256 of its token is stored."""

    id: str  # sha256 hex of the token
    user_id: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None

    def __post_init__(self) -> None:
        check(len(self.id) == 64, "a reset id is a sha256 hex digest")
        check_aware(self.created_at, "created_at")
        check_aware(self.expires_at, "expires_at")
        check(self.expires_at > self.created_at, "a reset link must expire after it is made")

    def usable_at(self, moment: datetime) -> bool:
        return self.used_at is None and moment < self.expires_at


def check_password(password: str) -> None:
    """Refuse passwords that are too short to be worth hashing."""
    check(
        len(password or "") >= MIN_PASSWORD,
        f"a password needs at least {MIN_PASSWORD} characters",
    )


@dataclass(frozen=True)
class LoginSession:
    """A signed-in browser or API client. Only the SHA-256 of its cookie token is stored, so a
    leaked database or export cannot be replayed as a session."""

    id: str  # sha256 hex of the token
    user_id: str
    created_at: datetime
    expires_at: datetime
    credential_at: datetime  # the password it was opened with (``Credential.updated_at``)

    def __post_init__(self) -> None:
        check(len(self.id) == 64, "a login session id is a sha256 hex digest")
        check_aware(self.created_at, "created_at")
        check_aware(self.expires_at, "expires_at")
        check_aware(self.credential_at, "credential_at")
        check(self.expires_at > self.created_at, "a login session must expire after it starts")

    def valid_at(self, moment: datetime) -> bool:
        return moment < self.expires_at


@dataclass(frozen=True)
class DeletionRequest:
    """A participant asked for their account to be deleted; an admin confirms it."""

    user_id: str
    requested_at: datetime

    def __post_init__(self) -> None:
        check_aware(self.requested_at, "requested_at")


FORMER_PARTICIPANT = "a former participant"
