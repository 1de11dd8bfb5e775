"""Retrieval benchmark: ingest throughput and query latency at 1k, 10k and 100k chunks.

Run: .venv/bin/python bench/retrieval_bench.py [--sizes 1000 10000 100000] [--json]

The measuring code lives in coach/benchmarks/ and is shared with `coach bench`, which reports
the same figures beside the artifact timings. Ingest is measured on the real guides (load +
chunk + embed + write). The larger indexes are the real chunks' embeddings plus small random
perturbations; the query path is fully real. Baselines in the same run: batch size 16 for
ingest, dense-only search for latency.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from coach.benchmarks.ingest import measure_ingest  # noqa: E402
from coach.benchmarks.retrieval import copy_into, measure_sizes, snapshot  # noqa: E402
from coach.config import Settings  # noqa: E402
from coach.evals.retrieval import load_questions  # noqa: E402
from coach.knowledge.embedder import MiniLMEmbedder  # noqa: E402
from coach.knowledge.index import ChromaIndex  # noqa: E402


def ingest_with(batch_size: int, docs: list[Path], folder: Path) -> tuple[dict, ChromaIndex]:
    """Ingest ``docs`` into a fresh index in ``folder`` with an embedder of ``batch_size``."""
    settings = Settings(_env_file=None, data_dir=folder)
    index = ChromaIndex(settings, name="bench_ingest", embedder=MiniLMEmbedder(batch_size))
    return measure_ingest(index, docs).as_dict(), index


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    docs = [REPO / "knowledge"]
    questions = [q.question for q in load_questions(REPO / "evals/datasets/retrieval.jsonl")]
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        batch16, _ = ingest_with(16, docs, Path(tmp) / "batch16")
        batch1, source = ingest_with(1, docs, Path(tmp) / "batch1")
        corpus = snapshot(source)
        settings = Settings(_env_file=None, data_dir=Path(tmp) / "query")
        index = ChromaIndex(settings, name="bench_query")
        copy_into(corpus, index)
        rng = np.random.default_rng(7)
        latency = measure_sizes(
            index, corpus, questions, args.sizes, rng, lambda m: print(m, file=sys.stderr)
        )
    result: dict = {"ingest_batch16": batch16, "ingest": batch1}
    result["ingest_speedup_vs_batch16"] = round(batch1["chunks_per_s"] / batch16["chunks_per_s"], 2)
    for size, row in latency.items():
        result[f"latency_{size}"] = row
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    ing = result["ingest"]
    print(f"ingest: {ing['chunks']} chunks in {ing['seconds']} s = {ing['chunks_per_s']} "
          f"chunks/s (batch 1) vs {batch16['chunks_per_s']} chunks/s (batch 16, "
          f"length-sorted): {result['ingest_speedup_vs_batch16']}x")  # fmt: skip
    for row in latency.values():
        print(f"{row['chunks']:>7} chunks: hybrid p50 {row['hybrid']['p50_ms']} ms, "
              f"p95 {row['hybrid']['p95_ms']} ms; dense-only p95 "
              f"{row['dense_only']['p95_ms']} ms; hybrid/dense p95 "
              f"{row['hybrid_over_dense_p95']}x")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
