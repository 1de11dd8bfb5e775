"""Sentence vectors for one summary, each text embedded once."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


class Meaning:
    """Sentence vectors for one summary: each text embedded once, though the goals and the
    sentences are read by several steps."""

    def __init__(self, embed: Callable[[list[str]], np.ndarray]) -> None:
        self.embed = embed
        self.seen: dict[str, np.ndarray] = {}

    def __call__(self, texts: list[str]) -> np.ndarray:
        todo = [t for t in dict.fromkeys(texts) if t not in self.seen]
        if todo:
            self.seen.update(zip(todo, self.embed(todo), strict=True))
        return np.stack([self.seen[t] for t in texts])
