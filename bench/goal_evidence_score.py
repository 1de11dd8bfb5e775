"""Score the summary's goal-evidence step on the development cases, without the model:
``.venv/bin/python bench/goal_evidence_score.py [--dataset evals/datasets] [--cases] [--wrong]``.

It runs what ``coach.generation.summary_narrow`` runs for goal progress: the reflection split
by ``sentences``, the actions and private sentences of ``rule_parts``, ``goal_progress`` with
the product's MiniLM embedder and the shipped goal model (``library/goal-model.json``;
``--no-goal-model``: the rule-built score), then ``ground``. With the model this is a fit (it
learned from these labels); ``bench/goal_model_cv.py`` gives the cross-validated figure.
Each case with gold is scored as the eval does (``goal_evidence_f1`` and ``goal_f1``, means
over the cases that have them). Shown evidence is right when ``goal_evidence_f1`` counts it;
precision is right / shown and recall is right / goals moved (the gold's goals and the goals
with a sentence labelled "yes"), over all cases.
``--cases`` lists each shown evidence marked right or wrong, with the label of its sentence in
``goal_evidence.jsonl`` (yes, topic, no, or "-" when unlabelled), and the goals moved but not
shown; ``--wrong`` lists only the wrong ones.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from dev_cases import development_cases

from coach.domain.summary_draft import ReflectionSummary, SummaryRequest, ground
from coach.domain.wording import sentences
from coach.evals.datasets import ReflectionCase
from coach.evals.summary_gold import (
    EVIDENCE_LABELS,
    goal_evidence_f1,
    goal_f1,
    load_evidence_labels,
    shown_quote,
    shows_goal,
)
from coach.generation.action_model import ActionModel
from coach.generation.goal_model import GoalModel
from coach.generation.meaning import Meaning
from coach.generation.summary_goals import goal_progress
from coach.generation.summary_narrow import rule_parts
from coach.knowledge.embedder import shared_embedder
from coach.services.library import shipped_action_model, shipped_goal_model


def summary_of(
    case: ReflectionCase, profiles: dict, model: GoalModel | None = None,
    meaning: Meaning | None = None, actions: ActionModel | None = None,
) -> ReflectionSummary:  # fmt: skip
    """The summary's goal progress for ``case``, as the product builds and grounds it
    (``model``: the goal model, else the rule-built score; ``meaning``: vectors already read,
    shared by callers that build the same case again; ``actions``: the action model, which
    tells the goal model which sentences state an action)."""
    profile = profiles[case.pair_id]
    request = SummaryRequest(profile, case.reflection, case.author)
    found = sentences(case.reflection)
    meaning = meaning or Meaning(shared_embedder().embed)
    _, private, acted = rule_parts(request, found, actions, meaning)
    progress = goal_progress(request, found, private, meaning, acted, model)
    return ground(ReflectionSummary(goal_progress=progress), case.reflection, profile.goal_ids)[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, default=Path("evals/datasets"))
    parser.add_argument("--cases", action="store_true", help="list every shown evidence")
    parser.add_argument("--wrong", action="store_true", help="list the wrong evidence only")
    parser.add_argument(
        "--no-goal-model", action="store_true", help="rank by the rule-built score instead"
    )
    args = parser.parse_args()
    profiles, cases = development_cases(parser, args.dataset)
    labels = load_evidence_labels(args.dataset / EVIDENCE_LABELS)
    model = None if args.no_goal_model else shipped_goal_model(Path("library"))
    actions = shipped_action_model(Path("library"))
    f1s: list[float] = []
    ids: list[float] = []
    shown = right = moved = 0
    by_label: dict[str, list[int]] = {}
    for case in cases:
        gold = case.gold
        assert gold is not None
        summary = summary_of(case, profiles, model, actions=actions)
        if (score := goal_evidence_f1(summary, gold, case.reflection)) is not None:
            f1s.append(score)
        if (score := goal_f1(summary, gold)) is not None:
            ids.append(score)
        goals_moved = gold.goals | set(gold.accepted)
        moved += len(goals_moved)
        mine = {g.goal_id for g in summary.goal_progress}
        for g in summary.goal_progress:
            ok = shows_goal(g.goal_id, shown_quote(g), gold, case.reflection)
            label = labels.get((case.id, g.goal_id, shown_quote(g).strip()), "-")
            shown, right = shown + 1, right + ok
            by_label.setdefault(label, [0, 0])[ok] += 1
            if args.cases or (args.wrong and not ok):
                mark = "RIGHT" if ok else "WRONG"
                print(f"{case.id} {case.author:6} {g.goal_id} {mark} [{label}] {g.goal}\n"
                      f"    {g.evidence}")  # fmt: skip
        if args.cases:
            for goal_id in sorted(goals_moved - mine):
                print(f"{case.id} {case.author:6} {goal_id} MISSED")
    report = {
        "cases": len(cases),
        "goal_evidence_f1": round(sum(f1s) / len(f1s), 3),
        "goal_f1": round(sum(ids) / len(ids), 3),
        "shown": shown,
        "right": right,
        "goals_moved": moved,
        "precision": round(right / shown, 3) if shown else None,
        "recall": round(right / moved, 3) if moved else None,
        "shown_by_label": {k: {"wrong": v[0], "right": v[1]} for k, v in by_label.items()},
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
