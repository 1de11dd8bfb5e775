"""Degenerate model output, caught before a user sees it: loops, echoed instructions,
placeholders and characters outside the user's script.

``SentenceGuard`` reads a streamed answer and releases it one whole sentence at a time, only
once the sentence passes; on a loop it tells the caller to stop reading the model, so no loop
can run on to the token cap. ``problems`` checks a finished text the same way.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from coach.domain.wording import content_words, jaccard, words

REPEAT = 0.8  # a sentence this similar (Jaccard of content words) to an earlier one is a loop
ECHO_RUN = 6  # this many words in a row from the instructions is an echo
PLACEHOLDER = re.compile(
    r"\{\{?\s*[a-z_]+\s*\}?\}|<(goal|name|topic|pair|mentor|mentee)[^>]*>|\[insert[^\]]*\]", re.I
)
# The scripts a Latin-script user can read; others (a small model drifting into Chinese,
# say) are dropped. Letters only: digits, punctuation and symbols are always fine.
LATIN = ("LATIN",)
SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n{2,}")


def foreign_letters(text: str, scripts: tuple[str, ...] = LATIN) -> str:
    """The letters in ``text`` outside ``scripts`` (by their Unicode names)."""
    return "".join(
        ch for ch in text if ch.isalpha() and not unicodedata.name(ch, "").startswith(scripts)
    )


def _runs(text: str, n: int) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i : i + n]) for i in range(len(found) - n + 1)}


def echoes(text: str, instructions: str, n: int = ECHO_RUN) -> bool:
    """Whether ``text`` repeats a run of ``n`` words from the instructions it was given."""
    return bool(instructions) and bool(_runs(text, n) & _runs(instructions, n))


def repeats(text: str, earlier: list[str], min_words: int = 3) -> bool:
    """Whether ``text`` says again what an earlier sentence said (short ones never count)."""
    if len(content_words(text)) < min_words:
        return False
    return any(
        len(content_words(before)) >= min_words and jaccard(text, before) >= REPEAT
        for before in earlier
    )


def problems(text: str, instructions: str = "", earlier: list[str] | None = None) -> list[str]:
    """Why ``text`` must not reach a user, one short reason each; empty when it may."""
    found = []
    if repeats(text, earlier or []):
        found.append("repeats an earlier sentence")
    if echoes(text, instructions):
        found.append("echoes the instructions")
    if PLACEHOLDER.search(text):
        found.append("contains a placeholder")
    if foreign_letters(text):
        found.append("contains characters outside the user's script")
    return found


@dataclass
class SentenceGuard:
    """Release streamed text sentence by sentence, holding back what fails ``problems``.

    ``feed`` returns the sentences completed and passed so far; ``stopped`` turns true on a
    loop or at the sentence that would take the answer past ``max_words`` (it is not shown),
    and the caller should stop reading the model then.
    """

    instructions: str = ""
    max_words: int = 220
    buffer: str = ""
    passed: list[str] = field(default_factory=list)
    fixes: list[str] = field(default_factory=list)
    stopped: bool = False

    def feed(self, text: str) -> list[str]:
        self.buffer += text
        out: list[str] = []
        while not self.stopped:
            match = SENTENCE_END.search(self.buffer)
            if match is None:
                break
            sentence = self.buffer[: match.end()]
            self.buffer = self.buffer[match.end() :]
            out += self._check(sentence)
        return out

    def finish(self) -> list[str]:
        """The last sentence, when the model ended without a full stop."""
        rest, self.buffer = self.buffer, ""
        return [] if self.stopped or not rest.strip() else self._check(rest)

    @property
    def text(self) -> str:
        return "".join(self.passed).strip()

    def _check(self, sentence: str) -> list[str]:
        if not sentence.strip():
            self.passed.append(sentence)
            return [sentence]
        found = problems(sentence, self.instructions, self.passed)
        if "repeats an earlier sentence" in found:
            self.stopped = True
            self.fixes.append("stopped a loop: a sentence repeated an earlier one")
            return []
        if found:
            self.fixes.append(f"held back a sentence that {found[0]}")
            return []
        if self.passed and len(words(self.text + sentence)) > self.max_words:
            self.stopped = True  # the answer ends at the last whole sentence within the cap
            self.fixes.append(f"stopped before {self.max_words} words")
            return []
        self.passed.append(sentence)
        return [sentence]
