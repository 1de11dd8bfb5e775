"""Programs: objectives, dates and rhythm. The admin sets them up; everyone can read them."""

from __future__ import annotations

from datetime import date

from coach.domain import policy
from coach.domain.audit import AuditAction
from coach.domain.common import new_id
from coach.domain.programs import DEFAULT_SESSION_MINUTES, STALL_DAYS, Program
from coach.domain.users import User
from coach.services.access import Clock, audit, current, default_clock, require
from coach.services.errors import NotFound, UserError
from coach.store.api import Conflict, Store, Tx


def find_program(tx: Tx, name_or_id: str | None) -> Program:
    """A program by id or name; with no name, the only program there is."""
    if name_or_id is None:
        programs = tx.find(Program)
        if len(programs) != 1:
            raise UserError(
                "name the program: there are none yet (coach programs add)"
                if not programs
                else f"name the program: there are {len(programs)}"
            )
        return programs[0]
    program = tx.get(Program, name_or_id) or next(iter(tx.find(Program, name=name_or_id)), None)
    if program is None:
        raise NotFound(f"no program {name_or_id!r}")
    return program


class ProgramService:
    """Create and list programs."""

    def __init__(self, store: Store, clock: Clock = default_clock) -> None:
        self.store = store
        self.clock = clock

    def add(
        self,
        actor: User,
        name: str,
        start_date: date,
        end_date: date,
        objectives: tuple[str, ...] = (),
        cadence_days: int = 14,
        session_minutes: int = DEFAULT_SESSION_MINUTES,
        stall_days: int = STALL_DAYS,
    ) -> Program:
        """Create a program (admin only)."""
        now = self.clock()
        program = Program(
            new_id("prg"), name.strip(), tuple(o.strip() for o in objectives if o.strip()),
            start_date, end_date, cadence_days, session_minutes, stall_days, now,
        )  # fmt: skip
        try:
            with self.store.transaction() as tx:
                actor = current(tx, actor)
                require(policy.can_administer(actor), "only an admin creates programs")
                tx.insert(program)
                audit(tx, actor, AuditAction.CREATE, "program", program.id, now)
        except Conflict:
            raise UserError(f"a program named {program.name!r} exists already") from None
        return program

    def list(self, actor: User) -> list[Program]:
        """Every program: any signed-in user may read the objectives and dates."""
        with self.store.transaction(write=False) as tx:
            current(tx, actor)
            return tx.find(Program)
