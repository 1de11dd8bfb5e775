"""What the summary's logistic models share (the goal-evidence and action models): scoring a
feature row, and the JSON file in the library with the weights, the bias and how it was
trained."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np


class Scores:
    """Scoring for a dataclass with ``weights`` (one per feature) and a ``bias``."""

    weights: np.ndarray
    bias: float

    def reads(self, rows: np.ndarray) -> bool:
        """Whether ``rows`` are this model's features (its embedder's vector size)."""
        return rows.shape[-1] == len(self.weights)

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """The probability for each feature row (any leading shape)."""
        return 1.0 / (1.0 + np.exp(-(rows @ self.weights + self.bias)))


def write_model(path: Path, weights: np.ndarray, bias: float, about: dict[str, Any],
                scalars: tuple[str, ...], **settings: float) -> None:  # fmt: skip
    """Write a model as JSON: ``settings`` (its thresholds) beside the weights, rounded to 6
    decimals, and the names of its features (``scalars``, then the sentence vector)."""
    data = {
        "about": about,
        "features": [*scalars, f"vector[{len(weights) - len(scalars)}]"],
        **{name: round(float(value), 4) for name, value in settings.items()},
        "bias": round(float(bias), 6),
        "weights": [round(float(w), 6) for w in weights],
    }
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    path.chmod(0o644)  # the library is read by whoever runs the app, not only its trainer


def read_model(path: Path, scalars: tuple[str, ...]) -> tuple[dict[str, Any], np.ndarray]:
    """The file's data and its weights; ValueError when it is not such a model (weights one row
    longer than ``scalars``, for the sentence vector)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    weights = np.asarray(data["weights"], dtype=np.float32)
    if weights.ndim != 1 or len(weights) <= len(scalars):
        raise ValueError(f"{path}: weights must be one row longer than {len(scalars)}")
    return data, weights
