"""An action the rules found, and whether the rest of the note takes it back ("so I'm off the
hook")."""

from __future__ import annotations

from dataclasses import dataclass

from coach.domain.action_phrases import WITHDRAWN, WITHDRAWN_LATER
from coach.domain.clauses import Clause
from coach.domain.pairs import Side


@dataclass(frozen=True)
class FoundAction:
    """An action clause with its owner and due date (or ``""``)."""

    clause: Clause
    text: str
    owner: str
    due: str


def withdrawn(action: FoundAction, author: str, reflection: str, texts: dict[int, str]) -> bool:
    """A partner's wish the author declines right after it ("I'm not sure I want that"), or
    the author's own action taken back in the rest of its sentence or the next one ("so I'm
    off the hook"); ``texts``: sentence number -> text."""
    sentence = action.clause.sentence
    if action.owner == Side(author).other.value:
        return WITHDRAWN.match(reflection[sentence.end :]) is not None
    after = reflection[action.clause.end : sentence.end] + " " + texts.get(sentence.number + 1, "")
    return action.owner == author and WITHDRAWN_LATER.search(after) is not None
