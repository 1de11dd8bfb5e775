"""The agenda alone on a folder of pair files: Flipside's recipe (its first model-worded item and
its total) beside the one-shot recipe, pair by pair in one run, with medians.

    COACH_LLM_TEMPERATURE=0 COACH_LLM_SEED=7 python bench/agenda_vs_oneshot.py PAIRS_FOLDER

A quicker look than `coach bench` (minutes, not half an hour) at two of its keys:
``agenda_first_item_ratio`` and the agenda against the one-shot recipe.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from coach.config import get_settings
from coach.domain.artifact_kind import ArtifactKind
from coach.domain.artifact_spec import ArtifactRequest
from coach.evals.datasets import load_pairs
from coach.evals.systems import ONESHOT
from coach.llm.factory import ModelRuntime
from coach.services.container import Services


def timed(generation, pair) -> tuple[object, float]:
    """The agenda ``generation`` writes for ``pair``, and the seconds it took."""
    began = time.perf_counter()
    agenda = generation.generate(ArtifactKind.AGENDA, ArtifactRequest(pair))
    return agenda, time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", type=Path, help="a folder of pair files (evals/datasets/pairs)")
    args = parser.parse_args()
    settings = get_settings()
    services = Services(settings, runtime=ModelRuntime(settings))
    oneshot = services.generation_with(ONESHOT)
    pairs = load_pairs(args.pairs)
    rows = []
    try:
        timed(services.generation, pairs[0])  # warm: the weights paged in, the prefix read
        for pair in pairs:
            agenda, mine = timed(services.generation, pair)
            _, theirs = timed(oneshot, pair)
            first = agenda.meta.first_item_seconds
            rows.append({"pair": pair.id, "agenda": round(mine, 2), "first_item": first,
                         "ratio": round(first / agenda.meta.seconds, 3) if first else None,
                         "oneshot": round(theirs, 2)})  # fmt: skip
            print(json.dumps(rows[-1]), flush=True)
    finally:
        services.close()

    def median(key: str) -> float | None:
        values = [r[key] for r in rows if r[key] is not None]
        return statistics.median(values) if values else None

    print(json.dumps({k: median(k) for k in ("agenda", "oneshot", "first_item", "ratio")}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
