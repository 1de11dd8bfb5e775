"""Paired change in the self-assessments: what each side gained, over enough people (pure).

A person counts in a comparison when they answered both of its checkpoints on one side: their
change is the later total (7-35) minus the start total. Per side and comparison, the
figure is the mean change with a 95% t-interval, the mean totals before and after, and each
item's mean change. Figures pass the minimum group and the difference rule of
``coach.domain.disclosure`` per side; a withheld figure is absent and only counted.

When the start-to-end figure and the start-to-mid-point figure cannot both be shown (their
groups differ by a few people, whose start answers the two "before" means would expose), the
start-to-end figure is kept: it is the one the program is judged by.

The figures never carry an answer, a person or a pair id: only means and counts.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from coach.domain.aggregates import MIN_GROUP, enough
from coach.domain.disclosure import disclosable
from coach.domain.outcomes import ITEMS, OutcomeCheckpoint, SelfAssessment
from coach.domain.pairs import Side
from coach.domain.report import OutcomeChange, OutcomeSummary

# The 0.975 quantile of Student's t for 1-30 degrees of freedom (two-sided 95%).
T_975 = (
    12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004,
    2.262157, 2.228139, 2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905,
    2.109816, 2.100922, 2.093024, 2.085963, 2.079614, 2.073873, 2.068658, 2.063899,
    2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272,
)  # fmt: skip
Z_975 = 1.959963984540054


def t_975(df: int) -> float:
    """Student's t 0.975 quantile: the table up to 30 degrees of freedom, then the
    Cornish-Fisher expansion around the normal value (within 1e-7 beyond 30)."""
    if df < 1:
        raise ValueError("a t quantile needs at least one degree of freedom")
    if df <= len(T_975):
        return T_975[df - 1]
    z, v = Z_975, float(df)
    return (
        z
        + (z**3 + z) / (4 * v)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * v**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * v**3)
        + (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / (92160 * v**4)
    )


def mean_interval(values: list[float]) -> tuple[float, float | None, float | None]:
    """The mean with its 95% t-interval; no interval for fewer than two values."""
    mean = statistics.fmean(values)
    if len(values) < 2:
        return mean, None, None
    half = t_975(len(values) - 1) * statistics.stdev(values) / math.sqrt(len(values))
    return mean, mean - half, mean + half


class Comparison(StrEnum):
    """Which checkpoints a change compares: always from the start."""

    START_TO_MIDPOINT = "start to mid-point"
    START_TO_END = "start to end"

    @property
    def later(self) -> OutcomeCheckpoint:
        """The checkpoint compared with the start."""
        return LATER[self]


LATER = {
    Comparison.START_TO_MIDPOINT: OutcomeCheckpoint.MIDPOINT,
    Comparison.START_TO_END: OutcomeCheckpoint.END,
}


@dataclass(frozen=True)
class ItemChange:
    """One statement's mean score before and after, and its mean paired change."""

    item: str  # the statement, as in ``ITEMS``
    before: float
    after: float
    change: float


@dataclass(frozen=True)
class PairedChange:
    """One side's paired change for one comparison, over ``people`` who answered both.

    ``change`` is the mean of later-minus-start totals (each total 7-35); ``low`` and ``high``
    bound its 95% t-interval (None below two people, which a minimum group of 2 or more never
    shows). ``before`` and ``after`` are the same people's mean totals."""

    side: Side
    comparison: Comparison
    people: int
    pairs: int  # distinct pairs behind the figure (a pair has one person per side)
    before: float
    after: float
    change: float
    low: float | None
    high: float | None
    items: tuple[ItemChange, ...]


