"""Flags read from a sentence's meaning, for the wordings the cue rules have not seen.

The cue rules (``coach.domain.summary_flags``) know the phrasings they were written from. On
development cases they had not seen they found about a fifth of the flags (docs/evals.md,
summaries, "Thirteenth pass"). This model adds a flag the rules did not raise when one sentence
of the reflection, read as a MiniLM vector by a logistic model of that kind, scores at or above
the kind's threshold; or, when the rules found a weak cue of the kind (one point of the two a
flag needs), at or above its lower ``with_cue`` threshold. The thresholds are set by
cross-validation so that false flags stay rare: a false flag on a private reflection does more
harm than a missed one.

The model is a file (``library/flag-model.json``) trained by ``coach library train-flags`` from
labelled sentences; the product only reads it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import numpy as np

from coach.domain.summary_draft import Flag, FlagKind, span_of
from coach.domain.summary_flags import NEEDED, NO_HARM_SAID, NOT_A_CUE, cue_sentences, found_flags
from coach.domain.wording import Sentence, words

KINDS: tuple[FlagKind, ...] = get_args(FlagKind)
MIN_WORDS = 5  # a shorter line says too little to be shown as evidence


@dataclass(frozen=True)
class FlagModel:
    """One logistic model per flag kind over L2-normalised sentence vectors."""

    weights: dict[FlagKind, np.ndarray]
    bias: dict[FlagKind, float]
    threshold: dict[FlagKind, float]  # a sentence alone
    with_cue: dict[FlagKind, float]  # a sentence, when the rules found a weak cue of the kind
    about: dict[str, Any]  # how it was trained: embedder, examples, command, figures

    @property
    def dimensions(self) -> int:
        return len(next(iter(self.weights.values())))

    def scores(self, vectors: np.ndarray) -> dict[FlagKind, np.ndarray]:
        """Each kind's probability for each row of ``vectors``."""
        return {
            k: 1.0 / (1.0 + np.exp(-(vectors @ self.weights[k] + self.bias[k])))
            for k in self.weights
        }

    def save(self, path: Path) -> None:
        """Write the model as JSON (weights rounded to 6 decimals)."""
        data = {
            "about": self.about,
            "kinds": {
                k: {
                    "threshold": round(self.threshold[k], 4),
                    "with_cue": round(self.with_cue[k], 4),
                    "bias": round(float(self.bias[k]), 6),
                    "weights": [round(float(w), 6) for w in self.weights[k]],
                }
                for k in self.weights
            },
        }
        path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        path.chmod(0o644)  # the library is read by whoever runs the app, not only its trainer

    @classmethod
    def load(cls, path: Path) -> FlagModel:
        """The model in ``path``; ValueError when it is not one."""
        data = json.loads(path.read_text(encoding="utf-8"))
        kinds = data.get("kinds", {})
        unknown = set(kinds) - set(KINDS)
        if not kinds or unknown:
            raise ValueError(f"{path}: no flag kinds, or unknown ones: {sorted(unknown)}")
        return cls(
            weights={k: np.asarray(v["weights"], dtype=np.float32) for k, v in kinds.items()},
            bias={k: float(v["bias"]) for k, v in kinds.items()},
            threshold={k: float(v["threshold"]) for k, v in kinds.items()},
            with_cue={k: float(v.get("with_cue", v["threshold"])) for k, v in kinds.items()},
            about=data.get("about", {}),
        )


def best_sentences(
    found: list[Sentence], vectors: np.ndarray, model: FlagModel
) -> dict[FlagKind, tuple[float, int]]:
    """Each kind's best score and the index of its sentence in ``found`` (``vectors``: one row
    per sentence). A sentence that cannot be evidence scores 0: one the rules rule out ("as we
    agreed", a joke), a heading ("What I'm supposedly doing:", flags-1) or a line of fewer than
    five words. Empty when the vectors are not the model's."""
    if not found or vectors.shape != (len(found), model.dimensions):
        return {}
    usable = np.array([evidence_like(s.text) for s in found])
    out = {}
    for kind, score in model.scores(vectors).items():
        score = np.where(usable, score, 0.0)
        out[kind] = (float(score.max()), int(np.argmax(score)))
    return out


def evidence_like(text: str) -> bool:
    """Whether a sentence can be shown as a flag's evidence."""
    text = text.strip()
    return not (NOT_A_CUE.search(text) or text.endswith(":") or len(words(text)) < MIN_WORDS)


def raises(model: FlagModel, kind: FlagKind, score: float, points: int) -> bool:
    """Whether the model raises ``kind`` that the rules, with ``points`` cue points, did not."""
    needed = model.with_cue[kind] if points else model.threshold[kind]
    return points < NEEDED and score >= needed


def model_flags(
    found: list[Sentence],
    vectors: np.ndarray,
    model: FlagModel,
    cues: dict[FlagKind, list[tuple[Sentence, int]]],
) -> tuple[list[Flag], set[int]]:
    """A flag of each kind the rules did not raise whose best sentence scores at or above the
    kind's threshold, or its ``with_cue`` threshold when the rules found a cue, with that
    sentence as its evidence; and the starts of the sentences that stay private (the evidence
    and the kind's cue sentences). ``cues``: ``coach.domain.summary_flags.cue_sentences``."""
    flags, private = [], set()
    for kind, (score, index) in best_sentences(found, vectors, model).items():
        after = found[index + 1].text if index + 1 < len(found) else ""
        if NO_HARM_SAID.search(after):  # "… it's one photo after six proper sessions" (h186)
            continue
        if raises(model, kind, score, sum(w for _, w in cues.get(kind, []))):
            flags.append(Flag(kind=kind, evidence=found[index].text, span=span_of(found[index])))
            private |= {found[index].start} | {s.start for s, _ in cues.get(kind, [])}
    return flags, private


def raised_flags(
    found: list[Sentence],
    author: str,
    model: FlagModel | None,
    embed: Callable[[list[str]], np.ndarray],
) -> tuple[list[Flag], set[int]]:
    """The flags a summary raises: the cue rules', then the model's for the kinds they did not
    raise (none without a model); and the starts of the sentences the model's flags make
    private (the rules' own are ``coach.domain.summary_flags.flagged_sentences``)."""
    flags = found_flags(found, author)
    if model is None or not found:
        return flags, set()
    vectors = embed([s.text for s in found])
    read, private = model_flags(found, vectors, model, cue_sentences(found, author))
    return flags + read, private
