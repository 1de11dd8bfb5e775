"""The program report: the figures a lead gets about one program, and nothing more.

What goes in is aggregates, plus what the lead's tab already shows for each pair (its label
"Mentor & Mentee", days since it met, its goal progress). No reflection, no summary text, no
fit reason, no goal text, no single pulse answer: the types below have no field to carry one.
Pulse, outcome and fit figures are kept only for groups of at least ``min_group`` pairs.

The safety pulse and the self-assessments arrive later: their producers fill ``PulseSummary``
and ``OutcomeSummary``; until then the report says "not collected yet".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from coach.domain.health import PairHealth
from coach.domain.themes import Theme


@dataclass(frozen=True)
class PairFacts:
    """One pair as the report reads it: its label, health and held-session days."""

    label: str  # "Mentor & Mentee", display names, as on the lead's tab
    health: PairHealth
    began: date  # when its plan started counting: the later of its creation and the start
    held: tuple[date, ...]  # days of held sessions, oldest first


@dataclass(frozen=True)
class MonthFigure:
    """Sessions held and planned in one calendar month (``month`` is its first day)."""

    month: date
    held: int
    planned: int


@dataclass(frozen=True)
class Participation:
    pairs: int
    by_status: tuple[tuple[str, int], ...]  # ("active", 4), ... in PairStatus order
    met_once: int  # pairs that held at least one session
    met_three: int  # pairs that held three or more (a common retention benchmark)
    sessions_held: int
    sessions_planned: int
    median_gap_days: float | None  # between consecutive sessions of a pair

    @property
    def plan_share(self) -> float | None:
        """Held as a share of planned (None before anything was planned)."""
        return self.sessions_held / self.sessions_planned if self.sessions_planned else None


@dataclass(frozen=True)
class StalledPair:
    label: str
    days_idle: int


@dataclass(frozen=True)
class GoalFigures:
    pairs_with_goals: int
    pairs_without_goals: int
    mean_progress: float | None  # mean of the pairs' goal progress, in %
    by_pair: tuple[tuple[str, float], ...]  # (pair label, progress %), as the lead's chart


@dataclass(frozen=True)
class FitSide:
    """One side's pairing-fit answers, counted: shown only when ``answered`` is enough."""

    side: str  # "mentor" or "mentee"
    answered: int
    counts: tuple[tuple[str, int], ...]  # (answer, pairs), every answer listed, zeros too


@dataclass(frozen=True)
class FitFigures:
    sides: tuple[FitSide, ...]  # only sides with at least min_group answers
    withheld: tuple[str, ...]  # sides with answers from fewer pairs than the minimum


@dataclass(frozen=True)
class PulseFigure:
    """The mean answer to one pulse question, by one side, in one period, over ``pairs``."""

    period: str  # e.g. "2026-03" or "weeks 1-4"; periods sort as strings
    side: str
    question: str  # the question's short wording
    mean: float  # on the pulse scale (1-5)
    pairs: int  # distinct pairs whose answers are pooled here


@dataclass(frozen=True)
class PulseSummary:
    """The safety-pulse trend, as the pulse service gives it. Its producer must also never
    offer two figures whose difference reveals a group below the minimum (all pairs and all
    pairs but one, say); the report drops any figure below the minimum as a second guard."""

    figures: tuple[PulseFigure, ...]
    scale_max: int = 5
    note: str = ""


@dataclass(frozen=True)
class OutcomeChange:
    """Paired change in one side's self-assessment: later minus earlier, with a 95% interval."""

    side: str
    item: str  # "overall" or one item's short wording
    before: float
    after: float
    change: float
    low: float
    high: float
    pairs: int


@dataclass(frozen=True)
class OutcomeSummary:
    changes: tuple[OutcomeChange, ...]
    compared: str = "start to end"  # or "start to mid-point" while a program runs
    note: str = ""


@dataclass(frozen=True)
class Recommendation:
    """An action suggested by a rule, with the figure that triggered it."""

    action: str
    figure: str  # the figure, as a sentence: "3 of 6 pairs have not met in 21 days"
    section: str  # the report section the figure is in


@dataclass(frozen=True)
class Report:
    program_id: str
    program: str
    start: date
    end: date
    today: date
    cadence_days: int
    stall_days: int
    min_group: int
    participation: Participation
    months: tuple[MonthFigure, ...]
    weeks: tuple[tuple[date, int], ...]  # (Monday, sessions held that week)
    stalled: tuple[StalledPair, ...]
    goals: GoalFigures
    fit: FitFigures
    shared_summaries: int
    themes: tuple[Theme, ...]
    pulse: PulseSummary | None = None
    outcomes: OutcomeSummary | None = None
    recommendations: tuple[Recommendation, ...] = field(default_factory=tuple)

    @property
    def elapsed(self) -> float:
        """How much of the program's time has passed, from 0 to 1."""
        total = (self.end - self.start).days
        return min(1.0, max(0.0, (self.today - self.start).days / total)) if total else 1.0
