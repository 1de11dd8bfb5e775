"""`coach bench`: ingest, retrieval, artifact and chat timings in one run, beside their
baselines."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

EPILOG = """measured in one run, side by side:
  ingest       chunks/s indexing the shipped guides into a throwaway Chroma folder
  retrieval    hybrid p50/p95 at each --sizes (dense-only is the baseline)
  artifacts    agenda, starters and summary with the configured model: first token, end to
               end, tokens/s, prompt tokens, peak memory; beside the naive LangChain RAG
               baseline and the raw model (same prompt length and output tokens, no pipeline)
  warm open    a pair stored from the pair files, prepared by the background job (untimed),
               then opened as the Prepare panel does: prepare_warm_seconds, median of 5 reads
  chat         3 fixed mentor questions from <dataset>/chat.jsonl through the chat service:
               chat_first_token_seconds; the raw model reading as many prompt tokens to its
               first token: chat_raw_prompt_seconds, and chat_first_token_vs_raw_ratio

examples:
  coach bench                               the full run: starts the model, takes minutes
  coach bench --skip-model --json           ingest and retrieval only, as JSON
  coach bench --pairs 1 --sizes 1000,10000  a quicker look"""


def parse_sizes(text: str) -> list[int]:
    """'1000,10k,100000' -> [1000, 10000, 100000]."""
    sizes = []
    for part in text.split(","):
        part = part.strip().lower()
        try:
            size = int(part[:-1]) * 1000 if part.endswith("k") else int(part)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a size: {part!r}") from None
        if size < 1:
            raise argparse.ArgumentTypeError(f"sizes are positive: {part!r}")
        sizes.append(size)
    if not sizes:
        raise argparse.ArgumentTypeError("give at least one size")
    return sorted(set(sizes))


def _run(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TimeElapsedColumn

    from coach.benchmarks.report import render
    from coach.benchmarks.runner import BenchOptions, run_benchmark
    from coach.config import get_settings
    from coach.evals.datasets import DatasetError
    from coach.services.errors import UserError

    if args.pairs < 1:
        raise UserError("--pairs is at least 1")
    dataset = Path(args.dataset)
    if not (dataset / "retrieval.jsonl").is_file():
        raise UserError(f"{dataset}: no retrieval.jsonl (see evals/README.md)")
    options = BenchOptions(
        sizes=args.sizes, pairs=args.pairs, skip_model=args.skip_model, dataset=dataset
    )
    console = Console(stderr=True)
    columns = (SpinnerColumn(), "[progress.description]{task.description}", TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("starting", total=None)
        began = time.monotonic()

        def step(message: str) -> None:
            progress.update(task, description=message)
            progress.console.print(f"[dim]{time.monotonic() - began:7.1f} s[/] {message}")

        try:
            report = run_benchmark(get_settings(), options, step=step)
        except DatasetError as error:
            raise UserError(str(error)) from None
    if args.json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
    else:
        render(report, Console(width=None if sys.stdout.isatty() else 160))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add `coach bench` to the main parser."""
    p = sub.add_parser(
        "bench", help="measure ingest, retrieval, artifact and chat timings against baselines",
        description="Measure ingest throughput, retrieval latency, artifact generation, opening\n"
        "a prepared pair and the chat's first token in one run, each beside its baseline.\n"
        "Progress goes to stderr.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    p.add_argument("--json", action="store_true", help="print one JSON object only")
    p.add_argument("--pairs", type=int, default=3, help="pair files and reflections (default 3)")
    p.add_argument("--skip-model", action="store_true", help="ingest and retrieval only")
    p.add_argument(
        "--sizes", type=parse_sizes, default=[1000, 10000, 100000],
        help="index sizes for retrieval latency (default 1000,10000,100000)",
    )  # fmt: skip
    p.add_argument(
        "--dataset",
        default="evals/datasets",
        help="pairs/, reflections.jsonl, retrieval.jsonl, chat.jsonl (default evals/datasets)",
    )
    p.set_defaults(func=_run)
