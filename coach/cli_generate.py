"""`coach agenda | starters | summarize | followup`: one command per kind in the registry."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach.cli_common import cli_services
from coach.domain.pairs import Side
from coach.domain.registry import SPECS, spec_for
from coach.services.errors import UserError

MAX_REFLECTION_FILE = 5_000_000


def _read_text(path: Path) -> str:
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

    from coach.domain.artifact_spec import ArtifactRequest
    from coach.services.pair_files import check_reflection, read_pair_file

    spec = spec_for(args.kind)
    profile = read_pair_file(Path(args.pair))
    text = ""
    given = getattr(args, spec.text_input.flag, None) if spec.text_input else None
    if given:
        text = check_reflection(_read_text(Path(given)))
    request = ArtifactRequest(profile, Side(getattr(args, "author", Side.MENTOR)), text)
    console = Console(stderr=True)
    services = cli_services()
    try:
        with console.status("Indexing guides…"):
            services.ensure_guides()
        status = console.status(f"Writing the {spec.label} with {services.model_label}…")
        with status:

            def progress(tokens: int) -> None:
                status.update(f"Writing the {spec.label}: {tokens} tokens so far…")

            artifact = services.generation.generate(spec.kind, request, progress)
    finally:
        services.close()
    if args.json:
        sys.stdout.write(artifact.model_dump_json(indent=2) + "\n")
    else:
        Console().print(Markdown(spec.render(artifact)))
    meta = getattr(artifact, "meta", None)
    if meta and meta.fallback:
        console.print(
            f"[yellow]note:[/] built by rules, not the model ({meta.fallback_reason}). "
            "Run `coach doctor` to check the model."
        )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add one command per artifact kind in the registry to the main parser."""
    for spec in SPECS:
        p = sub.add_parser(
            spec.command,
            help=spec.help,
            description=spec.description,
            epilog=f"example: {spec.example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.add_argument("--pair", required=True, help="pair JSON file (format: evals/README.md)")
        if spec.text_input:
            flag = f"--{spec.text_input.flag}"
            p.add_argument(flag, required=spec.text_input.required, help=spec.text_input.help)
        if spec.takes_author:
            p.add_argument(
                "--author",
                choices=[s.value for s in Side],
                default=Side.MENTOR.value,
                help="who writes it",
            )
        p.add_argument("--json", action="store_true", help=f"print only the {spec.label} as JSON")
        p.set_defaults(func=_run, kind=spec.kind)
