"""How the action model reads development cases that neither it nor the rules had seen:
``.venv/bin/python bench/action_model_firsts.py [--strength 1] [--add 0.95 0.9] [--veto 0.3]``.

Every batch of new development cases brought wordings the action rules had not read, so the
rules' figures on the cases they were fitted to say nothing about unseen text. This bench
replays two first readings: ``bench/action_old_rules.json`` holds the actions the rules found
in h041-h088 before they read them (at 3fa8576) and in h089-h128 before they read those (at
8cd4a31). For each batch an action model is trained on the cases before it only, and the
batch's summary actions are the old rules' read with the model as the product reads them
(``coach.generation.action_model.with_model``: a sentence added at ``add`` or above, its
owner and deadline read by today's rules; a rule's action dropped under ``veto``). Scored as
the eval scores them (``action_scores``): means over the batch's cases.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from dev_cases import development_cases

from coach.domain.clauses import Clause
from coach.domain.found_action import FoundAction
from coach.domain.summary_draft import ReflectionSummary
from coach.domain.summary_flags import flagged_sentences
from coach.domain.wording import sentences
from coach.evals.action_cases import labelled_sentences
from coach.evals.summary_gold import action_scores
from coach.generation.action_model import ActionModel, action_features, with_model
from coach.generation.meaning import Meaning
from coach.generation.summary_narrow import shown_action
from coach.knowledge.embedder import shared_embedder
from coach.services.action_training import ADD, STRENGTH, VETO, train

OLD_RULES = Path(__file__).with_name("action_old_rules.json")
BATCHES = (("h041", "h088"), ("h089", "h128"))
METRICS = ("action_precision", "action_recall", "owner_accuracy", "due_accuracy")


def old_actions(case, found, rows) -> list[FoundAction]:
    """The actions the old rules found in ``case``, as the product's ``FoundAction``s."""
    out = []
    for row in rows:
        sentence = next((s for s in found if s.start <= row["start"] < s.end), found[-1])
        clause = Clause(row["start"], row["end"], case.reflection[row["start"] : row["end"]],
                        sentence)  # fmt: skip
        out.append(FoundAction(clause, row["text"], row["owner"], row.get("due", "")))
    return out


def scored(cases, profiles, old, model: ActionModel | None, meaning: Meaning) -> dict:
    """The eval's action figures for ``cases``, the old rules read with ``model`` (or alone)."""
    totals: dict[str, list[float]] = {m: [] for m in METRICS}
    for case in cases:
        found = sentences(case.reflection)
        actions = old_actions(case, found, old[case.id])
        if model is not None:
            private = {s.start for s in flagged_sentences(found, case.author)}
            actions = with_model(actions, found, case.reflection, profiles[case.pair_id],
                                 case.author, model, meaning, private)  # fmt: skip
        items = [shown_action(a) for a in actions]
        assert case.gold is not None
        for name, value in action_scores(ReflectionSummary(action_items=items), case.gold,
                                         case.reflection).items():  # fmt: skip
            if value is not None:
                totals[name].append(value)
    return {m: float(np.mean(v)) if v else float("nan") for m, v in totals.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="evals/datasets")
    parser.add_argument("--strength", type=float, default=STRENGTH)
    parser.add_argument("--add", type=float, nargs="+", default=[ADD])
    parser.add_argument("--veto", type=float, nargs="+", default=[VETO])
    args = parser.parse_args()
    profiles, cases = development_cases(parser, Path(args.dataset))
    old = json.loads(OLD_RULES.read_text(encoding="utf-8"))["cases"]
    meaning = Meaning(shared_embedder().embed)
    print("| batch | setting | action P | action R | owner | due |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for first, last in BATCHES:
        batch = [c for c in cases if first <= c.id <= last and c.id.startswith("h")]
        before = [c for c in cases if not (c.id.startswith("h") and c.id >= first)]
        rows = labelled_sentences(before)
        texts = [s.text for _, s, _ in rows]
        features = action_features(texts, meaning(texts))
        fitted = train(features, np.array([label for _, _, label in rows]), {}, args.strength)
        settings = [("old rules alone", None)] + [
            (f"add {a}, veto {v}", ActionModel(fitted.weights, fitted.bias, a, v, {}))
            for a in args.add for v in args.veto
        ]  # fmt: skip
        for name, model in settings:
            got = scored(batch, profiles, old, model, meaning)
            figures = " | ".join(f"{got[m]:.3f}" for m in METRICS)
            print(
                f"| {first}-{last} ({len(batch)}; trained on {len(before)}) | {name} | {figures} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
