"""A reverse-mentoring program: objectives, time frame and meeting rhythm."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from coach.domain.common import check, check_aware

STALL_DAYS = 21


DEFAULT_SESSION_MINUTES = 45  # when neither the planned session nor the program says


@dataclass(frozen=True)
class SessionLength:
    """How long the next session is, and where that came from (shown to the mentor)."""

    minutes: int
    source: str


def session_length(planned: tuple[int, int] | None, program_minutes: int | None) -> SessionLength:
    """The planned session's length (``(number, minutes)``), else the program's, else 45."""
    if planned is not None:
        number, minutes = planned
        return SessionLength(minutes, f"planned session {number}")
    if program_minutes:
        return SessionLength(program_minutes, "the program's session length")
    return SessionLength(DEFAULT_SESSION_MINUTES, "the default")


@dataclass(frozen=True)
class Program:
    """One cohort of pairs that share objectives, dates and a cadence."""

    id: str
    name: str
    objectives: tuple[str, ...]
    start_date: date
    end_date: date
    cadence_days: int
    session_minutes: int
    stall_days: int
    created_at: datetime
    retention_days: int | None = None  # private text is purged this long after the end

    def __post_init__(self) -> None:
        check(bool(self.name.strip()) and len(self.name) <= 200, "a program needs a short name")
        check(self.end_date > self.start_date, "a program must end after it starts")
        check(1 <= self.cadence_days <= 120, "the cadence is between 1 and 120 days")
        check(10 <= self.session_minutes <= 240, "a session lasts between 10 and 240 minutes")
        check(self.stall_days >= 1, "stall_days must be at least 1")
        check(
            self.retention_days is None or 0 <= self.retention_days <= 36500,
            "a retention period is between 0 and 36500 days",
        )
        check_aware(self.created_at, "created_at")

    def purge_due(self, today: date) -> bool:
        """Has the retention period after the program's end run out?"""
        if self.retention_days is None:
            return False
        return today > self.end_date + timedelta(days=self.retention_days)

    def planned_sessions(self, since: date, today: date) -> int:
        """Sessions the cadence asks for between ``since`` (or the start) and today (or the
        end): one per full cadence period."""
        first = max(since, self.start_date)
        last = min(today, self.end_date)
        return max(0, (last - first).days // self.cadence_days)
