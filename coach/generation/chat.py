"""The mentor chat: retrieve → pack to a budget → prompt → stream the model's answer."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from coach.domain.degenerate import SentenceGuard
from coach.domain.knowledge import Passage
from coach.generation.context import pack_passages
from coach.generation.prompts import Prompt

Search = Callable[[str, int], list[Passage]]


@dataclass
class ChatEvent:
    """One step of a streamed answer: a text ``delta``, a ``wait`` while the model reads the
    prompt (nothing to show; a reader may stop there), or the final ``done`` with its sources."""

    kind: str
    text: str = ""
    sources: list[Passage] = field(default_factory=list)
    cited: list[int] = field(default_factory=list)
    stats: dict[str, float | int | str] = field(default_factory=dict)
    artifact: Any = None


def cited_numbers(answer: str, available: int) -> list[int]:
    """The passage numbers the answer cites, in order of first use, within range."""
    seen: list[int] = []
    for match in re.findall(r"\[(\d+)\]", answer):
        number = int(match)
        if 1 <= number <= available and number not in seen:
            seen.append(number)
    return seen


MAX_WORDS = 180  # the guard ends the answer at its last whole sentence within this


class ChatAnswerer:
    """Answers a question from retrieved passages, streaming the model's words."""

    def __init__(
        self,
        search: Search,
        model: Callable[[], BaseChatModel],
        prompt: Prompt,
        k: int = 4,
        budget: int = 900,
        per_passage: int | None = None,
    ) -> None:
        self.search = search
        self.model = model
        self.prompt = prompt
        self.k = k
        self.budget = budget
        self.per_passage = per_passage

    def prime(self) -> None:
        """Have the model read the fixed system prompt once, so its server has it cached
        before the first question (a local server keeps the prefix; hosted ones may ignore it).
        """
        system, _ = self.prompt.render(passages="", question="")
        self.model().invoke([SystemMessage(system), HumanMessage("Reply OK.")], max_tokens=1)

    def stream(self, question: str, audience: str = "mentor") -> Iterator[ChatEvent]:
        """Yield ``delta`` events as the model writes, then one ``done`` event; ``audience``
        (who asks) is only noted in its stats."""
        began = time.monotonic()
        passages = self.search(question, self.k)
        context, used = pack_passages(passages, self.budget, self.per_passage, question)
        if not used:
            context = "(no passages found)"
        system, user = self.prompt.render(passages=context, question=question)
        messages = [SystemMessage(system), HumanMessage(user)]
        guard = SentenceGuard(instructions=system, max_words=MAX_WORDS)
        first_token = None
        usage: dict = {}
        for chunk in self.model().stream(messages):
            text = chunk.content if isinstance(chunk.content, str) else ""
            usage = getattr(chunk, "usage_metadata", None) or usage
            if text and first_token is None:  # the first word, not an empty role chunk
                first_token = time.monotonic() - began
            elif not text and first_token is None:  # still reading the prompt: a place to stop
                yield ChatEvent("wait")
            for sentence in guard.feed(text):  # shown only once it has passed the guard
                yield ChatEvent("delta", text=sentence)
            if guard.stopped:  # a loop or the word cap: stop reading the model
                break
        for sentence in guard.finish():
            yield ChatEvent("delta", text=sentence)
        answer = guard.text
        stats = {
            "prompt_id": self.prompt.id,
            "prompt_version": self.prompt.version,
            "audience": audience,
            "seconds": round(time.monotonic() - began, 2),
            "first_token_seconds": round(first_token or 0.0, 2),
            "prompt_tokens": int(usage.get("input_tokens", 0)),
            "completion_tokens": int(usage.get("output_tokens", 0)),
            "fixes": "; ".join(guard.fixes),
        }
        yield ChatEvent(
            "done", text=answer, sources=used, cited=cited_numbers(answer, len(used)), stats=stats
        )
