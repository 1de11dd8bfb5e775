"""The document catalogue: the admin records indexed guides; everyone may list them."""

from __future__ import annotations

from coach.domain import policy
from coach.domain.audit import AuditAction
from coach.domain.common import new_id
from coach.domain.documents import CatalogueEntry
from coach.domain.users import User
from coach.services.access import Clock, audit, current, default_clock, require
from coach.services.errors import NotFound
from coach.store.api import Store


class CatalogueService:
    """Which documents the install has indexed, by whom and when."""

    def __init__(self, store: Store, clock: Clock = default_clock) -> None:
        self.store = store
        self.clock = clock

    def record(
        self, actor: User, source: str, title: str, sha256: str, chunks: int
    ) -> CatalogueEntry:
        """Add a document, or update the entry of a source that was indexed before."""
        now = self.clock()
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            require(policy.can_administer(actor), "only an admin changes the document catalogue")
            known = next(iter(tx.find(CatalogueEntry, source=source)), None)
            entry = CatalogueEntry(
                known.id if known else new_id("doc"), source, title, sha256, chunks, actor.id, now
            )
            if known:
                tx.update(entry)
            else:
                tx.insert(entry)
            action = AuditAction.UPDATE if known else AuditAction.CREATE
            audit(tx, actor, action, "document", entry.id, now)
        return entry

    def entries(self, actor: User) -> list[CatalogueEntry]:
        """The catalogue, by source path: any signed-in user."""
        with self.store.transaction(write=False) as tx:
            current(tx, actor)
            return tx.find(CatalogueEntry)

    def remove(self, actor: User, source: str) -> None:
        now = self.clock()
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            require(policy.can_administer(actor), "only an admin changes the document catalogue")
            entry = next(iter(tx.find(CatalogueEntry, source=source)), None)
            if entry is None:
                raise NotFound(f"no document {source!r} in the catalogue")
            tx.delete(CatalogueEntry, entry.id)
            audit(tx, actor, AuditAction.DELETE, "document", entry.id, now)
