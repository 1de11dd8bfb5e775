"""Action items: who does what by when. Open ones carry into the next agenda."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from coach.domain.common import check, check_aware


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


@dataclass(frozen=True)
class ActionItem:
    """A task agreed in a session."""

    id: str
    pair_id: str
    session_id: str | None
    owner_id: str
    text: str
    due_date: date | None
    status: ActionStatus
    created_at: datetime
    closed_at: datetime | None

    def __post_init__(self) -> None:
        check(bool(self.text.strip()), "an action item needs text")
        check_aware(self.created_at, "created_at")
        check(
            (self.status is ActionStatus.OPEN) == (self.closed_at is None),
            "an action item has a closing time exactly when it is done or dropped",
        )


def carried_over(items: Iterable[ActionItem]) -> list[ActionItem]:
    """The open items for the next agenda: dated ones first, soonest first, then by age."""
    open_items = [i for i in items if i.status is ActionStatus.OPEN]
    return sorted(
        open_items, key=lambda i: (i.due_date is None, i.due_date or date.max, i.created_at)
    )
