"""Generated agendas and conversation starters, as stored: with prompt, model and citations."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from coach.domain.common import check, check_aware


@dataclass(frozen=True)
class AgendaRecordItem:
    """One time-boxed block of an agenda."""

    title: str
    minutes: int
    notes: str = ""


@dataclass(frozen=True)
class AgendaRecord:
    """A session agenda; code owns the minutes, the model owns the wording."""

    id: str
    pair_id: str
    session_id: str | None
    items: tuple[AgendaRecordItem, ...]
    prompt_id: str
    prompt_version: str
    model: str
    created_by: str
    created_at: datetime
    citations: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        check(bool(self.items), "an agenda has at least one item")
        check(all(i.minutes > 0 for i in self.items), "agenda items last at least a minute")
        check_aware(self.created_at, "created_at")

    @property
    def total_minutes(self) -> int:
        return sum(i.minutes for i in self.items)


@dataclass(frozen=True)
class StarterRecord:
    """A conversation starter, e.g. one that makes the hierarchy discussable."""

    id: str
    pair_id: str
    session_id: str | None
    text: str
    topic: str
    prompt_id: str
    prompt_version: str
    model: str
    created_by: str
    created_at: datetime
    citations: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        check(bool(self.text.strip()), "a starter needs text")
        check_aware(self.created_at, "created_at")
