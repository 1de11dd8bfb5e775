"""Flags on reflections nothing was tuned on: ``.venv/bin/python bench/flag_unseen.py
[--cases evals/flags-unseen/reflections.jsonl] [--list]``.

Scores the cue rules alone and the cue rules with the sentence classifier
(``library/flag-model.json``), as the summary raises them, on a frozen set of reflections that
only have flag labels (``evals/flags-unseen/README.md``). ``--list`` prints every flag raised or
missed with its evidence. Never learn rules or thresholds from this set.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from coach.domain.wording import sentences
from coach.generation.flag_model import raised_flags
from coach.knowledge.embedder import shared_embedder
from coach.services.library import shipped_flag_model


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=Path,
                        default=Path("evals/flags-unseen/reflections.jsonl"))  # fmt: skip
    parser.add_argument("--list", action="store_true", help="every flag raised or missed")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.cases.read_text().splitlines() if line.strip()]
    model, embed = shipped_flag_model(Path("library")), shared_embedder().embed
    totals = {"rules": [0, 0], "rules and classifier": [0, 0]}  # found, false
    expected = sum(len(r["expected_flags"]) for r in rows)
    for row in rows:
        found = sentences(row["reflection"])
        rules = raised_flags(found, row["author"], None, embed)[0]
        both = raised_flags(found, row["author"], model, embed)[0]
        gold = set(row["expected_flags"])
        for name, flags in (("rules", rules), ("rules and classifier", both)):
            kinds = {f.kind for f in flags}
            totals[name][0] += len(kinds & gold)
            totals[name][1] += len(kinds - gold)
        if args.list:
            for flag in both:
                how = "rules" if flag in rules else "classifier"
                right = "right" if flag.kind in gold else "FALSE"
                print(f"{row['id']} {right} {flag.kind} by {how}: {flag.evidence[:100]!r}")
            for kind in sorted(gold - {f.kind for f in both}):
                print(f"{row['id']} MISSED {kind}")
    for name, (hit, false) in totals.items():
        rate = false / len(rows)
        print(f"{name}: recall {hit / max(expected, 1):.3f} ({hit}/{expected}), "
              f"false flags {rate:.3f} per reflection ({false} in {len(rows)})")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
