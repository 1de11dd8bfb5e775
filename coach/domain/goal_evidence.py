"""Which sentence of a reflection shows that a goal moved.

Similarity in meaning finds the sentences about a goal's topic; a reader wants the one where
something happened toward it. So a sentence's score for a goal is its similarity (read with
the sentence before it too, for "She hadn't thought about that"), plus a little for an event
(showed, tried, set up, agreed, noticed …), less for a sentence that states an action to come.
No evidence is better than evidence under the wrong goal, so some sentences never count:
- one closer in meaning to another of the pair's goals (one sentence does not show two goals;
  a penalty of 0.3 let it through when it was the only sentence near a goal);
- irony ("Really shows how seriously the board takes culture.", ``coach.domain.irony``);
- a hedge or a wish ("I might mention it to the forum", "I'd quite like to raise this");
- the session's header line ("Session 3 with Ryan, on age bias in hiring.");
- a topic not reached ("Product decisions: didn't get to it.", "He didn't want to talk about
  the app", "… and moved on");
- a plan or preparation that did not happen ("Meant to be the debrief …", "I'd prepared …").

Weights were chosen on the development set against sentences labelled by a reader
(``evals/datasets/goal_evidence.jsonl``; docs/evals.md). The refusals were read off the same
labels (a fit, not a held-out estimate): of the 978 labelled sentences they match 123, none
labelled "yes" (93 "no", 30 "topic"). With them and the rule above, on the 76 development
reflections without the model (the summary's own evidence step, scored as the eval does),
``goal_evidence_f1`` went 0.581 → 0.633 (precision of shown evidence 0.60 → 0.67, recall
0.66 → 0.68) and goal F1 by id 0.788 → 0.820.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from coach.domain.irony import SARCASM

# Similarity of the sentence alone, and with the sentence before it, are mixed 0.7 / 0.3.
IN_CONTEXT = 0.3
EVENT_BONUS = 0.1
ACTION_PENALTY = 0.2  # "I'll send him the quotes by Friday" is a plan, not progress
# Cosine of a goal and a sentence from which the sentence can count as progress.
GOAL_SIMILARITY = 0.2
REFUSED = float("-inf")  # the bonus of a sentence that shows no goal moved
EVENT = re.compile(
    r"\b(show|showed|shown|set up|set one up|practis|practic|tried|try it|built|build|explain|"
    r"said|says|told|admit|notic|chang|agreed|approv|found|saw|seen|realis|learn|surpris|asked|"
    r"suggest|walked|demo|took me|did it|we did|went|read|watched|landed|understood|proposed|"
    r"point)\w*",
    re.I,
)
# The session's header line ("Session 3 with Ryan, on age bias in hiring."): no point of its own.
HEADER = re.compile(
    r"^\W*(session \d+|(first|second|third|fourth|fifth|sixth|last|final|closing)"
    r"(\s+[\w-]+){0,3}?\s+session)\b(?!\s*:)",
    re.I,
)
# Sentences that show no goal moved, whatever their topic, by what they are.
NOT_EVIDENCE: dict[str, re.Pattern[str]] = {
    "irony": SARCASM,
    "hedge": re.compile(
        r"\b(might|(?-i:may)|maybe|perhaps|would like|'d like|'d quite like|'d love|"
        r"need to think|need to check|hope|wish|not sure)\b",
        re.I,
    ),
    "header": HEADER,
    "not reached": re.compile(
        r"\b(didn'?t|did not|never|barely|hardly|weren'?t|wasn'?t)\b[^.;]*?\b(get|got|getting) "
        r"(to|anywhere)\b|\b(didn'?t|did not|wouldn'?t|refused to) (want to )?"
        r"(talk|ask|discuss)\b|\bmoved on\b|\bran out of time\b",
        re.I,
    ),
    "not done": re.compile(
        r"\b(meant to|supposed to|was going to|had planned|I'd planned|I'd prepared|"
        r"I had prepared)\b",
        re.I,
    ),
}


def not_evidence(text: str) -> str:
    """The name of the rule by which a sentence shows no goal moved, or "" when none does."""
    return next((name for name, rule in NOT_EVIDENCE.items() if rule.search(text)), "")


def sentence_bonus(text: str, states_action: bool) -> float:
    """What a sentence's wording adds to its score as evidence, whatever the goal; ``REFUSED``
    for a sentence that cannot be evidence (``NOT_EVIDENCE``)."""
    if not_evidence(text):
        return REFUSED
    return EVENT_BONUS * bool(EVENT.search(text)) - ACTION_PENALTY * states_action


def pick_evidence(
    alone: Sequence[Sequence[float]],
    in_context: Sequence[Sequence[float]],
    bonus: Sequence[float],
) -> list[int | None]:
    """For each goal (a row of similarities to every sentence), the index of the sentence
    that best shows it moved, or None when no sentence is close enough in meaning, none is
    closer to it than to another goal, or every such sentence is refused."""
    if not alone or not alone[0]:
        return [None] * len(alone)
    nearest = [max(range(len(alone)), key=lambda g: alone[g][s]) for s in range(len(alone[0]))]
    out: list[int | None] = []
    for goal, (row, context) in enumerate(zip(alone, in_context, strict=True)):
        scores = {
            s: (1 - IN_CONTEXT) * a + IN_CONTEXT * c + bonus[s]
            for s, (a, c) in enumerate(zip(row, context, strict=True))
            if nearest[s] == goal and bonus[s] != REFUSED
        }
        best = max(scores, key=scores.__getitem__, default=None)
        out.append(best if best is not None and row[best] >= GOAL_SIMILARITY else None)
    return out
