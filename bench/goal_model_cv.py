"""Cross-validate the goal-evidence model on the development cases:
``.venv/bin/python bench/goal_model_cv.py [--dataset evals/datasets] [--strengths 0.3,1,3]
[--thresholds 0.3,0.4,0.5]``.

The cases in id order are cut into 8 folds of neighbours (cases written together); each fold's
summaries are built with a model trained on the labelled sentences of the other seven
(``coach.evals.goal_cases``), then scored as the eval scores them: ``goal_f1`` (the goal ids),
``goal_evidence_f1`` (a goal counts only with evidence that fits it), and the precision and
recall of the shown evidence, as ``bench/goal_evidence_score.py`` counts them. The first line
is the rule-built score on the same cases (no model). The actions are read with the shipped
action model, as the summary reads them.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from dev_cases import development_cases
from goal_evidence_score import summary_of

from coach.evals.goal_cases import case_rows
from coach.evals.summary_gold import (
    EVIDENCE_LABELS,
    goal_evidence_f1,
    goal_f1,
    load_evidence_labels,
    shows_goal,
)
from coach.generation.action_model import ActionModel
from coach.generation.goal_model import GoalModel
from coach.generation.meaning import Meaning
from coach.knowledge.embedder import shared_embedder
from coach.services.goal_training import train
from coach.services.library import shipped_action_model

FOLDS = 8


def scored(
    cases: list, profiles: dict, models: dict[str, GoalModel | None], meaning: Meaning,
    actions: ActionModel | None = None,
) -> dict:  # fmt: skip
    """The eval's goal figures over ``cases``, each built with its own model (the actions read
    with ``actions``, as the summary reads them)."""
    ids, evidence = [], []
    shown = right = moved = 0
    for case in cases:
        summary = summary_of(case, profiles, models[case.id], meaning, actions)
        gold = case.gold
        if (score := goal_f1(summary, gold)) is not None:
            ids.append(score)
        if (score := goal_evidence_f1(summary, gold, case.reflection)) is not None:
            evidence.append(score)
        moved += len(gold.goals | set(gold.accepted))
        shown += len(summary.goal_progress)
        right += sum(shows_goal(g.goal_id, g.evidence, gold, case.reflection)
                     for g in summary.goal_progress)  # fmt: skip
    return {
        "goal_f1": round(sum(ids) / len(ids), 3),
        "goal_evidence_f1": round(sum(evidence) / len(evidence), 3),
        "shown": shown, "right": right,
        "precision": round(right / shown, 3) if shown else None,
        "recall": round(right / moved, 3) if moved else None,
    }  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, default=Path("evals/datasets"))
    parser.add_argument("--strengths", default="0.3,1,3")
    parser.add_argument("--thresholds", default="0.3,0.4,0.5")
    args = parser.parse_args()
    profiles, cases = development_cases(parser, args.dataset)
    labels = load_evidence_labels(args.dataset / EVIDENCE_LABELS)
    meaning = Meaning(shared_embedder().embed)  # the folds share every sentence
    actions = shipped_action_model(Path("library"))
    cases = sorted(cases, key=lambda c: c.id)
    n = len(cases)
    folds = [cases[n * f // FOLDS : n * (f + 1) // FOLDS] for f in range(FOLDS)]
    print(json.dumps({"rule-built score": scored(cases, profiles, dict.fromkeys(
        (c.id for c in cases), None), meaning, actions)}))  # fmt: skip
    for strength in map(float, args.strengths.split(",")):
        fitted: dict[str, GoalModel] = {}
        for fold in folds:
            rows, marks = case_rows([c for c in cases if c not in fold], profiles, labels,
                                    meaning, actions)  # fmt: skip
            model = train(rows, marks, {}, strength)
            fitted.update({c.id: model for c in fold})
        for threshold in map(float, args.thresholds.split(",")):
            models = {c: GoalModel(m.weights, m.bias, threshold, {}) for c, m in fitted.items()}
            figures = scored(cases, profiles, models, meaning, actions)
            print(json.dumps({"strength": strength, "threshold": threshold, **figures}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
