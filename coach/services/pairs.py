"""Pairs: the admin makes them; participants see their own; leads and admins see them all."""

from __future__ import annotations

from dataclasses import dataclass, replace

from coach.domain import policy
from coach.domain.audit import AuditAction
from coach.domain.common import check, new_id
from coach.domain.pairs import Pair, PairStatus, Profile
from coach.domain.programs import Program
from coach.domain.users import Role, User
from coach.services.access import (
    Clock,
    audit,
    current,
    default_clock,
    find_user,
    load_pair,
    require,
)
from coach.services.programs import find_program
from coach.store.api import Store, Tx


@dataclass(frozen=True)
class PairCard:
    """A pair with the names people recognise."""

    pair: Pair
    program: str
    mentor: str  # username
    mentee: str
    mentor_name: str = ""  # display name, else username
    mentee_name: str = ""
    session_minutes: int | None = None  # the program's session length


def _card(tx: Tx, pair: Pair) -> PairCard:
    program = tx.get(Program, pair.program_id)
    mentor, mentee = tx.get(User, pair.mentor_id), tx.get(User, pair.mentee_id)
    return PairCard(
        pair,
        program.name if program else pair.program_id,
        mentor.username if mentor else pair.mentor_id,
        mentee.username if mentee else pair.mentee_id,
        mentor.label if mentor else pair.mentor_id,
        mentee.label if mentee else pair.mentee_id,
        program.session_minutes if program else None,
    )


class PairService:
    """Make, list and pause pairs."""

    def __init__(self, store: Store, clock: Clock = default_clock) -> None:
        self.store = store
        self.clock = clock

    def add(
        self,
        actor: User,
        mentor: str,
        mentee: str,
        program: str | None = None,
        mentor_profile: Profile | None = None,
        mentee_profile: Profile | None = None,
    ) -> PairCard:
        """Pair a mentor with a mentee (admin only). Users are named by username or id."""
        now = self.clock()
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            require(policy.can_administer(actor), "only an admin makes pairs")
            chosen = find_program(tx, program)
            people = find_user(tx, mentor), find_user(tx, mentee)
            for person in people:
                check(
                    person.role is Role.PARTICIPANT and person.active,
                    f"{person.username} is not an active participant",
                )
            pair = Pair(
                new_id("pair"), chosen.id, people[0].id, people[1].id,
                mentor_profile or Profile(), mentee_profile or Profile(), PairStatus.ACTIVE, now,
            )  # fmt: skip
            tx.insert(pair)
            audit(tx, actor, AuditAction.CREATE, "pair", pair.id, now, pair.id)
            return _card(tx, pair)

    def list(self, actor: User) -> list[PairCard]:
        """Admins and leads see every pair; a participant sees only their own."""
        with self.store.transaction(write=False) as tx:
            actor = current(tx, actor)
            if policy.is_admin(actor) or policy.is_lead(actor):
                pairs = tx.find(Pair)
            else:
                pairs = tx.find(Pair, mentor_id=actor.id) + tx.find(Pair, mentee_id=actor.id)
                pairs.sort(key=lambda p: (p.created_at, p.id))
            return [_card(tx, p) for p in pairs]

    def get(self, actor: User, pair_id: str) -> PairCard:
        with self.store.transaction(write=False) as tx:
            actor = current(tx, actor)
            pair = load_pair(tx, pair_id)
            require(policy.can_see_pair(actor, pair), "this is not your pair")
            return _card(tx, pair)

    def set_status(self, actor: User, pair_id: str, status: PairStatus | str) -> Pair:
        """Pause, close or reopen a pair (admin only)."""
        now = self.clock()
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            require(policy.can_administer(actor), "only an admin changes a pair's status")
            pair = replace(load_pair(tx, pair_id), status=PairStatus(status))
            tx.update(pair)
            audit(tx, actor, AuditAction.UPDATE, "pair", pair.id, now, pair.id)
        return pair
