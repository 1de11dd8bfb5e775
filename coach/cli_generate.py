"""`coach agenda | starters | summarize`: the three artifacts from a pair file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach.cli_common import cli_services
from coach.services.errors import UserError

MAX_REFLECTION_FILE = 5_000_000


def _read_reflection(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_REFLECTION_FILE:
            raise UserError(f"{path}: larger than {MAX_REFLECTION_FILE:,} bytes; split it first")
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(f"{path}: not a readable text file ({error})") from None


def _run(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.markdown import Markdown

    from coach.domain.markdown import agenda_markdown, starters_markdown, summary_markdown
    from coach.services.pair_files import check_reflection, read_pair_file

    profile = read_pair_file(Path(args.pair))
    reflection = None
    if args.command == "summarize":
        reflection = check_reflection(_read_reflection(Path(args.reflection)))
    console = Console(stderr=True)
    services = cli_services()
    try:
        with console.status("Indexing guides…"):
            services.ensure_guides()
        status = console.status(f"Writing the {args.command} with {services.model_label}…")
        with status:

            def progress(tokens: int) -> None:
                status.update(f"Writing the {args.command}: {tokens} tokens so far…")

            gen = services.generation
            if args.command == "agenda":
                artifact = gen.agenda(profile, progress)
                text = agenda_markdown(artifact)
            elif args.command == "starters":
                artifact = gen.starters(profile, progress)
                text = starters_markdown(artifact)
            else:
                artifact = gen.summarize(profile, reflection or "", args.author, progress)
                text = summary_markdown(artifact)
    finally:
        services.close()
    if args.json:
        sys.stdout.write(artifact.model_dump_json(indent=2) + "\n")
    else:
        Console().print(Markdown(text))
    if artifact.meta and artifact.meta.fallback:
        console.print(
            f"[yellow]note:[/] built by rules, not the model ({artifact.meta.fallback_reason}). "
            "Run `coach doctor` to check the model."
        )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add the generation commands to the main parser."""
    common = {"formatter_class": argparse.RawDescriptionHelpFormatter}
    p = sub.add_parser(
        "agenda", help="a time-boxed session agenda for a pair file", **common,
        description="Write a session agenda grounded in the guides and the pair's goals.\n"
        "Code guarantees the minutes add up, every goal is served and citations are real.",
        epilog="example: coach agenda --pair evals/datasets/pairs/pair-logistics-01.json",
    )  # fmt: skip
    p.add_argument("--pair", required=True, help="pair JSON file (format: evals/README.md)")
    p.add_argument("--json", action="store_true", help="print only the agenda as JSON")
    p.set_defaults(func=_run)

    p = sub.add_parser(
        "starters", help="conversation starters on power dynamics and generations", **common,
        description="Write conversation starters tailored to the pair: always power dynamics\n"
        "and generational differences, never generational stereotypes.",
        epilog="example: coach starters --pair evals/datasets/pairs/pair-tech-01.json --json",
    )  # fmt: skip
    p.add_argument("--pair", required=True, help="pair JSON file (format: evals/README.md)")
    p.add_argument("--json", action="store_true", help="print only the starters as JSON")
    p.set_defaults(func=_run)

    p = sub.add_parser(
        "summarize", help="summarise a reflection text file", **common,
        description="Summarise a post-session reflection. Every takeaway keeps the span of the\n"
        "text that supports it; flags are private coaching signals for the author.",
        epilog="example: coach summarize --pair pair.json --reflection notes.txt --author mentee",
    )  # fmt: skip
    p.add_argument("--pair", required=True, help="pair JSON file (format: evals/README.md)")
    p.add_argument("--reflection", required=True, help="text file with the reflection")
    p.add_argument("--author", choices=["mentor", "mentee"], default="mentor")
    p.add_argument("--json", action="store_true", help="print only the summary as JSON")
    p.set_defaults(func=_run)
