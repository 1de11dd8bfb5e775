"""Query latency at growing index sizes, on the production query path.

The larger indexes are the real chunks' vectors plus Gaussian noise (renormalised), with the
real texts: embedding 100k texts would take about half an hour on 2 cores. The query itself is
fully real: embed, Chroma HNSW and BM25, fuse, fetch. Dense-only search is the baseline.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from coach.knowledge.index import PAGE, ChromaIndex
from coach.knowledge.retrieval import Retriever

Step = Callable[[str], None]


@dataclass
class Corpus:
    """Every chunk of an index with its stored vector."""

    ids: list[str]
    texts: list[str]
    metas: list[dict[str, Any]]
    vectors: np.ndarray


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values), q))


def size_label(size: int) -> str:
    """1000 -> '1k', 100000 -> '100k', 200 -> '200': the suffix of the report's keys."""
    return f"{size // 1000}k" if size >= 1000 and size % 1000 == 0 else str(size)


def snapshot(index: ChromaIndex) -> Corpus:
    """Read every chunk and its embedding, in pages (one big ``get`` exceeds SQLite's limits)."""
    ids: list[str] = []
    texts: list[str] = []
    metas: list[dict[str, Any]] = []
    vectors: list[np.ndarray] = []
    offset = 0
    while True:
        include = ["documents", "metadatas", "embeddings"]
        got = index.collection.get(include=include, limit=PAGE, offset=offset)
        if not got["ids"]:
            break
        ids += got["ids"]
        texts += got["documents"] or []
        metas += got["metadatas"] or []
        vectors.append(np.asarray(got["embeddings"], dtype=np.float32))
        offset += len(got["ids"])
    if not ids:
        raise ValueError("the index is empty: ingest some documents first")
    return Corpus(ids, texts, metas, np.concatenate(vectors))


def copy_into(corpus: Corpus, index: ChromaIndex) -> None:
    """Write ``corpus`` into ``index`` with its vectors as they are (no re-embedding)."""
    for start in range(0, len(corpus.ids), PAGE):
        end = start + PAGE
        index.collection.add(
            ids=corpus.ids[start:end],
            embeddings=corpus.vectors[start:end],
            documents=corpus.texts[start:end],
            metadatas=corpus.metas[start:end],
        )
    index.generation += 1


def grow(
    index: ChromaIndex, corpus: Corpus, target: int, rng: np.random.Generator, noise: float = 0.04
) -> None:
    """Add perturbed copies of ``corpus`` until ``index`` holds at least ``target`` chunks."""
    while (have := index.count()) < target:
        n = min(PAGE, target - have)
        pick = rng.integers(0, len(corpus.ids), size=n)
        shape = (n, corpus.vectors.shape[1])
        noisy = corpus.vectors[pick] + rng.normal(0, noise, size=shape).astype(np.float32)
        noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
        index.collection.add(
            ids=[f"syn-{have + j}" for j in range(n)],
            embeddings=noisy,
            documents=[corpus.texts[p] for p in pick],
            metadatas=[
                {**corpus.metas[p], "source": f"synthetic-{(have + j) % 500}.md"}
                for j, p in enumerate(pick)
            ],
        )
    index.generation += 1


def measure_latency(
    retriever: Retriever, questions: list[str], mode: str, k: int = 5
) -> dict[str, float]:
    """p50 and p95 in ms over ``questions``; the first query (builds BM25) is not timed."""
    retriever.search(questions[0], k, mode=mode)  # type: ignore[arg-type]
    timings = []
    for question in questions:
        began = time.perf_counter()
        retriever.search(question, k, mode=mode)  # type: ignore[arg-type]
        timings.append((time.perf_counter() - began) * 1000)
    return {
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile(timings, 95), 2),
    }


def measure_sizes(
    index: ChromaIndex,
    corpus: Corpus,
    questions: list[str],
    sizes: list[int],
    rng: np.random.Generator,
    step: Step | None = None,
) -> dict[int, dict[str, Any]]:
    """Grow ``index`` to each size in turn and time hybrid and dense-only queries there."""
    if not questions:
        raise ValueError("no questions to time retrieval with")
    retriever = Retriever(index)
    out: dict[int, dict[str, Any]] = {}
    for size in sorted(sizes):
        if step:
            step(f"retrieval: building {size:,} chunks")
        began = time.perf_counter()
        grow(index, corpus, size, rng)
        build = time.perf_counter() - began
        if step:
            step(f"retrieval: {len(questions)} queries at {size:,} chunks")
        hybrid = measure_latency(retriever, questions, "hybrid")
        dense = measure_latency(retriever, questions, "dense")
        ratio = hybrid["p95_ms"] / dense["p95_ms"] if dense["p95_ms"] else None
        out[size] = {
            "chunks": index.count(),
            "build_s": round(build, 1),
            "hybrid": hybrid,
            "dense_only": dense,
            "hybrid_over_dense_p95": round(ratio, 2) if ratio is not None else None,
        }
    return out
