"""Sessions of a pair: numbered, scheduled, then held or cancelled."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from coach.domain.common import check, check_aware


class SessionStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Session:
    """One meeting of a pair."""

    id: str
    pair_id: str
    number: int
    scheduled_at: datetime
    minutes: int
    status: SessionStatus
    created_at: datetime

    def __post_init__(self) -> None:
        check(self.number >= 1, "session numbers start at 1")
        check(5 <= self.minutes <= 480, "a session lasts between 5 and 480 minutes")
        check_aware(self.scheduled_at, "scheduled_at")
        check_aware(self.created_at, "created_at")


def next_number(sessions: Iterable[Session]) -> int:
    """The number the next scheduled session gets."""
    return max((s.number for s in sessions), default=0) + 1


def held(sessions: Iterable[Session]) -> list[Session]:
    """Held sessions, oldest first."""
    return sorted(
        (s for s in sessions if s.status is SessionStatus.HELD), key=lambda s: s.scheduled_at
    )
