"""Ingest throughput and retrieval latency on tiny sizes, with the fake embedder."""

from __future__ import annotations

import numpy as np
import pytest

from coach.benchmarks.ingest import measure_ingest, throwaway_settings
from coach.benchmarks.retrieval import (
    copy_into,
    measure_sizes,
    percentile,
    size_label,
    snapshot,
)
from coach.knowledge.index import ChromaIndex

QUESTIONS = ["how do we agree ground rules", "what was your first job", "which channel to use"]


@pytest.fixture
def work(bench_settings, tmp_path):
    return throwaway_settings(bench_settings, tmp_path / "work")


def test_throwaway_settings_move_only_the_index_and_the_database(bench_settings, tmp_path):
    real = bench_settings.model_copy(update={"chroma_host": "chroma.internal"})
    copy = throwaway_settings(real, tmp_path / "w")
    assert copy.chroma_host is None and copy.chroma_dir == tmp_path / "w" / "chroma"
    assert copy.db_url == f"sqlite:///{tmp_path / 'w' / 'bench.db'}"
    assert (copy.data_dir, copy.knowledge_dir, copy.prompts_dir, copy.local_model) == (
        real.data_dir, real.knowledge_dir, real.prompts_dir, real.local_model,
    )  # fmt: skip
    assert real.chroma_host == "chroma.internal"


def test_ingest_reports_the_chunks_it_wrote_and_its_rate(fake_embedder, work, guides):
    index = ChromaIndex(work, embedder=fake_embedder)
    figures = measure_ingest(index, [guides])
    assert figures.chunks == index.count() >= len(list(guides.iterdir()))
    assert figures.failed == 0
    assert figures.chunks_per_s == round(figures.chunks / figures.seconds, 1)
    assert figures.as_dict()["chunks_per_s"] == figures.chunks_per_s
    with pytest.raises(ValueError, match="empty index"):
        measure_ingest(index, [guides])  # a second ingest would skip every file


def test_the_index_grows_to_each_size_and_both_modes_are_timed(fake_embedder, work, guides):
    source = ChromaIndex(work, embedder=fake_embedder)
    measure_ingest(source, [guides])
    corpus = snapshot(source)
    assert len(corpus.ids) == source.count() and corpus.vectors.shape[0] == len(corpus.ids)
    index = ChromaIndex(work, name="bench_query", embedder=fake_embedder)
    copy_into(corpus, index)
    assert index.count() == len(corpus.ids)
    steps: list[str] = []
    result = measure_sizes(
        index, corpus, QUESTIONS, [60, 25], np.random.default_rng(1), steps.append
    )
    assert list(result) == [25, 60]
    assert [result[s]["chunks"] for s in (25, 60)] == [25, 60] and index.count() == 60
    for row in result.values():
        for mode in ("hybrid", "dense_only"):
            assert 0 < row[mode]["p50_ms"] <= row[mode]["p95_ms"]
        assert row["hybrid_over_dense_p95"] == round(
            row["hybrid"]["p95_ms"] / row["dense_only"]["p95_ms"], 2
        )
    assert any("60 chunks" in s for s in steps)


def test_synthetic_chunks_keep_real_texts_and_unit_vectors(fake_embedder, work, guides):
    source = ChromaIndex(work, embedder=fake_embedder)
    measure_ingest(source, [guides])
    corpus = snapshot(source)
    index = ChromaIndex(work, name="bench_query", embedder=fake_embedder)
    copy_into(corpus, index)
    measure_sizes(index, corpus, QUESTIONS[:1], [30], np.random.default_rng(2))
    got = index.collection.get(ids=["syn-29"], include=["documents", "metadatas", "embeddings"])
    assert got["documents"][0] in corpus.texts
    assert got["metadatas"][0]["source"].startswith("synthetic-")
    assert np.linalg.norm(np.asarray(got["embeddings"][0])) == pytest.approx(1.0, abs=1e-4)


def test_an_empty_index_cannot_be_snapshot(fake_embedder, work):
    with pytest.raises(ValueError, match="empty"):
        snapshot(ChromaIndex(work, embedder=fake_embedder))


def test_size_labels_and_percentiles():
    labels = [size_label(n) for n in (200, 1000, 1500, 10000, 100000)]
    assert labels == ["200", "1k", "1500", "10k", "100k"]
    assert percentile([1.0, 2.0, 3.0, 4.0, 100.0], 50) == 3.0
    assert percentile(list(range(101)), 95) == 95.0
