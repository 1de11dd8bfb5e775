"""Load an eval dataset folder: retrieval.jsonl, pairs/*.json, reflections.jsonl.

Any folder in the documented format works (evals/README.md); a missing part only skips the
suites that need it, with a message saying which file was missing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import ValidationError

from coach.domain.pair_profile import PairProfile
from coach.domain.registry import spec_for
from coach.evals import SUITES
from coach.evals.summary_gold import (
    EVIDENCE_LABELS,
    Gold,
    load_accepted,
    load_gold,
    load_read,
    load_sentiments,
)

__all__ = ["SUITES", "DatasetError", "ReflectionCase", "load_pairs", "load_reflections"]


class DatasetError(ValueError):
    """A dataset file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class ReflectionCase:
    """One reflection with what a faithful summary must keep, avoid and flag."""

    id: str
    pair_id: str
    author: str
    reflection: str
    expected_facts: list[str] = field(default_factory=list)
    traps: list[str] = field(default_factory=list)
    expected_flags: list[str] = field(default_factory=list)
    gold: Gold | None = None  # field-level labels, when the dataset has them


def load_pairs(folder: Path) -> list[PairProfile]:
    """Every ``*.json`` pair file in ``folder``, sorted by file name."""
    out = []
    for path in sorted(folder.glob("*.json")):
        try:
            out.append(PairProfile.model_validate_json(path.read_text(encoding="utf-8")))
        except (ValidationError, ValueError) as error:
            raise DatasetError(f"{path}: not a valid pair file ({error})") from None
    return out


def load_reflection_set(folder: Path) -> list[ReflectionCase]:
    """A dataset folder's reflection cases: ``reflections.jsonl``, then the cases hard on
    purpose in ``reflections_hard.jsonl`` when the folder has them (issue 17)."""
    hard = folder / "reflections_hard.jsonl"
    return load_reflections(folder / "reflections.jsonl") + (
        load_reflections(hard) if hard.is_file() else []
    )


def load_reflections(path: Path) -> list[ReflectionCase]:
    """Every case in a reflections JSONL file, with its gold from the case itself or from
    ``reflections_gold.jsonl`` beside it."""
    beside = load_gold(path.with_name("reflections_gold.jsonl"))
    accepted = load_accepted(path.with_name(EVIDENCE_LABELS))
    felt = load_sentiments(path.with_name("sentiment_gold.jsonl"))
    read = load_read(path.with_name("takeaway_faithfulness.jsonl"))
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            out.append(
                ReflectionCase(
                    id=str(row["id"]),
                    pair_id=str(row["pair_id"]),
                    author=str(row.get("author") or "mentor"),
                    reflection=str(row["reflection"]),
                    expected_facts=list(row.get("expected_facts") or []),
                    traps=list(row.get("traps") or []),
                    expected_flags=list(row.get("expected_flags") or []),
                    gold=_with_labels(
                        Gold.of(row) if "actions" in row else beside.get(str(row["id"])),
                        accepted.get(str(row["id"])),
                        felt.get(str(row["id"]), ""),
                        read.get(str(row["id"]), {}),
                    ),
                )
            )
        except (ValueError, KeyError, TypeError) as error:
            raise DatasetError(f"{path}:{number}: not a valid reflection case ({error})") from None
    return out


def _with_labels(
    gold: Gold | None, accepted: dict[str, tuple[str, ...]] | None, sentiment: str,
    read: dict[tuple[str, str], str],
) -> Gold | None:  # fmt: skip
    """``gold`` with the sentences labelled as goal evidence, when there are any, the reader's
    sentiment, and the reader's labels of earlier takeaways."""
    if gold is None:
        return None
    return replace(gold, accepted=accepted or gold.accepted, sentiment=sentiment, read=read)


def missing_parts(dataset: Path, suite: str) -> str | None:
    """Why ``suite`` cannot run on ``dataset``, or None when its files are there."""
    pairs = dataset / "pairs"
    has_pairs = pairs.is_dir() and any(pairs.glob("*.json"))
    if suite == "retrieval" and not (dataset / "retrieval.jsonl").is_file():
        return f"no retrieval.jsonl in {dataset}"
    if suite == "retrieval":
        return None
    if not has_pairs:
        return f"no pairs/*.json in {dataset}"
    text = spec_for(suite).text_input
    if text and text.required and not (dataset / "reflections.jsonl").is_file():
        return f"no reflections.jsonl in {dataset}"
    return None


FROZEN = {"heldout", "flags-unseen"}  # the sets no rule, example or threshold learns from


def refuse_frozen(dataset: Path) -> None:
    """ValueError when ``dataset`` is one of the frozen sets."""
    if FROZEN & set(dataset.resolve().parts):
        raise ValueError(f"{dataset} is frozen (evals/heldout, evals/flags-unseen): never "
                         "train or tune on it")  # fmt: skip


def development_set(dataset: Path) -> tuple[dict[str, PairProfile], list[ReflectionCase]]:
    """The pair files by id and the reflection cases with field-level gold of ``dataset``; a
    frozen set is refused."""
    refuse_frozen(dataset)
    profiles = {p.id: p for p in load_pairs(dataset / "pairs")}
    return profiles, [c for c in load_reflection_set(dataset) if c.gold is not None]
