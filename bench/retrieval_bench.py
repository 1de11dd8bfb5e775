"""Retrieval benchmark: ingest throughput and query latency at 1k, 10k and 100k chunks.

Run: .venv/bin/python bench/retrieval_bench.py [--sizes 1000 10000 100000] [--json]

Ingest is measured on the real guides (load + chunk + embed + write). The larger indexes are
built from the real chunks' embeddings plus small random perturbations (re-embedding 100k texts
would take over half an hour on 2 cores); the query path is fully real: the query is embedded,
then searched with Chroma HNSW and BM25, fused, and fetched. Baselines in the same run: batch
size 16 for ingest, dense-only search for latency.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from coach.config import Settings  # noqa: E402
from coach.evals.retrieval import load_questions  # noqa: E402
from coach.knowledge.chunking import count_tokens  # noqa: E402
from coach.knowledge.embedder import MiniLMEmbedder  # noqa: E402
from coach.knowledge.index import ChromaIndex  # noqa: E402
from coach.knowledge.retrieval import Retriever  # noqa: E402
from coach.services.ingest import IngestService  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values), q))


def measure_ingest(batch_size: int, docs: list[Path]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(_env_file=None, data_dir=Path(tmp))
        embedder = MiniLMEmbedder(batch_size)
        embedder.embed(["warm up the session", "and the tokenizer " * 20])
        count_tokens("warm up tiktoken")
        index = ChromaIndex(settings, name="bench_ingest", embedder=embedder)
        began = time.perf_counter()
        report = IngestService(index).ingest(docs)
        seconds = time.perf_counter() - began
        return {"chunks": report.chunks, "seconds": round(seconds, 2),
                "chunks_per_s": round(report.chunks / seconds, 1)}  # fmt: skip


def grow(index: ChromaIndex, target: int, rng: np.random.Generator) -> None:
    """Add perturbed copies of the real chunks until the index holds ``target`` chunks."""
    ids, texts, metas = index.contents()
    vectors = np.array([index.vectors([i])[i] for i in ids], dtype=np.float32)
    batch = 5000
    while (have := index.count()) < target:
        n = min(batch, target - have)
        pick = rng.integers(0, len(ids), size=n)
        noisy = vectors[pick] + rng.normal(0, 0.04, size=(n, vectors.shape[1])).astype(np.float32)
        noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
        index.collection.add(
            ids=[f"syn-{have + j}" for j in range(n)],
            embeddings=noisy,
            documents=[texts[p] for p in pick],
            metadatas=[{**metas[p], "source": f"synthetic-{(have + j) % 500}.md"}
                       for j, p in enumerate(pick)],
        )  # fmt: skip
    index.generation += 1


def measure_latency(retriever: Retriever, questions: list[str], mode: str) -> dict:
    retriever.search(questions[0], 5, mode=mode)  # warm: builds the keyword index once
    timings = []
    for question in questions:
        began = time.perf_counter()
        retriever.search(question, 5, mode=mode)
        timings.append((time.perf_counter() - began) * 1000)
    return {"p50_ms": round(statistics.median(timings), 2),
            "p95_ms": round(percentile(timings, 95), 2)}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    docs = [REPO / "knowledge"]
    questions = [q.question for q in load_questions(REPO / "evals/datasets/retrieval.jsonl")]
    result: dict = {"ingest_batch16": measure_ingest(16, docs), "ingest": measure_ingest(1, docs)}
    result["ingest_speedup_vs_batch16"] = round(
        result["ingest"]["chunks_per_s"] / result["ingest_batch16"]["chunks_per_s"], 2
    )
    rng = np.random.default_rng(7)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(_env_file=None, data_dir=Path(tmp))
        index = ChromaIndex(settings, name="bench_query")
        IngestService(index).ingest(docs)
        retriever = Retriever(index)
        for size in sorted(args.sizes):
            began = time.perf_counter()
            grow(index, size, rng)
            build = time.perf_counter() - began
            hybrid = measure_latency(retriever, questions, "hybrid")
            dense = measure_latency(retriever, questions, "dense")
            result[f"latency_{size}"] = {
                "chunks": index.count(), "build_s": round(build, 1), "hybrid": hybrid,
                "dense_only": dense,
                "hybrid_over_dense_p95": round(hybrid["p95_ms"] / dense["p95_ms"], 2),
            }  # fmt: skip
            print(f"{size:>7} chunks  hybrid p50 {hybrid['p50_ms']:6.2f} ms  p95 "
                  f"{hybrid['p95_ms']:6.2f} ms | dense-only p50 {dense['p50_ms']:6.2f} ms  "
                  f"p95 {dense['p95_ms']:6.2f} ms", file=sys.stderr)  # fmt: skip
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        ing = result["ingest"]
        print(f"ingest: {ing['chunks']} chunks in {ing['seconds']} s = {ing['chunks_per_s']} "
              f"chunks/s (batch 1) vs {result['ingest_batch16']['chunks_per_s']} chunks/s "
              f"(batch 16, length-sorted): {result['ingest_speedup_vs_batch16']}x")  # fmt: skip
        for size in sorted(args.sizes):
            row = result[f"latency_{size}"]
            print(f"{row['chunks']:>7} chunks: hybrid p50 {row['hybrid']['p50_ms']} ms, "
                  f"p95 {row['hybrid']['p95_ms']} ms; dense-only p95 "
                  f"{row['dense_only']['p95_ms']} ms; hybrid/dense p95 "
                  f"{row['hybrid_over_dense_p95']}x")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
