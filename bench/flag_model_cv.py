"""How the sentence flag classifier reads development cases it was not trained on:
``.venv/bin/python bench/flag_model_cv.py [--examples library/flag-examples] [--strength 0.3]
[--with-cases] [--old-rules FILE]``.

The classifier (``coach.services.flag_training``) is trained on the library's labelled
sentences, so every development reflection is unseen text for it. With ``--with-cases`` it is
also trained, as ``coach library train-flags --cases`` trains it, on the development cases
outside the one being read: the cases in id order are cut into 8 folds of neighbours (cases
written together), and each fold is read by a model trained on the other seven. For each
threshold it prints flag recall and false flags per reflection for the classifier alone, and
for the cue rules or the classifier as the summary runs them (the rules are a fit to these
cases).
``--old-rules`` is a JSON object of case id to each kind's cue points under older cue rules,
from before they learned those cases; the rules and the classifier together are then also
scored on those cases: an estimate of what both find in text neither has seen.
``bench/flag_old_rules.json`` holds them for ``h041``–``h088`` under the rules at ``3fa8576`` and
``h089``–``h128`` under those at ``8cd4a31`` (each run from a git worktree of that commit).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from dev_cases import development_cases

from coach.domain.summary_flags import NEEDED, cue_sentences
from coach.domain.wording import sentences
from coach.evals.flag_cases import examples_of
from coach.generation.flag_model import FlagModel, best_sentences, raises
from coach.generation.meaning import Meaning
from coach.knowledge.embedder import shared_embedder
from coach.services.flag_training import STRENGTH, joined, train
from coach.services.library import read_examples

GRID = (
    (0.95, 2.0),
    (0.97, 2.0),
    (0.99, 2.0),
    (0.95, 0.8),
    (0.97, 0.9),
    (0.99, 0.8),
    (0.99, 0.9),
    (2.0, 0.9),
)  # (alone, with a cue); 2.0 is never
FOLDS = 8


def score(flags: dict[str, set[str]], gold: dict[str, set[str]]) -> str:
    """Recall over expected flags and false flags per reflection, over ``flags``' cases."""
    expected = sum(len(gold[c]) for c in flags)
    hit = sum(len(flags[c] & gold[c]) for c in flags)
    false = sum(len(flags[c] - gold[c]) for c in flags)
    return f"recall {hit / max(expected, 1):.3f} ({hit}/{expected}), false {false / len(flags):.3f}"


def flagged(best: dict, points: dict[str, int], model: FlagModel) -> set[str]:
    """The kinds the rules (``points``) or the model raise."""
    rules = {k for k, p in points.items() if p >= NEEDED}
    return rules | {k for k, (s, _) in best.items() if raises(model, k, s, points.get(k, 0))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, default=Path("evals/datasets"))
    parser.add_argument("--examples", type=Path, default=Path("library/flag-examples"))
    parser.add_argument("--strength", type=float, default=STRENGTH)
    parser.add_argument("--old-rules", type=Path, default=None)
    parser.add_argument("--with-cases", action="store_true")
    args = parser.parse_args()
    _, cases = development_cases(parser, args.dataset)
    examples, problems = read_examples(args.examples)
    if problems:
        parser.error("; ".join(problems[:3]))
    embed = Meaning(shared_embedder().embed)  # the folds share most training sentences
    cases = sorted(cases, key=lambda c: c.id)
    n = len(cases)
    folds = [cases[n * f // FOLDS : n * (f + 1) // FOLDS] for f in range(FOLDS)]
    models = {}
    for fold in folds if args.with_cases else [cases]:
        rest = [c for c in cases if c not in fold] if args.with_cases else []
        model = train(joined(examples, examples_of(rest)), embed, {}, args.strength)
        models.update({c.id: model for c in fold})
    gold = {c.id: set(c.expected_flags) for c in cases}
    best = {}
    for c in cases:
        found = sentences(c.reflection)
        best[c.id] = best_sentences(found, embed([s.text for s in found]), models[c.id])
    now = {c.id: {k: sum(w for _, w in rows) for k, rows in cue_sentences(
        sentences(c.reflection), c.author).items()} for c in cases}  # fmt: skip
    old = json.loads(args.old_rules.read_text()) if args.old_rules else {}
    print(
        f"{n} development cases; rules alone: "
        + score({c: {k for k, p in now[c].items() if p >= NEEDED} for c in gold}, gold)
    )
    if old:
        print(
            f"old rules alone on {len(old)}: "
            + score({c: {k for k, p in old[c].items() if p >= NEEDED} for c in old}, gold)
        )
    for alone, beside in GRID:
        line = f"alone {alone}, with a cue {beside}: classifier "
        for name, points in (("", {}), ("; rules and classifier ", now), ("; old rules and "
                             f"classifier on {len(old)} ", old)):  # fmt: skip
            if name and not points:
                continue
            ids = list(points) if points else list(gold)
            line += name + score({c: flagged(best[c], points.get(c, {}), at(models[c], alone,
                                 beside)) for c in ids}, gold)  # fmt: skip
        print(line)
    return 0


def at(model: FlagModel, alone: float, beside: float) -> FlagModel:
    """``model`` with every kind's thresholds set."""
    kinds = list(model.weights)
    return FlagModel(model.weights, model.bias, dict.fromkeys(kinds, alone),
                     dict.fromkeys(kinds, beside), {})  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
