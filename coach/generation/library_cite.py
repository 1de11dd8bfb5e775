"""Citing a library entry: the guide section it rests on, kept only when it is about the text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coach.domain.knowledge import Passage, passage_id

CITE_SIMILARITY = 0.3  # text against the cited passage (cosine, MiniLM); see docs/evals.md


def closest_cited(
    cites: list[str],
    text: str,
    fetch: Callable[[list[str]], list[Passage]],
    embed: Callable[[list[str]], Any],
) -> list[Passage]:
    """The opening passage of the cited guide section closest to ``text``, if at least
    ``CITE_SIMILARITY`` similar; else nothing."""
    found = fetch([passage_id(*c.split("#", 1)) for c in cites])
    if not found:
        return []
    vectors = embed([text, *(p.text for p in found)])
    scored = sorted(zip((float(v @ vectors[0]) for v in vectors[1:]), found, strict=True),
                    key=lambda pair: -pair[0])  # fmt: skip
    return [p for score, p in scored[:1] if score >= CITE_SIMILARITY]
