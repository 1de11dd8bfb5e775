"""Two-way outcomes: a short self-assessment for each side at a program's start, midpoint and
end, reported only as paired change per side over enough people.

The instrument is ours: seven statements per side, each rated 1-5, so a total runs 7-35.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from coach.domain.common import check_aware
from coach.domain.pairs import Side
from coach.domain.pulse import check_scores


class OutcomeCheckpoint(StrEnum):
    START = "start"
    MIDPOINT = "midpoint"
    END = "end"


ITEMS: dict[Side, tuple[str, ...]] = {
    Side.MENTOR: (
        "I can give a senior colleague feedback they may not want to hear.",
        "I understand the organisation's strategy and why it was chosen.",
        "People beyond my own team know my work.",
        "I can explain something I know well to someone far more senior.",
        "I understand the pressures senior leaders work under.",
        "I speak up in meetings where more senior people are present.",
        "I have a clear idea of the next step in my career here.",
    ),
    Side.MENTEE: (
        "I am fluent in the topics I set out to learn in this program.",
        "I understand what my younger colleagues need to do their best work.",
        "I welcome being challenged by someone more junior than me.",
        "I am comfortable saying that I do not know something.",
        "I try new tools and ways of working myself, rather than delegating them.",
        "I know where to find honest views from the front line.",
        "I change a decision when a junior colleague shows me a better way.",
    ),
}


@dataclass(frozen=True)
class SelfAssessment:
    """One participant's answers at one checkpoint of their pair's program. Private to them."""

    id: str
    program_id: str
    pair_id: str
    user_id: str
    side: Side
    checkpoint: OutcomeCheckpoint
    scores: tuple[int, ...]  # in the order of ``ITEMS[side]``
    answered_at: datetime

    def __post_init__(self) -> None:
        check_scores(self.scores, len(ITEMS[self.side]), "a self-assessment")
        check_aware(self.answered_at, "answered_at")

    @property
    def total(self) -> int:
        return sum(self.scores)


def checkpoint_dates(start: date, end: date) -> dict[OutcomeCheckpoint, date]:
    """When each checkpoint falls: the first day, the middle day and the last day."""
    return {
        OutcomeCheckpoint.START: start,
        OutcomeCheckpoint.MIDPOINT: start + (end - start) / 2,
        OutcomeCheckpoint.END: end,
    }


# How long before and after its date each checkpoint can be answered (days).
WINDOWS: dict[OutcomeCheckpoint, tuple[int, int]] = {
    OutcomeCheckpoint.START: (7, 21),
    OutcomeCheckpoint.MIDPOINT: (14, 14),
    OutcomeCheckpoint.END: (14, 21),
}


def open_checkpoint(start: date, end: date, today: date) -> OutcomeCheckpoint | None:
    """The checkpoint whose window contains ``today``, if any (the later one wins)."""
    found = None
    for checkpoint, when in checkpoint_dates(start, end).items():
        before, after = WINDOWS[checkpoint]
        if when - timedelta(days=before) <= today <= when + timedelta(days=after):
            found = checkpoint
    return found


def due(
    start: date, end: date, today: date, answered: Iterable[OutcomeCheckpoint]
) -> OutcomeCheckpoint | None:
    """The checkpoint a participant should answer today: open, and not answered yet."""
    checkpoint = open_checkpoint(start, end, today)
    return checkpoint if checkpoint is not None and checkpoint not in set(answered) else None
