"""Keep, edit and list a pair's generated artifacts (members only), in one table for every kind.

The model's original stays as written; the user's edit is kept beside it and can be reverted.
Every stored version must still parse as its kind's model.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pydantic import BaseModel, ValidationError

from coach.domain.artifact_kind import ArtifactKind
from coach.domain.artifacts import ArtifactRecord
from coach.domain.audit import AuditAction
from coach.domain.common import new_id
from coach.domain.provenance import Provenance
from coach.domain.registry import spec_for
from coach.domain.users import User
from coach.services.access import PairScoped, audit, load
from coach.services.errors import UserError
from coach.store.api import Tx

NOT_MEMBER = "only the two members of a pair see and edit its artifacts"


def as_content(kind: ArtifactKind, artifact: BaseModel | dict[str, Any]) -> dict[str, Any]:
    """``artifact`` as the JSON stored for ``kind`` (without ``meta``); a ``UserError`` when it
    does not parse as the kind's model."""
    spec = spec_for(kind)
    if not spec.stored:
        raise UserError(f"{spec.label} artifacts are not kept here")
    model = spec.model
    data = artifact.model_dump(mode="json") if isinstance(artifact, BaseModel) else artifact
    try:
        parsed = model.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'the artifact'}: {e['msg']}"
            for e in error.errors()[:3]
        )
        raise UserError(f"this is not a valid {kind.value}: {problems}") from None
    return parsed.model_dump(mode="json", exclude={"meta"})


class ArtifactService(PairScoped):
    """Generated artifacts, kept with the prompt id and version, model, citations and tokens."""

    not_member = NOT_MEMBER

    def save(
        self,
        actor: User,
        pair_id: str,
        kind: ArtifactKind,
        artifact: BaseModel | dict[str, Any],
        provenance: Provenance | None = None,
        session_id: str | None = None,
    ) -> ArtifactRecord:
        """Keep ``artifact`` with the pair. Its provenance is ``provenance``, else the
        artifact's own ``meta``; a hand-written artifact has none."""
        kind = ArtifactKind(kind)
        meta = provenance if provenance is not None else getattr(artifact, "meta", None)
        content = as_content(kind, artifact)
        now = self.clock()
        with self.store.transaction() as tx:
            actor, pair = self._member_pair(tx, actor, pair_id)
            record = ArtifactRecord(
                id=new_id("art"), kind=kind, pair_id=pair.id, session_id=session_id,
                content=content, edited=None,
                prompt_id=meta.prompt_id if meta else None,
                prompt_version=meta.prompt_version if meta else None,
                model=meta.model if meta else None,
                citations=tuple(meta.citation_ids) if meta else (),
                prompt_tokens=meta.prompt_tokens if meta else 0,
                completion_tokens=meta.completion_tokens if meta else 0,
                created_by=actor.id, created_at=now, updated_by=None, updated_at=None,
            )  # fmt: skip
            tx.insert(record)
            audit(tx, actor, AuditAction.CREATE, kind.value, record.id, now, pair.id)
        return record

    def _change(
        self, actor: User, artifact_id: str, edited: dict[str, Any] | None
    ) -> ArtifactRecord:
        now = self.clock()
        with self.store.transaction() as tx:
            actor, record = self._member_artifact(tx, actor, artifact_id)
            if edited is not None:
                edited = as_content(record.kind, edited)
            changed = replace(record, edited=edited, updated_by=actor.id, updated_at=now)
            tx.update(changed)
            audit(tx, actor, AuditAction.UPDATE, record.kind.value, record.id, now, record.pair_id)
        return changed

    def edit(self, actor: User, artifact_id: str, edited: dict[str, Any]) -> ArtifactRecord:
        """Keep the user's version beside the model's original (members only)."""
        return self._change(actor, artifact_id, edited)

    def revert(self, actor: User, artifact_id: str) -> ArtifactRecord:
        """Drop the user's version: the model's original is current again (members only)."""
        return self._change(actor, artifact_id, None)

    def get(self, actor: User, artifact_id: str) -> ArtifactRecord:
        now = self.clock()
        with self.store.transaction() as tx:
            actor, record = self._member_artifact(tx, actor, artifact_id)
            audit(tx, actor, AuditAction.READ, record.kind.value, record.id, now, record.pair_id)
        return record

    def list(
        self, actor: User, pair_id: str, kind: ArtifactKind | None = None
    ) -> list[ArtifactRecord]:
        """A pair's artifacts, oldest first, of one ``kind`` or all."""
        found = self._read_all(actor, pair_id, ArtifactRecord, "artifacts")
        return [a for a in found if kind is None or a.kind is ArtifactKind(kind)]

    def _member_artifact(
        self, tx: Tx, actor: User, artifact_id: str
    ) -> tuple[User, ArtifactRecord]:
        record = load(tx, ArtifactRecord, artifact_id, "artifact")
        actor, _pair = self._member_pair(tx, actor, record.pair_id)
        return actor, record
