"""Starter metrics: required categories, diversity, tailoring to the pair, stereotypes."""

from __future__ import annotations

import re
from itertools import combinations

from coach.domain.library import SECOND_PERSON, THIRD_PERSON
from coach.domain.pair_profile import PairProfile
from coach.domain.questions import generic_rate
from coach.domain.starter_check import FELL_BACK
from coach.domain.starters import REQUIRED, Starter, StarterSet, violations
from coach.domain.stereotypes import stereotypes_in
from coach.domain.wording import content_words, copies, jaccard

# Words too common in any starter or job title to show tailoring on their own.
GENERIC = frozenset(
    [
        "junior",
        "senior",
        "mentor",
        "mentee",
        "lead",
        "head",
        "manager",
        "director",
        "officer",
        "team",
        "staff",
        "department",
        "office",
        "chief",
        "vice",
        "assistant",
        "associate",
        "understand",
        "learn",
        "improve",
        "better",
        "work",
        "working",
        "new",
        "way",
        "use",
        "using",
        "help",
        "get",
        "make",
    ]
)
# The reasons ``coach.domain.degenerate`` gives, in ``meta.fixes``, for output that must never
# reach a user.
DEGENERATE = re.compile(r"repeats an earlier|echoes the instructions|placeholder|outside the user")
GOAL_WORDS = 2  # a starter must share this many meaningful words with a goal (fewer if short)


def _text(starter: Starter) -> str:
    return f"{starter.text} {starter.rationale}"


def required_categories(starters: StarterSet) -> float:
    """Share of the required categories (power dynamics, generational differences) present."""
    present = {s.category for s in starters.starters}
    return sum(c in present for c in REQUIRED) / len(REQUIRED)


def distinct_categories(starters: StarterSet) -> int:
    """How many different categories the set uses."""
    return len({s.category for s in starters.starters})


def diversity(starters: StarterSet) -> float | None:
    """1 − the mean pairwise Jaccard similarity of the starters' wording (None below two)."""
    texts = [s.text for s in starters.starters]
    pairs = list(combinations(texts, 2))
    if not pairs:
        return None
    return 1 - sum(jaccard(a, b) for a, b in pairs) / len(pairs)


def _meaningful(text: str) -> set[str]:
    return content_words(text) - GENERIC


def tailored(starter: Starter, profile: PairProfile) -> bool:
    """The starter names something of this pair: the content of a goal, the session's focus or
    an open action item (a follow-up of what someone said they would do is this pair's), a role
    or a department."""
    words = _meaningful(_text(starter))
    texts = [g.text for g in profile.goals] + [profile.session.focus]
    for text in texts + [a.text for a in profile.open_action_items]:
        goal_words = _meaningful(text)
        if goal_words and len(words & goal_words) >= min(GOAL_WORDS, len(goal_words)):
            return True
    for person in (profile.mentor, profile.mentee):
        if words & _meaningful(f"{person.role} {person.department}"):
            return True
    return False


def tailoring(starters: StarterSet, profile: PairProfile) -> float | None:
    """Share of starters tailored to the pair (``tailored``)."""
    if not starters.starters:
        return None
    return sum(tailored(s, profile) for s in starters.starters) / len(starters.starters)


def stereotype_free(starters: StarterSet) -> float | None:
    """Share of starters (text and rationale) without a generational stereotype."""
    if not starters.starters:
        return None
    clean = [not stereotypes_in(_text(s)) for s in starters.starters]
    return sum(clean) / len(clean)


def copied(starters: StarterSet, given: str) -> float | None:
    """Share of starters whose question or rationale repeats, word for word, what the model was
    given (``given``: the instructions and the pair's details). Lower is better."""
    if not starters.starters:
        return None
    hits = [copies(s.text, given) or copies(s.rationale, given) for s in starters.starters]
    return sum(hits) / len(hits)


def face_to_face(starters: StarterSet) -> float | None:
    """Share of starters one person asks the other: a "you" or "we", and no "the junior
    mentor", "the senior leader" or he/she about the partner. The issue's starters failed it."""
    if not starters.starters:
        return None
    ok = [SECOND_PERSON.search(s.text) and not THIRD_PERSON.search(s.text)
          for s in starters.starters]  # fmt: skip
    return sum(bool(o) for o in ok) / len(ok)


def both_askers(starters: StarterSet) -> bool:
    """The mentor asks something and so does the mentee."""
    return {s.asked_by for s in starters.starters} == {"mentor", "mentee"}


def depth_variety(starters: StarterSet) -> bool:
    """At least two depths (icebreaker, deeper, brave)."""
    return len({s.depth for s in starters.starters}) >= 2


def _fixes(starters: StarterSet) -> list[str]:
    return starters.meta.fixes if starters.meta else []


def fell_back(starters: StarterSet) -> float | None:
    """Share of starters whose model adaptation failed the checks twice (the code-filled
    template was used), over all its starters; None for a set not written from the library."""
    if not any(s.template for s in starters.starters):
        return None
    return sum(FELL_BACK in f for f in _fixes(starters)) / len(starters.starters)


def degenerate_before_guard(starters: StarterSet) -> float | None:
    """Share of starters for which the model wrote, at least once, a degenerate adaptation (a
    loop, echoed instructions, a placeholder, foreign script) that the guard kept from the
    user. None for a set written without adaptations."""
    if not any(s.template for s in starters.starters):
        return None
    caught = {f.split(":")[0] for f in _fixes(starters) if DEGENERATE.search(f)}
    return len(caught) / len(starters.starters)


def generic_questions(starters: StarterSet, profile: PairProfile) -> float | None:
    """Share of the starters that are generic questions (``coach.domain.questions``)."""
    names = profile.first_names
    return generic_rate([s.text for s in starters.starters], [g.text for g in profile.goals], names)


def valid(starters: StarterSet) -> bool:
    """The domain rules hold and the set is not empty."""
    allowed = starters.meta.citation_ids if starters.meta else []
    return bool(starters.starters) and not violations(starters.starters, allowed)


def score_starters(
    starters: StarterSet, profile: PairProfile, given: str = ""
) -> dict[str, float | bool | None]:
    """Every starter metric for one case; ``given`` is what the prompt showed the model."""
    return {
        "valid": valid(starters),
        "required_categories": required_categories(starters),
        "distinct_categories": float(distinct_categories(starters)),
        "diversity": diversity(starters),
        "tailoring": tailoring(starters, profile),
        "stereotype_free": stereotype_free(starters),
        "count": float(len(starters.starters)),
        "copied": copied(starters, given) if given else None,
        "face_to_face": face_to_face(starters),
        "both_askers": both_askers(starters),
        "depth_variety": depth_variety(starters),
        "fell_back": fell_back(starters),
        "degenerate_before_guard": degenerate_before_guard(starters),
        "generic_questions": generic_questions(starters, profile),
    }


def starter_problems(starters: StarterSet) -> list[str]:
    """The broken rules, in words, for the report."""
    allowed = starters.meta.citation_ids if starters.meta else []
    problems = violations(starters.starters, allowed)
    return problems if starters.starters else ["no starters", *problems]
