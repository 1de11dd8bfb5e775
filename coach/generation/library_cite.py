"""Citing a library entry: the guide section it rests on, kept only when it is about the text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coach.domain.knowledge import Passage, passage_id

CITE_SIMILARITY = 0.3  # text against the cited passage (cosine, MiniLM); see docs/evals.md
# An agenda item's: below it, agenda-12's reviewer found 17 sides citing an unrelated section
# (0.31-0.42: "Plan to ask five colleagues" citing "when you don't know the answer").
ITEM_CITE_SIMILARITY = 0.45


def closest_cited(
    cites: list[str],
    text: str,
    fetch: Callable[[list[str]], list[Passage]],
    embed: Callable[[list[str]], Any],
    threshold: float = CITE_SIMILARITY,
) -> list[Passage]:
    """The opening passage of the cited guide section closest to ``text``, if at least
    ``threshold`` similar; else nothing."""
    found = fetch([passage_id(*c.split("#", 1)) for c in cites])
    if not found:
        return []
    vectors = embed([text, *(p.text for p in found)])
    scored = sorted(zip((float(v @ vectors[0]) for v in vectors[1:]), found, strict=True),
                    key=lambda pair: -pair[0])  # fmt: skip
    return [p for score, p in scored[:1] if score >= threshold]


def keep_about(
    items: list[Any],
    texts: dict[str, str],
    embed: Callable[[list[str]], Any],
    threshold: float = ITEM_CITE_SIMILARITY,
) -> list[str]:
    """Drop from each item (anything with ``wording()`` and ``citations``) every citation whose
    passage (``texts`` by id) is less than ``threshold`` similar to the item; the notes."""
    notes = []
    for item in items:
        cited = [c for c in item.citations if c in texts]
        if not cited:
            continue
        vectors = embed([item.wording(), *(texts[c] for c in cited)])
        kept = [
            c for c, v in zip(cited, vectors[1:], strict=True) if float(v @ vectors[0]) >= threshold
        ]
        if len(kept) < len(item.citations):
            notes.append(f"dropped a citation not about '{item.title}'")
        item.citations = kept
    return notes
