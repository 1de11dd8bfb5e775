"""Train the action model (``coach.generation.action_model``) from the development gold.

The rows are the sentences of the development reflections, 1 when a labelled action lies in
one (``coach.evals.action_cases``); the fit is the flag model's
(``coach.services.flag_training.fit``): a class-balanced logistic model with an L2 penalty.
The strength and both thresholds were chosen on development cases the rules had not yet read
(``bench/action_model_firsts.py``, docs/evals.md).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from coach.generation.action_model import ActionModel
from coach.knowledge.embedder import shared_embedder
from coach.services.errors import UserError
from coach.services.flag_training import fit
from coach.services.library import ACTION_MODEL

STRENGTH = 1.0
ADD = 0.9
VETO = 0.5


def train(
    rows: np.ndarray, labels: np.ndarray, about: dict, strength: float = STRENGTH,
    add: float = ADD, veto: float = VETO,
) -> ActionModel:  # fmt: skip
    """A model fitted to ``rows`` (feature rows) and their 0/1 ``labels``."""
    if not len(rows) or labels.min() == labels.max():
        raise UserError("the action model needs labelled sentences of both kinds "
                        "(holds an action, and not)")  # fmt: skip
    weights, bias = fit(rows, labels, strength)
    return ActionModel(weights=weights, bias=bias, add=add, veto=veto, about=about)


def train_from_cases(
    folder: Path, dataset: Path, strength: float = STRENGTH, add: float = ADD,
    veto: float = VETO, embed: Callable[[list[str]], np.ndarray] | None = None,
) -> tuple[ActionModel, Path]:  # fmt: skip
    """Train on ``dataset``'s development reflections and write the model into the library
    ``folder``. ``embed``: MiniLM unless given."""
    from coach.evals.action_cases import dataset_rows  # the datasets: only when training

    try:
        rows, labels = dataset_rows(dataset, embed or shared_embedder().embed)
    except (OSError, ValueError) as error:
        raise UserError(str(error)) from error
    about = {
        "embedder": "all-MiniLM-L6-v2 (int8 ONNX), mean-pooled, L2-normalised",
        "strength": strength,
        "rows": {"holds an action": int(labels.sum()), "does not": int(len(labels) - labels.sum())},
        "command": f"coach library train-actions --cases {dataset} --strength {strength} "
        f"--add {add} --veto {veto}",
    }
    model = train(rows, labels, about, strength, add, veto)
    path = folder / ACTION_MODEL
    model.save(path)
    return model, path
