"""What every generated artifact records: prompt, model, citations, tokens and how it was made."""

from __future__ import annotations

from pydantic import BaseModel, Field


class CitationRef(BaseModel):
    """A passage an artifact cites: the id retrieval returned, and where it came from."""

    id: str
    source: str
    title: str
    section: str = ""
    text: str = ""


class Provenance(BaseModel):
    """How an artifact was produced. ``fallback`` marks one built by rules, not the model."""

    prompt_id: str
    prompt_version: str
    model: str
    citations: list[CitationRef] = Field(default_factory=list)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    attempts: int = 0
    seconds: float = 0.0
    first_token_seconds: float | None = None
    # Until the first model-written part (an agenda item) was ready: what a streamed view waits.
    first_item_seconds: float | None = None
    fallback: bool = False
    fallback_reason: str = ""
    fixes: list[str] = Field(default_factory=list, description="What code changed in the draft.")

    @property
    def citation_ids(self) -> list[str]:
        return [c.id for c in self.citations]
