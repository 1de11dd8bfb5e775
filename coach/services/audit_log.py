"""Reading the audit log: ids and actions only, for the admin."""

from __future__ import annotations

from coach.domain import policy
from coach.domain.audit import AuditEntry
from coach.domain.users import User
from coach.services.access import current, require
from coach.store.api import Store


class AuditService:
    """Who read or changed what, and when."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def entries(self, actor: User, pair_id: str | None = None) -> list[AuditEntry]:
        """The log, oldest first, optionally for one pair (admin only)."""
        with self.store.transaction(write=False) as tx:
            require(policy.can_administer(current(tx, actor)), "only an admin reads the audit log")
            return tx.find(AuditEntry) if pair_id is None else tx.find(AuditEntry, pair_id=pair_id)
