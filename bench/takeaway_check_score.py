"""How today's takeaway checks read takeaways a person labelled, without the model:
``python bench/takeaway_check_score.py [--list]``.

``evals/datasets/takeaway_faithfulness.jsonl`` holds model-written takeaways with the sentence
each was checked against and a reader's label (faithful, changed, wrong_person, garbled). For
each, ``takeaway_problems`` runs as the summary runs it (MiniLM similarity, the pair's names);
the report counts, per label, how many the checks refuse, and how many would pass the second
try's closeness (``SHORTENED_SIMILARITY``). A refused faithful takeaway costs a paraphrase; a
kept unfaithful one reaches the reader.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from coach.domain.pair_owners import pair_names
from coach.domain.takeaway_check import takeaway_problems
from coach.evals.datasets import load_pairs, load_reflection_set
from coach.generation.summary_narrow import SHORTENED_SIMILARITY
from coach.knowledge.embedder import shared_embedder

DATASET = Path("evals/datasets")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list each unfaithful one kept")
    args = parser.parse_args()
    rows = [json.loads(line) for line in (DATASET / "takeaway_faithfulness.jsonl").open()]
    cases = {c.id: c for c in load_reflection_set(DATASET)}
    pairs = {p.id: p for p in load_pairs(DATASET / "pairs")}
    embedder = shared_embedder()
    total, refused, close = Counter(), Counter(), Counter()
    sentences = embedder.embed([row["sentence"] for row in rows])  # one call each, not per row
    takeaways = embedder.embed([row["takeaway"] for row in rows])
    for row, said, written in zip(rows, sentences, takeaways, strict=True):
        case = cases[row["case"]]
        similarity = float(said @ written)
        people = (case.author, pair_names(pairs[case.pair_id]))
        problems = takeaway_problems(row["takeaway"], row["sentence"], case.reflection, "",
                                     similarity, people=people)  # fmt: skip
        label = row["label"]
        total[label] += 1
        refused[label] += bool(problems)
        close[label] += not problems and similarity >= SHORTENED_SIMILARITY
        if args.list and label != "faithful" and not problems:
            said = f"{row['takeaway']!r} <- {row['sentence']!r}"
            print(f"{row['id']} {label} ({similarity:.2f}): {said}")
    for label in sorted(total):
        print(f"{label}: {total[label]}, refused by the checks {refused[label]}, kept "
              f"{total[label] - refused[label]}, of them at cosine >= {SHORTENED_SIMILARITY} "
              f"{close[label]}")  # fmt: skip
    bad = sum(total.values()) - total["faithful"]
    kept_bad = bad - sum(refused[k] for k in total if k != "faithful")
    print(
        f"unfaithful kept {kept_bad} of {bad}; faithful refused {refused['faithful']} of "
        f"{total['faithful']}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
