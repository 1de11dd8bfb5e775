"""Development reflections as labelled rows for the goal-evidence model
(``coach library train-goals --cases evals/datasets``).

A reader labelled sentences of each development reflection against each of the pair's goals
(``goal_evidence.jsonl``: "yes" when the sentence shows the goal moved, "topic" when it is only
about it, "no"). Each labelled sentence that the summary could show as evidence becomes one row,
its features built as the summary builds them (``coach.generation.summary_goals``); "yes" is 1.
The frozen sets are refused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from coach.domain.pair_profile import PairProfile
from coach.domain.summary_draft import SummaryRequest
from coach.domain.wording import sentences
from coach.evals.datasets import ReflectionCase, development_set
from coach.evals.summary_gold import EVIDENCE_LABELS, LabelKey, load_evidence_labels
from coach.generation.action_model import ActionModel
from coach.generation.meaning import Meaning
from coach.generation.summary_goals import evidence_inputs
from coach.generation.summary_narrow import rule_parts


def case_rows(
    cases: Iterable[ReflectionCase], profiles: dict[str, PairProfile], labels: dict[LabelKey, str],
    meaning: Meaning, action_model: ActionModel | None = None,
) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """The feature rows and 0/1 labels of the labelled sentences of ``cases`` (whether a
    sentence states an action read as the summary reads it: with ``action_model``, if any)."""
    rows: list[np.ndarray] = []
    marks: list[int] = []
    for case in cases:
        profile = profiles[case.pair_id]
        request = SummaryRequest(profile, case.reflection, case.author)
        found = sentences(case.reflection)
        _, private, acted = rule_parts(request, found, action_model, meaning)
        inputs = evidence_inputs(request, found, private, meaning, acted)
        if inputs is None:
            continue
        features = inputs.features()
        for g, goal in enumerate(profile.goals):
            for s, sentence in enumerate(inputs.usable):
                label = labels.get((case.id, goal.id, sentence.text.strip()))
                if label is not None:
                    rows.append(features[g, s])
                    marks.append(int(label == "yes"))
    if not rows:
        return np.zeros((0, 0)), np.zeros(0, dtype=int)
    return np.stack(rows), np.array(marks)


def dataset_rows(
    dataset: Path, embed: Callable[[list[str]], np.ndarray],
    action_model: ActionModel | None = None,
) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """``case_rows`` for every development case of ``dataset``, with its labels file."""
    profiles, cases = development_set(dataset)
    path = dataset / EVIDENCE_LABELS
    if not path.is_file():
        raise ValueError(f"{path} is missing: the goal model learns from its labels")
    return case_rows(cases, profiles, load_evidence_labels(path), Meaning(embed), action_model)
