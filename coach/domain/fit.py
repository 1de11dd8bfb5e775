"""Pairing fit: after the first session each side says how the match feels.

The lead sees the answers as a health signal. A reason written with an answer stays with its
author: ``FitSignal`` has no field that could carry it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from coach.domain.common import check, check_aware
from coach.domain.pairs import Pair, Side


class FitAnswer(StrEnum):
    GOOD = "good_fit"
    DECIDING = "still_deciding"
    NOT_GOOD = "not_a_good_fit"


@dataclass(frozen=True)
class FitResponse:
    """One member's answer, with an optional reason that only they can read."""

    pair_id: str
    user_id: str
    answer: FitAnswer
    private_reason: str
    answered_at: datetime

    def __post_init__(self) -> None:
        check(len(self.private_reason) <= 2000, "a reason is at most 2000 characters")
        check_aware(self.answered_at, "answered_at")


@dataclass(frozen=True)
class FitSignal:
    """What the lead may see: the two answers, never the reasons."""

    mentor: FitAnswer | None = None
    mentee: FitAnswer | None = None

    @property
    def concern(self) -> bool:
        return FitAnswer.NOT_GOOD in (self.mentor, self.mentee)


def fit_signal(pair: Pair, responses: Iterable[FitResponse]) -> FitSignal:
    """Reduce the responses of a pair to the answers alone."""
    answers = {pair.side_of(r.user_id): r.answer for r in responses if r.pair_id == pair.id}
    return FitSignal(mentor=answers.get(Side.MENTOR), mentee=answers.get(Side.MENTEE))
