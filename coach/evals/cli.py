"""`coach eval`: argument parsing and the real wiring (services, baseline, embedder)."""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import sys
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.evals import SUITES

if TYPE_CHECKING:
    from coach.evals.runner import ProgressFactory
    from coach.evals.support import SupportScorer

DEFAULT_THRESHOLDS = Path("evals/thresholds.toml")
EPILOG = """examples:
  coach eval                                   retrieval: dense vs keyword vs hybrid
  coach eval --suite all --limit 5 --baseline  a small real-model run, with the naive baseline
  coach eval --suite starters --oneshot        the starters recipe against the one-shot one
  coach eval --suite summary --json            print the summary object only
  coach eval --dataset my/set --out runs/x --compare evals/runs/results.json"""


@dataclass
class Setup:
    """What a run needs, and how to release it afterwards."""

    systems: dict[str, Any] = field(default_factory=dict)
    scorer: SupportScorer | None = None
    retrieval: Callable[[Path, list[Path]], dict[str, Any]] | None = None
    model: str = "n/a"
    instructions: dict[str, str] = field(default_factory=dict)
    close: Callable[[], None] = lambda: None


Build = Callable[[argparse.Namespace, list[str]], Setup]


def add_eval_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register `coach eval` on the main parser's subparsers."""
    p = subparsers.add_parser(
        "eval",
        help="score retrieval, agendas, starters and summaries offline",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--dataset", default="evals/datasets", help="datasets folder (evals/README.md)")
    p.add_argument(
        "--suite", choices=[*SUITES, "all"], default="retrieval", help="default: retrieval"
    )
    p.add_argument("--limit", type=int, default=None, help="only the first N pairs/reflections")
    p.add_argument("--json", action="store_true", help="print the results summary as JSON only")
    p.add_argument("--out", default="evals/runs", help="report folder (default evals/runs)")
    p.add_argument(
        "--baseline", action=argparse.BooleanOptionalAction, default=False,
        help="also run the naive LangChain RAG baseline (default: no)",
    )  # fmt: skip
    p.add_argument(
        "--oneshot", action=argparse.BooleanOptionalAction, default=False,
        help="also run the one-shot recipes the narrow ones replaced (default: no)",
    )  # fmt: skip
    p.add_argument("--compare", default=None, help="results.json to compare with")
    p.add_argument("--docs", action="append", help="documents to index (default knowledge/)")
    p.add_argument("--thresholds", default=None, help="thresholds TOML ('' for none)")
    p.add_argument("--fail-on-regression", action="store_true", help="exit 1 on a regression")
    p.set_defaults(func=run_eval)
    add_review_parsers(p.add_subparsers(dest="eval_command", metavar="{review-pack,review-score}"))
    return p


def add_review_parsers(sub: Any) -> None:
    """`coach eval review-pack` and `coach eval review-score`: the blind review suite."""
    from coach.evals.review import REVIEWABLE

    p = sub.add_parser(
        "review-pack", help="blind side-by-side sheets of two runs, for a reviewer",
        description="Write sheet.md, grades.csv and key.json into OUT: the cases both runs have,\n"
        "rendered alike, sides shuffled, with control items (evals/review/controls/SUITE.md).\n"
        "The reviewer reads sheet.md, grades by evals/review/RUBRIC.md and never opens key.json.",
        epilog="example: coach eval review-pack --suite agenda --out evals/review/agenda-1\n"
        "  --a evals/baselines/before/agenda.json --b evals/runs/x",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    p.add_argument("--suite", required=True, choices=REVIEWABLE)
    p.add_argument("--a", required=True, help="run A: results.json, answers.jsonl or their folder")
    p.add_argument("--b", required=True, help="run B, the same way")
    p.add_argument("--out", required=True, help="folder for the pack")
    p.add_argument("--limit", type=int, default=None, help="at most N cases")
    p.add_argument("--controls", default="evals/review/controls", help="known-bad outputs")
    p.add_argument("--dataset", default="evals/datasets",
                   help="show what both sides were written from above them: each reflection "
                   "(summaries) or each pair file (agendas, starters, follow-ups)")  # fmt: skip
    p.set_defaults(func=run_review_pack)
    p = sub.add_parser(
        "review-score", help="unblind a graded pack: win rate and mean grades with 95%% intervals",
        epilog="example: coach eval review-score evals/review/agenda-1 --json",
    )  # fmt: skip
    p.add_argument("folder", help="a pack whose grades.csv is filled in")
    p.add_argument("--json", action="store_true", help="print the score as JSON")
    p.set_defaults(func=run_review_score)


def run_review_pack(args: argparse.Namespace) -> int:
    """Write a blind review pack; exit 2 with one line when a run cannot be used."""
    from coach.evals import review

    try:
        a = review.read_run(Path(args.a), args.suite)
        b = review.read_run(Path(args.b), args.suite)
        controls = review.controls_for(args.suite, Path(args.controls))
        sources = (review.reflection_sources(Path(args.dataset)) if args.suite == "summary"
                   else review.pair_sources(Path(args.dataset)))  # fmt: skip
        count = review.pack(args.suite, a, b, controls, Path(args.out), args.limit,
                            sources=sources)  # fmt: skip
    except review.ReviewError as error:
        print(f"coach eval review-pack: {error}", file=sys.stderr)
        return 2
    print(f"{args.out}: {count} items ({len(controls)} controls); grade sheet.md in grades.csv")
    return 0


def run_review_score(args: argparse.Namespace) -> int:
    """Print the unblinded score; exit 1 when a control failed (the review does not count)."""
    from coach.evals import review

    try:
        result = review.score(Path(args.folder))
    except (review.ReviewError, OSError, json.JSONDecodeError) as error:
        print(f"coach eval review-score: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        wins, grades = result["b_wins"], result["grades"]
        print(f"{result['suite']}: B wins {wins['rate']} of {wins['n']} "
              f"(95% {wins['low']}–{wins['high']})")  # fmt: skip
        for side in ("a", "b"):
            g = grades[side]
            print(
                f"  {side.upper()}: mean grade {g['mean']} (95% {g['low']}–{g['high']}, n={g['n']})"
            )
    if not result["counts"]:
        print(f"controls graded too high: {', '.join(result['failed_controls'])}; "
              "this review does not count", file=sys.stderr)  # fmt: skip
        return 1
    return 0


def real_setup(
    args: argparse.Namespace, suites: list[str], chat_model: Callable[[], Any] | None = None
) -> Setup:
    """Services on a throwaway index and database; the configured model; MiniLM support.

    ``chat_model`` replaces the configured model (a smoke test passes the fake one).
    """
    from coach.config import get_settings
    from coach.domain.registry import SPECS, spec_for
    from coach.evals.baseline import NaiveRag
    from coach.evals.retrieval import run_retrieval_eval
    from coach.evals.support import SupportScorer
    from coach.evals.systems import ONESHOT
    from coach.generation.prompts import load_prompt
    from coach.knowledge.embedder import shared_embedder
    from coach.llm.factory import ModelRuntime
    from coach.services.container import Services
    from coach.services.generation import recipe_of

    docs = [Path(p) for p in (args.docs or ["knowledge"])]
    setup = Setup(retrieval=run_retrieval_eval)
    if not set(suites) - {"retrieval"}:
        return setup
    tmp = Path(tempfile.mkdtemp(prefix="coach-eval-"))
    base = get_settings()
    settings = base.model_copy(
        update={
            "chroma_path": tmp / "chroma",
            "chroma_host": None,
            "database_url": f"sqlite:///{tmp / 'eval.db'}",
        }
    )
    services = Services(settings, chat_model=chat_model, runtime=ModelRuntime(settings))
    services.ingest.ingest(docs)
    setup.systems["flipside"] = services.generation
    if args.oneshot:
        setup.systems["oneshot"] = services.generation_with(ONESHOT)
        for kind, path in ONESHOT.items():  # its copies are judged against its own prompt
            prompt_id = recipe_of(spec_for(kind), path).prompt_id
            setup.instructions[f"oneshot:{kind.value}"] = load_prompt(
                settings.prompts_dir, prompt_id
            ).system
    for spec in SPECS:  # what an artifact must not parrot: its prompt's instructions
        prompt_id = recipe_of(spec).prompt_id
        setup.instructions[spec.kind.value] = load_prompt(settings.prompts_dir, prompt_id).system
    baseline = None
    if args.baseline:
        model = chat_model or (
            lambda: services.runtime.chat_model(max_tokens=settings.artifact_max_tokens)
        )
        baseline = NaiveRag(model, docs, settings.prompts_dir)
        setup.systems["baseline"] = baseline
    setup.scorer = SupportScorer(shared_embedder())
    setup.model = services.model_label

    def close() -> None:
        if baseline is not None:
            baseline.close()
        services.close()
        shutil.rmtree(tmp, ignore_errors=True)

    setup.close = close
    return setup


@contextlib.contextmanager
def rich_progress(enabled: bool) -> Iterator[ProgressFactory | None]:
    """A progress bar per suite and system, on stderr."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
    ) as progress:

        def factory(description: str, total: int) -> Callable[[], None]:
            task = progress.add_task(description, total=total)
            return lambda: progress.advance(task)

        yield factory


@dataclass
class Gates:
    """The thresholds and the earlier run to compare with, read before the run starts."""

    thresholds_file: Path | None = None
    thresholds: dict[str, Any] | None = None
    previous_file: Path | None = None
    previous: dict[str, Any] | None = None


def load_gates(args: argparse.Namespace, out: Path) -> Gates:
    """Read the thresholds and the run to compare with; ``ValueError`` when one is unreadable."""
    from coach.evals.compare import load_results, load_thresholds

    gates = Gates()
    path = DEFAULT_THRESHOLDS if args.thresholds is None else Path(args.thresholds)
    if args.thresholds or (args.thresholds is None and path.is_file()):
        try:
            gates.thresholds, gates.thresholds_file = load_thresholds(path), path
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise ValueError(f"cannot read thresholds {path}: {error}") from None
    previous = Path(args.compare) if args.compare else out / "results.json"
    if args.compare or previous.is_file():
        try:
            gates.previous, gates.previous_file = load_results(previous), previous
        except (OSError, json.JSONDecodeError) as error:
            raise ValueError(f"cannot read {previous}: {error}") from None
    return gates


def _annotate(results: dict[str, Any], gates: Gates) -> None:
    """Add the threshold checks and the comparison with an earlier run."""
    from coach.evals.compare import case_count_changes, check_thresholds, regressions

    if gates.thresholds is not None:
        rows = check_thresholds(results, gates.thresholds)
        results["thresholds"] = {"file": str(gates.thresholds_file), "rows": rows}
    if gates.previous is not None:
        results["comparison"] = {
            "against": str(gates.previous_file),
            "regressions": regressions(results, gates.previous),
            "notes": case_count_changes(results, gates.previous),
        }


def _print_tables(results: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for suite, body in results["suites"].items():
        table = Table(title=f"{suite}: {body.get('cases', 0)} cases")
        systems = list(body["systems"])
        table.add_column("metric")
        for system in systems:
            table.add_column(system, justify="right")
        names = dict.fromkeys(m for s in systems for m in body["systems"][s]["metrics"])
        for name in names:
            values = [body["systems"][s]["metrics"].get(name) for s in systems]
            table.add_row(name, *("n/a" if v is None else f"{v:.3f}" for v in values))
        console.print(table)


def _messages(results: dict[str, Any]) -> list[str]:
    from coach.evals.compare import describe_regression, describe_threshold

    lines = [f"skipped {s}: {r}" for s, r in results["skipped"].items()]
    retrieval = results["suites"].get("retrieval", {})
    if retrieval.get("skipped"):
        lines.append(f"{retrieval['skipped']} questions skipped: their sources were not indexed")
    for suite, body in results["suites"].items():
        if body.get("skipped_cases"):
            lines.append(f"{suite}: skipped cases: {body['skipped_cases']}")
    for row in results.get("thresholds", {}).get("rows", []):
        if not row["ok"]:
            lines.append(f"threshold failed: {describe_threshold(row)}")
    comparison = results.get("comparison")
    if comparison:
        for row in comparison["regressions"]:
            lines.append(f"regression: {describe_regression(row)}")
        lines += [f"note: {n}" for n in comparison["notes"]]
    return lines


def run_eval(args: argparse.Namespace, build: Build | None = None) -> int:
    """Run the chosen suites, write the reports, print a summary; exit 1 on a failed gate."""
    from coach.evals.datasets import DatasetError, missing_parts
    from coach.evals.report import write_reports
    from coach.evals.runner import EvalOptions, Runner, summary_view

    dataset = Path(args.dataset)
    if not dataset.is_dir():
        print(f"coach eval: {dataset} is not a folder (see evals/README.md)", file=sys.stderr)
        return 2
    suites = list(SUITES) if args.suite == "all" else [args.suite]
    out = Path(args.out)
    try:
        gates = load_gates(args, out)
    except ValueError as error:
        print(f"coach eval: {error}", file=sys.stderr)
        return 2
    runnable = [s for s in suites if missing_parts(dataset, s) is None]
    setup = (build or real_setup)(args, runnable)
    options = EvalOptions(
        dataset, suites, args.limit, [Path(p) for p in (args.docs or ["knowledge"])]
    )
    try:
        with rich_progress(sys.stderr.isatty()) as progress:
            runner = Runner(
                setup.systems, setup.scorer, setup.retrieval, progress, setup.instructions
            )
            results = runner.run(options)
    except DatasetError as error:
        print(f"coach eval: {error}", file=sys.stderr)
        return 2
    finally:
        setup.close()
    results["model"] = setup.model
    if not results["suites"]:
        for line in _messages(results):
            print(line, file=sys.stderr)
        print("coach eval: no suite could run on this dataset", file=sys.stderr)
        return 2
    _annotate(results, gates)
    if (out / "results.json").is_file():
        out.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(out / "results.json", out / "results.previous.json")
    paths = write_reports(results, out)
    if args.json:
        print(json.dumps(summary_view(results), indent=2))
    else:
        _print_tables(results)
        print(f"reports: {paths['markdown']}, {paths['html']}, {paths['results']}")
    for line in _messages(results):
        print(line, file=sys.stderr)
    failed = [r for r in results.get("thresholds", {}).get("rows", []) if not r["ok"]]
    regressed = results.get("comparison", {}).get("regressions", [])
    return 1 if failed or (regressed and args.fail_on_regression) else 0
