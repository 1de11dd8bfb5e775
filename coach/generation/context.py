"""Pack retrieved passages into a numbered context that fits a token budget."""

from __future__ import annotations

import re

from coach.domain.knowledge import Passage
from coach.domain.wording import content_words
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


def focus_tokens(text: str, query: str, limit: int) -> str:
    """The sentences of ``text`` that share most words with ``query``, in their own order,
    within ``limit`` tokens: query-focused compression, so a short context keeps what matters.
    """
    sentences = [s for s in SENTENCE_BREAK.split(text.strip()) if s]
    if count_tokens(text) <= limit or len(sentences) < 2:
        return trim_tokens(text, limit)
    wanted = content_words(query)
    ranked = sorted(
        range(len(sentences)),
        key=lambda i: (-len(wanted & content_words(sentences[i])), i),
    )
    chosen: list[int] = []
    spent = 0
    for index in ranked:
        cost = count_tokens(sentences[index]) + 1
        if spent + cost > limit:
            continue
        chosen.append(index)
        spent += cost
    if not chosen:
        return trim_tokens(text, limit)
    return " ".join(sentences[i] for i in sorted(chosen))


def pack_passages(
    passages: list[Passage], budget: int, per_passage: int | None = None, query: str = ""
) -> tuple[str, list[Passage]]:
    """Numbered passage text within ``budget`` tokens, and the passages that fit, in order.

    With ``per_passage``, each passage's text is first cut to that many tokens (keeping the
    sentences closest to ``query`` when one is given), so more passages fit a small budget.
    """
    lines: list[str] = []
    used: list[Passage] = []
    spent = 0
    for passage in passages:
        if per_passage and query:
            text = focus_tokens(passage.text, query, per_passage)
        elif per_passage:
            text = trim_tokens(passage.text, per_passage)
        else:
            text = passage.text.strip()
        block = f"[{len(used) + 1}] {passage.label()}\n{text}"
        cost = count_tokens(block)
        if used and spent + cost > budget:
            continue
        lines.append(block)
        used.append(passage)
        spent += cost
    return "\n\n".join(lines), used
