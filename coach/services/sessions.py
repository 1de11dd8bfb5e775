"""Sessions and pairing fit. Members schedule and record; the lead sees dates and counts."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from coach.domain import policy
from coach.domain.audit import AuditAction
from coach.domain.common import check, check_aware, new_id
from coach.domain.fit import FitAnswer, FitResponse
from coach.domain.programs import Program
from coach.domain.sessions import Session, SessionStatus, held, next_number
from coach.domain.users import User
from coach.services.access import (
    Clock,
    PairScoped,
    audit,
    current,
    default_clock,
    load,
    load_pair,
    require,
)
from coach.services.changes import OnChange, unheard
from coach.store.api import Store

NOT_MEMBER = "only the two members of a pair schedule and record its sessions"


class SessionService(PairScoped):
    """Schedule, hold or cancel sessions; answer the pairing-fit question."""

    not_member = NOT_MEMBER

    def __init__(
        self, store: Store, clock: Clock = default_clock, on_change: OnChange = unheard
    ) -> None:
        super().__init__(store, clock)
        self.on_change = on_change  # a session scheduled or marked: the next plan may differ

    def schedule(
        self, actor: User, pair_id: str, when: datetime, minutes: int | None = None
    ) -> Session:
        """Add the pair's next session; minutes default to the program's session length."""
        check_aware(when, "the session time")
        now = self.clock()
        with self.store.transaction() as tx:
            actor, pair = self._member_pair(tx, actor, pair_id)
            program = load(tx, Program, pair.program_id, "program")
            number = next_number(tx.find(Session, pair_id=pair.id))
            session = Session(
                new_id("ses"), pair.id, number, when, minutes or program.session_minutes,
                SessionStatus.PLANNED, now,
            )  # fmt: skip
            tx.insert(session)
            audit(tx, actor, AuditAction.CREATE, "session", session.id, now, pair.id)
        self.on_change(pair.id)
        return session

    def mark(self, actor: User, session_id: str, status: SessionStatus | str) -> Session:
        """Record that a session was held (or cancelled, or planned again)."""
        now = self.clock()
        with self.store.transaction() as tx:
            session = load(tx, Session, session_id, "session")
            actor, _pair = self._member_pair(tx, actor, session.pair_id)
            session = replace(session, status=SessionStatus(status))
            tx.update(session)
            audit(tx, actor, AuditAction.UPDATE, "session", session.id, now, session.pair_id)
        self.on_change(session.pair_id)
        return session

    def sessions(self, actor: User, pair_id: str) -> list[Session]:
        """The pair's sessions: members and leads (dates and counts are health data)."""
        now = self.clock()
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            pair = load_pair(tx, pair_id)
            require(policy.can_see_sessions(actor, pair), "only the pair and leads see sessions")
            sessions = tx.find(Session, pair_id=pair.id)
            audit(tx, actor, AuditAction.READ, "sessions", pair.id, now, pair.id)
        return sessions

    def answer_fit(
        self, actor: User, pair_id: str, answer: FitAnswer | str, private_reason: str = ""
    ) -> FitResponse:
        """Good fit, still deciding, or not a good fit: after the first held session.

        The reason stays with its author; the lead only ever sees the answer.
        """
        now = self.clock()
        with self.store.transaction() as tx:
            actor, pair = self._member_pair(tx, actor, pair_id)
            check(
                bool(held(tx.find(Session, pair_id=pair.id))),
                "the fit question opens after the first session was held",
            )
            reason = private_reason.strip()
            response = FitResponse(pair.id, actor.id, FitAnswer(answer), reason, now)
            if tx.get(FitResponse, pair.id, actor.id) is None:
                tx.insert(response)
            else:
                tx.update(response)
            audit(tx, actor, AuditAction.UPDATE, "fit", pair.id, now, pair.id)
        return response

    def my_fit(self, actor: User, pair_id: str) -> FitResponse | None:
        """Your own answer, with your reason."""
        with self.store.transaction(write=False) as tx:
            actor, pair = self._member_pair(tx, actor, pair_id)
            return tx.get(FitResponse, pair.id, actor.id)
