"""Hybrid retrieval: dense (Chroma) + keyword (BM25), fused by reciprocal rank, optional MMR.

Guides and per-pair material live in separate collections. Pair material is only ever queried
with a ``pair_id`` filter, so one pair's goals or summaries cannot reach another pair's results.
"""

from __future__ import annotations

import threading
from typing import Literal

import numpy as np

from coach.domain.knowledge import Passage, SearchFilters
from coach.knowledge.index import ChromaIndex, chroma_where
from coach.knowledge.keyword import KeywordIndex

Mode = Literal["hybrid", "dense", "keyword"]
RRF_K = 60


def rrf(rankings: list[list[str]], k: int = RRF_K) -> list[tuple[str, float]]:
    """Reciprocal rank fusion of several ranked id lists."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, cid in enumerate(ranking):
            scores[cid] = scores.get(cid, 0.0) + 1.0 / (k + rank + 1)
    return sorted(scores.items(), key=lambda item: -item[1])


def mmr(
    candidates: list[str], vectors: dict[str, list[float]], k: int, weight: float = 0.7
) -> list[str]:
    """Maximal marginal relevance over a relevance-ordered candidate list."""
    if len(candidates) <= 1:
        return candidates[:k]
    matrix = np.array([vectors[c] for c in candidates], dtype=np.float32)
    relevance = np.linspace(1.0, 0.5, num=len(candidates))
    chosen: list[int] = [0]
    while len(chosen) < min(k, len(candidates)):
        similarity = matrix @ matrix[chosen].T
        penalty = similarity.max(axis=1)
        score = weight * relevance - (1 - weight) * penalty
        score[chosen] = -np.inf
        chosen.append(int(np.argmax(score)))
    return [candidates[i] for i in chosen]


def keyword_text(text: str, meta: dict) -> str:
    """What BM25 indexes for a chunk: titles and section headings carry much of its topic."""
    return f"{meta.get('title', '')} {meta.get('section', '')} {text}"


class _Keyword:
    """A keyword index kept in step with its Chroma collection."""

    def __init__(self, index: ChromaIndex) -> None:
        self.index = index
        self._built: tuple[int, int] | None = None
        self._kw = KeywordIndex([], [], [])
        self._lock = threading.Lock()

    def get(self) -> KeywordIndex:
        with self._lock:
            state = (self.index.generation, self.index.count())
            if state != self._built:
                ids, texts, metas = self.index.contents()
                texts = [keyword_text(t, m) for t, m in zip(texts, metas, strict=True)]
                self._kw = KeywordIndex(ids, texts, metas)
                self._built = state
            return self._kw


class Retriever:
    """Searches the guides and, when asked for a pair, that pair's own material."""

    def __init__(self, guides: ChromaIndex, pairs: ChromaIndex | None = None) -> None:
        self.guides = guides
        self.pairs = pairs
        self._keyword = {id(guides): _Keyword(guides)}
        if pairs is not None:
            self._keyword[id(pairs)] = _Keyword(pairs)

    def _ranked(
        self,
        index: ChromaIndex,
        query: str,
        depth: int,
        mode: Mode,
        filters: SearchFilters | None,
        pair_id: str | None,
    ) -> list[list[str]]:
        rankings: list[list[str]] = []
        if mode in ("hybrid", "dense"):
            where = chroma_where(filters, pair_id)
            rankings.append([p.id for p in index.search(query, depth, where=where)])
        if mode in ("hybrid", "keyword"):

            def allowed(meta: dict) -> bool:
                if pair_id is not None and meta.get("pair_id") != pair_id:
                    return False
                return filters.allows(meta) if filters else True

            keyword = self._keyword[id(index)].get()
            needs_mask = bool(filters) or pair_id is not None
            hits = keyword.search(query, depth, allowed if needs_mask else None)
            rankings.append([cid for cid, _ in hits])
        return rankings

    def search(
        self,
        query: str,
        k: int = 5,
        *,
        mode: Mode = "hybrid",
        filters: SearchFilters | None = None,
        pair_id: str | None = None,
        diversity: bool = False,
    ) -> list[Passage]:
        """The ``k`` best passages, best first, each carrying its citation id and score."""
        if not query.strip():
            return []
        depth = max(20, 4 * k)
        rankings = self._ranked(self.guides, query, depth, mode, filters, None)
        sources = {id(self.guides): self.guides}
        owner: dict[str, ChromaIndex] = {}
        for ranking in rankings:
            owner.update(dict.fromkeys(ranking, self.guides))
        if pair_id is not None and self.pairs is not None:
            pair_rankings = self._ranked(self.pairs, query, depth, mode, None, pair_id)
            for ranking in pair_rankings:
                owner.update(dict.fromkeys(ranking, self.pairs))
            rankings += pair_rankings
            sources[id(self.pairs)] = self.pairs
        fused = rrf(rankings)
        ids = [cid for cid, _ in fused[: depth if diversity else k]]
        if diversity and ids:
            vectors: dict[str, list[float]] = {}
            for index in sources.values():
                vectors.update(index.vectors([c for c in ids if owner[c] is index]))
            ids = mmr(ids, vectors, k)
        score = dict(fused)
        found: dict[str, Passage] = {}
        for index in sources.values():
            found.update(index.fetch([c for c in ids if owner[c] is index]))
        return [_with_score(found[c], score[c]) for c in ids if c in found]


def _with_score(passage: Passage, score: float) -> Passage:
    from dataclasses import replace

    return replace(passage, score=round(score, 5))
