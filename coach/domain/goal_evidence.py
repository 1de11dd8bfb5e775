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
- a plan or preparation that did not happen ("Meant to be the debrief …", "I'd prepared …",
  "I had the presentation on youth recruitment ready");
- a topic put off or waved away by the other side ('he said he'd "look into it"', "has it in
  hand", "let's come back to that", "a conversation for after the restructure", "didn't see
  the point"): the goal came up and did not move;
- a problem stated as still standing ("The application form still takes 90 minutes", "He still
  hasn't done the shadowing", "nothing has changed", "hybrid meetings are his big worry"): it
  restates why the goal exists, not progress on it;
- the pair themselves: who is older than whom, their ages, the pairing ("she's a good ten years
  older than me", "I'm 26 and running a 110 person company", "funny pairing on paper");
- the sessions' own arrangements: how long and where the pair meets ("Office, 60 mins.",
  "Agreed: 45 min every 3 weeks, alternating her desk / my office.", "Next session is on …");
- a question reported with "whether" ("He asked whether he should hire a head of people now"),
  as a sentence ending in "?" is no evidence;
- what the mentor gained ("I understand how regional budgets get decided now", "He said the
  sessions made him less afraid of senior people", read by ``coach.domain.benefit_cues``): the
  pair's goals are the senior's to move (a pair file names no other owner), and the junior's
  gain is the summary's mutual-benefit line, not their progress.

Weights were chosen on the development set against sentences labelled by a reader
(``evals/datasets/goal_evidence.jsonl``; docs/evals.md). The refusals were read off the same
labels (a fit, not a held-out estimate): of the 978 labelled sentences those up to "not done"
match 123, none labelled "yes" (93 "no", 30 "topic"). With them and the rule above, on the 76
development reflections without the model (the summary's own evidence step, scored as the
eval does: ``bench/goal_evidence_score.py``), ``goal_evidence_f1`` went 0.581 → 0.633
(precision of shown evidence 0.60 → 0.67, recall 0.66 → 0.68) and goal F1 by id 0.788 →
0.820. The refusals from "… ready" on were read off the wrong picks that were left; they
match 73 labelled sentences more, none labelled "yes" (55 "no", 18 "topic"), and took
``goal_evidence_f1`` to 0.703 (precision 0.76, recall 0.74; goal F1 0.828).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from coach.domain.action_phrases import HEADING_ONLY
from coach.domain.benefit_cues import gain_side, in_first_person
from coach.domain.irony import SARCASM
from coach.domain.pairs import Side
from coach.domain.standalone import fragment
from coach.domain.wording import Sentence

# Similarity of the sentence alone, and with the sentence before it, are mixed 0.7 / 0.3.
IN_CONTEXT = 0.3
EVENT_BONUS = 0.1
ACTION_PENALTY = 0.2  # "I'll send him the quotes by Friday" is a plan, not progress
# Cosine of a goal and a sentence from which the sentence can count as progress.
GOAL_SIMILARITY = 0.2
SURE_SCORE, SURE_SIMILARITY = 0.95, 0.1  # the model sure, the words further from the goal
REFUSED = float("-inf")  # the bonus of a sentence that shows no goal moved
EVENT = re.compile(
    r"\b(show|showed|shown|set up|set one up|practis|practic|tried|try it|built|build|explain|"
    r"said|says|told|admit|notic|chang|agreed|approv|found|saw|seen|realis|learn|surpris|asked|"
    r"suggest|walked|demo|took me|did it|we did|went|read|watched|landed|understood|proposed|"
    r"point)\w*",
    re.I,
)
# The session's header line ("Session 3 with Ryan, on age bias in hiring.", "Note of first
# meeting with Ms Chen …", h172): no point of its own.
HEADER = re.compile(
    r"^\W*(?:(?:notes?|minutes|notes to self)(?: of| from| for)?,?\s+)?"
    r"(session \d+|(first|second|third|fourth|fifth|sixth|last|final|closing)"
    r"(\s+[\w-]+){0,3}?\s+(?:session|meeting))\b(?!\s*:)",
    re.I,
)
_NOT = r"(hasn['’]?t|has not|isn['’]?t|is not|can['’]?t|cannot|doesn['’]?t|does not|won['’]?t)"
# Where the pair meets, said with how long: the session's arrangements, not its content.
_WHERE = r"(office|desk|on video|in-person|on time)"
# Sentences that show no goal moved, whatever their topic, by what they are.
NOT_EVIDENCE: dict[str, re.Pattern[str]] = {
    "irony": SARCASM,
    "hedge": re.compile(
        r"\b(might|(?-i:may)|maybe|perhaps|would like|'d like|'d quite like|'d love|"
        r"need to think|need to check|hope|wish|not sure|ought to|doubt)\b",
        re.I,
    ),
    "header": HEADER,
    "list heading": HEADING_ONLY,  # "We agreed on a few things:" (h099)
    "not reached": re.compile(
        r"\b(didn'?t|did not|never|barely|hardly|weren'?t|wasn'?t)\b[^.;]*?\b(get|got|getting) "
        r"(to|anywhere)\b|\b(didn'?t|did not|wouldn'?t|refused to) (want to )?"
        r"(talk|ask|discuss)\b|\bmoved on\b|\bran out of time\b",
        re.I,
    ),
    "not done": re.compile(
        r"\b(meant to|supposed to|was going to|had planned|I'd planned|I'd prepared|"
        r"I had prepared)\b|\bI had (the|my|a|an|one|two|three|\d+)\b[^.;]{0,80}\bready\b",
        re.I,
    ),
    "put off": re.compile(
        r"\b(look into it|have a think|bear it in mind|take it away|has it in hand)\b"
        r"|\blet['’]?s come back to\b|\ba conversation for (after|later|another)\b"
        r"|\b(didn['’]?t|did not|doesn['’]?t|don['’]?t) see the point\b",
        re.I,
    ),
    "still a problem": re.compile(
        rf"\bstill ({_NOT}|takes|asks|stuck|is stuck)\b|\bnothing has changed\b"
        r"|\b(big|biggest|main) worry\b",
        re.I,
    ),
    "the pair": re.compile(
        r"\b(older|younger) than (me|him|her|my \w+)\b|\bI(['’]m| am) \d\d(?= and\b|,| years old)"
        r"|\b(funny|odd|weird|strange|useful|this|our) pairing\b|\b(odd|weird|strange) dynamic\b",
        re.I,
    ),
    "arrangements": re.compile(
        rf"\b\d+ ?min(s|utes)?\b[^.;]*\b{_WHERE}\b|\b{_WHERE}\b[^.;]*\b\d+ ?min(s|utes)?\b"
        r"|^\W*next session\b|\bsessions? in the diary\b|\bground rules?\b",
        re.I,
    ),
    "question": re.compile(r"\basked (me |him |her )?(whether|if (I|we|he|she)'d)\b", re.I),
}


def not_evidence(text: str) -> str:
    """The name of the rule by which a sentence shows no goal moved, or "" when none does."""
    return next((name for name, rule in NOT_EVIDENCE.items() if rule.search(text)), "")


def mentor_gains(found: Sequence[Sentence], author: str, names: dict[str, str]) -> set[int]:
    """The numbers of the sentences that say what the mentor gained (``gain_side``), read
    from ``author``'s side; ``names``: the pair's names to their side (``pair_names``)."""
    first_person = in_first_person(found)
    return {s.number for s in found
            if gain_side(s.text, author, names, first_person) == Side.MENTOR.value}  # fmt: skip


def sentence_bonus(text: str, states_action: bool, mentor_gain: bool = False) -> float:
    """What a sentence's wording adds to its score as evidence, whatever the goal; ``REFUSED``
    for a sentence that cannot be evidence (``NOT_EVIDENCE``, or one that says what the mentor
    gained: ``mentor_gain``)."""
    if mentor_gain or not_evidence(text) or fragment(text):
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
    nearest = _nearest(alone)
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


def _nearest(alone: Sequence[Sequence[float]]) -> list[int]:
    """For each sentence (a column), the goal it is closest to in meaning."""
    return [max(range(len(alone)), key=lambda g: alone[g][s]) for s in range(len(alone[0]))]


def pick_scored(
    alone: Sequence[Sequence[float]],
    scores: Sequence[Sequence[float]],
    bonus: Sequence[float],
    threshold: float,
) -> list[int | None]:
    """As ``pick_evidence``, but the sentences are ranked by ``scores`` (a model's probability
    that the sentence shows the goal moved, ``coach.generation.goal_model``): for each goal,
    among the sentences closest to it in meaning, at least ``GOAL_SIMILARITY`` to it and not
    refused, the best-scored one, shown only when its score reaches ``threshold``."""
    if not alone or not alone[0]:
        return [None] * len(alone)
    nearest = _nearest(alone)
    out: list[int | None] = []
    for goal, (row, scored) in enumerate(zip(alone, scores, strict=True)):
        fit = [s for s in range(len(row)) if nearest[s] == goal and bonus[s] != REFUSED
               and (row[s] >= GOAL_SIMILARITY
                    or (row[s] >= SURE_SIMILARITY and scored[s] >= SURE_SCORE))]  # fmt: skip
        best = max(fit, key=lambda s: scored[s], default=None)
        out.append(best if best is not None and scored[best] >= threshold else None)
    return out
