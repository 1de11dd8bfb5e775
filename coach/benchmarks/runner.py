"""One benchmark run: ingest, artifacts beside their baselines, then retrieval at each size.

Everything is written to a throwaway folder. The model part runs before the big synthetic
indexes are built, so this process's peak memory is read once after generation (an app-like
workload) and once at the end (with the largest index in memory).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.language_models import BaseChatModel

from coach.benchmarks import artifacts as art
from coach.benchmarks.abandon import (
    PROMPT_TOKENS,
    Abandoned,
    abandon,
    abandon_in_app,
    prompt_rate,
    reading_allowance,
)
from coach.benchmarks.chat import chat_questions, measure_chat, measure_library
from coach.benchmarks.ingest import measure_ingest, throwaway_settings
from coach.benchmarks.machine import machine_info, own_peak_rss_mb, peak_rss_mb
from coach.benchmarks.raw_model import RawModel
from coach.benchmarks.report import build_report
from coach.benchmarks.retrieval import copy_into, measure_sizes, snapshot
from coach.benchmarks.warm import measure_warm, measured_pair
from coach.config import Settings
from coach.evals.datasets import DatasetError, load_pairs, load_reflections
from coach.evals.retrieval import load_questions
from coach.generation.prompts import load_prompt
from coach.knowledge.embedder import FlipsideEmbeddingFunction, MiniLMEmbedder
from coach.knowledge.index import ChromaIndex
from coach.services.errors import UserError

Step = Callable[[str], None]
DEFAULT_SIZES = (1000, 10000, 100000)


@dataclass
class BenchOptions:
    """What `coach bench` was asked to measure."""

    sizes: list[int] = field(default_factory=lambda: list(DEFAULT_SIZES))
    pairs: int = 3
    skip_model: bool = False
    dataset: Path = Path("evals/datasets")
    seed: int = 7


def load_cases(dataset: Path, pairs: int) -> list[art.Case]:
    """Agenda and starters for the first ``pairs`` pair files, summaries for as many reflections."""
    every = load_pairs(dataset / "pairs")
    if not every:
        raise DatasetError(f"no pair files in {dataset / 'pairs'}")
    reflections = load_reflections(dataset / "reflections.jsonl")[:pairs]
    return art.cases_for(every[:pairs], reflections, every)


ABANDONS = 3


def abandon_figures(runtime: Any, prompts_dir: Path) -> dict[str, float | None]:
    """Median seconds until the slot is idle after a reader leaves mid-prompt: through the
    app's model call (``abandon_free_seconds``, what the issue asks) and on the server alone
    (``abandon_raw_seconds``: the pinned llama.cpp finishes reading an abandoned prompt, see
    docs/benchmarks.md); and the prompt reading speed they were measured at."""
    end = runtime.endpoint()
    repair = load_prompt(prompts_dir, "repair")
    app = [abandon_in_app(runtime.chat_model(), repair, end.base_url) for _ in range(ABANDONS)]
    rate = prompt_rate(end.base_url, end.model)
    limit = reading_allowance(PROMPT_TOKENS, rate)
    raw = [abandon(end.base_url, end.model, PROMPT_TOKENS, timeout=limit) for _ in range(ABANDONS)]
    return {
        "abandon_free_seconds": _median_busy(app),
        "abandon_raw_seconds": _median_busy(raw),
        "prompt_tokens_per_s": rate,
    }


def _median_busy(runs: list[Abandoned]) -> float | None:
    """The median over the runs that were abandoned while the server was still reading."""
    mid = [r.seconds for r in runs if r.busy_when_closed]
    return float(np.median(mid)) if mid else None


@dataclass
class ModelRun:
    """What the model part of a run measured."""

    rows: dict[str, dict[str, list[art.Timing]]]
    memory: dict[str, float | None]
    model: str
    warm: list[float] = field(default_factory=list)
    chat: dict[str, list[art.Timing]] = field(default_factory=dict)


def _server_peak(services: Any) -> float | None:
    local = services.runtime.local
    process = local.process if local is not None else None
    return peak_rss_mb(process.pid) if process is not None else None


def run_artifacts(
    work: Settings,
    options: BenchOptions,
    chat_model: Callable[[], BaseChatModel] | None,
    raw: art.RawCall | None,
    step: Step,
    notes: list[str],
    embedder: MiniLMEmbedder | None = None,
) -> ModelRun:
    """Flipside, the naive baseline and the raw model on the same cases; then opening a pair
    that background preparation prepared, and the chat's first token beside the raw model's;
    the server's peak RSS."""
    from coach.evals.baseline import NaiveRag
    from coach.evals.systems import ONESHOT
    from coach.llm.factory import ModelRuntime
    from coach.services.container import Services

    cases = load_cases(options.dataset, options.pairs)
    runtime = ModelRuntime(work)
    services = Services(work, chat_model=chat_model, runtime=runtime, embedder=embedder)
    naive = None
    try:
        services.ensure_guides()  # already indexed by the ingest step: nothing to do
        services.retriever.search("warm up the keyword index", 1)
        if chat_model is None:
            step(f"starting the model ({services.model_label})")
            end = runtime.endpoint()
            raw = raw or RawModel(end.base_url, end.model, end.api_key, work.llm_timeout)
            raw(32, 4)  # warm: page the weights in before anything is timed
            naive_model = partial(runtime.chat_model, max_tokens=work.artifact_max_tokens)
        else:
            naive_model = chat_model
        step("indexing the guides for the naive baseline")
        naive = NaiveRag(
            naive_model, [work.knowledge_dir], work.prompts_dir.resolve(),
            embedding_function=FlipsideEmbeddingFunction(embedder),
        )  # fmt: skip
        naive.retrieve("warm up the naive index")
        oneshot = (services.generation_with(ONESHOT), {k.value for k in ONESHOT})
        rows = art.measure_artifacts(services.generation, cases, naive, raw, step, notes, oneshot)
        warm = measure_warm(services, measured_pair([c.profile for c in cases]), step, notes)
        questions = chat_questions(options.dataset / "chat.jsonl")
        if not questions:
            notes.append(f"{options.dataset}: no chat.jsonl with mentor questions: no chat keys")
        chat = (measure_chat(services.chat_by_model, questions, raw, step, notes)
                if questions else {})  # fmt: skip
        if questions:
            chat["library"] = measure_library(services.chat, questions, step)
        memory = {"model_server_peak_rss_mb": _server_peak(services)}
        if chat_model is None:
            step("abandoning requests while the prompt is read (until the slot is idle)")
            memory.update(abandon_figures(runtime, work.prompts_dir))
        return ModelRun(rows, memory, services.model_label, warm, chat)
    finally:
        if naive is not None:
            naive.close()
        services.close()


