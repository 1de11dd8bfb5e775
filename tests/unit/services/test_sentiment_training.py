"""Training the sentiment model from the development reflections' labelled tone."""

from pathlib import Path

import numpy as np
import pytest

from coach.generation.sentiment_model import TONES, SentimentModel
from coach.services.errors import UserError
from coach.services.sentiment_training import fit, train_from_cases
from tests.fake_tools import embed

pytestmark = pytest.mark.unit
REPO = Path(__file__).resolve().parents[3]


def test_the_fit_learns_tones_that_one_feature_each_tells_apart():
    rows = np.eye(len(TONES)).repeat(5, axis=0) + 0.01
    tones = np.arange(len(TONES)).repeat(5)
    weights, bias = fit(rows, tones)
    assert ((rows @ weights + bias).argmax(1) == tones).all()


def test_a_model_is_trained_from_the_dataset_and_written_into_the_library(tmp_path):
    model, path = train_from_cases(tmp_path, REPO / "evals" / "datasets", embed=embed)
    assert path == tmp_path / "sentiment-model.json"
    assert sum(model.about["rows"].values()) == 252
    assert "--cases" in model.about["command"]
    back = SentimentModel.load(path)
    assert back.weights.shape == model.weights.shape


def test_a_frozen_set_is_never_learned_from(tmp_path):
    with pytest.raises(UserError, match="frozen"):
        train_from_cases(tmp_path, REPO / "evals" / "heldout", embed=embed)
    assert not (tmp_path / "sentiment-model.json").exists()
