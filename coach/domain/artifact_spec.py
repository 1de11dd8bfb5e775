"""What an artifact type is: ``ArtifactSpec``, and the request every kind is written from.

A spec is declarative: its kind, labels, CLI words, how to render and check it and where its
citations are. It never imports the model stack; the recipe that writes it is named by import
path and bound in the services layer, so the UI and the CLI can loop over specs cheaply.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from pydantic import BaseModel

from coach.domain.artifact_kind import ArtifactKind
from coach.domain.pair_profile import PairProfile
from coach.domain.pairs import Side


@dataclass(frozen=True)
class ArtifactRequest:
    """What any artifact is written from: a pair, the side asking, and one text.

    ``text`` is the reflection for a summary and the author's own approved summary for a
    follow-up note; the other kinds ignore it.
    """

    profile: PairProfile
    author: Side = Side.MENTOR
    text: str = ""


OnItem = Callable[[Any], None]  # hears each finished item of an artifact (agenda item, starter)


class ArtifactRunner(Protocol):
    """Whatever writes one kind: one model call (``ArtifactPipeline``) or several in a row (a
    multi-step recipe). ``on_token`` hears the running count of tokens written. A multi-step
    recipe may also take ``on_item`` (an ``OnItem``), called with each item as it is written."""

    def run(self, request: Any, on_token: Callable[[int], None] | None = None) -> Any: ...


@dataclass(frozen=True)
class TextInput:
    """The text file a kind reads besides the pair file (a reflection, a summary)."""

    flag: str
    help: str
    required: bool
    own_summary: bool = False  # for a stored pair, the author's own latest approved summary


@dataclass(frozen=True)
class ArtifactSpec:
    """Everything the product knows about one kind of artifact, in one place."""

    kind: ArtifactKind
    label: str  # "agenda", "follow-up note": what a sentence calls it
    command: str  # the CLI subcommand
    help: str
    description: str
    example: str
    model: type[BaseModel]  # the artifact as shown, stored and exported
    render: Callable[..., str]  # Markdown: render(artifact, esc) escapes every generated text
    rules: Callable[[Any, ArtifactRequest], list[str]]  # broken invariants, in words
    recipe: str  # "module:Class" of the recipe that writes it (bound in coach.services)
    request: Callable[[ArtifactRequest], Any] = lambda r: r.profile  # the recipe's request
    citation_fields: tuple[str, ...] = ()  # list fields whose elements carry ``citations``
    text_input: TextInput | None = None
    takes_author: bool = False
    stored: bool = True  # kept in the artifacts table (summaries have their own tables)
    drafted_by_either_side: bool = False  # a panel on the participant's tab drafts and keeps it

    def cited_ids(self, artifact: BaseModel) -> list[str]:
        """Every citation id in an artifact of this kind."""
        found: list[str] = []
        for name in self.citation_fields:
            for element in getattr(artifact, name, []) or []:
                found += list(getattr(element, "citations", []))
        return found


def allowed_citations(artifact: BaseModel) -> list[str]:
    """The passage ids retrieval returned for an artifact (its provenance's citations)."""
    meta = getattr(artifact, "meta", None)
    return meta.citation_ids if meta else []
