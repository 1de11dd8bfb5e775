"""Reflections: what a member writes after a session. Private to the author, always."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from coach.domain.common import check, check_aware

MAX_REFLECTION = 20_000


class Visibility(StrEnum):
    """Who may read a reflection. Only ``private`` exists: sharing goes through a summary."""

    PRIVATE = "private"


@dataclass(frozen=True)
class Reflection:
    """A member's own notes about a session."""

    id: str
    pair_id: str
    session_id: str | None
    author_id: str
    text: str
    visibility: Visibility
    created_at: datetime

    def __post_init__(self) -> None:
        check(bool(self.text.strip()), "a reflection cannot be empty")
        check(len(self.text) <= MAX_REFLECTION, f"a reflection is at most {MAX_REFLECTION} chars")
        check_aware(self.created_at, "created_at")
