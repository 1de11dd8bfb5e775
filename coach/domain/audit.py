"""The audit log: who read or changed shared content, and when. Ids only, never content."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from coach.domain.common import check_aware


class AuditAction(StrEnum):
    READ = "read"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    SHARE = "share"
    WITHDRAW = "withdraw"
    EXPORT = "export"
    IMPORT = "import"
    ACKNOWLEDGE = "acknowledge"  # a lead confirms reading a summary shared with the program


@dataclass(frozen=True)
class AuditEntry:
    """One access: actor, action, resource kind and id, and the pair it belongs to."""

    id: str
    at: datetime
    actor_id: str
    action: AuditAction
    resource: str
    resource_id: str
    pair_id: str | None = None

    def __post_init__(self) -> None:
        check_aware(self.at, "at")