def run_benchmark(
    settings: Settings,
    options: BenchOptions,
    *,
    chat_model: Callable[[], BaseChatModel] | None = None,
    raw: art.RawCall | None = None,
    step: Step | None = None,
    embedder: MiniLMEmbedder | None = None,
) -> dict[str, Any]:
    """Measure everything in one run and return the report (see ``report.build_report``).

    ``embedder`` replaces the shared MiniLM in every index (tests pass a fake)."""
    say: Step = step or (lambda _message: None)
    machine = machine_info()
    questions = [q.question for q in load_questions(options.dataset / "retrieval.jsonl")]
    notes: list[str] = []
    run: ModelRun | None = None
    memory: dict[str, float | None] = {"model_server_peak_rss_mb": None}
    with tempfile.TemporaryDirectory(prefix="coach-bench-", ignore_cleanup_errors=True) as tmp:
        work = throwaway_settings(settings, Path(tmp))
        work.ensure_dirs()
        say("ingest: indexing the guides into a throwaway Chroma folder")
        guides = ChromaIndex(work, embedder=embedder)
        ingest = measure_ingest(guides, [work.knowledge_dir], work.chunk_tokens)
        if not ingest.chunks:
            raise UserError(f"{work.knowledge_dir}: no guides to index, so nothing to measure")
        if not options.skip_model:
            run = run_artifacts(work, options, chat_model, raw, say, notes, embedder)
            memory = run.memory
        memory["process_peak_rss_mb"] = own_peak_rss_mb()
        corpus = snapshot(guides)
        query_index = ChromaIndex(work, name="bench_query", embedder=embedder)
        copy_into(corpus, query_index)
        rng = np.random.default_rng(options.seed)
        retrieval = measure_sizes(query_index, corpus, questions, options.sizes, rng, say)
        memory["process_peak_rss_mb_final"] = own_peak_rss_mb()
    config = {
        "model": run.model if run else None,
        "provider": settings.resolved_provider,
        "llm_threads": settings.llm_threads,
        "llm_context": settings.llm_context,
        "llm_parallel": settings.llm_parallel,
        "structured": settings.structured_mode,
        "pairs": options.pairs,
        "sizes": sorted(options.sizes),
        "skip_model": options.skip_model,
        "questions": len(questions),
    }
    return build_report(
        machine=machine, config=config, ingest=ingest.as_dict(), retrieval=retrieval,
        artifacts=run.rows if run else None, memory=memory, notes=notes,
        warm=run.warm if run else None, chat=run.chat if run else None,
    )  # fmt: skip
