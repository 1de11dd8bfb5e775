"""What the evals and the bench need from a system that writes artifacts: the generation
service and the naive baseline both provide these three calls."""

from __future__ import annotations

from typing import Protocol

from coach.domain.agenda import Agenda
from coach.domain.pair_profile import PairProfile
from coach.domain.starters import StarterSet
from coach.domain.summary_draft import ReflectionSummary


class ArtifactGenerator(Protocol):
    """Agenda, starters and summary for one pair."""

    def agenda(self, profile: PairProfile) -> Agenda: ...

    def starters(self, profile: PairProfile) -> StarterSet: ...

    def summarize(
        self, profile: PairProfile, reflection: str, author: str = "mentor"
    ) -> ReflectionSummary: ...
