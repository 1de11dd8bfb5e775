"""Self-assessments at a program's start, mid-point and end, and their paired change.

A member answers for themselves while a checkpoint's window is open (``coach.domain.outcomes``),
once per checkpoint of the program: answering again in the window replaces their own answer.
Answers are private to their author: ``mine`` is the only way back to them, and it returns the
actor's own. A lead (or an admin) sees only ``change``: each side's paired change over at least
``min_group`` pairs (``coach.domain.outcome_change``), never an answer or a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from coach.domain.aggregates import MIN_GROUP
from coach.domain.audit import AuditAction
from coach.domain.common import new_id
from coach.domain.outcome_change import OutcomeChanges, paired_changes
from coach.domain.outcomes import (
    ITEMS,
    WINDOWS,
    OutcomeCheckpoint,
    SelfAssessment,
    checkpoint_dates,
    open_checkpoint,
)
from coach.domain.pairs import Pair, PairStatus, Side
from coach.domain.programs import Program
from coach.domain.users import User
from coach.services.access import Clock, PairScoped, audit, current, default_clock, load, require
from coach.services.errors import UserError
from coach.services.programs import find_program
from coach.services.themes import READERS, may_see_program_figures
from coach.store.api import Store, Tx

NOT_MEMBER = "only the two members of a pair answer its self-assessments, each for themselves"


@dataclass(frozen=True)
class OpenAssessment:
    """The checkpoint a member may answer now, and their own answer to it so far."""

    pair_id: str
    program: str  # the program's name
    side: Side
    checkpoint: OutcomeCheckpoint
    items: tuple[str, ...]  # the statements to rate 1-5, in order
    closes: date  # the last day it can be answered
    mine: SelfAssessment | None  # the actor's own answer, if given


@dataclass(frozen=True)
class ProgramOutcomes:
    """One program's paired change per side, as a lead may see it."""

    program_id: str
    program: str
    changes: OutcomeChanges


def closes_on(program: Program, checkpoint: OutcomeCheckpoint) -> date:
    """The last day a checkpoint of ``program`` can be answered."""
    when = checkpoint_dates(program.start_date, program.end_date)[checkpoint]
    return when + timedelta(days=WINDOWS[checkpoint][1])


def said(when: date) -> str:
    """A date as people read it: 2 Mar 2026."""
    return f"{when.day} {when:%b %Y}"


def not_open_message(program: Program, today: date) -> str:
    """Why nothing can be answered today, and when it can."""
    dates = checkpoint_dates(program.start_date, program.end_date)
    for checkpoint, when in dates.items():
        opens = when - timedelta(days=WINDOWS[checkpoint][0])
        if today < opens:
            return (
                f"No self-assessment is open today: the {checkpoint.value} one opens on "
                f"{said(opens)}."
            )
    closed = closes_on(program, OutcomeCheckpoint.END)
    return f"No self-assessment is open any more: the last one closed on {said(closed)}."


def own_answer(
    tx: Tx, program_id: str, user_id: str, side: Side, checkpoint: OutcomeCheckpoint
) -> SelfAssessment | None:
    """The user's answer to one checkpoint of a program on one side (in any of their pairs)."""
    found = [
        a
        for a in tx.find(SelfAssessment, program_id=program_id, user_id=user_id)
        if a.side is side and a.checkpoint is checkpoint
    ]
    return max(found, key=lambda a: a.answered_at) if found else None


def forget_self_assessments(tx: Tx, user_id: str) -> int:
    """Delete every self-assessment ``user_id`` gave (their account is being deleted)."""
    mine = tx.find(SelfAssessment, user_id=user_id)
    for answer in mine:
        tx.delete(SelfAssessment, answer.id)
    return len(mine)


