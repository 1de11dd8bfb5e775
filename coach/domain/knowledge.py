"""Documents, chunks and the passages retrieval hands to the model."""

from __future__ import annotations

from dataclasses import dataclass, field

CHUNK_TOKENS = 220  # the default chunk size (COACH_CHUNK_TOKENS), see docs/benchmarks.md


@dataclass(frozen=True)
class Document:
    """One loaded source file, normalised to markdown-ish text with headings."""

    source: str
    title: str
    text: str
    sha256: str
    meta: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Chunk:
    """A token-bounded piece of a document, with a stable id (source + section + ordinal)."""

    id: str
    source: str
    title: str
    section: str
    ordinal: int
    text: str
    tokens: int
    meta: dict[str, str] = field(default_factory=dict)

    def embedding_text(self) -> str:
        """What gets embedded: the text with its title and section as context."""
        heading = f"{self.title} > {self.section}" if self.section else self.title
        return f"{heading}\n{self.text}"


def passage_id(source: str, section_slug: str, ordinal: int = 0) -> str:
    """A guide passage's citation id: ``file.md#section-slug-N`` (N counts from 0 within the
    section). ``file.md#section-slug`` is how the coaching library names a section."""
    return f"{source}#{section_slug or 'body'}-{ordinal}"


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its score: what a citation points to."""

    id: str
    source: str
    title: str
    section: str
    text: str
    score: float
    meta: dict[str, str] = field(default_factory=dict)

    def label(self) -> str:
        """Human-readable citation label."""
        return f"{self.title} — {self.section}" if self.section else self.title


def split_list(value: str | None) -> set[str]:
    """A comma-separated metadata value as a set."""
    return {v.strip() for v in (value or "").split(",") if v.strip()}


@dataclass(frozen=True)
class SearchFilters:
    """Restrict retrieval by topic, audience and session phase (``any`` guides always match)."""

    topics: frozenset[str] = frozenset()
    audience: frozenset[str] = frozenset()
    phase: str | None = None

    def __bool__(self) -> bool:
        return bool(self.topics or self.audience or self.phase)

    def allows(self, meta: dict) -> bool:
        """True when a chunk's metadata passes every filter that is set."""
        if self.topics and not self.topics & split_list(meta.get("topics")):
            return False
        if self.audience and not self.audience & split_list(meta.get("audience")):
            return False
        return not (self.phase and meta.get("phase", "any") not in {self.phase, "any"})
