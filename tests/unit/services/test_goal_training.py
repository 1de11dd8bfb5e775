"""Training the goal-evidence model from the labelled development reflections."""

from pathlib import Path

import numpy as np
import pytest

from coach.evals.datasets import development_set
from coach.evals.goal_cases import case_rows, dataset_rows
from coach.evals.summary_gold import EVIDENCE_LABELS, load_evidence_labels
from coach.generation.goal_model import SCALARS, GoalModel
from coach.generation.meaning import Meaning
from coach.services.errors import UserError
from coach.services.goal_training import train, train_from_cases
from tests.fake_tools import embed

pytestmark = pytest.mark.unit
REPO = Path(__file__).resolve().parents[3]
DATASET = REPO / "evals" / "datasets"


def test_every_labelled_sentence_the_summary_could_show_is_one_row():
    profiles, cases = development_set(DATASET)
    labels = load_evidence_labels(DATASET / EVIDENCE_LABELS)
    case = next(c for c in cases if c.id == "r001")
    rows, marks = case_rows([case], profiles, labels, Meaning(embed))
    mine = {k: v for k, v in labels.items() if k[0] == "r001"}
    assert 0 < len(rows) <= len(mine)
    assert rows.shape[1] == len(SCALARS) + embed(["x"]).shape[1]
    assert marks.sum() == sum(v == "yes" for v in mine.values())  # r001's "yes" all usable


def test_a_model_is_trained_from_the_dataset_and_written_into_the_library(tmp_path):
    model, path = train_from_cases(tmp_path, DATASET, embed=embed)
    assert path == tmp_path / "goal-model.json"
    back = GoalModel.load(path)
    assert back.threshold == model.threshold
    rows = model.about["rows"]
    assert rows["shows the goal moved"] > 300 and rows["does not"] > 1000
    assert "--cases" in model.about["command"]


@pytest.mark.parametrize("frozen", ["heldout", "flags-unseen"])
def test_the_frozen_sets_are_never_learned_from(frozen, tmp_path):
    with pytest.raises(UserError, match="frozen"):
        train_from_cases(tmp_path, REPO / "evals" / frozen, embed=embed)
    with pytest.raises(ValueError, match="frozen"):
        dataset_rows(REPO / "evals" / frozen, embed)


def test_labels_of_one_kind_only_are_refused():
    with pytest.raises(UserError, match="both kinds"):
        train(np.ones((3, 8)), np.zeros(3, dtype=int), {})


def test_the_shipped_model_is_read_once_and_a_broken_one_says_how_to_rebuild_it(tmp_path):
    from coach.services.library import GOAL_MODEL, shipped_goal_model

    assert shipped_goal_model(tmp_path) is None  # none shipped: the rule-built score ranks
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / GOAL_MODEL).write_text("{}")
    with pytest.raises(UserError, match="train-goals"):
        shipped_goal_model(broken)
    shipped = shipped_goal_model(REPO / "library")
    assert shipped is not None and shipped is shipped_goal_model(REPO / "library")
    assert shipped.reads(np.ones((1, len(SCALARS) + 384)))  # MiniLM's vectors
