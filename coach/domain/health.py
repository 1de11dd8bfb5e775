"""Pair health: the aggregates a lead sees. Counts, days and answers, never content."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from coach.domain.fit import FitResponse, FitSignal, fit_signal
from coach.domain.goals import Goal, goal_progress
from coach.domain.pairs import Pair, PairStatus
from coach.domain.programs import Program
from coach.domain.sessions import Session, held


class HealthFlag(StrEnum):
    STALLED = "stalled"  # no session for stall_days (21 by default)
    OVERDUE = "overdue"  # the cadence says a session is due
    BEHIND_PLAN = "behind_plan"  # two or more sessions fewer than the cadence planned
    NO_GOALS = "no_goals"
    FIT_CONCERN = "fit_concern"  # one side answered "not a good fit"


@dataclass(frozen=True)
class PairHealth:
    """How a pair is doing, from its sessions, goals and fit answers."""

    pair_id: str
    status: PairStatus
    cadence_days: int
    days_since_last_session: int | None
    days_idle: int
    sessions_held: int
    sessions_planned: int
    goals: int
    goal_progress: float | None
    fit: FitSignal
    flags: tuple[HealthFlag, ...] = field(default_factory=tuple)

    @property
    def stalled(self) -> bool:
        return HealthFlag.STALLED in self.flags


def pair_health(
    pair: Pair,
    program: Program,
    sessions: Iterable[Session],
    goals: Iterable[Goal],
    fits: Iterable[FitResponse],
    today: date,
) -> PairHealth:
    """Compute the health of ``pair`` on ``today``.

    Days idle count from the last held session, or from when the pair (or the program) began
    when none was held yet. Only active pairs, once the program has started, can be stalled
    or overdue.
    """
    done = held(sessions)
    goals = list(goals)
    began = max(pair.created_at.date(), program.start_date)
    last = done[-1].scheduled_at.date() if done else None
    days_idle = max(0, (today - (last or began)).days)
    planned = program.planned_sessions(began, today)
    signal = fit_signal(pair, fits)
    running = pair.status is PairStatus.ACTIVE and program.start_date <= today
    flags = []
    if running and days_idle >= program.stall_days:
        flags.append(HealthFlag.STALLED)
    if running and days_idle > program.cadence_days:
        flags.append(HealthFlag.OVERDUE)
    if planned - len(done) >= 2:
        flags.append(HealthFlag.BEHIND_PLAN)
    if not goals:
        flags.append(HealthFlag.NO_GOALS)
    if signal.concern:
        flags.append(HealthFlag.FIT_CONCERN)
    return PairHealth(
        pair_id=pair.id,
        status=pair.status,
        cadence_days=program.cadence_days,
        # a session marked held ahead of its planned day was held today, not in the future
        days_since_last_session=max(0, (today - last).days) if last else None,
        days_idle=days_idle,
        sessions_held=len(done),
        sessions_planned=planned,
        goals=len(goals),
        goal_progress=goal_progress(goals),
        fit=signal,
        flags=tuple(flags),
    )
