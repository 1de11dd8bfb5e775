"""The hierarchy-safety pulse: each member answers three questions after a held session.

An answer (scores and note) is read by its author alone: no method here returns one to
anybody else. A lead or an admin gets the program-level trend (``coach/domain/pulse_trend``),
which shows only figures pooled from at least ``min_group`` pairs. A member who wants help asks
the lead for a check-in: the request names who asked and for which pair, and carries no answer.
It is the only path from a pulse to a person. (Mail about open requests is the notify
service's job; it reads the unhandled ``CheckinRequest`` rows.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from coach.domain import policy
from coach.domain.aggregates import MIN_GROUP
from coach.domain.audit import AuditAction
from coach.domain.common import new_id
from coach.domain.pairs import Pair
from coach.domain.programs import Program
from coach.domain.pulse import OPEN_DAYS, CheckinRequest, PulseAnswer, pending
from coach.domain.pulse_trend import PulseTrend, pulse_trend
from coach.domain.sessions import Session, SessionStatus
from coach.domain.users import User
from coach.services.access import (
    Clock,
    PairScoped,
    audit,
    current,
    default_clock,
    load,
    require,
)
from coach.services.errors import UserError, check_unicode
from coach.services.programs import find_program
from coach.services.themes import may_see_program_figures
from coach.store.api import Store, Tx

NOT_MEMBER = "only the two members of a pair answer its pulse and ask for a check-in"
TREND_READERS = "only a lead or an admin sees the pulse trend, and never one person's answers"
CHECKIN_READERS = "only a program lead sees and handles check-in requests"


@dataclass(frozen=True)
class CheckinView:
    """A check-in request as the lead reads it: who asked, for which pair, when."""

    request: CheckinRequest
    author: str  # display name of who asked
    pair: str  # "Mentor & Mentee"
    program: str

    @property
    def open(self) -> bool:
        return self.request.handled_at is None


class PulseService(PairScoped):
    """Answer the pulse, read your own answers, see the trend (leads), ask for a check-in."""

    not_member = NOT_MEMBER

    def __init__(
        self, store: Store, clock: Clock = default_clock, min_group: int = MIN_GROUP
    ) -> None:
        super().__init__(store, clock)
        self.min_group = min_group

    def answer(
        self, actor: User, session_id: str, scores: Sequence[int], note: str = ""
    ) -> PulseAnswer:
        """Your pulse on a held session of your pair, within ``OPEN_DAYS`` of it. Answering
        again replaces your earlier answer to that session."""
        check_unicode(note, "The note")
        now = self.clock()
        with self.store.transaction() as tx:
            session = load(tx, Session, session_id, "session")
            actor, pair = self._member_pair(tx, actor, session.pair_id)
            if session.status is not SessionStatus.HELD:
                raise UserError("The pulse opens once the session is marked held.")
            if session.scheduled_at > now:
                raise UserError("The pulse opens once the session's time has come.")
            if not pending([session], [], actor.id, now):
                raise UserError(
                    f"A session's pulse is open for {OPEN_DAYS} days after it was held."
                )
            side = pair.side_of(actor.id)
            assert side is not None  # a member has a side
            earlier = tx.find(PulseAnswer, session_id=session.id, author_id=actor.id)
            answer = PulseAnswer(
                earlier[0].id if earlier else new_id("pls"), pair.id, session.id, actor.id,
                side, tuple(scores), note.strip(), now,
            )  # fmt: skip
            if earlier:
                tx.update(answer)
            else:
                tx.insert(answer)
            action = AuditAction.UPDATE if earlier else AuditAction.CREATE
            audit(tx, actor, action, "pulse_answer", answer.id, now, pair.id)
        return answer

    def pending(self, actor: User, pair_id: str) -> list[Session]:
        """Held sessions of your pair whose pulse you have not answered yet and still may."""
        now = self.clock()
        with self.store.transaction(write=False) as tx:
            actor, pair = self._member_pair(tx, actor, pair_id)
            sessions = tx.find(Session, pair_id=pair.id)
            mine = tx.find(PulseAnswer, pair_id=pair.id, author_id=actor.id)
        return pending(sessions, mine, actor.id, now)

    def mine(self, actor: User, pair_id: str) -> list[PulseAnswer]:
        """Your own answers on a pair, oldest first; never your partner's."""
        now = self.clock()
        with self.store.transaction() as tx:
            actor, pair = self._member_pair(tx, actor, pair_id)
            found = tx.find(PulseAnswer, pair_id=pair.id, author_id=actor.id)
            audit(tx, actor, AuditAction.READ, "pulse_answers", pair.id, now, pair.id)
        return found

    def trend(self, actor: User, program_id: str | None = None) -> PulseTrend:
        """The program-level trend (one program by id or name; None: all programs), with only
        the figures the minimum group and the difference rule allow."""
        now = self.clock()
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            require(may_see_program_figures(actor), TREND_READERS)
            scope = None if program_id is None else find_program(tx, program_id).id
            answers, sessions = tx.find(PulseAnswer), tx.find(Session)
            pairs = tx.find(Pair)
            audit(tx, actor, AuditAction.READ, "pulse_trend", scope or "all", now)
        return pulse_trend(answers, sessions, pairs, scope, self.min_group)

    def request_checkin(self, actor: User, pair_id: str) -> CheckinRequest:
        """Ask the program lead for a check-in about your pair. No answer goes with it; while
        a request of yours is open, asking again returns that one."""
        now = self.clock()
        with self.store.transaction() as tx:
            actor, pair = self._member_pair(tx, actor, pair_id)
            mine = tx.find(CheckinRequest, pair_id=pair.id, author_id=actor.id)
            still_open = [r for r in mine if r.handled_at is None]
            if still_open:
                return still_open[0]
            request = CheckinRequest(new_id("chk"), pair.id, actor.id, now)
            tx.insert(request)
            audit(tx, actor, AuditAction.CREATE, "checkin_request", request.id, now, pair.id)
        return request

    def checkin_requests(self, actor: User) -> list[CheckinView]:
        """Every check-in request: open ones first, each group oldest first (leads)."""
        now = self.clock()
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            require(policy.is_lead(actor), CHECKIN_READERS)
            views = [self._view(tx, r) for r in tx.find(CheckinRequest)]
            audit(tx, actor, AuditAction.READ, "checkin_requests", "all", now)
        return sorted(views, key=lambda v: (not v.open, v.request.requested_at))

    def mark_handled(self, actor: User, request_id: str) -> CheckinRequest:
        """Record that you (a lead) followed up a check-in request."""
        now = self.clock()
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            require(policy.is_lead(actor), CHECKIN_READERS)
            request = load(tx, CheckinRequest, request_id, "check-in request")
            if request.handled_at is not None:
                return request
            request = replace(request, handled_at=now)
            tx.update(request)
            audit(tx, actor, AuditAction.UPDATE, "checkin_request", request.id, now,
                  request.pair_id)  # fmt: skip
        return request

    @staticmethod
    def _view(tx: Tx, request: CheckinRequest) -> CheckinView:
        def name(user_id: str) -> str:
            user = tx.get(User, user_id)
            return user.label if user else "a former participant"

        pair = tx.get(Pair, request.pair_id)
        if pair is None:
            return CheckinView(request, name(request.author_id), request.pair_id, "")
        program = tx.get(Program, pair.program_id)
        label = f"{name(pair.mentor_id)} & {name(pair.mentee_id)}"
        return CheckinView(request, name(request.author_id), label, program.name if program else "")
