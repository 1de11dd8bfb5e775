"""A reflection's tone (positive, negative, mixed, neutral) read by a model trained on the
tone its writers and readers labelled (``evals/datasets/sentiment_gold.jsonl``).

The rule (``coach.generation.summary.sentiment_of``) counts feeling words; it agreed with the
labels on 0.655 of the 252 development reflections. This model reads the same counts and the
raised flags beside the reflection's mean MiniLM vector and that of its last three sentences
(where a writer most often sums up), and picks the most probable of the four tones: a softmax
model with an L2 penalty. Cross-validated by reflection it agreed on 0.742
(``bench/sentiment_model_cv.py``, docs/evals.md).

The model is a file (``library/sentiment-model.json``) trained by ``coach library
train-sentiment``; the product only reads it, and without it the rule decides.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import numpy as np

from coach.domain.summary_draft import Sentiment
from coach.domain.wording import Sentence
from coach.generation.summary import feeling_counts, sentiment_of

TONES: tuple[Sentiment, ...] = get_args(Sentiment)
# the counts of positive and negative sentences (per three), the raised flags, the positive
# share of the feeling sentences and whether there is none; then the two mean vectors
SCALARS = ("positive", "negative", "flags", "positive share", "no feeling")
TAIL = 3  # the last sentences, read on their own as well


def sentiment_features(found: list[Sentence], flags: int, vectors: np.ndarray) -> np.ndarray:
    """The feature row of a reflection: ``found`` its sentences, ``flags`` how many flags were
    raised, ``vectors`` the sentences' L2-normalised vectors (one row each)."""
    pos, neg = feeling_counts(found)
    share = pos / (pos + neg) if pos + neg else 0.5
    scalars = [pos / 3, neg / 3, flags, share, float(pos + neg == 0)]
    vectors = np.asarray(vectors, dtype=np.float32).reshape(len(found), -1)
    return np.concatenate([np.asarray(scalars, dtype=np.float32), vectors.mean(0),
                           vectors[-TAIL:].mean(0)])  # fmt: skip


@dataclass(frozen=True)
class SentimentModel:
    """Weights (features × tones) and a bias per tone, with how it was trained."""

    weights: np.ndarray
    bias: np.ndarray
    about: dict[str, Any]

    def reads(self, row: np.ndarray) -> bool:
        """Whether ``row`` is this model's features (its embedder's vector size)."""
        return row.shape[-1] == self.weights.shape[0]

    def tone(self, row: np.ndarray) -> Sentiment:
        """The most probable tone of a feature row."""
        return TONES[int(np.argmax(row @ self.weights + self.bias))]

    def save(self, path: Path) -> None:
        """Write the model as JSON (weights rounded to 6 decimals)."""
        data = {
            "about": self.about,
            "tones": list(TONES),
            "features": [*SCALARS, f"vectors[{(self.weights.shape[0] - len(SCALARS))}]"],
            "bias": [round(float(b), 6) for b in self.bias],
            "weights": [[round(float(w), 6) for w in row] for row in self.weights],
        }
        path.write_text(json.dumps(data) + "\n", encoding="utf-8")
        path.chmod(0o644)  # the library is read by whoever runs the app, not only its trainer

    @classmethod
    def load(cls, path: Path) -> SentimentModel:
        """The model in ``path``; ValueError when it is not one."""
        data = json.loads(path.read_text(encoding="utf-8"))
        weights = np.asarray(data["weights"], dtype=np.float32)
        bias = np.asarray(data["bias"], dtype=np.float32)
        if (tuple(data.get("tones", ())) != TONES or weights.ndim != 2
                or weights.shape[1] != len(TONES) or bias.shape != (len(TONES),)
                or weights.shape[0] <= len(SCALARS)):  # fmt: skip
            raise ValueError(f"{path}: not a model of the tones {', '.join(TONES)}")
        return cls(weights=weights, bias=bias, about=data.get("about", {}))


def read_tone(
    model: SentimentModel | None, found: list[Sentence], flags: int,
    embed: Callable[[list[str]], np.ndarray],
) -> Sentiment:  # fmt: skip
    """The tone of a reflection's sentences ``found`` with ``flags`` raised: the shipped
    model's, else (no model, or one trained on another embedder's vectors) the feeling-word
    rule's."""
    if model is not None and found:
        row = sentiment_features(found, flags, embed([s.text for s in found]))
        if model.reads(row):
            return model.tone(row)
    return sentiment_of(found, flags=flags)
