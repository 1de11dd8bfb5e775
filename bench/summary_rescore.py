"""Score the summaries of earlier eval runs again with today's metrics, without the model:
``python bench/summary_rescore.py RESULTS.json ... --dataset evals/datasets``.

One JSON line per run and system: each metric's mean over the cases that have it. Use it when
a metric was fixed after a run (the outputs do not change; only how they are read).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from coach.domain.summary_draft import ReflectionSummary
from coach.evals.datasets import load_pairs, load_reflection_set
from coach.evals.summary_metrics import score_summary
from coach.evals.support import SupportScorer
from coach.knowledge.embedder import shared_embedder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", type=Path, nargs="+", help="results.json files of coach eval")
    parser.add_argument("--dataset", type=Path, default=Path("evals/datasets"))
    args = parser.parse_args()
    cases = {c.id: c for c in load_reflection_set(args.dataset)}
    goals = {p.id: p.goal_ids for p in load_pairs(args.dataset / "pairs")}
    scorer = SupportScorer(shared_embedder())
    for path in args.runs:
        systems = json.loads(path.read_text())["suites"]["summary"]["systems"]
        for name, body in systems.items():
            sums: dict[str, list[float]] = {}
            for row in body["cases"]:
                if "output" not in row or row["id"] not in cases:
                    continue
                case = cases[row["id"]]
                summary = ReflectionSummary.model_validate(row["output"])
                for key, value in score_summary(summary, case, goals[case.pair_id], scorer).items():
                    if value is not None:
                        sums.setdefault(key, []).append(float(value))
            means = {k: round(sum(v) / len(v), 3) for k, v in sums.items()}
            print(json.dumps({"run": str(path), "system": name, "n": len(body["cases"]), **means}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
