"""Pair health for leads and for the pair itself: aggregates only, never content."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from coach.domain import policy
from coach.domain.fit import FitResponse
from coach.domain.goals import Goal
from coach.domain.health import PairHealth, pair_health
from coach.domain.pairs import Pair
from coach.domain.programs import Program
from coach.domain.sessions import Session, held
from coach.domain.users import User
from coach.services.access import Clock, current, default_clock, load, load_pair, require
from coach.store.api import Store, Tx

ONLY_LEAD = "only a lead sees the health of every pair"
CSV_COLUMNS = (
    "pair_id", "program", "mentor", "mentee", "status", "sessions_held", "sessions_planned",
    "last_session", "days_since_last_session", "cadence_days", "stalled", "goals",
    "goal_progress", "fit_mentor", "fit_mentee", "flags",
)  # fmt: skip


def _cell(value: object) -> object:
    """Text a spreadsheet would run as a formula is quoted (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@dataclass(frozen=True)
class HealthRow:
    """One line of the lead's pairs table: a pair's health with the names people know."""

    health: PairHealth
    program: str
    mentor: str
    mentee: str
    last_session: date | None

    def plain(self) -> dict[str, object]:
        """The row as CSV-ready values, in ``CSV_COLUMNS`` order."""
        h = self.health
        return {
            "pair_id": h.pair_id, "program": self.program, "mentor": self.mentor,
            "mentee": self.mentee, "status": h.status.value, "sessions_held": h.sessions_held,
            "sessions_planned": h.sessions_planned,
            "last_session": self.last_session.isoformat() if self.last_session else "",
            "days_since_last_session": "" if h.days_since_last_session is None
            else h.days_since_last_session,
            "cadence_days": h.cadence_days, "stalled": "yes" if h.stalled else "no",
            "goals": h.goals, "goal_progress": "" if h.goal_progress is None else h.goal_progress,
            "fit_mentor": h.fit.mentor.value if h.fit.mentor else "",
            "fit_mentee": h.fit.mentee.value if h.fit.mentee else "",
            "flags": " ".join(flag.value for flag in h.flags),
        }  # fmt: skip


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
            require(policy.is_lead(actor), ONLY_LEAD)
            pairs = tx.find(Pair) if program_id is None else tx.find(Pair, program_id=program_id)
            return [self._health(tx, pair) for pair in pairs]

    def table(self, actor: User) -> list[HealthRow]:
        """Every pair's health with program and member names (leads only)."""
        with self.store.transaction(write=False) as tx:
            actor = current(tx, actor)
            require(policy.is_lead(actor), ONLY_LEAD)
            rows = []
            for pair in tx.find(Pair):
                program = tx.get(Program, pair.program_id)
                mentor, mentee = tx.get(User, pair.mentor_id), tx.get(User, pair.mentee_id)
                done = held(tx.find(Session, pair_id=pair.id))
                rows.append(
                    HealthRow(
                        self._health(tx, pair),
                        program.name if program else pair.program_id,
                        mentor.label if mentor else pair.mentor_id,
                        mentee.label if mentee else pair.mentee_id,
                        done[-1].scheduled_at.date() if done else None,
                    )
                )
            return rows

    def csv(self, actor: User) -> str:
        """The pairs table as CSV text (leads only): aggregates, no private content."""
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in self.table(actor):
            writer.writerow({k: _cell(v) for k, v in row.plain().items()})
        return out.getvalue()

    def held_sessions(self, actor: User) -> list[tuple[str, date]]:
        """(pair id, day) of every held session in the install, oldest first (leads only)."""
        with self.store.transaction(write=False) as tx:
            actor = current(tx, actor)
            require(policy.is_lead(actor), ONLY_LEAD)
            sessions = held(tx.find(Session))
        return [(s.pair_id, s.scheduled_at.date()) for s in sessions]
