"""One short model-written label for a group of summaries shared with the program.

The model sees only the group's texts (summaries their authors shared with the program) and
answers with two to four words. A reply that is empty, too long, repeats itself, names a person
or uses letters outside the Latin script is replaced by the keyword label, so a theme is always
named. Labels are cached by the group's texts: the lead's tab asks again on every load.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from coach.domain.degenerate import foreign_letters
from coach.domain.themes import MAX_LABEL_WORDS, KeywordLabeler
from coach.generation.prompts import Prompt

log = logging.getLogger(__name__)
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
MAX_TEXTS = 8  # summaries shown to the model per group
MAX_CHARS = 400  # of each summary
_CACHE: dict[str, str] = {}


def usable_label(reply: str, names: set[str]) -> str | None:
    """The reply as a label (its first line, quotes and a "Label:" prefix dropped, lower case),
    or None when it is not 1-``MAX_LABEL_WORDS`` plain words free of names."""
    line = (reply or "").strip().splitlines()[0] if (reply or "").strip() else ""
    line = re.sub(r"^(the )?(label|theme)\s*:\s*", "", line.strip(), flags=re.I)
    line = line.strip(" \"'`*.:;,-").lower()
    words = line.split()
    if not 1 <= len(words) <= MAX_LABEL_WORDS or foreign_letters(line):
        return None
    if any(not WORD.fullmatch(w.strip(",")) for w in words) or len(set(words)) < len(words):
        return None
    folded = {n.lower() for name in names for n in WORD.findall(name)}
    if any(w.strip(",").removesuffix("'s") in folded for w in words):
        return None
    return line


class ModelLabeler:
    """A ``Labeler`` that asks the chat model, falling back to ``KeywordLabeler``."""

    def __init__(
        self,
        model: BaseChatModel,
        prompt: Prompt,
        exclude: Iterable[str] = (),
        turn: Callable[[], AbstractContextManager] = nullcontext,
    ) -> None:
        self.model = model
        self.prompt = prompt
        self.turn = turn  # held while the model writes (a person is waiting: background yields)
        self.names = set(exclude)
        self.keywords = KeywordLabeler(self.names)

    def label(self, group: Sequence[str], rest: Sequence[str]) -> str:
        key = hashlib.sha256("\x00".join(sorted(group)).encode()).hexdigest()
        if key in _CACHE:
            return _CACHE[key]
        texts = "\n".join(f"- {' '.join(t.split())[:MAX_CHARS]}" for t in group[:MAX_TEXTS])
        system, user = self.prompt.render(summaries=texts)
        try:
            with self.turn():
                reply = self.model.invoke([SystemMessage(system), HumanMessage(user)]).content
        except Exception as error:  # the model is down or slow: the keyword label still names it
            log.warning("theme label: the model failed (%s); keyword label used", error)
            return self.keywords.label(group, rest)
        label = usable_label(reply if isinstance(reply, str) else "", self.names)
        if label is None:
            log.info("theme label: the model's reply was unusable; keyword label used")
            label = self.keywords.label(group, rest)
        _CACHE[key] = label
        return label