@dataclass(frozen=True)
class OutcomeChanges:
    """The outcome figures a lead may see for one program.

    ``figures`` holds only figures that pool at least ``min_group`` pairs and expose no
    smaller group beside one another; ``withheld`` counts the figures that had answers but
    were held back. Sides and comparisons with no paired answers at all are simply absent."""

    min_group: int
    figures: tuple[PairedChange, ...]
    withheld: int

    def for_side(self, side: Side) -> tuple[PairedChange, ...]:
        """This side's figures, start-to-mid-point first."""
        return tuple(f for f in self.figures if f.side is side)

    def summary(self) -> OutcomeSummary:
        """The figures in the program report's terms: each side's overall change for the
        latest comparison shown (start to end once it exists, else start to mid-point)."""
        latest = next(
            (c for c in reversed(Comparison) if any(f.comparison is c for f in self.figures)),
            Comparison.START_TO_END,
        )
        changes = tuple(
            OutcomeChange(f.side.value, "overall", f.before, f.after, f.change,
                          f.change if f.low is None else f.low,
                          f.change if f.high is None else f.high, f.pairs)
            for f in self.figures if f.comparison is latest
        )  # fmt: skip
        note = (
            f"{self.withheld} figure(s) withheld: fewer than {self.min_group} pairs, or they "
            "would reveal a smaller group beside another figure."
            if self.withheld
            else ""
        )
        return OutcomeSummary(changes, latest.value, note)


def _paired(
    answers: list[SelfAssessment], later: OutcomeCheckpoint
) -> list[tuple[SelfAssessment, SelfAssessment]]:
    """(start, later) for every person who answered both checkpoints (one side's answers).

    A person is matched with themselves across the program, even if they were matched again
    with someone new in between; should they hold two answers to one checkpoint, the newest
    counts."""
    by_person: dict[str, dict[OutcomeCheckpoint, SelfAssessment]] = {}
    for a in sorted(answers, key=lambda a: (a.answered_at, a.id)):
        by_person.setdefault(a.user_id, {})[a.checkpoint] = a
    return [
        (found[OutcomeCheckpoint.START], found[later])
        for _person, found in sorted(by_person.items())
        if OutcomeCheckpoint.START in found and later in found
    ]


def change_figure(
    side: Side, comparison: Comparison, pairs: list[tuple[SelfAssessment, SelfAssessment]]
) -> PairedChange:
    """The paired change over ``pairs`` of (start, later) answers (at least one)."""
    change, low, high = mean_interval([float(b.total - a.total) for a, b in pairs])
    items = tuple(
        ItemChange(
            text,
            statistics.fmean(a.scores[i] for a, _b in pairs),
            statistics.fmean(b.scores[i] for _a, b in pairs),
            statistics.fmean(b.scores[i] - a.scores[i] for a, b in pairs),
        )
        for i, text in enumerate(ITEMS[side])
    )
    return PairedChange(
        side, comparison, len(pairs), len({b.pair_id for _a, b in pairs}),
        statistics.fmean(a.total for a, _b in pairs), statistics.fmean(b.total for _a, b in pairs),
        change, low, high, items,
    )  # fmt: skip


def shown_comparisons(cells: dict[Comparison, frozenset[str]], min_group: int) -> set[Comparison]:
    """The comparisons of one side that may be shown together (see the module docstring)."""
    shown = disclosable(cells, min_group)
    end = cells.get(Comparison.START_TO_END, frozenset())
    if Comparison.START_TO_END not in shown and enough(len(end), min_group):
        return {Comparison.START_TO_END}  # the mid-point figure gives way to the end
    return shown


def paired_changes(answers: Iterable[SelfAssessment], min_group: int = MIN_GROUP) -> OutcomeChanges:
    """Every side's disclosable paired change, from one program's self-assessments."""
    answers = list(answers)
    figures, withheld = [], 0
    for side in Side:
        mine = [a for a in answers if a.side is side]
        paired = {c: _paired(mine, c.later) for c in Comparison}
        cells = {c: frozenset(b.pair_id for _a, b in p) for c, p in paired.items() if p}
        shown = shown_comparisons(cells, min_group)
        withheld += len(cells) - len(shown)
        figures += [change_figure(side, c, paired[c]) for c in Comparison if c in shown]
    return OutcomeChanges(min_group, tuple(figures), withheld)
