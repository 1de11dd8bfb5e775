"""Development reflections as labelled sentences for the action model
(``coach library train-actions --cases evals/datasets``).

Each sentence of a development reflection is one row, its features built as the summary builds
them (``coach.generation.action_model``); it is 1 when one of the case's gold actions lies in
it (its labelled span), 0 when none does. Sentences with an optional action (a cadence, an
unaccepted request: neither right nor wrong as an action) are left out. The frozen sets are
refused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from coach.domain.wording import Sentence, sentences
from coach.evals.datasets import ReflectionCase, development_set
from coach.generation.action_model import action_features


def _holds(sentence: Sentence, spans: Iterable[str], reflection: str) -> bool:
    """Whether one of ``spans`` (found as written in ``reflection``) overlaps ``sentence``."""
    for span in spans:
        at = reflection.find(span) if span else -1
        if at >= 0 and at < sentence.end and sentence.start < at + len(span):
            return True
    return False


def labelled_sentences(
    cases: Iterable[ReflectionCase],
) -> list[tuple[ReflectionCase, Sentence, int]]:
    """Each sentence of ``cases`` with its label (1: it holds a gold action)."""
    out = []
    for case in cases:
        assert case.gold is not None
        spans = [a.span for a in case.gold.actions]
        for sentence in sentences(case.reflection):
            if not _holds(sentence, case.gold.optional, case.reflection):
                out.append((case, sentence, int(_holds(sentence, spans, case.reflection))))
    return out


def dataset_rows(
    dataset: Path, embed: Callable[[list[str]], np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """The feature rows and 0/1 labels of every development sentence of ``dataset``."""
    _, cases = development_set(dataset)
    rows = labelled_sentences(cases)
    if not rows:
        return np.zeros((0, 0)), np.zeros(0, dtype=int)
    texts = [s.text for _, s, _ in rows]
    return action_features(texts, embed(texts)), np.array([label for _, _, label in rows])
