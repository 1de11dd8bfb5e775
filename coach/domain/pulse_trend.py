"""The safety-pulse trend a lead may see: per month, side and question, the mean answer and how
many pairs it pools, and only the figures the disclosure rule lets through.

**Period.** The calendar month of the *session* an answer is about, not of the day it was
given: a month's figure describes the sessions held in it. It may still move during the first
``OPEN_DAYS`` of the next month, while late answers come in.

**Mean.** Each pair counts once per figure: its answers in the figure's period are averaged
first, then the figure is the mean over pairs (a pair that met four times in a month weighs
as much as one that met once).

**What is shown.** A *cell* is the set of pair ids behind a figure, per side: both sides are
never pooled, and the three questions of a side pool the same answers, so they share a cell.
Cells are made for every program and for all programs together, per month and over the whole
time, so that no figure shown in one view can be subtracted from one shown in another:

1. For each side and period, the programs' cells and the all-programs cell go through
   ``disclosable``: each needs ``min_group`` pairs, and no program's figure may leave a small
   rest of the all-programs figure. Programs never share a pair, so these cells nest exactly
   as their answers do.
2. Then any shown figure that pools answers beyond the shown figures inside it (its months,
   the figures of programs within it) from more than none but fewer than ``min_group`` pairs
   is withheld: the difference would point at those pairs. This is what keeps a whole-time
   figure from sitting beside every month but a small one.

Withheld figures are simply absent; ``PulseTrend.withheld`` counts the months that had answers
on a side whose figure is not shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import fmean

from coach.domain.aggregates import MIN_GROUP, enough
from coach.domain.disclosure import disclosable
from coach.domain.pairs import Pair, Side
from coach.domain.pulse import QUESTIONS, SCALE, PulseAnswer
from coach.domain.report import PulseFigure, PulseSummary
from coach.domain.sessions import Session

WHOLE = "all"  # the period of a whole-time figure
ROW_HEADERS = ("period", "side", "question", "mean", "pairs")

Scope = str | None  # a program id, or None for all programs together
Key = tuple[Scope, Side, str]  # (scope, side, period)


@dataclass(frozen=True)
class TrendFigure:
    """The mean answer to one question, by one side, in one period, over ``pairs`` pairs."""

    period: str  # "2026-03" (month of the sessions), or ``WHOLE``
    side: Side
    question: str  # the question's key in ``QUESTIONS``
    text: str  # the statement as the participants read it
    mean: float  # on the pulse scale, 1-5
    pairs: int  # distinct pairs pooled, never below the minimum group

    def row(self) -> tuple[str, str, str, float, int]:
        """As a table row, in ``ROW_HEADERS`` order (mean to one decimal)."""
        return (self.period, self.side.value, self.text, round(self.mean, 1), self.pairs)


@dataclass(frozen=True)
class PulseTrend:
    """What a lead may see of the pulse, for one program (``program_id``) or all (None).

    ``figures``: per month, oldest first, mentors before mentees, questions in asked order.
    ``overall``: the same over the whole time, for each side where the rule allows it.
    ``withheld``: months that had answers on a side whose figures are not shown.
    """

    program_id: str | None
    min_group: int
    figures: tuple[TrendFigure, ...]
    overall: tuple[TrendFigure, ...]
    withheld: int

    @property
    def disclosed(self) -> bool:
        """Is there any figure to show?"""
        return bool(self.figures or self.overall)

    def rows(self) -> list[tuple[str, str, str, float, int]]:
        """Every shown figure as a row (``ROW_HEADERS``): the months, then the whole time."""
        return [f.row() for f in (*self.figures, *self.overall)]

    def summary(self) -> PulseSummary:
        """The monthly figures in the program report's terms; the whole-time figures and the
        withheld months are said in its note."""
        figures = tuple(
            PulseFigure(f.period, f.side.value, f.text, f.mean, f.pairs) for f in self.figures
        )
        notes = [
            f"Over the whole time, {f.side.value}s: '{f.text}' {f.mean:.1f} ({f.pairs} pairs)."
            for f in self.overall
        ]
        if self.withheld:
            notes.append(f"{self.withheld} month(s) withheld: fewer than {self.min_group} pairs.")
        return PulseSummary(figures, SCALE[1], " ".join(notes))


def _cells(
    answers: Iterable[PulseAnswer], sessions: Iterable[Session], pairs: Iterable[Pair]
) -> dict[Key, list[PulseAnswer]]:
    """Every answer filed under its program and all programs, its month and the whole time."""
    program_of = {p.id: p.program_id for p in pairs}
    month_of = {s.id: f"{s.scheduled_at:%Y-%m}" for s in sessions}
    cells: dict[Key, list[PulseAnswer]] = defaultdict(list)
    for answer in answers:
        if answer.pair_id not in program_of or answer.session_id not in month_of:
            continue  # a pair or session that is gone pools nowhere
        for scope in (program_of[answer.pair_id], None):
            for period in (month_of[answer.session_id], WHOLE):
                cells[(scope, answer.side, period)].append(answer)
    return cells


def _pairs(answers: list[PulseAnswer]) -> frozenset[str]:
    return frozenset(a.pair_id for a in answers)


def _ids(answers: list[PulseAnswer]) -> frozenset[str]:
    return frozenset(a.id for a in answers)


def shown_cells(cells: dict[Key, list[PulseAnswer]], min_group: int) -> set[Key]:
    """The keys whose figures may be shown together (steps 1 and 2 of the module docstring)."""
    families: dict[tuple[Side, str], dict[Key, frozenset[str]]] = defaultdict(dict)
    for key, pooled in cells.items():
        families[(key[1], key[2])][key] = _pairs(pooled)
    shown: set[Key] = set()
    for family in families.values():
        shown |= disclosable(family, min_group)
    ids = {key: _ids(pooled) for key, pooled in cells.items()}
    changed = True
    while changed:
        changed = False
        for key in sorted(shown, key=lambda k: len(ids[k]), reverse=True):
            inner = [ids[k] for k in shown if k[1] == key[1] and ids[k] < ids[key]]
            covered = frozenset().union(*inner)
            rest = {a.pair_id for a in cells[key] if a.id not in covered}
            if rest and not enough(len(rest), min_group):
                shown.discard(key)
                changed = True
    return shown


def _figures(key: Key, pooled: list[PulseAnswer]) -> list[TrendFigure]:
    """One figure per question of the key's side: the mean over pairs of each pair's mean."""
    _scope, side, period = key
    by_pair: dict[str, list[PulseAnswer]] = defaultdict(list)
    for answer in pooled:
        by_pair[answer.pair_id].append(answer)
    means = [
        fmean(fmean(a.scores[i] for a in mine) for mine in by_pair.values())
        for i in range(len(QUESTIONS[side]))
    ]
    return [
        TrendFigure(period, side, q.key, q.text, mean, len(by_pair))
        for q, mean in zip(QUESTIONS[side], means, strict=True)
    ]


def pulse_trend(
    answers: Iterable[PulseAnswer],
    sessions: Iterable[Session],
    pairs: Iterable[Pair],
    program_id: str | None = None,
    min_group: int = MIN_GROUP,
) -> PulseTrend:
    """The trend for ``program_id`` (None: all programs together).

    Pass every answer, session and pair there is, not only the program's: what may be shown
    depends on the figures every other view would show.
    """
    cells = _cells(answers, sessions, pairs)
    shown = shown_cells(cells, min_group)
    sides = list(Side)
    mine = sorted(
        (k for k in cells if k[0] == program_id),
        key=lambda k: (k[2] == WHOLE, k[2], sides.index(k[1])),
    )
    figures = [f for k in mine if k in shown and k[2] != WHOLE for f in _figures(k, cells[k])]
    overall = [f for k in mine if k in shown and k[2] == WHOLE for f in _figures(k, cells[k])]
    withheld = {k[2] for k in mine if k not in shown and k[2] != WHOLE}
    return PulseTrend(program_id, min_group, tuple(figures), tuple(overall), len(withheld))
