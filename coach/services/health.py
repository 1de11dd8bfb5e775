"""Pair health for leads and for the pair itself: aggregates only, never content."""

from __future__ import annotations

from coach.domain import policy
from coach.domain.fit import FitResponse
from coach.domain.goals import Goal
from coach.domain.health import PairHealth, pair_health
from coach.domain.pairs import Pair
from coach.domain.programs import Program
from coach.domain.sessions import Session
from coach.domain.users import User
from coach.services.access import Clock, current, default_clock, load, load_pair, require
from coach.store.api import Store, Tx


class HealthService:
    """Cadence, stalls, goal progress, sessions against plan, and fit answers."""

    def __init__(self, store: Store, clock: Clock = default_clock) -> None:
        self.store = store
        self.clock = clock

    def _health(self, tx: Tx, pair: Pair) -> PairHealth:
        return pair_health(
            pair,
            load(tx, Program, pair.program_id, "program"),
            tx.find(Session, pair_id=pair.id),
            tx.find(Goal, pair_id=pair.id),
            tx.find(FitResponse, pair_id=pair.id),
            self.clock().date(),
        )

    def pair(self, actor: User, pair_id: str) -> PairHealth:
        """One pair's health: its members and leads."""
        with self.store.transaction(write=False) as tx:
            actor = current(tx, actor)
            pair = load_pair(tx, pair_id)
            require(policy.can_see_health(actor, pair), "only the pair and leads see its health")
            return self._health(tx, pair)

    def program(self, actor: User, program_id: str | None = None) -> list[PairHealth]:
        """Every pair's health (leads only), optionally for one program."""
        with self.store.transaction(write=False) as tx:
            actor = current(tx, actor)
            require(policy.is_lead(actor), "only a lead sees the health of every pair")
            pairs = tx.find(Pair) if program_id is None else tx.find(Pair, program_id=program_id)
            return [self._health(tx, pair) for pair in pairs]
