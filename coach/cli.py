"""`coach ...`: the command line. Every command calls services, never the store or index."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from coach import __version__, offline
from coach.cli_common import cli_services
from coach.private_files import private_umask

EPILOG = """examples:
  coach setup                      join the embedded model and index the shipped guides
  coach serve                      start the web app on http://127.0.0.1:7860
  coach ingest handbook.pdf notes/ add your own documents (md, txt, pdf, docx, html)
  coach search "first session ground rules" --k 3 --json
  coach agenda --pair evals/datasets/pairs/pair-logistics-01.json
  coach starters --pair pair.json --json
  coach summarize --pair pair.json --reflection notes.txt
  coach doctor                     check every component and measure it
  coach llm serve --port 8081      share one local model between several app instances

configuration comes from COACH_* environment variables or a .env file; see README.md."""


def _console():
    from rich.console import Console

    return Console(stderr=True)


def _bar(description: str):
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    return Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=_console(),
        transient=True,
    )


def _model_progress(progress, description: str):
    task = progress.add_task(description, total=None)

    def update(done: int, total: int) -> None:
        progress.update(task, completed=done, total=total)

    return update


def cmd_setup(args: argparse.Namespace) -> int:
    from coach.config import get_settings
    from coach.llm.local_model import resolve_model

    settings = get_settings()
    settings.ensure_dirs()
    if settings.resolved_provider == "local":
        with _bar("model") as progress:
            path = resolve_model(
                settings.local_model,
                settings.cache_dir,
                _model_progress(progress, "joining the embedded model"),
            )
        _console().print(f"model ready: {path}")
    report = _ingest([settings.knowledge_dir], prune=False)
    return 1 if report.failed else 0


def _ingest(paths: list[Path], prune: bool):
    from rich.progress import Progress
    from rich.table import Table

    services = cli_services()
    console = _console()
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("ingesting", total=None)

        def update(number: int, total: int, name: str) -> None:
            progress.update(task, completed=number, total=total, description=f"ingest {name}")

        report = services.ingest.ingest(paths, prune=prune, progress=update)
    table = Table(title="ingest")
    for column in ("file", "status", "chunks", "error"):
        table.add_column(column)
    for row in report.results:
        if row.status != "unchanged" or len(report.results) <= 40:
            table.add_row(row.source, row.status, str(row.chunks), row.error)
    console.print(table)
    counts = ", ".join(f"{n} {status}" for status, n in sorted(report.counts().items()))
    console.print(f"{counts}; {report.chunks} chunks written; index holds {services.index.count()}")
    for row in report.failed:
        console.print(f"[red]error[/red] {row.source}: {row.error}")
    return report


def cmd_ingest(args: argparse.Namespace) -> int:
    if args.pair_file:
        services = cli_services()
        for path in args.paths:
            count = services.pair_material.index_file(Path(path))
            _console().print(f"{path}: {count} chunks of pair material indexed")
        return 0
    report = _ingest([Path(p) for p in args.paths], prune=args.prune)
    return 1 if report.failed else 0


def cmd_search(args: argparse.Namespace) -> int:
    from coach.domain.knowledge import SearchFilters

    services = cli_services()
    filters = SearchFilters(
        topics=frozenset(args.topic or ()),
        audience=frozenset(args.audience or ()),
        phase=args.phase,
    )
    passages = services.retriever.search(
        args.query, args.k, mode=args.mode, filters=filters, pair_id=args.pair,
        diversity=args.mmr,
    )  # fmt: skip
    if args.json:
        rows = [
            {"id": p.id, "source": p.source, "title": p.title, "section": p.section,
             "score": p.score, "text": p.text}
            for p in passages
        ]  # fmt: skip
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for number, p in enumerate(passages, start=1):
        print(f"[{number}] {p.score:.4f} {p.id}\n    {p.label()}\n    {p.text[:200]!r}")
    if not passages:
        print("no results: run `coach ingest knowledge/` first", file=sys.stderr)
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from coach.config import get_settings
    from coach.llm.factory import ModelRuntime
    from coach.services.doctor import run_checks

    settings = get_settings()
    settings.ensure_dirs()
    runtime = ModelRuntime(settings)
    try:
        checks = run_checks(settings, runtime, with_model=not args.no_model)
    finally:
        runtime.close()
    return _print_checks(checks, f"Flipside {__version__} doctor")


def _print_checks(checks, title: str) -> int:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for column in ("component", "version", "status", "measured", "fix"):
        table.add_column(column)
    for c in checks:
        status = "[green]ok[/green]" if c.ok else "[red]FAIL[/red]"
        table.add_row(c.component, c.version, status, c.figure, c.fix)
    Console(width=160).print(table)
    return 0 if all(c.ok for c in checks) else 1


def cmd_llm_check(args: argparse.Namespace) -> int:
    from coach.config import get_settings
    from coach.llm.factory import ModelRuntime
    from coach.services.doctor import model_checks

    settings = get_settings()
    settings.ensure_dirs()
    runtime = ModelRuntime(settings)
    try:
        checks = model_checks(settings, runtime)
    finally:
        runtime.close()
    return _print_checks(checks, "Flipside model check")


def cmd_serve(args: argparse.Namespace) -> int:
    from coach.ui.launch import serve

    serve(host=args.host, port=args.port)
    return 0


def cmd_llm_serve(args: argparse.Namespace) -> int:
    from coach.config import get_settings
    from coach.llm.local_model import SHIPPED, resolve_model
    from coach.llm.server import ServerOptions, serve

    settings = get_settings()
    choice = args.model or settings.local_model
    with _bar("model") as progress:
        path = resolve_model(choice, settings.cache_dir, _model_progress(progress, "joining"))
    alias = args.alias or (choice if choice in SHIPPED else path.stem)
    serve(
        ServerOptions(
            model_path=path,
            alias=alias,
            host=args.host,
            port=args.port,
            threads=args.threads or settings.llm_threads,
            context=args.context or settings.llm_context,
            parallel=args.parallel or settings.llm_parallel,
            dry_multiplier=settings.llm_dry_multiplier if args.dry is None else args.dry,
            repeat_penalty=args.repeat_penalty or settings.llm_repeat_penalty,
            cache_prompt=settings.llm_cache_prompt and not args.no_cache_prompt,
        ),
        parent_pid=args.parent_pid,
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coach",
        description="Flipside: an offline AI coach for reverse mentoring programs.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"flipside {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("setup", help="join the embedded model and index the shipped guides")
    p.set_defaults(func=cmd_setup)

    p = sub.add_parser("serve", help="start the web app")
    p.add_argument("--host", default=None, help="bind address (default COACH_HOST, 127.0.0.1)")
    p.add_argument("--port", type=int, default=None, help="port (default COACH_PORT, 7860)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("ingest", help="index documents: files or folders (md txt pdf docx html)")
    p.add_argument("paths", nargs="+", help="files or folders to ingest")
    p.add_argument("--prune", action="store_true", help="remove chunks of files no longer given")
    p.add_argument(
        "--pair-file", action="store_true",
        help="the paths are pair JSON files: index their goals, action items and history",
    )  # fmt: skip
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("search", help="search the index and show the passages with their ids")
    p.add_argument("query")
    p.add_argument("--k", type=int, default=5, help="how many passages (default 5)")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.add_argument("--pair", default=None, help="also search this pair's own material")
    p.add_argument("--mode", choices=["hybrid", "dense", "keyword"], default="hybrid")
    p.add_argument("--topic", action="append", help="only guides with this topic (repeatable)")
    p.add_argument("--audience", action="append", choices=["mentor", "mentee", "lead"])
    p.add_argument("--phase", choices=["first", "middle", "closing"], default=None)
    p.add_argument("--mmr", action="store_true", help="diversify results (MMR)")
    p.set_defaults(func=cmd_search)

    from coach.evals.cli import add_eval_parser

    add_eval_parser(sub)

    p = sub.add_parser("doctor", help="check and measure every component; exit 1 if broken")
    p.add_argument("--no-model", action="store_true", help="skip starting the model")
    p.set_defaults(func=cmd_doctor)

    llm = sub.add_parser("llm", help="the embedded model").add_subparsers(
        dest="llm_command", required=True, metavar="SUBCOMMAND"
    )
    p = llm.add_parser("serve", help="run the OpenAI-compatible local model server")
    p.add_argument("--port", type=int, default=8081, help="port (default 8081)")
    p.add_argument("--host", default="127.0.0.1", help="bind address (default 127.0.0.1)")
    p.add_argument("--model", default=None, help="shipped model name or GGUF path")
    p.add_argument("--alias", default=None, help="model name the server reports")
    p.add_argument("--threads", type=int, default=None, help="CPU threads (COACH_LLM_THREADS)")
    p.add_argument(
        "--dry", type=float, default=None,
        help="DRY anti-repetition multiplier, 0 = off (COACH_LLM_DRY_MULTIPLIER, 0.8)",
    )  # fmt: skip
    p.add_argument(
        "--repeat-penalty", type=float, default=None,
        help="repeat penalty, 1 = off (COACH_LLM_REPEAT_PENALTY, 1.05)",
    )  # fmt: skip
    p.add_argument(
        "--context", type=int, default=None, help="context size per slot (COACH_LLM_CONTEXT)"
    )
    p.add_argument("--parallel", type=int, default=None, help="slots (COACH_LLM_PARALLEL, 4)")
    p.add_argument(
        "--no-cache-prompt", action="store_true",
        help="read every prompt whole: slower, repeatable at temperature 0 "
        "(COACH_LLM_CACHE_PROMPT=false)",
    )  # fmt: skip
    p.add_argument("--parent-pid", type=int, default=None, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_llm_serve)
    p = llm.add_parser(
        "check",
        help="start the model, time one answer, show which CPU features llama.cpp uses; "
        "exit 1 if it does not answer",
    )
    p.set_defaults(func=cmd_llm_check)

    from coach import cli_admin  # users, programs, pairs, demo, export/import, backup/restore

    cli_admin.register(sub)
    from coach import cli_privacy  # retention, purge, deletions

    cli_privacy.register(sub)
    from coach import cli_generate  # agenda, starters, summarize

    cli_generate.register(sub)
    from coach import cli_bench  # bench: ingest, retrieval and artifacts beside their baselines

    cli_bench.register(sub)
    from coach import cli_library  # library check: the coaching library's files

    cli_library.register(sub)
    from coach import cli_ask  # ask: the chat from the command line

    cli_ask.register(sub)
    from coach import cli_match  # match: pair suggestions from a candidates file

    cli_match.register(sub)
    from coach import cli_report  # report: the program report (HTML and PDF)

    cli_report.register(sub)
    from coach import cli_notify  # notify: reminders by mail, each sent once

    cli_notify.register(sub)
    from coach import cli_ratings  # ratings: counts, and the export for the evals

    cli_ratings.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    private_umask()  # before anything writes into the data dir (the tokenizer cache, first)
    offline.prepare()
    args = build_parser().parse_args(argv)
    from coach.knowledge.loaders import LoadError
    from coach.llm.local_model import ModelUnavailable
    from coach.services.errors import UserError

    try:
        return int(args.func(args) or 0)
    except (UserError, LoadError, ModelUnavailable, FileNotFoundError) as error:
        print(f"coach: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
