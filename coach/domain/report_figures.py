"""Compute the program report's figures from pairs' health and session days (pure)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from statistics import median

from coach.domain.aggregates import MIN_GROUP, enough
from coach.domain.fit import FitAnswer, FitSignal
from coach.domain.pairs import PairStatus
from coach.domain.programs import Program
from coach.domain.recommendations import recommend
from coach.domain.report import (
    FitFigures,
    FitSide,
    GoalFigures,
    MonthFigure,
    OutcomeSummary,
    PairFacts,
    Participation,
    PulseSummary,
    Report,
    StalledPair,
)
from coach.domain.themes import Theme

BENCHMARK_SESSIONS = 3  # pairs that met three or more times count as retained


def month_starts(first: date, last: date) -> list[date]:
    """The first day of every month from ``first``'s to ``last``'s."""
    months, day = [], first.replace(day=1)
    while day <= last:
        months.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    return months


def cadence_by_month(program: Program, pairs: list[PairFacts], today: date) -> list[MonthFigure]:
    """Sessions held and planned per month, from the start to today (or the end).

    Planned follows pair health: one session per full cadence period since the pair began,
    so the months add up to the "held / planned" the lead's table shows."""
    last = min(today, program.end_date)
    if last < program.start_date:
        return []

    def planned_by(pair: PairFacts, day: date) -> int:
        return program.planned_sessions(pair.began, day) if day >= pair.began else 0

    figures = []
    for start in month_starts(program.start_date, last):
        end = min((start + timedelta(days=32)).replace(day=1) - timedelta(days=1), last)
        before = start - timedelta(days=1)
        held = sum(start <= d <= end for p in pairs for d in p.held)
        planned = sum(planned_by(p, end) - planned_by(p, before) for p in pairs)
        figures.append(MonthFigure(start, held, planned))
    return figures


def sessions_by_week(pairs: list[PairFacts], program: Program, today: date) -> list[tuple]:
    """Held sessions per ISO week (Monday) from the program's first week to this one."""
    last = min(today, program.end_date)
    first = program.start_date - timedelta(days=program.start_date.weekday())
    counts = Counter(d - timedelta(days=d.weekday()) for p in pairs for d in p.held)
    weeks, monday = [], first
    while monday <= last:
        weeks.append((monday, counts.get(monday, 0)))
        monday += timedelta(days=7)
    return weeks


def participation(pairs: list[PairFacts]) -> Participation:
    statuses = Counter(p.health.status for p in pairs)
    gaps = [(b - a).days for p in pairs for a, b in zip(p.held, p.held[1:], strict=False)]
    return Participation(
        pairs=len(pairs),
        by_status=tuple((s.value, statuses[s]) for s in PairStatus if statuses[s]),
        met_once=sum(bool(p.held) for p in pairs),
        met_three=sum(len(p.held) >= BENCHMARK_SESSIONS for p in pairs),
        sessions_held=sum(p.health.sessions_held for p in pairs),
        sessions_planned=sum(p.health.sessions_planned for p in pairs),
        median_gap_days=float(median(gaps)) if gaps else None,
    )


def goal_figures(pairs: list[PairFacts]) -> GoalFigures:
    progress = [(p.label, p.health.goal_progress) for p in pairs]
    counted = [value for _label, value in progress if value is not None]
    return GoalFigures(
        pairs_with_goals=sum(p.health.goals > 0 for p in pairs),
        pairs_without_goals=sum(p.health.goals == 0 for p in pairs),
        mean_progress=round(sum(counted) / len(counted), 1) if counted else None,
        by_pair=tuple((label, value) for label, value in progress if value is not None),
    )


def fit_figures(signals: list[FitSignal], min_group: int) -> FitFigures:
    """Each side's answers counted, shown only when enough pairs answered on that side."""
    sides, withheld = [], []
    for side in ("mentor", "mentee"):
        answers = [getattr(s, side) for s in signals if getattr(s, side) is not None]
        if not answers:
            continue
        if not enough(len(answers), min_group):
            withheld.append(side)
            continue
        counted = Counter(answers)
        sides.append(FitSide(side, len(answers), tuple((a.value, counted[a]) for a in FitAnswer)))
    return FitFigures(tuple(sides), tuple(withheld))


def pulse_at_minimum(pulse: PulseSummary | None, min_group: int) -> PulseSummary | None:
    """The pulse without any figure pooled from fewer pairs than the minimum."""
    if pulse is None:
        return None
    kept = tuple(f for f in pulse.figures if enough(f.pairs, min_group))
    return replace(pulse, figures=kept)


def outcomes_at_minimum(outcomes: OutcomeSummary | None, min_group: int) -> OutcomeSummary | None:
    """The outcome changes without any pooled from fewer pairs than the minimum."""
    if outcomes is None:
        return None
    kept = tuple(c for c in outcomes.changes if enough(c.pairs, min_group))
    return replace(outcomes, changes=kept)


def assemble(
    program: Program,
    pairs: list[PairFacts],
    today: date,
    themes: tuple[Theme, ...] = (),
    shared_summaries: int = 0,
    pulse: PulseSummary | None = None,
    outcomes: OutcomeSummary | None = None,
    min_group: int = MIN_GROUP,
) -> Report:
    """The whole report for ``program`` on ``today``, recommendations included."""
    pairs = sorted(pairs, key=lambda p: p.label)
    stalled = sorted(
        (StalledPair(p.label, p.health.days_idle) for p in pairs if p.health.stalled),
        key=lambda s: (-s.days_idle, s.label),
    )
    report = Report(
        program_id=program.id,
        program=program.name,
        start=program.start_date,
        end=program.end_date,
        today=today,
        cadence_days=program.cadence_days,
        stall_days=program.stall_days,
        min_group=min_group,
        participation=participation(pairs),
        months=tuple(cadence_by_month(program, pairs, today)),
        weeks=tuple(sessions_by_week(pairs, program, today)),
        stalled=tuple(stalled),
        goals=goal_figures(pairs),
        fit=fit_figures([p.health.fit for p in pairs], min_group),
        shared_summaries=shared_summaries,
        themes=themes,
        pulse=pulse_at_minimum(pulse, min_group),
        outcomes=outcomes_at_minimum(outcomes, min_group),
    )
    return replace(report, recommendations=recommend(report))
