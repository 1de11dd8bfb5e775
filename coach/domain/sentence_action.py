"""A whole sentence as one action, when a model judged it one and no rule found any in it.

The rules' refusals still apply (a hedge, a condition, a promise already kept, irony, ground
rules, a future with nobody doing it), and the owner is read as the rules read a clause's
subject; a sentence whose owner cannot be named is no action.
"""

from __future__ import annotations

import re

from coach.domain.action_phrases import HEADING, HEDGE, JOKE, MAY, NOT_COMMITMENT, SENTENCE_HEDGE
from coach.domain.action_wording import action_wording
from coach.domain.clauses import BULLET_MARKS, Clause
from coach.domain.due_dates import due_of
from coach.domain.found_action import FoundAction
from coach.domain.irony import SARCASM
from coach.domain.pair_profile import PairProfile
from coach.domain.summary_actions import LEADING_DUE, clause_owner
from coach.domain.wording import Sentence

# Done already: "I had already written to …", "Did my homework: …", "as promised".
DONE = re.compile(r"\b(?:already|had|did|promised)\b", re.I)
# Nobody's action: "lunch duties will be paid from September".
NO_AGENT = re.compile(r"\bwill be \w+(?:ed|en|id|ne)\b(?! by)", re.I)
# What people in general will do, in someone's words: "Marta said nobody over 40 will tell me
# a plan is bad in a Slack thread" (h198) is a lesson, not a task.
ANYONE = re.compile(r"\b(?:nobody|no one|everyone|everybody|people|they)\b[^.;,]{0,30}?"
                    r"\b(?:will|won't|'ll|would)\b", re.I)  # fmt: skip
REFUSED = (HEDGE, MAY, SENTENCE_HEDGE, NOT_COMMITMENT, JOKE, DONE, SARCASM, NO_AGENT, ANYONE)


def unheaded(text: str) -> str:
    """``text`` without its list mark and any heading before it ("- Actions: Ivan to …")."""
    return HEADING.sub("", text.strip(" \n\t" + BULLET_MARKS))


def sentence_action(
    sentence: Sentence, reflection: str, profile: PairProfile, author: str
) -> FoundAction | None:
    """``sentence`` (of ``reflection``) as one action, or None."""
    text = LEADING_DUE.sub("", unheaded(sentence.text))
    if not text or any(p.search(text) for p in REFUSED):
        return None
    owner = clause_owner(text, reflection, profile, author)
    if owner == "unknown":
        return None
    begin = reflection.find(text, sentence.start)
    due = due_of(text)
    return FoundAction(Clause(begin, begin + len(text), text, sentence),
                       action_wording(text, due), owner, due)  # fmt: skip
