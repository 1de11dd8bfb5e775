"""Pack retrieved passages into a numbered context that fits a token budget."""

from __future__ import annotations

from coach.domain.knowledge import Passage
from coach.knowledge.chunking import count_tokens


def pack_passages(passages: list[Passage], budget: int) -> tuple[str, list[Passage]]:
    """Numbered passage text within ``budget`` tokens, and the passages that fit, in order."""
    lines: list[str] = []
    used: list[Passage] = []
    spent = 0
    for passage in passages:
        block = f"[{len(used) + 1}] {passage.label()}\n{passage.text.strip()}"
        cost = count_tokens(block)
        if used and spent + cost > budget:
            continue
        lines.append(block)
        used.append(passage)
        spent += cost
    return "\n\n".join(lines), used
