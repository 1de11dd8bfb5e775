"""Heading-aware, token-bounded chunking with stable ids (source + section + ordinal)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from coach import offline
from coach.domain.knowledge import CHUNK_TOKENS, Chunk, Document, passage_id

HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
SENTENCE = re.compile(r"(?<=[.!?])\s+")


@lru_cache(maxsize=1)
def _encoding():
    import tiktoken

    offline.prepare()  # tiktoken must find its BPE file in the seeded cache, never download

    return tiktoken.get_encoding("cl100k_base")


def count_tokens(text: str) -> int:
    """Tokens in ``text`` under cl100k_base."""
    return len(_encoding().encode(text, disallowed_special=()))


def slug(text: str) -> str:
    """Lower-case, dash-separated form of a heading, for ids."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def _sections(doc: Document) -> Iterator[tuple[str, str]]:
    """(section path, body) pairs in document order."""
    stack: list[tuple[int, str]] = []
    body: list[str] = []
    for line in doc.text.splitlines():
        match = HEADING.match(line)
        if not match:
            body.append(line)
            continue
        yield " > ".join(h for _, h in stack), "\n".join(body)
        body = []
        level, heading = len(match.group(1)), match.group(2).strip()
        if level == 1 and heading.lower() == doc.title.lower():
            stack = []
            continue
        stack = [(lv, h) for lv, h in stack if lv < level] + [(level, heading)]
    yield " > ".join(h for _, h in stack), "\n".join(body)


def _pieces(paragraph: str, limit: int) -> Iterator[str]:
    """Split a paragraph that is over the limit by sentences, then by tokens."""
    if count_tokens(paragraph) <= limit:
        yield paragraph
        return
    buffer = ""
    for sentence in SENTENCE.split(paragraph):
        candidate = f"{buffer} {sentence}".strip()
        if count_tokens(candidate) <= limit:
            buffer = candidate
            continue
        if buffer:
            yield buffer
        if count_tokens(sentence) <= limit:
            buffer = sentence
            continue
        tokens = _encoding().encode(sentence, disallowed_special=())
        for start in range(0, len(tokens), limit):
            yield _encoding().decode(tokens[start : start + limit])
        buffer = ""
    if buffer:
        yield buffer


def _pack(pieces: Iterator[str], limit: int) -> Iterator[str]:
    """Join consecutive pieces while the result stays within ``limit`` tokens."""
    buffer: list[str] = []
    for piece in pieces:
        if buffer and count_tokens("\n\n".join([*buffer, piece])) > limit:
            yield "\n\n".join(buffer)
            buffer = []
        buffer.append(piece)
    if buffer:
        yield "\n\n".join(buffer)


def chunk_document(doc: Document, max_tokens: int = CHUNK_TOKENS) -> list[Chunk]:
    """Cut a document into chunks of at most ``max_tokens``, never across a heading."""
    chunks: list[Chunk] = []
    ordinals: dict[str, int] = {}
    for section, body in _sections(doc):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
        pieces = (piece for p in paragraphs for piece in _pieces(p, max_tokens))
        for text in _pack(pieces, max_tokens):
            ordinal = ordinals.get(section, 0)
            ordinals[section] = ordinal + 1
            chunks.append(
                Chunk(
                    id=passage_id(doc.source, slug(section), ordinal),
                    source=doc.source,
                    title=doc.title,
                    section=section,
                    ordinal=ordinal,
                    text=text,
                    tokens=count_tokens(text),
                    meta=dict(doc.meta),
                )
            )
    return chunks
