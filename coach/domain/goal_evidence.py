"""Which sentence of a reflection shows that a goal moved.

Similarity in meaning finds the sentences about a goal's topic; a reader wants the one where
something happened toward it. So a sentence's score for a goal is its similarity (read with
the sentence before it too, for "She hadn't thought about that"), plus a little for an event
(showed, tried, set up, agreed, noticed …), less for a sentence that states an action to come,
and less again for a goal that is not the one the sentence is closest to: one sentence does
not show three goals. Weights were chosen on the development set against sentences labelled
by a reader (``evals/datasets/goal_evidence.jsonl``; docs/evals.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Similarity of the sentence alone, and with the sentence before it, are mixed 0.7 / 0.3.
IN_CONTEXT = 0.3
EVENT_BONUS = 0.1
ACTION_PENALTY = 0.2  # "I'll send him the quotes by Friday" is a plan, not progress
OTHER_GOAL_PENALTY = 0.3
# Cosine of a goal and a sentence from which the sentence can count as progress.
GOAL_SIMILARITY = 0.2
EVENT = re.compile(
    r"\b(show|showed|shown|set up|set one up|practis|practic|tried|try it|built|build|explain|"
    r"said|says|told|admit|notic|chang|agreed|approv|found|saw|seen|realis|learn|surpris|asked|"
    r"suggest|walked|demo|took me|did it|we did|went|read|watched|landed|understood|proposed|"
    r"point)\w*",
    re.I,
)


def sentence_bonus(text: str, states_action: bool) -> float:
    """What a sentence's wording adds to its score as evidence, whatever the goal."""
    return EVENT_BONUS * bool(EVENT.search(text)) - ACTION_PENALTY * states_action


def pick_evidence(
    alone: Sequence[Sequence[float]],
    in_context: Sequence[Sequence[float]],
    bonus: Sequence[float],
) -> list[int | None]:
    """For each goal (a row of similarities to every sentence), the index of the sentence
    that best shows it moved, or None when no sentence is close enough in meaning."""
    if not alone or not alone[0]:
        return [None] * len(alone)
    nearest = [max(range(len(alone)), key=lambda g: alone[g][s]) for s in range(len(alone[0]))]
    out: list[int | None] = []
    for goal, (row, context) in enumerate(zip(alone, in_context, strict=True)):
        scores = [
            (1 - IN_CONTEXT) * a + IN_CONTEXT * c + bonus[s]
            - (OTHER_GOAL_PENALTY if nearest[s] != goal else 0.0)
            for s, (a, c) in enumerate(zip(row, context, strict=True))
        ]  # fmt: skip
        best = max(range(len(scores)), key=scores.__getitem__)
        out.append(best if row[best] >= GOAL_SIMILARITY else None)
    return out
