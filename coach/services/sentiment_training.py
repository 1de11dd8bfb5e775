"""Train the sentiment model (``coach.generation.sentiment_model``) from the development
reflections' labelled tone (``sentiment_gold.jsonl``, read into each case's gold).

Each reflection's features are read as the summary reads them: its sentences, the flags the
summary raises (the cue rules and the shipped flag model), the MiniLM vectors. The fit is a
softmax model over the four tones with an L2 penalty, by gradient descent. The strength was
chosen by 8-fold cross-validation over the development reflections
(``bench/sentiment_model_cv.py``, docs/evals.md).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from coach.domain.wording import sentences
from coach.generation.flag_model import FlagModel, raised_flags
from coach.generation.meaning import Meaning
from coach.generation.sentiment_model import TONES, SentimentModel, sentiment_features
from coach.knowledge.embedder import shared_embedder
from coach.services.errors import UserError
from coach.services.library import SENTIMENT_MODEL, shipped_flag_model

if TYPE_CHECKING:
    from coach.evals.datasets import ReflectionCase

STRENGTH = 0.001
STEPS = 1500
RATE = 0.5


def fit(rows: np.ndarray, tones: np.ndarray, strength: float = STRENGTH
        ) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Softmax weights (features × tones) and biases for ``rows`` labelled with tone indices."""
    count, width = rows.shape
    weights, bias = np.zeros((width, len(TONES))), np.zeros(len(TONES))
    wanted = np.eye(len(TONES))[tones]
    for _ in range(STEPS):
        logits = rows @ weights + bias
        logits -= logits.max(1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(1, keepdims=True)
        error = probs - wanted
        weights -= RATE * (rows.T @ error / count + strength * weights)
        bias -= RATE * error.mean(0)
    return weights.astype(np.float32), bias.astype(np.float32)


def case_rows(
    cases: list[ReflectionCase], embed: Callable[[list[str]], np.ndarray],
    flag_model: FlagModel | None,
) -> tuple[np.ndarray, np.ndarray, list[str]]:  # fmt: skip
    """The feature rows, tone indices and ids of the ``cases`` whose gold has a labelled tone
    (``sentiment_gold.jsonl``), read as the summary reads them: its flags raised with
    ``flag_model``, each sentence embedded once."""
    rows, tones, ids = [], [], []
    for case in cases:
        found = sentences(case.reflection)
        tone = case.gold.sentiment if case.gold else ""
        if not tone or not found:
            continue
        meaning = Meaning(embed)
        flags, _ = raised_flags(found, case.author, flag_model, meaning)
        rows.append(sentiment_features(found, len(flags), meaning([s.text for s in found])))
        tones.append(TONES.index(tone))
        ids.append(case.id)
    return np.asarray(rows), np.asarray(tones), ids


def dataset_rows(
    dataset: Path, embed: Callable[[list[str]], np.ndarray], folder: Path
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """``case_rows`` of ``dataset``'s development reflections (the frozen sets are refused),
    with the shipped flag model in ``folder``."""
    from coach.evals.datasets import development_set  # the datasets: only when training

    _, cases = development_set(dataset)
    return case_rows(cases, embed, shipped_flag_model(folder))


def train_from_cases(
    folder: Path, dataset: Path, strength: float = STRENGTH,
    embed: Callable[[list[str]], np.ndarray] | None = None,
) -> tuple[SentimentModel, Path]:  # fmt: skip
    """Train on ``dataset``'s labelled development reflections and write the model into the
    library ``folder``. ``embed``: MiniLM unless given."""
    try:
        rows, tones, _ = dataset_rows(dataset, embed or shared_embedder().embed, folder)
    except (OSError, ValueError, KeyError) as error:
        raise UserError(str(error)) from error
    if len(set(tones.tolist())) < 2:
        raise UserError(f"the sentiment model needs reflections of at least two tones "
                        f"labelled in {dataset}/sentiment_gold.jsonl")  # fmt: skip
    weights, bias = fit(rows, tones, strength)
    about = {
        "embedder": "all-MiniLM-L6-v2 (int8 ONNX), mean-pooled, L2-normalised",
        "strength": strength,
        "rows": {tone: int((tones == i).sum()) for i, tone in enumerate(TONES)},
        "command": f"coach library train-sentiment --cases {dataset} --strength {strength}",
    }
    model = SentimentModel(weights=weights, bias=bias, about=about)
    path = folder / SENTIMENT_MODEL
    model.save(path)
    return model, path
