"""The development reflection cases with gold, for the bench scripts that score summary steps
without the model; the frozen held-out set is refused."""

from __future__ import annotations

import argparse
from pathlib import Path

from coach.domain.pair_profile import PairProfile
from coach.evals.datasets import ReflectionCase, development_set


def development_cases(
    parser: argparse.ArgumentParser, dataset: Path
) -> tuple[dict[str, PairProfile], list[ReflectionCase]]:
    """The pair files by id and the cases with field-level gold of ``dataset``."""
    try:
        return development_set(dataset)
    except ValueError as error:
        parser.error(str(error))
