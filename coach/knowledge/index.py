"""The Chroma index: persistent folder by default, or a Chroma server via host:port."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import chromadb
from chromadb.config import Settings as ChromaSettings

from coach.config import Settings
from coach.domain.knowledge import Chunk, Passage, SearchFilters, split_list
from coach.knowledge.embedder import FlipsideEmbeddingFunction, MiniLMEmbedder, shared_embedder

GUIDES = "guides"
PAIRS = "pair_material"
PAGE = 5000
_clients: dict[str, Any] = {}
_clients_lock = threading.Lock()


def chroma_client(settings: Settings) -> Any:
    """One client per location for the whole process (Chroma rejects two settings per path)."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_host:
        key = f"http://{settings.chroma_host}:{settings.chroma_port}"
    else:
        key = str(settings.chroma_dir.resolve())
    with _clients_lock:
        if key not in _clients:
            if settings.chroma_host:
                _clients[key] = chromadb.HttpClient(
                    host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
                )
            else:
                settings.chroma_dir.mkdir(parents=True, exist_ok=True)
                _clients[key] = chromadb.PersistentClient(path=key, settings=chroma_settings)
        return _clients[key]


def _metadata(chunk: Chunk, sha256: str, extra: dict[str, Any] | None) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "source": chunk.source,
        "title": chunk.title,
        "section": chunk.section,
        "ordinal": chunk.ordinal,
        "tokens": chunk.tokens,
        "source_sha256": sha256,
        **(extra or {}),
    }
    meta.update({k: v for k, v in chunk.meta.items() if k not in meta and v})
    # Boolean flags let Chroma filter on list-valued front matter (topics, audience).
    for key, prefix in (("topics", "topic_"), ("audience", "audience_")):
        for value in split_list(chunk.meta.get(key)):
            meta[prefix + value] = True
    return meta


def chroma_where(filters: SearchFilters | None, pair_id: str | None = None) -> dict | None:
    """The Chroma ``where`` clause equivalent to ``filters.allows`` (plus pair scoping)."""
    clauses: list[dict] = []
    if pair_id is not None:
        clauses.append({"pair_id": pair_id})
    if filters:
        if filters.topics:
            clauses.append({"$or": [{f"topic_{t}": True} for t in sorted(filters.topics)]})
        if filters.audience:
            clauses.append({"$or": [{f"audience_{a}": True} for a in sorted(filters.audience)]})
        if filters.phase:
            clauses.append({"phase": {"$in": [filters.phase, "any"]}})
    clauses = [c["$or"][0] if "$or" in c and len(c["$or"]) == 1 else c for c in clauses]
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def _passage(cid: str, text: str | None, meta: dict, score: float) -> Passage:
    return Passage(
        id=cid,
        source=str(meta.get("source", "")),
        title=str(meta.get("title", "")),
        section=str(meta.get("section", "")),
        text=text or "",
        score=score,
        meta={k: str(v) for k, v in meta.items()},
    )


class ChromaIndex:
    """A collection of chunks with add/replace/delete by source and dense search."""

    def __init__(
        self, settings: Settings, name: str = GUIDES, embedder: MiniLMEmbedder | None = None
    ) -> None:
        self.client = chroma_client(settings)
        self.embedder = embedder or shared_embedder()
        self.collection = self.client.get_or_create_collection(
            name=name,
            embedding_function=FlipsideEmbeddingFunction(),
            configuration={"hnsw": {"space": "cosine"}},
        )
        self.generation = 0

    def count(self) -> int:
        return int(self.collection.count())

    def _pages(self, include: list[str]):
        """``collection.get`` in pages: one call for 100k rows exceeds SQLite's variable limit."""
        offset = 0
        while True:
            got = self.collection.get(include=include, limit=PAGE, offset=offset)
            if not got["ids"]:
                return
            yield got
            offset += len(got["ids"])

    def source_hashes(self) -> dict[str, str]:
        """{source: sha256} of every source in the index."""
        return {
            m["source"]: m.get("source_sha256", "")
            for page in self._pages(["metadatas"])
            for m in page["metadatas"] or []
        }

    def replace_source(
        self, source: str, sha256: str, chunks: Sequence[Chunk], extra: dict | None = None
    ) -> int:
        """Drop a source's old chunks and add its new ones; returns how many were added."""
        self.delete_source(source)
        if not chunks:
            return 0
        vectors = self.embedder.embed([c.embedding_text() for c in chunks])
        self.collection.add(
            ids=[c.id for c in chunks],
            documents=[c.text for c in chunks],
            embeddings=vectors,
            metadatas=[_metadata(c, sha256, extra) for c in chunks],
        )
        self.generation += 1
        return len(chunks)

    def delete_source(self, source: str) -> None:
        self.collection.delete(where={"source": source})
        self.generation += 1

    def contents(self) -> tuple[list[str], list[str], list[dict]]:
        """(ids, texts, metadatas) of every chunk, for the keyword index."""
        ids: list[str] = []
        texts: list[str] = []
        metas: list[dict] = []
        for page in self._pages(["documents", "metadatas"]):
            ids += page["ids"]
            texts += page["documents"] or []
            metas += page["metadatas"] or []
        return ids, texts, metas

    def vectors(self, ids: list[str]) -> dict[str, list[float]]:
        """Stored embeddings by id (for diversity re-ranking)."""
        if not ids:
            return {}
        got = self.collection.get(ids=ids, include=["embeddings"])
        return dict(zip(got["ids"], got["embeddings"], strict=True))

    def fetch(self, ids: list[str]) -> dict[str, Passage]:
        """Passages by id, score 0."""
        if not ids:
            return {}
        got = self.collection.get(ids=ids, include=["documents", "metadatas"])
        return {
            cid: _passage(cid, text, meta, 0.0)
            for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        }

    def search(self, query: str, k: int = 4, where: dict | None = None) -> list[Passage]:
        """Dense nearest neighbours, best first, with cosine similarity as the score."""
        total = self.count()
        if total == 0:
            return []
        vector = self.embedder.embed([query])
        found = self.collection.query(
            query_embeddings=vector,
            n_results=min(k, total),
            where=where,
            include=["documents", "metadatas", "distances"],
        )
        return [
            _passage(cid, text, meta, round(1.0 - float(dist), 4))
            for cid, text, meta, dist in zip(
                found["ids"][0],
                found["documents"][0],
                found["metadatas"][0],
                found["distances"][0],
                strict=True,
            )
        ]