class OutcomeService(PairScoped):
    """Answer your self-assessment; read your own; a lead reads the paired change."""

    not_member = NOT_MEMBER

    def __init__(self, store: Store, clock: Clock = default_clock, min_group: int = MIN_GROUP):
        super().__init__(store, clock)
        self.min_group = min_group

    def _answering(self, tx: Tx, actor: User, pair_id: str) -> tuple[User, Pair, Program, Side]:
        """The member, their pair (not closed by an admin), its program and their side."""
        actor, pair = self._member_pair(tx, actor, pair_id)
        side = pair.side_of(actor.id)
        assert side is not None  # a member has a side
        program = load(tx, Program, pair.program_id, "program")
        return actor, pair, program, side

    def window(self, actor: User, pair_id: str) -> OpenAssessment | None:
        """The checkpoint open today for this member of the pair, with their own answer so
        far; None when no window is open (or the pair was closed by an admin)."""
        today = self.clock().date()
        with self.store.transaction(write=False) as tx:
            actor, pair, program, side = self._answering(tx, actor, pair_id)
            checkpoint = open_checkpoint(program.start_date, program.end_date, today)
            if checkpoint is None or pair.status is PairStatus.CLOSED:
                return None
            mine = own_answer(tx, program.id, actor.id, side, checkpoint)
        return OpenAssessment(
            pair.id, program.name, side, checkpoint, ITEMS[side], closes_on(program, checkpoint),
            mine,
        )  # fmt: skip

    def due(self, actor: User, pair_id: str) -> OpenAssessment | None:
        """The open checkpoint, when this member has not answered it yet."""
        found = self.window(actor, pair_id)
        return found if found is not None and found.mine is None else None

    def answer(self, actor: User, pair_id: str, scores: tuple[int, ...]) -> SelfAssessment:
        """Save your answers (1-5 per statement, in order) to the checkpoint open today.

        Outside every window this is a ``UserError`` saying when the next one opens. Answering
        again while it is open replaces your earlier answer to that checkpoint."""
        now = self.clock()
        with self.store.transaction() as tx:
            actor, pair, program, side = self._answering(tx, actor, pair_id)
            if pair.status is PairStatus.CLOSED:
                raise UserError("This pair was closed by an admin: it has no self-assessment.")
            checkpoint = open_checkpoint(program.start_date, program.end_date, now.date())
            if checkpoint is None:
                raise UserError(not_open_message(program, now.date()))
            earlier = own_answer(tx, program.id, actor.id, side, checkpoint)
            fresh = SelfAssessment(
                earlier.id if earlier else new_id("sas"), program.id, pair.id, actor.id, side,
                checkpoint, tuple(scores), now,
            )  # fmt: skip
            if earlier is None:
                tx.insert(fresh)
            else:
                tx.update(fresh)
            action = AuditAction.CREATE if earlier is None else AuditAction.UPDATE
            audit(tx, actor, action, "self_assessment", fresh.id, now, pair.id)
        return fresh

    def mine(self, actor: User, pair_id: str) -> list[SelfAssessment]:
        """Your own answers in this pair's program, in checkpoint order; only ever yours."""
        with self.store.transaction(write=False) as tx:
            actor, pair = self._member_pair(tx, actor, pair_id)
            found = tx.find(SelfAssessment, program_id=pair.program_id, user_id=actor.id)
        order = list(OutcomeCheckpoint)
        return sorted(found, key=lambda a: (order.index(a.checkpoint), a.answered_at))

    def change(self, actor: User, program_id: str | None = None) -> ProgramOutcomes:
        """Each side's paired change in one program (by id or name; with none, the only one):
        a lead or an admin, figures over at least ``min_group`` pairs only."""
        now = self.clock()
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            require(may_see_program_figures(actor), READERS)
            program = find_program(tx, program_id)
            found = self._program(tx, program)
            audit(tx, actor, AuditAction.READ, "program_outcomes", program.id, now)
        return found

    def every_program(self, actor: User) -> list[ProgramOutcomes]:
        """``change`` for every program, newest first (the lead's tab)."""
        now = self.clock()
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            require(may_see_program_figures(actor), READERS)
            programs = sorted(tx.find(Program), key=lambda p: p.start_date, reverse=True)
            found = [self._program(tx, p) for p in programs]
            for program in programs:
                audit(tx, actor, AuditAction.READ, "program_outcomes", program.id, now)
        return found

    def _program(self, tx: Tx, program: Program) -> ProgramOutcomes:
        answers = tx.find(SelfAssessment, program_id=program.id)
        return ProgramOutcomes(program.id, program.name, paired_changes(answers, self.min_group))
