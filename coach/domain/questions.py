"""Generic questions: ones a mentor could not use to learn anything about these two people.

Used twice: the agenda's checks refuse such a question from the model, and the evals count them.

A question is generic when it is a textbook list ("What are some of the key features of…?"), a
how-to or best-practice question anyone could be asked ("How can you build trust with…?"), an
opinion on a topic in general ("What do you think about…?"), about the pair in the third
person ("the junior mentor", "the senior leader"), a goal of the pair restated as a question,
an empty filler, or a question that asks no one present. Checked against labels someone else wrote
(``evals/datasets/generic_questions.jsonl``; agreement in ``docs/evals.md``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from coach.domain.wording import content_words, overlap

LISTICLE = re.compile(
    r"\b(what|which) (are|is|were) (some|the|a few)\b[^?]{0,60}?\b(features|challenges|benefits|"
    r"advantages|disadvantages|ways|strategies|examples|trends|topics|barriers|factors|"
    r"practices|tips|risks|issues|types|creators|skills|reasons|differences|key|main|common|"
    r"popular|effective|best)\b",
    re.I,
)
HOW_TO = re.compile(
    r"^\s*(how (can|could|should|do|does) (you|we|one|i|a|the)\b(?! (think|feel|see|know|"
    r"find|decide|choose|remember|usually|currently|actually|personally|judge))|what is the (most "
    r"effective|best|right) way|what (can|should) (you|we) do to)",
    re.I,
)
OPINION = re.compile(
    r"\b(what do you think (about|of)|what do you suspect (about|of|is)|your thoughts on|"
    r"how do you think|what do you think (the|younger|older|people))\b",
    re.I,
)
ABOUT_THE_PAIR = re.compile(
    r"\b(the (junior|senior)( employee| leader| mentor)?|the mentee|the mentor|the two people|"
    r"each of them|your mentee|your mentor|treat both as individuals)\b",
    re.I,
)
# A product or topic explained from scratch: the answer is the same whoever is asked.
EXPLAIN = re.compile(r"\b(walk me through|explain) (the|a|an) [^?]*\bas if\b", re.I)
FILLER = re.compile(r"\b(anything else|in general|technology today)\b", re.I)
# What turns a how-to or a list into a question about the person asked.
OWN = re.compile(
    r"\b(your own|you (have|had|did|tried|saw|noticed|felt|faced|face|might face|hesitate|"
    r"hesitated|want|wanted|learned|chose|decided|remember|were new)|"
    r"last (time|week|session|month)|this week|today|since|when i (ask|say|speak|send|chair)|"
    r"for you to|your manager)\b",
    re.I,
)
# Asks no one present: no "you", no "I" or "we", no name, and no action item to review.
SOMEONE = re.compile(r"\b(you|your|yours|we|us|our|i|me|my)\b|how did it go with", re.I)
GOAL_RESTATED = 0.6  # share of a goal's content words a short question repeats


def problems(question: str, goals: Iterable[str] = (), names: Iterable[str] = ()) -> list[str]:
    """Why ``question`` is generic; empty when it asks about the people in the room
    (``names``: the pair's first names, which count as someone present)."""
    found = []
    named = any(re.search(rf"\b{re.escape(n)}\b", question) for n in names if n)
    if not SOMEONE.search(question) and not named:
        found.append("asks no one present")
    own = bool(OWN.search(question))
    if LISTICLE.search(question) and not own:
        found.append("a textbook list")
    if HOW_TO.search(question) and not own:
        found.append("a how-to anyone could be asked")
    if OPINION.search(question) and not own:
        found.append("an opinion on a topic in general")
    if ABOUT_THE_PAIR.search(question):
        found.append("about the pair in the third person")
    if EXPLAIN.search(question):
        found.append("an explanation anyone could give")
    if FILLER.search(question):
        found.append("an empty filler")
    extra = len(content_words(question)) - 3
    for goal in goals:
        if overlap(goal, question) >= GOAL_RESTATED and extra <= len(content_words(goal)):
            found.append("a goal restated as a question")
            break
    return found


def is_generic(question: str, goals: Iterable[str] = (), names: Iterable[str] = ()) -> bool:
    """Whether ``question`` is generic (see the module's docstring)."""
    return bool(problems(question, goals, names))


def generic_rate(
    questions: list[str], goals: Iterable[str] = (), names: Iterable[str] = ()
) -> float | None:
    """Share of ``questions`` that are generic; None when there are none."""
    goals, names = list(goals), list(names)
    if not questions:
        return None
    return sum(is_generic(q, goals, names) for q in questions) / len(questions)
