"""The follow-up note recipe: the model writes the thanks and what was covered, code the rest."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from coach.domain.artifact_spec import ArtifactRequest
from coach.domain.followup import (
    COVERED_CHARS,
    MAX_COVERED,
    FollowupNote,
    assemble,
    names,
    rule_note,
    source_text,
)
from coach.domain.knowledge import Passage
from coach.generation.context import trim_tokens
from coach.generation.drafts import Draft, json_schema
from coach.generation.pipeline import Query

SOURCE_TOKENS = 220


class FollowupDraft(Draft):
    """The only parts a writer adds: one sentence of thanks and up to three covered points."""

    thanks: str = Field(min_length=1)
    covered: list[str] = Field(min_length=1, max_length=MAX_COVERED)


class FollowupRecipe:
    """Follow-up notes after a session."""

    prompt_id = "followup"
    draft_type = FollowupDraft
    retry_delays: tuple[float, ...] = ()

    def queries(self, request: ArtifactRequest) -> list[Query]:
        return []  # it draws on the pair's own session, not on the guides

    def pair_id(self, request: ArtifactRequest) -> str | None:
        return request.profile.id

    def variables(self, request: ArtifactRequest, context: str) -> dict[str, str]:
        author, partner = names(request.profile, request.author)
        goals = "; ".join(g.text for g in request.profile.goals) or "none set"
        notes = source_text(request) or f"(no notes were written; the pair's goals: {goals})"
        return {
            "author": f"{author} ({request.author.value})",
            "partner": partner,
            "notes": trim_tokens(notes, SOURCE_TOKENS),
        }

    def schema(self, request: ArtifactRequest) -> dict[str, Any]:
        schema = json_schema(FollowupDraft)
        schema["properties"]["thanks"]["maxLength"] = COVERED_CHARS
        schema["properties"]["covered"]["items"]["maxLength"] = COVERED_CHARS
        return schema

    def finish(
        self, draft: FollowupDraft, request: ArtifactRequest, passages: list[Passage]
    ) -> tuple[FollowupNote, list[str]]:
        fixes: list[str] = []
        return assemble(request, draft.thanks, draft.covered, fixes), fixes

    def fallback(
        self, request: ArtifactRequest, passages: list[Passage]
    ) -> tuple[FollowupNote, list[str]]:
        return rule_note(request), ["built from the notes by rules"]
