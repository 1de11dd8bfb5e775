"""Score the summary's rule-built fields on development cases, without the model:
``.venv/bin/python bench/summary_rules_score.py [--dataset evals/datasets] [--ids h041,h042]
[--misses]``.

It runs what ``coach.generation.summary_narrow`` runs for actions and flags: the reflection
split by ``sentences``, ``rule_parts`` (actions, owners and due dates by rules),
``raised_flags`` (the cue rules, then the sentence flag classifier; ``--no-flag-model``: the
cue rules only), then ``ground``. The rules' actions are read with the shipped action model
(``--no-action-model``: the rules alone). Each case is scored as the eval scores it
(``action_scores``, ``flag_recall``, ``false_flags``): means over the cases that have them.
``--misses`` lists every wrong or missed action, owner, due date and flag, case by case.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from dev_cases import development_cases

from coach.domain.summary_draft import ReflectionSummary, SummaryRequest, ground
from coach.domain.wording import sentences
from coach.evals.datasets import ReflectionCase
from coach.evals.summary_gold import action_scores, due_ok, match_actions
from coach.evals.summary_metrics import false_flags, flag_recall
from coach.generation.flag_model import raised_flags
from coach.generation.meaning import Meaning
from coach.generation.summary_narrow import rule_parts
from coach.knowledge.embedder import shared_embedder
from coach.services.library import shipped_action_model, shipped_flag_model


def summary_of(
    case: ReflectionCase, profiles: dict, flag_model=None, action_model=None
) -> ReflectionSummary:
    """The summary's actions and flags for ``case``, as the product builds and grounds them
    (``flag_model``: the sentence flag classifier, ``action_model``: the action model, each
    read with MiniLM, if given)."""
    profile = profiles[case.pair_id]
    found = sentences(case.reflection)
    meaning = Meaning(shared_embedder().embed)
    request = SummaryRequest(profile, case.reflection, case.author)
    actions, _, _ = rule_parts(request, found, action_model, meaning)
    flags = raised_flags(found, case.author, flag_model, meaning)[0]
    summary = ReflectionSummary(action_items=actions, flags=flags)
    return ground(summary, case.reflection, profile.goal_ids)[0]


def misses(summary: ReflectionSummary, case: ReflectionCase) -> list[str]:
    """Each wrong action, missed action, wrong owner or due, missed or false flag, in words."""
    assert case.gold is not None
    match = match_actions(summary, case.gold, case.reflection)
    out = [f"NOT AN ACTION [{a.owner}] {a.span.quote!r}" for a in match.wrong]
    for a, hit in match.pairs:
        if a.owner != hit.owner:
            out.append(f"OWNER {a.owner} for {hit.owner}: {hit.span!r}")
        if not due_ok(a.due, hit.due):
            out.append(f"DUE {a.due!r} for {hit.due!r}: {hit.span!r}")
    out += [f"MISSED [{g.owner}, {g.due!r}] {g.span!r}" for g in match.missed]
    mine = {f.kind for f in summary.flags}
    out += [f"FLAG MISSED {k}" for k in case.expected_flags if k not in mine]
    out += [f"FLAG FALSE {f.kind}: {f.evidence!r}" for f in summary.flags
            if f.kind not in case.expected_flags]  # fmt: skip
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, default=Path("evals/datasets"))
    parser.add_argument("--ids", default="", help="comma-separated case ids (default: all)")
    parser.add_argument("--misses", action="store_true", help="list what each case got wrong")
    parser.add_argument("--no-flag-model", action="store_true",
                        help="flags by the cue rules only, no flag-model.json")  # fmt: skip
    parser.add_argument("--no-action-model", action="store_true",
                        help="actions by the rules only, no action-model.json")  # fmt: skip
    args = parser.parse_args()
    profiles, cases = development_cases(parser, args.dataset)
    wanted = {i for i in args.ids.split(",") if i}
    cases = [c for c in cases if not wanted or c.id in wanted]
    sums: dict[str, list[float]] = {}
    flag_model = None if args.no_flag_model else shipped_flag_model(Path("library"))
    action_model = None if args.no_action_model else shipped_action_model(Path("library"))
    for case in cases:
        assert case.gold is not None
        summary = summary_of(case, profiles, flag_model, action_model)
        scores = {
            **action_scores(summary, case.gold, case.reflection),
            "flag_recall": flag_recall(summary, case),
            "false_flags": false_flags(summary, case),
        }
        for key, value in scores.items():
            if value is not None:
                sums.setdefault(key, []).append(float(value))
        if args.misses:
            for line in misses(summary, case):
                print(f"{case.id} {case.author:6} {line}")
    means = {k: round(sum(v) / len(v), 3) for k, v in sums.items()}
    print(json.dumps({"cases": len(cases), **means}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
