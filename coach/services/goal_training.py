"""Train the goal-evidence model (``coach.generation.goal_model``) from a reader's labels.

The rows are the labelled sentences of the development reflections (``coach.evals.goal_cases``);
the fit is the flag model's (``coach.services.flag_training.fit``): a class-balanced logistic
model with an L2 penalty, by Newton's method. The strength and the threshold were chosen by
cross-validation over neighbouring development cases (``bench/goal_model_cv.py``, docs/evals.md).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from coach.generation.goal_model import GoalModel
from coach.knowledge.embedder import shared_embedder
from coach.services.errors import UserError
from coach.services.flag_training import fit
from coach.services.library import GOAL_MODEL, shipped_action_model

STRENGTH = 0.3
THRESHOLD = 0.3


def train(
    rows: np.ndarray, labels: np.ndarray, about: dict, strength: float = STRENGTH,
    threshold: float = THRESHOLD,
) -> GoalModel:  # fmt: skip
    """A model fitted to ``rows`` (feature rows) and their 0/1 ``labels``."""
    if not len(rows) or labels.min() == labels.max():
        raise UserError("the goal model needs labelled sentences of both kinds "
                        "(shows the goal moved, and not)")  # fmt: skip
    weights, bias = fit(rows, labels, strength)
    return GoalModel(weights=weights, bias=bias, threshold=threshold, about=about)


def train_from_cases(
    folder: Path, dataset: Path, strength: float = STRENGTH, threshold: float = THRESHOLD,
    embed: Callable[[list[str]], np.ndarray] | None = None,
) -> tuple[GoalModel, Path]:  # fmt: skip
    """Train on ``dataset``'s labelled development reflections and write the model into the
    library ``folder``. ``embed``: MiniLM unless given."""
    from coach.evals.goal_cases import dataset_rows  # the summary steps: only when training

    try:
        actions = shipped_action_model(folder)  # the summary reads the actions with it
        rows, labels = dataset_rows(dataset, embed or shared_embedder().embed, actions)
    except (OSError, ValueError) as error:
        raise UserError(str(error)) from error
    about = {
        "embedder": "all-MiniLM-L6-v2 (int8 ONNX), mean-pooled, L2-normalised",
        "strength": strength,
        "actions": "read with action-model.json" if actions else "the rules alone",
        "rows": {
            "shows the goal moved": int(labels.sum()),
            "does not": int(len(labels) - labels.sum()),
        },  # fmt: skip
        "command": f"coach library train-goals --cases {dataset} --strength {strength} "
        f"--threshold {threshold}",
    }
    model = train(rows, labels, about, strength, threshold)
    path = folder / GOAL_MODEL
    model.save(path)
    return model, path
