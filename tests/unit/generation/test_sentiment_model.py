"""The sentiment model: its features, its file, and the summary reading it (else the rule)."""

import json

import numpy as np
import pytest

from coach.domain.wording import sentences
from coach.generation.meaning import Meaning
from coach.generation.sentiment_model import (
    SCALARS,
    TONES,
    SentimentModel,
    read_tone,
    sentiment_features,
)
from tests.fake_tools import embed

pytestmark = pytest.mark.unit
TEXT = (
    "Great session, really useful. He listened. Still annoyed the dashboard is late. Next: Friday."
)


def model_for(tone: str, width: int) -> SentimentModel:
    """A model that always reads ``tone`` (its bias), whatever the row."""
    bias = np.full(len(TONES), -5.0, dtype=np.float32)
    bias[TONES.index(tone)] = 5.0
    return SentimentModel(np.zeros((width, len(TONES)), np.float32), bias, {"by": "test"})


def test_the_features_are_the_feeling_counts_the_flags_and_two_mean_vectors():
    found = sentences(TEXT)
    vectors = embed([s.text for s in found])
    row = sentiment_features(found, 1, vectors)
    assert row.shape == (len(SCALARS) + 2 * vectors.shape[1],)
    assert row[:5].tolist() == pytest.approx([2 / 3, 1 / 3, 1, 2 / 3, 0])
    assert np.allclose(row[5 : 5 + vectors.shape[1]], vectors.mean(0))
    assert np.allclose(row[5 + vectors.shape[1] :], vectors[-3:].mean(0))


def test_the_model_reads_the_most_probable_tone_and_survives_its_file(tmp_path):
    weights = np.zeros((7, len(TONES)), np.float32)
    weights[0, TONES.index("negative")] = 2.0  # the first feature pulls toward negative
    model = SentimentModel(weights, np.zeros(len(TONES), np.float32), {"rows": 3})
    row = np.zeros(7, np.float32)
    assert model.tone(row) == TONES[0]  # a tie: the first tone
    row[0] = 1.0
    assert model.tone(row) == "negative"
    model.save(tmp_path / "sentiment-model.json")
    back = SentimentModel.load(tmp_path / "sentiment-model.json")
    assert back.tone(row) == "negative" and back.about == {"rows": 3}
    assert back.reads(row) and not back.reads(np.zeros(9))


def test_a_file_that_is_not_a_sentiment_model_is_refused(tmp_path):
    path = tmp_path / "sentiment-model.json"
    path.write_text(json.dumps({"tones": ["good", "bad"], "weights": [[1, 2]], "bias": [0, 0]}))
    with pytest.raises(ValueError, match="not a model of the tones"):
        SentimentModel.load(path)


def test_the_summary_reads_the_shipped_model_else_the_feeling_word_rule():
    found = sentences(TEXT)
    width = len(sentiment_features(found, 0, embed([s.text for s in found])))
    assert read_tone(None, found, 0, Meaning(embed)) == "positive"  # the rule
    neutral = model_for("neutral", width)
    assert read_tone(neutral, found, 0, Meaning(embed)) == "neutral"
    other_embedder = model_for("neutral", width + 4)  # trained on vectors of another size
    assert read_tone(other_embedder, found, 0, Meaning(embed)) == "positive"
