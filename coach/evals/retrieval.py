"""The retrieval eval: dense, keyword and hybrid scored on one dataset in one run."""

from __future__ import annotations

import json
import statistics
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from coach.config import Settings
from coach.evals import metrics
from coach.knowledge.retrieval import Mode, Retriever

MODES: tuple[Mode, ...] = ("dense", "keyword", "hybrid")


@dataclass
class Question:
    id: str
    question: str
    wanted: list[tuple[str, str]]


def load_questions(path: Path) -> list[Question]:
    """Read a retrieval JSONL file (see evals/README.md)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            wanted = [(r["source"], r.get("section", "")) for r in row["relevant"]]
            out.append(Question(row["id"], row["question"], wanted))
    return out


def score_ranking(
    rank: Callable[[str], list[tuple[str, str]]], questions: list[Question]
) -> dict[str, float]:
    """Mean metrics for a function that ranks (source, section) keys for a question."""
    rows: dict[str, list[float]] = {
        k: [] for k in ("recall@1", "recall@3", "recall@5", "hit@5", "mrr", "ndcg@10")
    }
    for q in questions:
        ranked = metrics.dedupe(rank(q.question))
        for k in (1, 3, 5):
            rows[f"recall@{k}"].append(metrics.recall_at(ranked, q.wanted, k))
        rows["hit@5"].append(metrics.hit_at(ranked, q.wanted, 5))
        rows["mrr"].append(metrics.reciprocal_rank(ranked, q.wanted))
        rows["ndcg@10"].append(metrics.ndcg_at(ranked, q.wanted, 10))
    return {name: round(statistics.fmean(values), 4) for name, values in rows.items()}


def score_mode(retriever: Retriever, questions: list[Question], mode: Mode) -> dict[str, float]:
    """Mean metrics for one retrieval mode."""

    def rank(question: str) -> list[tuple[str, str]]:
        return [(p.source, p.section) for p in retriever.search(question, 20, mode=mode)]

    return score_ranking(rank, questions)


def run_retrieval_eval(dataset: Path, documents: list[Path], data_dir: Path | None = None) -> dict:
    """Index ``documents`` into a fresh store and score every mode on ``dataset``."""
    from coach.services.container import Services

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(_env_file=None, data_dir=data_dir or Path(tmp))
        services = Services(settings)
        report = services.ingest.ingest(documents)
        indexed = set(services.index.source_hashes())
        questions = load_questions(dataset)
        usable = [q for q in questions if all(src in indexed for src, _ in q.wanted)]
        results = {mode: score_mode(services.retriever, usable, mode) for mode in MODES}
        return {
            "questions": len(usable),
            "skipped": len(questions) - len(usable),
            "chunks": services.index.count(),
            "ingest": report.counts(),
            "modes": results,
        }
