"""A generated artifact as stored: its JSON, the user's edited version, and its provenance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from coach.domain.artifact_kind import ArtifactKind
from coach.domain.common import check, check_aware


@dataclass(frozen=True)
class ArtifactRecord:
    """One artifact of any kind (agenda, starters, follow-up note...) kept with a pair.

    ``content`` is what the model (or the rules) wrote, as JSON without its ``meta``;
    ``edited`` is the user's version of it, same shape, or None. Neither is ever mutated:
    an edit stores a new record with a new ``edited``.
    """

    id: str
    kind: ArtifactKind
    pair_id: str
    session_id: str | None
    content: dict[str, Any]
    edited: dict[str, Any] | None
    prompt_id: str | None
    prompt_version: str | None
    model: str | None
    citations: tuple[str, ...]
    prompt_tokens: int
    completion_tokens: int
    created_by: str
    created_at: datetime
    updated_by: str | None
    updated_at: datetime | None

    def __post_init__(self) -> None:
        check(bool(self.content), "an artifact has content")
        check(self.edited is None or bool(self.edited), "an edited version has content")
        check(min(self.prompt_tokens, self.completion_tokens) >= 0, "token counts are >= 0")
        check_aware(self.created_at, "created_at")
        check(
            (self.updated_by is None) == (self.updated_at is None),
            "an update names both who and when",
        )
        if self.updated_at is not None:
            check_aware(self.updated_at, "updated_at")

    @property
    def current(self) -> dict[str, Any]:
        """What the pair sees: the user's edited version if there is one, else the original."""
        return self.edited if self.edited is not None else self.content
