"""The goal-evidence model: its features, its file, and how the summary ranks evidence by it."""

import json
from pathlib import Path

import numpy as np
import pytest

from coach.domain.pair_profile import PairProfile
from coach.domain.summary_draft import SummaryRequest
from coach.domain.wording import sentences
from coach.generation.goal_model import SCALARS, GoalModel, evidence_features
from coach.generation.meaning import Meaning
from coach.generation.summary_goals import goal_progress
from coach.generation.summary_narrow import rule_parts
from tests.fake_tools import embed
from tests.unit.generation.test_summary_narrow import REFLECTION

pytestmark = pytest.mark.unit
REPO = Path(__file__).resolve().parents[3]
PLAN = (
    "Frank will ask two drivers about it before next time, and I'll send him the slides by Friday."
)
EVENT = "I walked him through the gig-app comparison and he was surprised"


def test_each_goal_gets_its_margin_over_the_nearest_other_goal():
    alone = np.array([[0.6, 0.2], [0.5, 0.4], [0.1, 0.3]])
    rows = evidence_features(alone, alone, np.eye(2), ["He showed me the app.", "Later."],
                             [False, True])  # fmt: skip
    assert rows.shape == (3, 2, len(SCALARS) + 2)
    margin = rows[:, :, SCALARS.index("margin")] / 3.0
    assert margin[:, 0] == pytest.approx([0.1, -0.1, -0.5])
    assert margin[:, 1] == pytest.approx([-0.2, 0.1, -0.1])
    assert rows[0, :, SCALARS.index("event")].tolist() == [3.0, 0.0]
    assert rows[0, :, SCALARS.index("action")].tolist() == [0.0, 3.0]
    assert rows[2, 1, len(SCALARS) :].tolist() == [0.0, 1.0]  # the sentence's own vector


def test_one_goal_has_its_similarity_as_margin():
    alone = np.array([[0.4]])
    rows = evidence_features(alone, alone, np.ones((1, 3)), ["We met."], [False])
    assert rows[0, 0, SCALARS.index("margin")] == rows[0, 0, SCALARS.index("similarity")]


def test_a_model_is_written_and_read_back(tmp_path):
    model = GoalModel(np.arange(8, dtype=np.float32) / 10, -0.5, 0.3, {"command": "x"})
    model.save(tmp_path / "goal-model.json")
    back = GoalModel.load(tmp_path / "goal-model.json")
    assert back.weights.tolist() == pytest.approx(model.weights.tolist())
    assert (back.bias, back.threshold, back.about) == (-0.5, 0.3, {"command": "x"})
    rows = np.ones((2, 3, 8))
    assert back.reads(rows) and not back.reads(np.ones((2, 3, 9)))
    assert back.scores(rows).shape == (2, 3)


def test_a_file_that_is_not_a_goal_model_is_refused(tmp_path):
    path = tmp_path / "goal-model.json"
    path.write_text(json.dumps({"weights": [0.1, 0.2], "bias": 0, "threshold": 0.3}))
    with pytest.raises(ValueError, match="weights"):
        GoalModel.load(path)


def progress(model: GoalModel | None) -> dict[str, str]:
    data = json.loads((REPO / "evals/datasets/pairs/pair-logistics-01.json").read_text())
    request = SummaryRequest(PairProfile.model_validate(data), REFLECTION, "mentor")
    found = sentences(REFLECTION)
    _, private, acted = rule_parts(request, found)
    shown = goal_progress(request, found, private, Meaning(embed), acted, model)
    return {g.goal_id: g.evidence for g in shown}


def favouring(sentence: str, threshold: float = 0.5) -> GoalModel:
    """A model that scores ``sentence`` near 1 and every other one near 0."""
    direction = embed([sentence])[0]
    weights = np.concatenate([np.zeros(len(SCALARS)), 40 * direction])
    return GoalModel(weights.astype(np.float32), -30.0, threshold, {})


def test_the_model_ranks_the_goals_evidence_instead_of_the_rule_built_score():
    assert progress(None)["g1"].startswith(EVENT)
    assert progress(favouring(PLAN))["g1"] == PLAN  # the rules' penalty for a plan is not its


def test_no_sentence_is_shown_below_the_models_threshold():
    assert progress(favouring(PLAN, threshold=1.0)) == {}


def test_a_model_of_another_embedder_leaves_the_rule_built_choice():
    other = GoalModel(np.zeros(len(SCALARS) + 5, dtype=np.float32), 30.0, 0.5, {})
    assert progress(other) == progress(None)
