"""Suggested pairs and the plain-words reasons behind them, built only from evidence.

Each suggestion carries three reasons: which strength meets which goal, which rule or choice
shaped the pair, and what else they share (interests, a generation gap). Each senior left
without a junior carries why. No model is involved: every word comes from the candidates' rows
and the matcher's own figures.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from coach.domain.candidates import Candidate, RowError
from coach.domain.matching import (
    Breach,
    Rule,
    TopicFit,
    and_list,
    crosses_generations,
    shared_interests,
)


@dataclass(frozen=True)
class Suggestion:
    mentor: Candidate
    mentee: Candidate
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Unmatched:
    """A senior the rules leave without a junior, and why."""

    mentee: Candidate
    why: str


@dataclass(frozen=True)
class MatchResult:
    pairs: tuple[Suggestion, ...]
    unmatched: tuple[Unmatched, ...]
    errors: tuple[RowError, ...]
    spare: tuple[Candidate, ...]  # juniors with a place left

    @property
    def total(self) -> float:
        return sum(s.score for s in self.pairs)


@dataclass(frozen=True)
class FirstChoice:
    """The junior who scores highest for a senior, rules aside, and what became of them."""

    junior: Candidate
    score: float
    breach: Breach | None = None  # why that pair may not be
    taken_by: Candidate | None = None  # the senior that junior went to instead
    taken_kept: bool = False  # ... because the lead kept that pair


WEAK_TOPIC = 0.35  # below this cosine, MiniLM sees little shared meaning in two short phrases


def topic_reason(junior: Candidate, senior: Candidate, topic: TopicFit) -> str:
    if topic.strength and topic.closest >= WEAK_TOPIC:
        return (f"{junior.name}'s strength “{topic.strength}” meets {senior.name}'s goal "
                f"“{topic.goal}” (similarity {topic.closest:.2f})")  # fmt: skip
    if topic.strength:
        return (f"no strength of {junior.name} clearly meets a goal of {senior.name}; the "
                f"nearest are “{topic.strength}” and “{topic.goal}” (similarity "
                f"{topic.closest:.2f})")  # fmt: skip
    missing = f"{senior.name} lists no goals" if not senior.goals else (
        f"{junior.name} lists no strengths")  # fmt: skip
    return f"{missing}, so the fit rests on interests and generations"


def choice_reason(junior: Candidate, senior: Candidate, choice: FirstChoice, kept: bool) -> str:
    """Which rule or choice shaped the pair."""
    if kept:
        return f"the lead kept {junior.name} with {senior.name}"
    first = choice.junior
    if first.key == junior.key:
        return f"{junior.name} is the closest fit for {senior.name} among all juniors"
    closest = f"{senior.name}'s closest fit, {first.name},"
    if choice.breach is not None:
        return f"{closest} is ruled out: {choice.breach.text}"
    if choice.taken_by is not None:
        how = "kept by the lead" if choice.taken_kept else "for more pairs or a higher total"
        return f"{closest} is matched with {choice.taken_by.name} ({how})"
    return f"{closest} scores higher ({choice.score:.2f})"


def shared_reason(junior: Candidate, senior: Candidate) -> str:
    """Interests and generations in common; else the departments the pair crosses."""
    parts = []
    shared = shared_interests(junior, senior)
    if shared:
        parts.append(f"shared interest: {and_list(shared)}")
    if crosses_generations(junior, senior):
        parts.append(f"crosses generations: {junior.generation} and {senior.generation}")
    if parts:
        return "; ".join(parts)
    return f"brings a view from {junior.department} into {senior.department}"


def reasons(junior: Candidate, senior: Candidate, topic: TopicFit, choice: FirstChoice,
            kept: bool = False) -> tuple[str, ...]:  # fmt: skip
    """Three reasons in plain words for one suggested pair."""
    return (topic_reason(junior, senior, topic), choice_reason(junior, senior, choice, kept),
            shared_reason(junior, senior))  # fmt: skip


PHRASES = {  # rule -> (one junior, several juniors)
    Rule.DEPARTMENT: ("works in {department} too", "work in {department} too"),
    Rule.LINE: ("is in their reporting line", "are in their reporting line"),
    Rule.FORBIDDEN: ("was ruled out by the lead", "were ruled out by the lead"),
    Rule.ENDED: ("was their partner in a pair that ended", "were partners in pairs that ended"),
}


def why_unmatched(senior: Candidate, verdicts: list[tuple[Candidate, Breach | None]],
                  seniors: int, places: int) -> str:  # fmt: skip
    """Why a senior got no junior: every junior is ruled out, or the legal ones are taken."""
    if not verdicts:
        return "there are no juniors (side mentor) to match"
    legal = [junior.name for junior, found in verdicts if found is None]
    if legal:
        shown = legal[:4] + ([f"{len(legal) - 4} more"] if len(legal) > 4 else [])
        short = f"{seniors} seniors share {places} junior places; " if seniors > places else ""
        return (f"{short}every junior who may mentor them ({and_list(shown)}) is matched "
                "elsewhere: any arrangement that includes them matches fewer seniors or scores "
                "lower in total")  # fmt: skip
    counts = Counter(found.rule for _, found in verdicts if found is not None)
    parts = []
    for rule in sorted(counts, key=lambda r: (-counts[r], list(Rule).index(r))):
        count = counts[rule]
        phrase = PHRASES[rule][count > 1].format(department=senior.department)
        if rule is Rule.LINE:
            names = [j.name for j, found in verdicts if found is not None and found.rule is rule]
            phrase += f" ({and_list(names)})"
        parts.append(f"{count} {phrase}")
    return f"no junior may mentor them: {and_list(parts)}"
