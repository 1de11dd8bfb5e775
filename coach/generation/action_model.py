"""Which sentences of a reflection state an action, scored by a model trained on the gold.

The action rules (``coach.domain.summary_actions``) read the wordings they were written from;
each batch of unseen reflections brought wordings they missed, and some they misread. This
model reads every sentence's MiniLM vector and a few plain signs (a future or a plan word, a
deadline, a list line, a line that names its owner first, the writer's "I", the length), and
gives the probability that the sentence holds an action a reader labelled. The summary uses it
two ways:
- a sentence the rules found no action in is added when it scores at least ``add``, its owner
  and deadline read by the rules (``sentence_action``);
- an action the rules found is dropped when it scores under ``veto`` both in its sentence and
  alone, unless the writer states it in so many words ("I need to", "leave it with me").

The model is a file (``library/action-model.json``) trained by ``coach library train-actions``
from the development reflections' labelled actions; the product only reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from coach.domain.action_phrases import ASKED_OF_ME, LABEL, OWNER_LINE
from coach.domain.clauses import BULLET_MARKS
from coach.domain.due_dates import due_of
from coach.domain.found_action import FoundAction
from coach.domain.pair_owners import pair_names
from coach.domain.pair_profile import PairProfile
from coach.domain.sentence_action import sentence_action, unheaded
from coach.domain.wording import Sentence, overlap
from coach.generation.logistic import Scores, read_model, write_model
from coach.generation.meaning import Meaning

SCALARS = ("plan", "due", "list_line", "owned", "writer", "length")
SCALE = 3.0  # the scalars weigh like the vector's larger entries under the same L2 penalty
MAX_LENGTH = 40
MIN_WORDS = 4  # an added sentence shorter than this is a fragment ("Will send.")
PLAN = re.compile(r"\b(will|'ll|’ll|shall|going to|gonna|to do|agreed|promised|next step|"
                  r"homework|action|owner|mine|on me)\b", re.I)  # fmt: skip
WRITER = re.compile(r"\b(i|i'll|i'm|i've|i'd|me|my)\b", re.I)
# A commitment the writer states in so many words is the rules' to keep (summary-16: "I need
# to apologise to him properly", "I've volunteered to reply …" were dropped by the model). "He
# said he'd …" is not among them: on first readings keeping it kept hedges the model dropped.
# An offer answered yes in so many words is one too ("… and I said yes please", h172; "Yes
# please", h099).
STATED = re.compile(
    r"\b(?:I need to|I've volunteered to|I volunteered to|leave it with me|yes,? please|"
    r"please,? yes|I said yes)\b",
    re.I,
)
# An offer or a request taken up: "Kenji offered to organise …, and I accepted gladly" (h188),
# "She's offered to brief whoever takes on the second show. Yes." (h186).
PUT_TO_ME = re.compile(rf"\boffered to\b|{ASKED_OF_ME}\b", re.I)
TAKEN_UP = re.compile(r"\b(?:I accepted|accepted (?:it )?(?:gladly|happily)|I said yes)\b|"
                      r"^\W*(?:yes|yes,? please|gladly)\W*$", re.I)  # fmt: skip
NAME_TO = re.compile(r"^(?:me|we|both|[A-Z][a-z]+)(?:'s \w+)? to [a-z]")  # "Ivan to find out …"


def owned(text: str) -> bool:
    """Whether ``text`` is a line that names its owner first ("Me: write up …", "Owner: Janet.
    …", "Ivan to find out …", "My task: …"), after any heading ("Actions: …")."""
    return any(p.match(unheaded(text)) for p in (LABEL, OWNER_LINE, NAME_TO))


@dataclass(frozen=True)
class ActionModel(Scores):
    """A logistic model over a sentence's feature row (``action_features``)."""

    weights: np.ndarray
    bias: float
    add: float  # the score from which a sentence the rules passed over is an action
    veto: float  # the score under which an action the rules found is dropped
    about: dict[str, Any]  # how it was trained: embedder, labels, command

    def save(self, path: Path) -> None:
        """Write the model as JSON (weights rounded to 6 decimals)."""
        write_model(path, self.weights, self.bias, self.about, SCALARS, add=self.add,
                    veto=self.veto)  # fmt: skip

    @classmethod
    def load(cls, path: Path) -> ActionModel:
        """The model in ``path``; ValueError when it is not one."""
        data, weights = read_model(path, SCALARS)
        return cls(weights=weights, bias=float(data["bias"]), add=float(data["add"]),
                   veto=float(data["veto"]), about=data.get("about", {}))  # fmt: skip


def action_features(texts: list[str], vectors: np.ndarray) -> np.ndarray:
    """One feature row per sentence: the plain signs (``SCALARS``, scaled), then its vector."""
    signs = [
        [bool(PLAN.search(t)), bool(due_of(t)), t.lstrip()[:1] in BULLET_MARKS, owned(t),
         bool(WRITER.search(t)), min(len(t.split()), MAX_LENGTH) / MAX_LENGTH]
        for t in texts
    ]  # fmt: skip
    return np.hstack([SCALE * np.asarray(signs, dtype=np.float64).reshape(len(texts), -1),
                      vectors])  # fmt: skip


def repeats(text: str, other: str) -> bool:
    """Whether an added action only says again what an action already found says ("Will
    send.", "I'll do the blurb" after the request the rules read): under four words, or half its
    content words in ``other``."""
    return len(text.split()) < MIN_WORDS or overlap(text, other) >= 0.5


def taken_up(action: FoundAction, texts: dict[int, str]) -> bool:
    """An offer or a request (``PUT_TO_ME``) the writer's sentence, or the one after it, says
    was taken up (``TAKEN_UP``); ``texts``: sentence number -> text."""
    sentence = action.clause.sentence
    put = PUT_TO_ME.search(sentence.text)
    if put is None:
        return False
    after = (sentence.text[put.end() :], texts.get(sentence.number + 1, ""))
    return any(TAKEN_UP.search(text) for text in after)


# A task table's row whose first cell is who does it: "| Noah | Pick two stories a week | - |"
ROW_OWNER = re.compile(r"^\|\s*(?P<who>[^|]{1,30}?)\s*\|")
OWNER_CELLS = frozenset({"me", "i", "both", "us", "we", "both of us"})


def owner_row(text: str, profile: PairProfile) -> bool:
    """Whether ``text`` is a table row whose first cell names one of the pair, or both."""
    cell = ROW_OWNER.match(text)
    who = cell.group("who").strip(" *").lower() if cell else ""
    return bool(who) and (who in OWNER_CELLS or who in pair_names(profile))


def with_model(
    actions: list[FoundAction], found: list[Sentence], reflection: str, profile: PairProfile,
    author: str, model: ActionModel, meaning: Meaning, private: set[int],
) -> list[FoundAction]:  # fmt: skip
    """``actions`` (the rules') read with the model: those it scores under ``veto`` both in
    their sentence and alone dropped, unless stated in so many words (``STATED``, or a table row
    whose first cell names its owner, ``owner_row``); a sentence with none that scores at least
    ``add`` added (not a question, not a private sentence, ``private`` being their starts) when
    ``sentence_action`` takes it and it does not repeat a found action. In text order."""
    if not found:
        return actions
    rows = action_features([s.text for s in found], meaning([s.text for s in found]))
    if not model.reads(rows):
        return actions
    score = dict(zip((s.number for s in found), model.scores(rows), strict=True))
    held = {a.clause.sentence.number for a in actions}
    if actions:  # read in its sentence and alone: a list line's sentence may hold several
        said = [a.clause.text for a in actions]
        alone = model.scores(action_features(said, meaning(said)))
        texts = {s.number: s.text for s in found}
        actions = [a for a, p in zip(actions, alone, strict=True)
                   if max(p, score.get(a.clause.sentence.number, 1.0)) >= model.veto
                   or STATED.search(a.clause.sentence.text) or taken_up(a, texts)
                   or owner_row(a.clause.sentence.text, profile)]  # fmt: skip
    kept = list(actions)
    for sentence in found:
        asked = sentence.text.rstrip(" \"'”").endswith("?")
        if score[sentence.number] < model.add or sentence.number in held or asked:
            continue
        if sentence.start in private:
            continue
        added = sentence_action(sentence, reflection, profile, author)
        if added is not None and not any(repeats(added.text, a.text) for a in kept):
            kept.append(added)
    return sorted(kept, key=lambda a: a.clause.start)
