"""Retention: a program may keep private text only so long after it ends.

``purge`` removes the reflections, unshared summaries and private answers of every program whose
retention period has run out, and says what it removed. Shared summaries, goals, sessions and
action items stay: they are the program's record.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from coach.domain import policy
from coach.domain.audit import AuditAction
from coach.domain.pairs import Pair
from coach.domain.programs import Program
from coach.domain.users import User
from coach.services.access import Clock, audit, current, default_clock, require
from coach.services.own_data import ForgetPair, remove_private_text
from coach.services.programs import find_program
from coach.store.api import Store


@dataclass(frozen=True)
class ProgramPurge:
    """What one program's purge removed (or would remove, in a dry run)."""

    program: str
    ended: date
    retention_days: int
    removed: dict[str, int]


class RetentionService:
    """Set a program's retention period, and purge private text past it."""

    def __init__(self, store: Store, forget_pair: ForgetPair, clock: Clock = default_clock) -> None:
        self.store = store
        self.forget_pair = forget_pair
        self.clock = clock

    def set_retention(self, actor: User, program: str, days: int | None) -> Program:
        """Keep private text ``days`` after the program ends (None: keep it; admin only)."""
        now = self.clock()
        with self.store.transaction() as tx:
            admin = current(tx, actor)
            require(policy.can_administer(admin), "only an admin sets a retention period")
            updated = replace(find_program(tx, program), retention_days=days)
            tx.update(updated)
            audit(tx, admin, AuditAction.UPDATE, "program", updated.id, now)
        return updated

    def purge(self, actor: User, dry_run: bool = False) -> list[ProgramPurge]:
        """Remove private text of programs past their retention period (admin only)."""
        now = self.clock()
        done: list[ProgramPurge] = []
        forgotten: list[str] = []
        with self.store.transaction(write=not dry_run) as tx:
            admin = current(tx, actor)
            require(policy.can_administer(admin), "only an admin purges")
            for program in tx.find(Program):
                if not program.purge_due(now.date()):
                    continue
                pair_ids = {p.id for p in tx.find(Pair, program_id=program.id)}
                removed = remove_private_text(tx, pair_ids, dry_run=dry_run)
                if not dry_run:
                    audit(tx, admin, AuditAction.DELETE, "private_text", program.id, now)
                    forgotten += sorted(pair_ids)
                assert program.retention_days is not None
                done.append(ProgramPurge(program.name, program.end_date,
                                         program.retention_days, removed))  # fmt: skip
        for pair_id in forgotten:
            self.forget_pair(pair_id)
        return done
