"""Matching juniors with seniors: the hard rules, the lead's options and the score of one pair.

The score of a legal pair (see docs/matching.md) is

    topic × how well the junior's strengths meet the senior's goals (0..1, by embeddings)
  + interests × the overlap of their interests (Jaccard on content words, 0..1)
  + generation × 1 when they are of different generations

Hard rules are never weighed against the score: a pair in one department, or in one reporting
line in either direction (directly or through the chain), is never suggested. Neither is a pair
the lead forbids, nor one that ended (re-matching excludes it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property, lru_cache

from coach.domain.candidates import Candidate, CandidatePool, key
from coach.domain.common import check
from coach.domain.wording import content_words


@dataclass(frozen=True)
class MatchWeights:
    """How much each part of the fit counts. The department rule is hard, so it has no weight."""

    topic: float = 0.6
    interests: float = 0.25
    generation: float = 0.15

    def __post_init__(self) -> None:
        parts = (self.topic, self.interests, self.generation)
        check(all(w >= 0 for w in parts) and sum(parts) > 0,
              "match weights are zero or more, and at least one is above zero")  # fmt: skip


class Rule(StrEnum):
    """Why a pair may not be suggested."""

    DEPARTMENT = "department"
    LINE = "reporting line"
    FORBIDDEN = "forbidden by the lead"
    ENDED = "ended"


Names = frozenset[tuple[str, str]]  # (mentor name, mentee name) pairs, as the lead wrote them


def _keys(named: Names) -> frozenset[tuple[str, str]]:
    return frozenset((key(mentor), key(mentee)) for mentor, mentee in named)


@dataclass(frozen=True)
class MatchOptions:
    """What the lead decides: places per junior, pairs to keep or forbid, pairs that ended."""

    capacity: int = 1  # seniors per junior, unless the junior's row says otherwise
    keep: Names = field(default_factory=frozenset)
    forbid: Names = field(default_factory=frozenset)
    ended: Names = field(default_factory=frozenset)  # re-matching never suggests these again
    weights: MatchWeights = field(default_factory=MatchWeights)

    def __post_init__(self) -> None:
        check(self.capacity in (1, 2), "a junior takes one senior, or two if the lead allows it")

    def places(self, junior: Candidate) -> int:
        return junior.capacity or self.capacity

    @cached_property
    def _ended(self) -> frozenset[tuple[str, str]]:
        return _keys(self.ended)

    @cached_property
    def _forbidden(self) -> frozenset[tuple[str, str]]:
        return _keys(self.forbid)

    def lead_rule(self, junior: Candidate, senior: Candidate) -> Rule | None:
        """The lead's own rule against this pair: it ended, or it is forbidden."""
        named = (junior.key, senior.key)
        if named in self._ended:
            return Rule.ENDED
        return Rule.FORBIDDEN if named in self._forbidden else None


@dataclass(frozen=True)
class Breach:
    rule: Rule
    text: str  # e.g. "Zoe Martins reports to Eleanor Whitfield through Daniel Osei"


def breach(junior: Candidate, senior: Candidate, pool: CandidatePool, options: MatchOptions):
    """The rule that forbids this pair, or None when it may be suggested."""
    if key(junior.department) == key(senior.department):
        return Breach(Rule.DEPARTMENT, f"both work in {senior.department}")
    chain = pool.lines.line_between(junior.key, senior.key)
    if chain:
        via = f" through {_and(chain[1:-1])}" if len(chain) > 2 else ""
        return Breach(Rule.LINE, f"{chain[0]} reports to {chain[-1]}{via}")
    rule = options.lead_rule(junior, senior)
    if rule is Rule.ENDED:
        return Breach(rule, "their pair ended, so it is not suggested again")
    if rule is Rule.FORBIDDEN:
        return Breach(rule, "the lead ruled this pair out")
    return None


@lru_cache(maxsize=4096)
def _words(item: str) -> frozenset[str]:
    return frozenset(content_words(item))


@lru_cache(maxsize=65536)
def _all_words(items: tuple[str, ...]) -> frozenset[str]:
    return frozenset().union(*(_words(i) for i in items))


def interest_overlap(junior: Candidate, senior: Candidate) -> float:
    """Jaccard overlap of the content words of the two interest lists (0..1)."""
    mine, theirs = _all_words(junior.interests), _all_words(senior.interests)
    union = mine | theirs
    return len(mine & theirs) / len(union) if union else 0.0


def shared_interests(junior: Candidate, senior: Candidate) -> list[str]:
    """The interests they share, in words: ``sailing``, or ``vegan cooking / cooking`` when the
    two wrote it differently."""
    shared = []
    for item in junior.interests:
        match = next((i for i in senior.interests if _words(i) & _words(item)), None)
        if match is not None:
            shared.append(item if key(item) == key(match) else f"{item} / {match}")
    return shared


@lru_cache(maxsize=1024)
def generation_key(text: str) -> str:
    """``Gen Z``, ``gen-z`` and ``GenZ`` are one generation; ``Millennials`` is ``Millennial``."""
    letters = "".join(ch for ch in text.casefold() if ch.isalnum())
    return letters.removesuffix("s")


def crosses_generations(junior: Candidate, senior: Candidate) -> bool:
    mine, theirs = generation_key(junior.generation), generation_key(senior.generation)
    return bool(mine and theirs and mine != theirs)


@dataclass(frozen=True)
class TopicFit:
    """How the junior's strengths meet the senior's goals, with the closest (strength, goal)."""

    similarity: float  # each goal's best strength, averaged over the goals; 0..1
    strength: str = ""
    goal: str = ""
    closest: float = 0.0  # the similarity of that one (strength, goal)


NO_TOPIC = TopicFit(0.0)


def pair_score(topic: TopicFit, junior: Candidate, senior: Candidate, weights: MatchWeights):
    """The score of a pair (rules aside): the weighted sum in the module's docstring."""
    overlap = interest_overlap(junior, senior)
    crossing = 1.0 if crosses_generations(junior, senior) else 0.0
    return (weights.topic * topic.similarity + weights.interests * overlap
            + weights.generation * crossing)  # fmt: skip


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def and_list(names: list[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    return _and(names) if names else ""
