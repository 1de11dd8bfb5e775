"""Conversation starters, and the rules code enforces on a set of them.

A set must hold at least three starters, include power dynamics and generational differences,
hold no near-duplicates and no generational stereotypes, and cite only passages retrieval
returned.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, Field

from coach.domain.provenance import Provenance
from coach.domain.stereotypes import stereotypes_in
from coach.domain.wording import jaccard

Category = Literal[
    "power_dynamics",
    "generational_differences",
    "communication",
    "trust",
    "resistance",
    "mutual_benefit",
    "retrospective",
]
Depth = Literal["icebreaker", "deeper", "brave"]
Asker = Literal["mentor", "mentee"]
REQUIRED: tuple[Category, ...] = ("power_dynamics", "generational_differences")
NEAR_DUPLICATE = 0.6
MIN_STARTERS = 3
MAX_STARTERS = 8


class Starter(BaseModel):
    """One conversation starter."""

    text: str = Field(min_length=1)
    category: Category
    rationale: str = ""
    asked_by: Asker
    depth: Depth
    citations: list[str] = Field(default_factory=list)
    template: str = Field(default="", description="the library starter it was adapted from")


class StarterSet(BaseModel):
    """The starters for one session."""

    starters: list[Starter]
    meta: Provenance | None = None


def near_duplicates(starters: list[Starter]) -> list[tuple[int, int]]:
    """Index pairs of starters whose wording overlaps too much."""
    pairs = []
    for i, left in enumerate(starters):
        for j in range(i + 1, len(starters)):
            if jaccard(left.text, starters[j].text) >= NEAR_DUPLICATE:
                pairs.append((i, j))
    return pairs


def enforce(
    starters: Iterable[Starter], allowed: set[str], backups: Iterable[Starter]
) -> tuple[list[Starter], list[str]]:
    """Drop stereotyped, duplicate and badly cited content; top up to a usable set.

    ``backups`` are rule-built starters. They fill the required categories the model left out,
    then, if fewer than ``MIN_STARTERS`` remain, the set is topped up with backups from
    categories it lacks (never a near-duplicate of a kept starter).
    """
    backups = list(backups)
    fixes: list[str] = []
    kept: list[Starter] = []
    for starter in starters:
        found = stereotypes_in(f"{starter.text} {starter.rationale}")
        if found:
            fixes.append(f"rejected a starter with a stereotype ({', '.join(found)})")
            continue
        if any(jaccard(starter.text, k.text) >= NEAR_DUPLICATE for k in kept):
            fixes.append("dropped a near-duplicate starter")
            continue
        cited = [c for c in dict.fromkeys(starter.citations) if c in allowed]
        if len(cited) != len(starter.citations):
            fixes.append("dropped citations retrieval did not return")
        kept.append(starter.model_copy(update={"citations": cited}))
    for category in REQUIRED:
        if any(s.category == category for s in kept):
            continue
        backup = next((b for b in backups if b.category == category), None)
        if backup is not None:
            kept.append(backup)
            fixes.append(f"added a {category} starter from the rules")
    for backup in sorted(backups, key=lambda b: any(k.category == b.category for k in kept)):
        if len(kept) >= MIN_STARTERS:
            break
        if all(jaccard(backup.text, k.text) < NEAR_DUPLICATE for k in kept):
            kept.append(backup)
            fixes.append(
                f"added a {backup.category} starter from the rules to reach {MIN_STARTERS}"
            )
    return kept[:MAX_STARTERS], fixes


def violations(starters: list[Starter], allowed: Iterable[str]) -> list[str]:
    """Every broken rule, in words; empty when the set is valid."""
    allowed = set(allowed)
    problems = []
    categories = {s.category for s in starters}
    if len(starters) < MIN_STARTERS:
        problems.append(f"only {len(starters)} starters; a set needs at least {MIN_STARTERS}")
    for category in REQUIRED:
        if category not in categories:
            problems.append(f"no {category} starter")
    for i, j in near_duplicates(starters):
        problems.append(f"starters {i + 1} and {j + 1} are near-duplicates")
    for n, starter in enumerate(starters, 1):
        for name in stereotypes_in(f"{starter.text} {starter.rationale}"):
            problems.append(f"starter {n} uses a stereotype: {name}")
        for cid in starter.citations:
            if cid not in allowed:
                problems.append(f"starter {n} cites {cid}, which retrieval did not return")
    return problems
