"""Which sentence shows that a goal moved, scored by a model trained on a reader's labels.

Similarity in meaning finds the sentences about a goal's topic; whether something happened
toward it ("She opened the app and found the fee on the third screen") or not ("Nothing on the
app again", "I'll download it before next time") is in the wording. The rule-built score
(``coach.domain.goal_evidence``) weighs similarity with a small bonus for an event word. This
model reads the same similarities and the sentence's own MiniLM vector, and gives the
probability that a reader labels the sentence as showing the goal moved. The refusals of
``coach.domain.goal_evidence`` still apply before it.

The model is a file (``library/goal-model.json``) trained by ``coach library train-goals`` from
the labelled sentences of the development reflections; the product only reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from coach.domain.goal_evidence import EVENT
from coach.generation.logistic import Scores, read_model, write_model

# Per goal and sentence: its similarity to the goal, the same read with the sentence before,
# how much closer it is to this goal than to the pair's next-closest one, whether it names an
# event, whether it states an action, and its length (words, to 40, over 40); then the vector.
SCALARS = ("similarity", "in_context", "margin", "event", "action", "length")
SCALE = 3.0  # the scalars weigh like the vector's larger entries under the same L2 penalty
MAX_LENGTH = 40


@dataclass(frozen=True)
class GoalModel(Scores):
    """A logistic model over a goal-and-sentence feature row (``evidence_features``)."""

    weights: np.ndarray
    bias: float
    threshold: float  # the score from which a sentence is shown as the goal's evidence
    about: dict[str, Any]  # how it was trained: embedder, labels, command, figures

    def save(self, path: Path) -> None:
        """Write the model as JSON (weights rounded to 6 decimals)."""
        write_model(path, self.weights, self.bias, self.about, SCALARS, threshold=self.threshold)

    @classmethod
    def load(cls, path: Path) -> GoalModel:
        """The model in ``path``; ValueError when it is not one."""
        data, weights = read_model(path, SCALARS)
        return cls(weights=weights, bias=float(data["bias"]),
                   threshold=float(data["threshold"]), about=data.get("about", {}))  # fmt: skip


def evidence_features(
    alone: np.ndarray, in_context: np.ndarray, vectors: np.ndarray, texts: list[str],
    acted: list[bool],
) -> np.ndarray:  # fmt: skip
    """Feature rows, shaped (goals, sentences, features): ``alone`` and ``in_context`` are the
    goals' similarities to the sentences (goals × sentences), ``vectors`` the sentences'
    MiniLM vectors, ``acted`` whether each sentence states an action."""
    goals, count = alone.shape
    if goals > 1:
        ranked = np.sort(alone, axis=0)
        best, second = ranked[-1], ranked[-2]
        margin = alone - np.where(alone >= best, second, best)
    else:
        margin = alone.copy()
    event = np.array([bool(EVENT.search(t)) for t in texts], dtype=np.float64)
    length = np.array([min(len(t.split()), MAX_LENGTH) / MAX_LENGTH for t in texts])
    per_sentence = np.stack([event, np.asarray(acted, dtype=np.float64), length], axis=1)
    scalars = np.concatenate(
        [np.stack([alone, in_context, margin], axis=2),
         np.broadcast_to(per_sentence, (goals, count, 3))], axis=2,
    )  # fmt: skip
    tiled = np.broadcast_to(vectors, (goals, count, vectors.shape[1]))
    return np.concatenate([SCALE * scalars, tiled], axis=2)
