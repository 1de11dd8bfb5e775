"""The coaching library: expert content we write and ship, that a small model adapts to a pair.

Three kinds of entry, each a list in YAML files under ``library/`` (``library/README.md``):

- ``StarterTemplate``: one conversation starter, in the second person, face to face, with
  slots such as ``{subject}`` that code fills from the pair file;
- ``SegmentPattern``: one block of a session (a live demo, a teach-back, rehearsing pushback),
  with its purpose, a time range, what each person brings, and the goal types and phases it
  suits;
- ``PhaseScript``: the fixed blocks of a first or a closing session.

``check_library`` validates the files beyond the schema: unique ids, known slots, the second
person, no generational stereotypes, and enough entries of every kind.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from coach.domain.starters import Asker, Category, Depth
from coach.domain.stereotypes import stereotypes_in

LibraryPhase = Literal["first", "middle", "closing", "any"]
# What code can fill from a pair file: the goal's subject, the other person's and one's own work.
SLOTS = frozenset({"subject", "their_work", "my_work"})
SLOT = re.compile(r"\{([a-z_]+)\}")
SECOND_PERSON = re.compile(r"\b(you|your|yours|we|us|our)\b", re.I)
# About the partner instead of to them ("they"/"their" stay allowed: a team, customers).
THIRD_PERSON = re.compile(r"\b(the (junior|senior|mentor|mentee|leader)|s?he|his|her|him)\b", re.I)
GoalType = Literal[
    "tool", "platform", "trend", "customer", "workforce", "communication", "strategy",
    "culture", "skill", "any",
]  # fmt: skip
MIN_STARTERS, MIN_SEGMENTS = 200, 60


class Entry(BaseModel):
    """Every entry: a stable id, and the guide sections its advice rests on."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{2,60}$")
    cites: list[str] = Field(default_factory=list, description="guide.md#section-slug")


class StarterTemplate(Entry):
    """A question one person asks the other, with slots code fills from the pair file."""

    category: Category
    depth: Depth
    asked_by: Asker
    phase: LibraryPhase = "any"
    tags: list[str] = Field(default_factory=list)
    text: str = Field(min_length=10, max_length=240)
    intent: str = Field(
        min_length=5, max_length=160, description="what it is for, kept on adapting"
    )

    @field_validator("text")
    @classmethod
    def _slots_known(cls, text: str) -> str:
        unknown = set(SLOT.findall(text)) - SLOTS
        if unknown:
            raise ValueError(f"unknown slots {sorted(unknown)}; known: {sorted(SLOTS)}")
        return text


class SegmentPattern(Entry):
    """One block of a session that a pair can run, whatever their topic."""

    name: str = Field(min_length=3, max_length=60)
    purpose: str = Field(min_length=10, max_length=200)
    minutes: tuple[int, int]
    mentor_brings: str = Field(min_length=3, max_length=160)
    mentee_brings: str = Field(min_length=3, max_length=160)
    steps: list[str] = Field(min_length=1, max_length=5)
    question: str = Field(min_length=10, max_length=200, description="one question to ask in it")
    goal_types: list[GoalType] = Field(min_length=1)
    phases: list[LibraryPhase] = Field(min_length=1)

    @model_validator(mode="after")
    def _range(self) -> SegmentPattern:
        low, high = self.minutes
        if not 3 <= low <= high <= 60:
            raise ValueError(f"minutes {self.minutes}: want 3 <= low <= high <= 60")
        return self


class ScriptBlock(BaseModel):
    """One fixed block of a phase script."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=3, max_length=70)
    purpose: str = Field(min_length=10, max_length=200)
    share: int = Field(ge=1, le=100, description="weight when minutes are shared out")
    prompts: list[str] = Field(min_length=1, max_length=3)


class PhaseScript(Entry):
    """The blocks every first or closing session has, in order."""

    phase: Literal["first", "closing"]
    blocks: list[ScriptBlock] = Field(min_length=2)


class Library(BaseModel):
    """Everything in ``library/``."""

    starters: list[StarterTemplate] = Field(default_factory=list)
    segments: list[SegmentPattern] = Field(default_factory=list)
    scripts: list[PhaseScript] = Field(default_factory=list)


def problems_of(library: Library, minimum: bool = True) -> list[str]:
    """Everything wrong with a library beyond its schema, one line each."""
    found: list[str] = []
    ids = Counter(e.id for e in (*library.starters, *library.segments, *library.scripts))
    found += [f"{i}: id used {n} times" for i, n in ids.items() if n > 1]
    for s in library.starters:
        if not SECOND_PERSON.search(s.text):
            found.append(f"{s.id}: not asked face to face (no 'you' or 'we')")
        if THIRD_PERSON.search(SLOT.sub("", s.text)):
            found.append(f"{s.id}: talks about a third person; ask the other person directly")
        for name in stereotypes_in(f"{s.text} {s.intent}"):
            found.append(f"{s.id}: generational stereotype: {name}")
    spoken = [(g.id, g.question) for g in library.segments]
    spoken += [(p.id, q) for p in library.scripts for b in p.blocks for q in b.prompts]
    for entry_id, question in spoken:
        if not SECOND_PERSON.search(question):
            found.append(f"{entry_id}: a question not asked face to face: {question[:50]}")
        found += [f"{entry_id}: generational stereotype: {n}" for n in stereotypes_in(question)]
    phases = {p.phase for p in library.scripts}
    found += [f"no {p} phase script" for p in ("first", "closing") if p not in phases]
    if minimum:
        found += _coverage(library)
    return found


def unknown_cites(library: Library, known: set[str]) -> list[str]:
    """A line for every ``cites`` entry that names no guide section in ``known``."""
    entries = (*library.starters, *library.segments, *library.scripts)
    return [f"{e.id}: cites {c}, which is no guide section" for e in entries for c in e.cites
            if c not in known]  # fmt: skip


def _coverage(library: Library) -> list[str]:
    found = []
    if len(library.starters) < MIN_STARTERS:
        found.append(f"{len(library.starters)} starter templates; want at least {MIN_STARTERS}")
    if len(library.segments) < MIN_SEGMENTS:
        found.append(f"{len(library.segments)} segment patterns; want at least {MIN_SEGMENTS}")
    counts = Counter((s.category, s.asked_by) for s in library.starters)
    for category in Category.__args__:  # type: ignore[attr-defined]
        for asker in ("mentor", "mentee"):
            if counts[(category, asker)] < 3:
                found.append(f"fewer than 3 {category} starters asked by the {asker}")
    depths = Counter(s.depth for s in library.starters)
    found += [f"fewer than 20 {d} starters" for d in Depth.__args__ if depths[d] < 20]  # type: ignore[attr-defined]
    return found


def merge(parts: Iterable[Library]) -> Library:
    """One library from several files."""
    out = Library()
    for part in parts:
        out.starters += part.starters
        out.segments += part.segments
        out.scripts += part.scripts
    return out
