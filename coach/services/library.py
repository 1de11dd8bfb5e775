"""Read the coaching library from ``library/*.yaml`` with one clear error per broken entry."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, get_args

import yaml
from pydantic import ValidationError

from coach.domain.flag_examples import FlagExample, parse_examples
from coach.domain.library import Library, merge, problems_of, unknown_cites
from coach.domain.summary_draft import FlagKind
from coach.generation.action_model import ActionModel
from coach.generation.flag_model import FlagModel
from coach.generation.goal_model import GoalModel
from coach.generation.sentiment_model import SentimentModel
from coach.knowledge.chunking import slug
from coach.services.errors import UserError


def read_file(path: Path) -> tuple[Library, list[str]]:
    """One file's entries, and a line for every entry that breaks the schema (kept out)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        return Library(), [f"{path.name}: not readable YAML ({error})"]
    if not isinstance(data, dict) or set(data) - set(Library.model_fields):
        known = ", ".join(Library.model_fields)
        return Library(), [f"{path.name}: a mapping with the lists {known}"]
    good: dict[str, list] = {}
    errors = []
    for kind, entries in data.items():
        model = Library.model_fields[kind].annotation.__args__[0]  # type: ignore[union-attr]
        good[kind] = []
        for number, entry in enumerate(entries or [], 1):
            try:
                good[kind].append(model.model_validate(entry))
            except ValidationError as error:
                first = error.errors()[0]
                where = ".".join(str(p) for p in first["loc"]) or "entry"
                name = entry.get("id", f"#{number}") if isinstance(entry, dict) else f"#{number}"
                errors.append(f"{path.name}: {kind} {name}: {where}: {first['msg']}")
    return Library(**good), errors


def guide_sections(guides: Path) -> set[str]:
    """Every ``file.md#slug`` a library entry may cite: the ``##`` headings of the guides."""
    found = set()
    for path in sorted(guides.glob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("## "):
                found.add(f"{path.name}#{slug(line[3:].strip())}")
    return found


def load_library(
    folder: Path, minimum: bool = True, guides: Path | None = None
) -> tuple[Library, list[str]]:
    """Every ``*.yaml`` in ``folder`` as one library, and every problem found, one line each;
    with ``guides``, every cite must name one of their sections."""
    if not folder.is_dir():
        raise UserError(f"{folder}: no such folder; the coaching library lives in library/")
    parts, errors = [], []
    for path in sorted(folder.glob("*.yaml")):
        part, found = read_file(path)
        parts.append(part)
        errors += found
    library = merge(parts)
    errors += problems_of(library, minimum)
    if guides is not None:
        errors += unknown_cites(library, guide_sections(guides))
    return library, errors


_SHIPPED: dict[Path, Library] = {}


def shipped_library(folder: Path) -> Library:
    """The library the recipes choose from, read once per process; a broken library is a
    ``UserError`` naming its first problems (`coach library check` lists them all)."""
    folder = folder.resolve()
    if folder not in _SHIPPED:
        library, problems = load_library(folder, minimum=False)
        if problems:
            shown = "; ".join(problems[:3])
            raise UserError(f"the coaching library in {folder} has problems: {shown}. "
                            "Run `coach library check` for all of them.")  # fmt: skip
        _SHIPPED[folder] = library
    return _SHIPPED[folder]


FLAG_MODEL = "flag-model.json"
GOAL_MODEL = "goal-model.json"
ACTION_MODEL = "action-model.json"
SENTIMENT_MODEL = "sentiment-model.json"
FLAG_EXAMPLES = "flag-examples"
_MODELS: dict[Path, Any] = {}
M = TypeVar("M")


def _trained(path: Path, load: Callable[[Path], M], what: str, command: str) -> M | None:
    """The trained model in ``path``, read once per process; None without one. A broken file
    is a ``UserError`` saying how to rebuild it."""
    path = path.resolve()
    if path not in _MODELS:
        try:
            _MODELS[path] = load(path) if path.is_file() else None
        except (OSError, ValueError, KeyError) as error:
            raise UserError(f"{path} is not a {what} ({error}). "
                            f"Rebuild it with `{command}`.") from error  # fmt: skip
    return _MODELS[path]


def shipped_flag_model(folder: Path) -> FlagModel | None:
    """The sentence flag classifier in ``folder``; None without one (the cue rules still
    flag)."""
    return _trained(folder / FLAG_MODEL, FlagModel.load, "flag model",
                    "coach library train-flags")  # fmt: skip


def shipped_goal_model(folder: Path) -> GoalModel | None:
    """The goal-evidence model in ``folder``; None without one (the rule-built score ranks the
    evidence)."""
    return _trained(folder / GOAL_MODEL, GoalModel.load, "goal-evidence model",
                    "coach library train-goals")  # fmt: skip


def shipped_action_model(folder: Path) -> ActionModel | None:
    """The action model in ``folder``; None without one (the rules alone find the actions)."""
    return _trained(folder / ACTION_MODEL, ActionModel.load, "action model",
                    "coach library train-actions")  # fmt: skip


def shipped_sentiment_model(folder: Path) -> SentimentModel | None:
    """The sentiment model in ``folder``; None without one (the feeling-word rule decides)."""
    return _trained(folder / SENTIMENT_MODEL, SentimentModel.load, "sentiment model",
                    "coach library train-sentiment")  # fmt: skip


def read_examples(folder: Path) -> tuple[dict[FlagKind, list[FlagExample]], list[str]]:
    """Every flag kind's examples in ``folder`` (``<kind>.jsonl``) and the problems found."""
    found: dict[FlagKind, list[FlagExample]] = {}
    problems: list[str] = []
    for kind in get_args(FlagKind):
        path = folder / f"{kind}.jsonl"
        if not path.is_file():
            problems.append(f"{path}: missing")
            continue
        found[kind], wrong = parse_examples(path.name, path.read_text(encoding="utf-8"))
        problems += wrong
    return found, problems
