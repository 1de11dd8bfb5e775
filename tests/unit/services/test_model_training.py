"""What the goal-evidence and action models' training share: the frozen sets are never learned
from, one kind of label is refused, and the shipped file is read once (a broken one says how to
rebuild it)."""

from pathlib import Path

import numpy as np
import pytest

from coach.evals import action_cases, goal_cases
from coach.generation import action_model, goal_model
from coach.services import action_training, goal_training, library
from coach.services.errors import UserError
from tests.fake_tools import embed

pytestmark = pytest.mark.unit
REPO = Path(__file__).resolve().parents[3]
MODELS = {
    "goal": (goal_training, goal_cases, library.GOAL_MODEL, library.shipped_goal_model,
             goal_model.SCALARS, "train-goals"),
    "action": (action_training, action_cases, library.ACTION_MODEL,
               library.shipped_action_model, action_model.SCALARS, "train-actions"),
}  # fmt: skip


@pytest.mark.parametrize("kind", MODELS)
@pytest.mark.parametrize("frozen", ["heldout", "flags-unseen"])
def test_the_frozen_sets_are_never_learned_from(kind, frozen, tmp_path):
    training, cases, *_ = MODELS[kind]
    with pytest.raises(UserError, match="frozen"):
        training.train_from_cases(tmp_path, REPO / "evals" / frozen, embed=embed)
    with pytest.raises(ValueError, match="frozen"):
        cases.dataset_rows(REPO / "evals" / frozen, embed)


@pytest.mark.parametrize("kind", MODELS)
def test_labels_of_one_kind_only_are_refused(kind):
    with pytest.raises(UserError, match="both kinds"):
        MODELS[kind][0].train(np.ones((3, 8)), np.zeros(3, dtype=int), {})


@pytest.mark.parametrize("kind", MODELS)
def test_the_shipped_model_is_read_once_and_a_broken_one_says_how_to_rebuild_it(kind, tmp_path):
    _, _, name, shipped_model, scalars, command = MODELS[kind]
    assert shipped_model(tmp_path) is None  # none shipped: the rules decide
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / name).write_text("{}")
    with pytest.raises(UserError, match=command):
        shipped_model(broken)
    shipped = shipped_model(REPO / "library")
    assert shipped is not None and shipped is shipped_model(REPO / "library")
    assert shipped.reads(np.ones((1, len(scalars) + 384)))  # MiniLM's vectors
