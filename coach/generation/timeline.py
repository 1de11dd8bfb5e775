"""The "how my thinking has changed" paragraph of a learning timeline.

The model sees only the author's own learned points, session by session, and writes two to
four first-person sentences, one a line, each starting with its session tag (``[S3]`` or
``[S1,S3]``). Code checks every sentence (``coach.domain.timeline.checked``): a sentence that
cites a session without notes, adds a name, number or date, or is degenerate is dropped. When
the model fails or nothing usable is left, code writes one sentence per session instead.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from coach.domain.timeline import (
    Paragraph,
    TimelineEntry,
    TimelineSentence,
    checked,
    rule_sentences,
    source_text,
)
from coach.generation.prompts import Prompt

log = logging.getLogger(__name__)
MAX_SOURCE_CHARS = 1_600  # of notes shown to the model: the newest sessions are kept
TAG = re.compile(r"[\[(]\s*(?:S|Session\s*)(\d+(?:\s*(?:,|and|&)\s*(?:S|Session\s*)?\d+)*)\s*[\])]")


def parse(reply: str) -> list[TimelineSentence]:
    """Each tagged line of the reply as a sentence with its session numbers; the tag may
    open or close the line. Untagged lines get no sessions (and fail the check)."""
    out = []
    for raw in (reply or "").splitlines():
        line = raw.strip().lstrip("-*• ").strip()
        if not line:
            continue
        tags = list(TAG.finditer(line))
        numbers = tuple(
            dict.fromkeys(int(n) for tag in tags for n in re.findall(r"\d+", tag.group(1)))
        )
        text = " ".join(TAG.sub(" ", line).split()).lstrip(":-– ").strip()
        if text:
            out.append(TimelineSentence(text, numbers))
    return out


def notes_for(entries: Sequence[TimelineEntry]) -> str:
    """The learned points the model sees, newest sessions kept when they are too long."""
    lines = source_text(entries).splitlines()
    while len(lines) > 1 and len("\n".join(lines)) > MAX_SOURCE_CHARS:
        lines.pop(0)
    return "\n".join(lines)[-MAX_SOURCE_CHARS:]


class ParagraphWriter:
    """Writes the paragraph with the chat model, checked sentence by sentence."""

    def __init__(
        self,
        model: Callable[[], BaseChatModel],
        prompt: Prompt,
        model_name: Callable[[], str] = lambda: "",
        turn: Callable[[], AbstractContextManager] = nullcontext,
    ) -> None:
        self.model = model
        self.prompt = prompt
        self.model_name = model_name
        self.turn = turn  # held while the model writes: a person is waiting

    def write(self, entries: Sequence[TimelineEntry]) -> Paragraph:
        """The paragraph for ``entries`` (those with learned points); never raises for the
        model's sake."""
        usable = [e for e in entries if e.learned]
        if not usable:
            return Paragraph((), fallback=True, notes=("no approved summary to draw on",))
        system, user = self.prompt.render(sessions=notes_for(usable))
        meta = {"prompt_id": self.prompt.id, "prompt_version": self.prompt.version}
        try:
            with self.turn():
                reply = self.model().invoke([SystemMessage(system), HumanMessage(user)]).content
        except Exception as error:  # the model is down or slow: code writes the sentences
            log.warning("learning timeline: the model failed (%s); rule sentences used", error)
            notes = (f"the model was unavailable ({type(error).__name__})",)
            return Paragraph(tuple(rule_sentences(usable)), True, notes=notes, **meta)
        kept, notes = checked(parse(reply if isinstance(reply, str) else ""), usable, system)
        if not kept:
            notes.append("no sentence of the model's passed the checks")
            return Paragraph(tuple(rule_sentences(usable)), True, notes=tuple(notes), **meta)
        return Paragraph(tuple(kept), False, self.model_name(), notes=tuple(notes), **meta)
