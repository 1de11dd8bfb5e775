"""What every use-case shares: the clock, the operator, permission checks and the audit trail."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from coach.domain import policy
from coach.domain.audit import AuditAction, AuditEntry
from coach.domain.common import new_id, utcnow
from coach.domain.pairs import Pair
from coach.domain.users import Role, User
from coach.services.errors import NotFound, PermissionDenied
from coach.store.api import Store, Tx

T = TypeVar("T")
Clock = Callable[[], datetime]

# The command line acts as this admin. It is not stored, so it cannot sign in to the app.
OPERATOR = User(
    id="operator",
    username="operator",
    role=Role.ADMIN,
    display_name="command line operator",
    active=True,
    created_at=datetime(2026, 1, 1, tzinfo=UTC),
)


def default_clock() -> datetime:
    return utcnow()


def require(allowed: bool, what: str) -> None:
    """Raise ``PermissionDenied`` unless ``allowed``. ``what`` must not quote any content."""
    if not allowed:
        raise PermissionDenied(f"permission denied: {what}")


def current(tx: Tx, actor: User) -> User:
    """The actor as stored now, so a deactivated account or changed role counts at once.

    Only the ``OPERATOR`` object itself acts as the operator: a stored or forged user that
    merely carries the id ``operator`` is looked up like anyone else.
    """
    if actor is OPERATOR:
        return OPERATOR
    stored = tx.get(User, actor.id)
    require(stored is not None and stored.active, "this account is unknown or deactivated")
    assert stored is not None
    return stored


def load(tx: Tx, cls: type[T], key: Any, what: str) -> T:
    """The record keyed ``key``, or ``NotFound`` naming ``what``."""
    record = tx.get(cls, key)
    if record is None:
        raise NotFound(f"no {what} {key!r}")
    return record


def load_pair(tx: Tx, pair_id: str) -> Pair:
    return load(tx, Pair, pair_id, "pair")


def find_user(tx: Tx, name_or_id: str) -> User:
    """A user by username or id."""
    user = tx.get(User, name_or_id)
    if user is None:
        user = next(iter(tx.find(User, username=name_or_id.strip().lower())), None)
    if user is None:
        raise NotFound(f"no user {name_or_id!r}")
    return user


def audit(
    tx: Tx,
    actor: User,
    action: AuditAction,
    resource: str,
    resource_id: str,
    now: datetime,
    pair_id: str | None = None,
) -> None:
    """Append an entry to the audit log inside the caller's transaction."""
    tx.insert(AuditEntry(new_id("aud"), now, actor.id, action, resource, resource_id, pair_id))


class PairScoped:
    """Base for use-cases that only the two members of a pair may touch."""

    not_member = "only the two members of a pair may do this"

    def __init__(self, store: Store, clock: Clock = default_clock) -> None:
        self.store = store
        self.clock = clock

    def _member_pair(self, tx: Tx, actor: User, pair_id: str) -> tuple[User, Pair]:
        actor = current(tx, actor)
        pair = load_pair(tx, pair_id)
        require(policy.can_work_in(actor, pair), self.not_member)
        return actor, pair

    def _read_all(self, actor: User, pair_id: str, cls: type[T], label: str) -> list[T]:
        """Every ``cls`` record of a pair, for a member, with an audited read."""
        now = self.clock()
        with self.store.transaction() as tx:
            actor, pair = self._member_pair(tx, actor, pair_id)
            found = tx.find(cls, pair_id=pair.id)
            audit(tx, actor, AuditAction.READ, label, pair.id, now, pair.id)
        return found
