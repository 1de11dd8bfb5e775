"""Train the flag model (``coach.generation.flag_model``) from labelled sentences.

Each kind gets a logistic model over MiniLM sentence vectors, fitted by Newton's method with an
L2 penalty and the two labels weighted equally. Its negatives are its own near misses plus the
other kinds' positives, so that "my name was left off the deck" does not read as tokenism.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coach.domain.flag_examples import FlagExample
from coach.domain.summary_draft import FlagKind
from coach.generation.flag_model import FlagModel
from coach.knowledge.embedder import shared_embedder
from coach.services.errors import UserError
from coach.services.library import FLAG_EXAMPLES, FLAG_MODEL, read_examples

STRENGTH = 0.3  # the L2 penalty; cross-validated on development cases (docs/evals.md)
THRESHOLD = 0.99  # the score that raises a flag on its own; likewise
WITH_CUE = 0.9  # the score that raises it beside a weak cue of the rules; likewise
NEWTON_STEPS = 30


@dataclass(frozen=True)
class Labelled:
    """Sentences and their 0/1 labels for one kind."""

    texts: list[str]
    labels: list[int]


def labelled_for(kind: FlagKind, examples: dict[FlagKind, Sequence[FlagExample]]) -> Labelled:
    """``kind``'s own examples, then the other kinds' positives as its negatives."""
    own = list(examples.get(kind, []))
    others = [e for k, rows in examples.items() if k != kind for e in rows if e.label == 1]
    return Labelled(
        texts=[e.text for e in own] + [e.text for e in others],
        labels=[e.label for e in own] + [0] * len(others),
    )


def fit(
    vectors: np.ndarray, labels: np.ndarray, strength: float = STRENGTH
) -> tuple[np.ndarray, float]:
    """Weights and bias of a class-balanced, L2-penalised logistic model (the bias is not
    penalised)."""
    x = np.hstack([vectors.astype(np.float64), np.ones((len(vectors), 1))])
    y = labels.astype(np.float64)
    positives = max(float(y.sum()), 1.0)
    balance = np.where(y == 1, (len(y) - positives) / positives, 1.0)
    balance /= balance.mean()
    penalty = strength * np.eye(x.shape[1])
    penalty[-1, -1] = 0.0
    w = np.zeros(x.shape[1])
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (balance * (p - y)) + penalty @ w
        hessian = (x * (balance * p * (1 - p))[:, None]).T @ x + penalty
        w -= np.linalg.solve(hessian, gradient)
    return w[:-1].astype(np.float32), float(w[-1])


def train(
    examples: dict[FlagKind, Sequence[FlagExample]],
    embed: Callable[[list[str]], np.ndarray],
    about: dict,
    strength: float = STRENGTH,
    threshold: float = THRESHOLD,
    with_cue: float = WITH_CUE,
) -> FlagModel:
    """One model per kind in ``examples``, with the given thresholds for every kind."""
    weights, bias = {}, {}
    for kind in examples:
        data = labelled_for(kind, examples)
        weights[kind], bias[kind] = fit(embed(data.texts), np.array(data.labels), strength)
    return FlagModel(weights=weights, bias=bias, threshold=dict.fromkeys(weights, threshold),
                     with_cue=dict.fromkeys(weights, with_cue), about=about)  # fmt: skip


def joined(*sources: dict[FlagKind, list[FlagExample]]) -> dict[FlagKind, list[FlagExample]]:
    """Each kind's examples from every source, in order."""
    out: dict[FlagKind, list[FlagExample]] = {}
    for source in sources:
        for kind, rows in source.items():
            out.setdefault(kind, []).extend(rows)
    return out


def train_from_folder(
    folder: Path,
    threshold: float = THRESHOLD,
    with_cue: float = WITH_CUE,
    strength: float = STRENGTH,
    cases: dict[FlagKind, list[FlagExample]] | None = None,
    embed: Callable[[list[str]], np.ndarray] | None = None,
) -> tuple[FlagModel, Path]:
    """Train on ``folder``'s flag examples, and ``cases`` (sentences of development
    reflections, ``coach.evals.flag_cases``), and write the model beside them. ``embed``:
    MiniLM unless given. A ``UserError`` names the examples' problems (``coach library check``
    lists them all)."""
    written, problems = read_examples(folder / FLAG_EXAMPLES)
    if problems:
        raise UserError(f"the flag examples have problems: {'; '.join(problems[:3])}. "
                        "Run `coach library check` for all of them.")  # fmt: skip
    examples = joined(written, cases or {})
    about = {
        "embedder": "all-MiniLM-L6-v2 (int8 ONNX), mean-pooled, L2-normalised",
        "strength": strength,
        "examples": {
            k: {str(n): sum(e.label == n for e in rows) for n in (0, 1)}
            for k, rows in examples.items()
        },  # fmt: skip
        "from_cases": {k: len(rows) for k, rows in (cases or {}).items()},
        "command": f"coach library train-flags --threshold {threshold} --with-cue {with_cue} "
        f"--strength {strength}" + (" --cases <dataset>" if cases else ""),
    }
    embed = embed or shared_embedder().embed
    model = train(examples, embed, about, strength, threshold, with_cue)
    path = folder / FLAG_MODEL
    model.save(path)
    return model, path
