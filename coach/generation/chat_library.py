"""Chat answers from our library: a question that one of our written answers fits gets that
answer (what to say, why it works, one next step), with the guide section it rests on; any
other question goes to the retrieval answer (``ChatAnswerer``).

A 1.5B model answering from four retrieved passages wrote advice nobody would use (blind
review 1.7 of 5, docs/evals.md). Matching is by meaning: the question against every way of
asking it that an answer lists (``AnswerPattern.asks``), MiniLM cosine. Below
``MATCH_SIMILARITY`` no answer is close enough, and the model answers as before.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from coach.domain.knowledge import Passage
from coach.domain.library import AnswerPattern, Library
from coach.generation.chat import ChatAnswerer, ChatEvent
from coach.generation.library_cite import closest_cited

MATCH_SIMILARITY = 0.6  # question against an answer's closest way of asking it; docs/evals.md
PROMPT_ID = "library_answer"  # in the stats, where a model answer names its prompt


def answer_text(answer: AnswerPattern, cited: bool) -> str:
    """What the chat shows: the line to say, why it works (citing the guide), the next step."""
    why = f"{answer.why.rstrip()}{' [1]' if cited else ''}"
    say = answer.say.strip()
    return f'**Try saying:** "{say}"\n\n**Why:** {why}\n\n**Next:** {answer.next_step.strip()}'


class LibraryChatAnswerer:
    """Answers from the library when an answer fits the question, else by retrieval."""

    def __init__(
        self,
        library: Callable[[], Library],
        embed: Callable[[list[str]], np.ndarray],
        fetch: Callable[[list[str]], list[Passage]],
        fallback: ChatAnswerer,
        threshold: float = MATCH_SIMILARITY,
    ) -> None:
        self.library = library
        self.embed = embed
        self.fetch = fetch
        self.fallback = fallback
        self.threshold = threshold
        self._asks: tuple[list[AnswerPattern], np.ndarray] | None = None

    def prime(self) -> None:
        """Have the retrieval answer's prompt cached by the model server (``ChatAnswerer``)."""
        self.fallback.prime()

    def _index(self) -> tuple[list[AnswerPattern], np.ndarray]:
        if self._asks is None:
            owners = [a for a in self.library().answers for _ in a.asks]
            texts = [ask for a in self.library().answers for ask in a.asks]
            self._asks = owners, (self.embed(texts) if texts else np.zeros((0, 1)))
        return self._asks

    def match(self, question: str) -> tuple[AnswerPattern, float] | None:
        """The answer whose way of asking is closest to ``question``, if close enough."""
        owners, vectors = self._index()
        if not owners:
            return None
        scores = vectors @ self.embed([question])[0]
        best = int(np.argmax(scores))
        score = float(scores[best])
        return (owners[best], score) if score >= self.threshold else None

    def stream(self, question: str) -> Iterator[ChatEvent]:
        """Our answer as one ``delta`` and ``done``, or the retrieval answer's events."""
        began = time.monotonic()
        found = self.match(question)
        if found is None:
            yield from self.fallback.stream(question)
            return
        answer, score = found
        sources = closest_cited(answer.cites, f"{answer.why} {answer.say}", self.fetch,
                                self.embed)  # fmt: skip
        text = answer_text(answer, bool(sources))
        seconds = round(time.monotonic() - began, 3)
        stats: dict[str, Any] = {
            "prompt_id": PROMPT_ID, "answer_id": answer.id, "match": round(score, 3),
            "seconds": seconds, "first_token_seconds": seconds,
            "prompt_tokens": 0, "completion_tokens": 0, "fixes": "",
        }  # fmt: skip
        yield ChatEvent("delta", text=text)
        yield ChatEvent("done", text=text, sources=sources, cited=[1] if sources else [],
                        stats=stats)  # fmt: skip
