"""Goals a pair sets, and how far along they are."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from coach.domain.common import check, check_aware


class GoalStatus(StrEnum):
    OPEN = "open"
    ACHIEVED = "achieved"
    DROPPED = "dropped"


@dataclass(frozen=True)
class Goal:
    """Something one member wants from the pairing, with a way to tell it happened."""

    id: str
    pair_id: str
    owner_id: str
    text: str
    success_criteria: str
    target_date: date | None
    status: GoalStatus
    progress: int
    created_at: datetime
    updated_at: datetime

    def __post_init__(self) -> None:
        check(bool(self.text.strip()), "a goal needs text")
        check(0 <= self.progress <= 100, "progress is a percentage from 0 to 100")
        check_aware(self.created_at, "created_at")
        check_aware(self.updated_at, "updated_at")

    @property
    def effective_progress(self) -> int:
        """Progress as counted by health: an achieved goal counts as 100."""
        return 100 if self.status is GoalStatus.ACHIEVED else self.progress


def goal_progress(goals: Iterable[Goal]) -> float | None:
    """Mean progress of the goals still in play (dropped ones do not count); None if none."""
    counted = [g.effective_progress for g in goals if g.status is not GoalStatus.DROPPED]
    return round(sum(counted) / len(counted), 1) if counted else None
