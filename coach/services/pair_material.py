"""Index a pair's own shared material (goals, open action items, shared history) by pair."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from coach.domain.knowledge import CHUNK_TOKENS, Document
from coach.knowledge.chunking import chunk_document
from coach.knowledge.index import ChromaIndex
from coach.services.errors import UserError
from coach.services.pair_files import read_pair_file


def pair_markdown(pair: dict[str, Any]) -> str:
    """The shareable parts of a pair file as markdown sections."""
    lines = ["## Goals"]
    lines += [f"- ({g.get('id', '')}) {g.get('text', '')}" for g in pair.get("goals", [])]
    items = pair.get("open_action_items", [])
    if items:
        lines += ["", "## Open action items"]
        lines += [f"- {i.get('text', '')} (owner: {i.get('owner', '?')})" for i in items]
    for entry in pair.get("history", []):
        if entry.get("summary"):
            lines += ["", f"## Session {entry.get('number', '?')} summary", entry["summary"]]
    return "\n".join(lines)


class PairMaterialService:
    """Keeps each pair's material in its own slice of the pair collection."""

    def __init__(self, index: ChromaIndex, chunk_tokens: int = CHUNK_TOKENS) -> None:
        self.index = index
        self.chunk_tokens = chunk_tokens

    def index_pair(self, pair: dict[str, Any]) -> int:
        """Replace the indexed material of ``pair['id']``; returns the chunk count."""
        pair_id = str(pair.get("id") or "").strip()
        if not pair_id:
            raise UserError('the pair file needs an `id`, e.g. "pair-logistics-01"')
        text = pair_markdown(pair)
        source = f"pair:{pair_id}"
        doc = Document(
            source=source,
            title=f"Pair {pair_id}",
            text=text,
            sha256=hashlib.sha256(text.encode()).hexdigest(),
        )
        chunks = chunk_document(doc, self.chunk_tokens)
        return self.index.replace_source(source, doc.sha256, chunks, extra={"pair_id": pair_id})

    def forget_pair(self, pair_id: str) -> None:
        """Drop a pair's indexed material (derived data; rebuilt when the pair is prepared)."""
        self.index.delete_source(f"pair:{pair_id}")

    def index_file(self, path: Path) -> int:
        """Load a pair file, checked like every pair file (size, JSON, schema), and index it."""
        return self.index_pair(read_pair_file(path).model_dump(mode="json"))
