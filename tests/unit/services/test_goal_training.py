"""Training the goal-evidence model from the labelled development reflections."""

from pathlib import Path

import pytest

from coach.evals.datasets import development_set
from coach.evals.goal_cases import case_rows
from coach.evals.summary_gold import EVIDENCE_LABELS, load_evidence_labels
from coach.generation.goal_model import SCALARS, GoalModel
from coach.generation.meaning import Meaning
from coach.services.goal_training import train_from_cases
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
