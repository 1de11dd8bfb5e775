"""The development reflection cases with gold, for the bench scripts that score summary steps
without the model; the frozen held-out set is refused."""

from __future__ import annotations

import argparse
from pathlib import Path

from coach.domain.pair_profile import PairProfile
from coach.evals.datasets import ReflectionCase, load_pairs, load_reflection_set


def development_cases(
    parser: argparse.ArgumentParser, dataset: Path
) -> tuple[dict[str, PairProfile], list[ReflectionCase]]:
    """The pair files by id and the cases with field-level gold of ``dataset``."""
    if "heldout" in dataset.parts:
        parser.error("the held-out set is frozen: never score or tune on it")
    profiles = {p.id: p for p in load_pairs(dataset / "pairs")}
    return profiles, [c for c in load_reflection_set(dataset) if c.gold is not None]
