"""Pack retrieved passages into a numbered context that fits a token budget."""

from __future__ import annotations

import re

from coach.domain.knowledge import Passage
from coach.knowledge.chunking import count_tokens

SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")


def trim_tokens(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` tokens, at a sentence end when one is close."""
    text = text.strip()
    if count_tokens(text) <= limit:
        return text
    kept = ""
    for sentence in SENTENCE_BREAK.split(text):
        candidate = f"{kept} {sentence}".strip()
        if count_tokens(candidate) > limit:
            break
        kept = candidate
    if kept:
        return kept
    words = text.split()
    while words and count_tokens(" ".join(words)) > limit:
        words = words[: max(1, int(len(words) * 0.8))] if len(words) > 1 else []
    return " ".join(words)


def pack_passages(
    passages: list[Passage], budget: int, per_passage: int | None = None
) -> tuple[str, list[Passage]]:
    """Numbered passage text within ``budget`` tokens, and the passages that fit, in order.

    With ``per_passage``, each passage's text is first cut to that many tokens, so more
    passages fit a small budget.
    """
    lines: list[str] = []
    used: list[Passage] = []
    spent = 0
    for passage in passages:
        text = trim_tokens(passage.text, per_passage) if per_passage else passage.text.strip()
        block = f"[{len(used) + 1}] {passage.label()}\n{text}"
        cost = count_tokens(block)
        if used and spent + cost > budget:
            continue
        lines.append(block)
        used.append(passage)
        spent += cost
    return "\n\n".join(lines), used
