"""Store and list a pair's generated agendas and conversation starters (members only)."""

from __future__ import annotations

from coach.domain.artifacts import AgendaRecord, AgendaRecordItem, StarterRecord
from coach.domain.audit import AuditAction
from coach.domain.common import new_id
from coach.domain.users import User
from coach.services.access import (
    PairScoped,
    audit,
)

NOT_MEMBER = "only the two members of a pair see its agendas and starters"


class ArtifactService(PairScoped):
    """Generated artifacts, kept with the prompt id and version, model and citations."""

    not_member = NOT_MEMBER

    def save_agenda(
        self,
        actor: User,
        pair_id: str,
        items: tuple[AgendaRecordItem, ...],
        prompt_id: str,
        prompt_version: str,
        model: str,
        citations: tuple[str, ...] = (),
        session_id: str | None = None,
    ) -> AgendaRecord:
        now = self.clock()
        with self.store.transaction() as tx:
            actor, pair = self._member_pair(tx, actor, pair_id)
            agenda = AgendaRecord(
                new_id("agd"), pair.id, session_id, tuple(items), prompt_id, prompt_version,
                model, actor.id, now, tuple(citations),
            )  # fmt: skip
            tx.insert(agenda)
            audit(tx, actor, AuditAction.CREATE, "agenda", agenda.id, now, pair.id)
        return agenda

    def save_starter(
        self,
        actor: User,
        pair_id: str,
        text: str,
        topic: str,
        prompt_id: str,
        prompt_version: str,
        model: str,
        citations: tuple[str, ...] = (),
        session_id: str | None = None,
    ) -> StarterRecord:
        now = self.clock()
        with self.store.transaction() as tx:
            actor, pair = self._member_pair(tx, actor, pair_id)
            starter = StarterRecord(
                new_id("str"), pair.id, session_id, text.strip(), topic.strip(), prompt_id,
                prompt_version, model, actor.id, now, tuple(citations),
            )  # fmt: skip
            tx.insert(starter)
            audit(tx, actor, AuditAction.CREATE, "starter", starter.id, now, pair.id)
        return starter

    def agendas(self, actor: User, pair_id: str) -> list[AgendaRecord]:
        return self._read_all(actor, pair_id, AgendaRecord, "agendas")

    def starters(self, actor: User, pair_id: str) -> list[StarterRecord]:
        return self._read_all(actor, pair_id, StarterRecord, "starters")
