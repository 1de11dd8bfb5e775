"""What the command-line modules share: building the services, the operations journal, and
turning errors into one readable line."""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path


def cli_services(settings=None):
    """The services over ``settings`` (default: the environment's)."""
    from coach.config import get_settings
    from coach.services.container import Services

    return Services(settings or get_settings())


def journal_path(data_dir: Path) -> Path:
    """Operator actions go to data/logs/operations.log (they are not in the audit table)."""
    return data_dir / "logs" / "operations.log"


def journal(services, line: str) -> None:
    """Append one operator action, time-stamped, to the journal."""
    path = journal_path(services.settings.data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as log:
        log.write(f"{datetime.now(UTC).isoformat()} {line}\n")


COPIES = ("backup", "export")  # journal lines "<when> backup to <path>", "<when> export to ..."


def journaled_copies(data_dir: Path) -> list[tuple[str, str, Path]]:
    """(when, kind, path) of every backup and export the journal records that still exists:
    they hold private text that a purge or a deletion does not reach."""
    path = journal_path(data_dir)
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    copies = []
    for line in lines:
        when, _, rest = line.partition(" ")
        kind, _, target = rest.partition(" to ")
        if kind in COPIES and target and Path(target).exists():
            copies.append((when, kind, Path(target)))
    return copies


def one_line_errors(command: Callable[[argparse.Namespace], int]):
    """Turn rule, store, database and file errors into the CLI's one-line UserError."""

    @functools.wraps(command)
    def run(args: argparse.Namespace) -> int:
        from sqlalchemy.exc import SQLAlchemyError

        from coach.domain.common import RuleViolation
        from coach.services.errors import UserError
        from coach.store.api import StoreError

        try:
            return command(args)
        except (RuleViolation, StoreError, OSError) as error:
            raise UserError(str(error)) from None
        except SQLAlchemyError as error:
            detail = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
            raise UserError(f"cannot use the database: {detail}") from None

    return run
