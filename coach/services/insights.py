"""The lead's program snapshot: participation and cadence, from aggregates, and how many
summaries participants chose to share with the program (their themes: ``ThemeService``).
Nothing private goes into it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from statistics import median

from coach.domain.users import User
from coach.services.health import HealthService
from coach.services.summaries import SummaryService


@dataclass(frozen=True)
class ProgramSnapshot:
    """Figures for the lead."""

    pairs: int
    active_pairs: int
    pairs_meeting: int  # held a session and not stalled
    stalled_pairs: int
    sessions_held: int
    median_days_between_sessions: float | None
    mean_goal_progress: float | None
    shared_summaries: int


class InsightService:
    """Build the program snapshot from the health and summary services (leads only)."""

    def __init__(self, health: HealthService, summaries: SummaryService) -> None:
        self.health = health
        self.summaries = summaries

    def snapshot(self, actor: User) -> ProgramSnapshot:
        healths = self.health.program(actor)  # checks that the actor is a lead
        by_pair: dict[str, list] = defaultdict(list)
        for pair_id, day in self.health.held_sessions(actor):
            by_pair[pair_id].append(day)
        gaps = [
            (later - earlier).days
            for days in by_pair.values()
            for earlier, later in zip(days, days[1:], strict=False)
        ]
        progress = [h.goal_progress for h in healths if h.goal_progress is not None]
        shared = self.summaries.shared_with_program(actor)
        return ProgramSnapshot(
            pairs=len(healths),
            active_pairs=sum(h.status.value == "active" for h in healths),
            pairs_meeting=sum(h.sessions_held > 0 and not h.stalled for h in healths),
            stalled_pairs=sum(h.stalled for h in healths),
            sessions_held=sum(h.sessions_held for h in healths),
            median_days_between_sessions=float(median(gaps)) if gaps else None,
            mean_goal_progress=round(sum(progress) / len(progress), 1) if progress else None,
            shared_summaries=len(shared),
        )
