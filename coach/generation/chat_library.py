"""Chat answers from our library: a question that one of our written answers fits gets that
answer (what to say, why it works, one next step), with the guide section it rests on; any
other question goes to the retrieval answer (``ChatAnswerer``).

A 1.5B model answering from four retrieved passages wrote advice nobody would use (blind
review 1.7 of 5, docs/evals.md). Matching, among the answers written for the asker's role:
the question's MiniLM cosine with the closest way of asking an answer lists
(``AnswerPattern.asks``), plus ``WORD_WEIGHT`` times the share of the question's rarer words
(idf-weighted) that the answer's ways of asking and topics use. Meaning alone matched "my VP
checks his phone" to an answer about interruptions; the shared word "phone" sets it right.
Below ``MATCH_SCORE`` no answer is close enough, and the model answers as before. An answer
written for later sessions ("Since we last met…") never answers a question about a first
session or meeting (``fits_phase``), and a question about what the guides say goes to the
guides (``about_the_guides``).
"""

from __future__ import annotations

import math
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from coach.domain.knowledge import Passage
from coach.domain.library import AnswerPattern, Library
from coach.domain.wording import content_words
from coach.generation.chat import ChatAnswerer, ChatEvent
from coach.generation.library_cite import closest_cited

MATCH_SCORE = 0.55  # cosine plus weighted shared words, at least; docs/evals.md
WORD_WEIGHT = 0.5
MIN_MEANING = 0.3  # cosine an answer needs before shared words count: one word is no match
PROMPT_ID = "library_answer"  # in the stats, where a model answer names its prompt
FIRST_MEETING = re.compile(r"\bfirst (session|meeting|time we meet|catch-up|one-to-one)\b", re.I)
LATER_ONLY = re.compile(r"\b(since we last met|last time|since last time)\b", re.I)


ABOUT_GUIDES = re.compile(
    r"\b(guides?|guidance|handbook|documentation|docs)\b.{0,40}\b(say|says|said|cover|covers)\b|"
    r"\b(what|summari[sz]e)\b.{0,30}\b(the|our) (guides?|guidance|handbook|docs)\b",
    re.I,
)


def about_the_guides(question: str) -> bool:
    """Whether the question asks what our guides say: retrieval answers that, with its sources,
    not a written answer to a situation ("summarise what the guides say about confidentiality"
    matched the answer about a disclosure of harassment)."""
    return bool(ABOUT_GUIDES.search(question))


def fits_phase(answer: AnswerPattern, question: str) -> bool:
    """False for an answer that presumes an earlier session, asked about the first one."""
    later = "middle_sessions" in answer.topics or LATER_ONLY.search(answer.say)
    return not (FIRST_MEETING.search(question) and later)


# Words people type around a question that say nothing of its situation.
_FILLER = """actually honestly really just i'm i've i'd she's he's it's that's rather say saying
now nicely ask asked asking get got thing things want wants know way good bit lot kind sort
quite pretty super even also still ever she' he' like told feel"""
FILLER = frozenset(_FILLER.split())


def stems(text: str) -> set[str]:
    """Content words but fillers, with a plain English ending cut when four letters stay, so
    "cancelled" meets "cancellations"."""
    words = content_words(text) - FILLER
    return {re.sub(r"(?<=\w{4})(ations|ation|ing|ed|es|s)$", "", w) for w in words}


@dataclass(frozen=True)
class AnswerIndex:
    """The library's answers, ready to match: each way of asking embedded, each answer's words."""

    answers: list[AnswerPattern]
    owners: np.ndarray  # for each row of ``vectors``, the index of its answer
    vectors: np.ndarray
    words: list[set[str]]
    idf: dict[str, float]

    @classmethod
    def of(cls, answers: list[AnswerPattern], embed: Callable[[list[str]], np.ndarray]):
        owners = [i for i, a in enumerate(answers) for _ in a.asks]
        vectors = embed([ask for a in answers for ask in a.asks])
        words = [stems(" ".join([*a.asks, *a.topics]).replace("_", " ")) for a in answers]
        counts = Counter(w for ws in words for w in ws)
        idf = {w: math.log(len(answers) / n) for w, n in counts.items()}
        return cls(answers, np.array(owners), vectors, words, idf)

    def scores(self, vector: np.ndarray, question: str) -> np.ndarray:
        """Each answer's match score for the question (its vector and its text)."""
        best = np.full(len(self.answers), -1.0)
        np.maximum.at(best, self.owners, self.vectors @ vector)
        asked = stems(question)
        total = sum(self.idf.get(w, 0.0) for w in asked) or 1.0
        shared = [sum(self.idf.get(w, 0.0) for w in asked & ws) / total for ws in self.words]
        return np.where(best >= MIN_MEANING, best + WORD_WEIGHT * np.array(shared), best)


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
        threshold: float = MATCH_SCORE,
    ) -> None:
        self.library = library
        self.embed = embed
        self.fetch = fetch
        self.fallback = fallback
        self.threshold = threshold
        self._index: AnswerIndex | None = None

    def prime(self) -> None:
        """Have the retrieval answer's prompt cached by the model server (``ChatAnswerer``)."""
        self.fallback.prime()

    def match(self, question: str, audience: str = "mentor") -> tuple[AnswerPattern, float] | None:
        """The answer for ``audience`` that best matches ``question``, if close enough."""
        if self._index is None:
            self._index = AnswerIndex.of(self.library().answers, self.embed)
        index = self._index
        if not index.answers or about_the_guides(question):
            return None
        scores = index.scores(self.embed([question])[0], question)
        scores[[audience not in a.audience or not fits_phase(a, question)
                for a in index.answers]] = -np.inf  # fmt: skip
        best = int(np.argmax(scores))
        score = float(scores[best])
        return (index.answers[best], score) if score >= self.threshold else None

    def stream(self, question: str, audience: str = "mentor") -> Iterator[ChatEvent]:
        """Our answer as one ``delta`` and ``done``, or the retrieval answer's events;
        ``audience`` is who asks (mentor, mentee or lead)."""
        began = time.monotonic()
        found = self.match(question, audience)
        if found is None:
            yield from self.fallback.stream(question, audience)
            return
        answer, score = found
        sources = closest_cited(answer.cites, f"{answer.why} {answer.say}", self.fetch,
                                self.embed)  # fmt: skip
        text = answer_text(answer, bool(sources))
        seconds = round(time.monotonic() - began, 3)
        stats: dict[str, Any] = {
            "prompt_id": PROMPT_ID, "answer_id": answer.id, "match": round(score, 3),
            "audience": audience,
            "seconds": seconds, "first_token_seconds": seconds,
            "prompt_tokens": 0, "completion_tokens": 0, "fixes": "",
        }  # fmt: skip
        yield ChatEvent("delta", text=text)
        yield ChatEvent("done", text=text, sources=sources, cited=[1] if sources else [],
                        stats=stats)  # fmt: skip
