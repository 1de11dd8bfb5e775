"""How far the agenda metric ``focus_used`` agrees with a blind reader:
``python bench/focus_labels_score.py [LABELS.jsonl ...] [--misses]``.

Each row of a labels file holds one agenda as it was generated (any run, any recipe), the
pair's focus, and a reader's two labels: ``addressed`` (an item works on the focus) and
``pasted`` (the focus reads dropped into a sentence). The reader's "focus used" is addressed
and not pasted. The labels were written by a helper who read only the rendered agendas
(``evals/datasets/focus_labels.md``), never the metric or its code.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from coach.domain.agenda import Agenda
from coach.evals.agenda_metrics import focus_used
from coach.evals.datasets import load_pairs

LABELS = Path("evals/datasets/focus_labels.jsonl")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", type=Path, nargs="*", default=[LABELS])
    folders = [Path("evals/datasets/pairs"), Path("evals/fresh/pairs")]
    parser.add_argument("--pairs", type=Path, nargs="*", default=folders)
    parser.add_argument("--misses", action="store_true", help="print each disagreement")
    args = parser.parse_args()
    profiles = {p.id: p for folder in args.pairs for p in load_pairs(folder)}
    rows = [json.loads(line) for path in args.labels
            for line in path.read_text(encoding="utf-8").splitlines()]  # fmt: skip
    for labelled in sorted({row.get("set", 1) for row in rows}):
        print(f"set {labelled}: " + score([r for r in rows if r.get("set", 1) == labelled],
                                           profiles, args.misses))  # fmt: skip
    return 0


def score(rows: list[dict], profiles: dict, misses: bool) -> str:
    """Agreement of ``focus_used`` with the reader over ``rows``, as one line of JSON."""
    counts = {"both used": 0, "metric only": 0, "reader only": 0, "neither": 0}
    names = {(True, True): "both used", (True, False): "metric only",
             (False, True): "reader only", (False, False): "neither"}  # fmt: skip
    for row in rows:
        said = focus_used(Agenda.model_validate(row["agenda"]), profiles[row["pair"]])
        if said is None:
            continue
        read = row["addressed"] and not row["pasted"]
        key = names[(said, read)]
        counts[key] += 1
        if misses and said != read:
            print(f"{key}: {row['pair']} ({row['run']}): {row['reason']}")
    total = sum(counts.values())
    agree = (counts["both used"] + counts["neither"]) / total if total else 0.0
    said_used = counts["both used"] + counts["metric only"]
    precision = counts["both used"] / said_used if said_used else 0.0
    return json.dumps({**counts, "agreement": round(agree, 3),
                       "precision_of_used": round(precision, 3), "agendas": total})  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
