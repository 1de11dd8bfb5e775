"""What completes an action after its own clause: the clause after it in its sentence that
gives its deadline ("…, so I'll do that by Friday"), a later clause of the same person's that
only points back at it ("…, and he'll have that for next session", h184), or a short line after
it that names only its owner ("Me." / "Me, this week.", h204) or only its deadline ("Before
Christmas.", h207)."""

from __future__ import annotations

import re

from coach.domain.clauses import Clause
from coach.domain.due_dates import DUE, due_of, without_due
from coach.domain.found_action import FoundAction

# The clause after an action that gives its deadline: "…, so her team knows them, by next
# wednesday" (h043), "…; she reckons she can do that over the next two weeks" (h057), "…, he
# said by end of January" (h206).
# … and when the writer wants it: "…; I'd like them before the Senate paper)" (h192), not
# "I'd like it back by Friday" (when it returns).
LATER_DUE = re.compile(
    r"^\W*(?:so|so that|(?:he|she|they) said)\b|\b(?:do|finish|have) (?:that|it|this)\b"
    r"|\bI(?:['’]d| would) (?:like|need|want) (?:that|it|this|them)\b(?!\s+back\b)",
    re.I,
)
# A task that only points back at the one before it: "he'll have that", "I'll do it".
BACK_TASK = re.compile(
    r"^\W*(?:(?:I|he|she|they|we)(?:['’]ll| will| is going to| are going to| am going to)\s+)?"
    r"(?:have|do|get|send|bring|sort)\s+(?:that|it|this|them)(?:\s+(?:done|over|back|ready))?"
    r"[\s.,;!]*$", re.I)  # fmt: skip
# What a line that gives only a deadline may hold besides it: a word pointing back at the task
# ("First one by 15 January.", h191; "Answer by the end of January.", h192) and a hedge.
DUE_ONLY_REST = re.compile(
    r"^\W*(?:(?:hopefully|ideally|latest|at the latest|please|pls|promise|promised)\W*)*$", re.I
)  # … and "first week of January, promise" (h203)
# … and, on the line after an action, a word pointing back at it: "First one by 15 January."
# (h191), "Answer by the end of January." (h192). In a list line of its own, "- Me: reply by
# 10 January." is a task.
POINTER = re.compile(r"^\W*(?:the\s+)?(?:first(?:\s+one)?|answer|reply|results?|draft|done)\b",
                     re.I)  # fmt: skip


def with_later_due(
    action: FoundAction, pieces: list[Clause], reflection: str, new_action: re.Pattern[str]
) -> FoundAction:
    """``action`` with the deadline of the clause after it in its sentence, when it has none of
    its own and that clause only completes it (a purpose, or "do that by …"), not when that
    clause starts an action of its own (``new_action``)."""
    after = [p for p in pieces if p.sentence == action.clause.sentence
             and p.start >= action.clause.end]  # fmt: skip
    if action.due or not after:
        return action
    nxt = after[0]
    joined = reflection[action.clause.end : nxt.end]
    due = DUE.search(nxt.text)
    if due is None or not LATER_DUE.search(joined) or new_action.match(nxt.text):
        return action
    return FoundAction(action.clause, action.text, action.owner, due.group(0).rstrip(" .,;!"))


def points_back(action: FoundAction, clause: Clause, task: str, owner: str) -> bool:
    """Whether ``clause`` (its task without its deadline: ``task``) is ``owner``'s ``action``
    said again in the same sentence: "he's going to pull the chat volume …, and he'll have that
    for next session" (h184)."""
    return (BACK_TASK.match(task) is not None and action.owner == owner
            and action.clause.sentence.start == clause.sentence.start)  # fmt: skip


def due_alone(text: str, after_action: bool = False) -> str:
    """The deadline a line states when it states nothing else ("By 10 January."), or ``""``;
    ``after_action``: the line follows an action, and may point back at it ("First one by …")."""
    due = due_of(text)
    rest = without_due(text, due)
    if after_action and (pointer := POINTER.match(rest)):
        rest = rest[pointer.end() :]
    if not due or not DUE_ONLY_REST.match(rest):
        return ""
    return due


def _last_sentence(action: FoundAction) -> int:
    """The number of the sentence ``action``'s clause ends in: a request and the "I said yes"
    that accepts it are one clause over two sentences (h191)."""
    if action.clause.end <= action.clause.sentence.end:
        return action.clause.sentence.number
    return action.clause.sentence.number + 1


def completed(action: FoundAction, clause: Clause, owner: str, due: str) -> FoundAction | None:
    """``action`` given the owner or deadline that ``clause``, the sentence right after its
    own, names alone; None when ``clause`` is not that sentence or adds nothing."""
    if clause.sentence.number != _last_sentence(action) + 1:
        return None
    if due and action.due and not owner:
        return None
    return FoundAction(action.clause, action.text, owner or action.owner, action.due or due)
