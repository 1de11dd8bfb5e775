"""Does a source text support a claim? Lexical overlap plus (optionally) embedding similarity.

The same scorer judges summary claims against the reflection (faithfulness) and traps or
expected facts against the summary (trap rate, recall). The embedder is injectable: the
offline MiniLM model in real runs, a tiny fake in unit tests, or none (lexical only).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from coach.domain.wording import invented, overlap, sentences

# Calibrated on evals/datasets/reflections.jsonl with MiniLM: expected facts against their
# reflection (should be supported) and traps against it (should not). See evals/README.md.
SUPPORT_THRESHOLD = 0.55
LEXICAL_WEIGHT = 0.5
RECALL_COVERAGE = 0.6
RECALL_SIMILARITY = 0.75


class Embedder(Protocol):
    """Anything that turns texts into an (n, d) array, like ``MiniLMEmbedder``."""

    def embed(self, texts: list[str]) -> np.ndarray: ...


def units(text: str) -> list[str]:
    """The sentences (or bullet lines) of ``text``, the units a claim is compared with."""
    return [s.text for s in sentences(text)] or ([text.strip()] if text.strip() else [])


def windows(parts: Sequence[str]) -> list[str]:
    """Every unit and every pair of adjacent units: a claim may paraphrase two sentences."""
    out = list(parts)
    out += [f"{a} {b}" for a, b in zip(parts, parts[1:], strict=False)]
    return out


class SupportScorer:
    """Scores claims against source texts; caches embeddings by text."""

    def __init__(
        self,
        embedder: Embedder | None = None,
        threshold: float = SUPPORT_THRESHOLD,
        lexical_weight: float = LEXICAL_WEIGHT,
    ) -> None:
        self.embedder = embedder
        self.threshold = threshold
        self.lexical_weight = lexical_weight
        self._cache: dict[str, np.ndarray] = {}

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length embeddings for ``texts`` (embedding only those not seen before)."""
        assert self.embedder is not None
        todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if todo:
            found = np.asarray(self.embedder.embed(todo), dtype=np.float32)
            norms = np.linalg.norm(found, axis=1, keepdims=True)
            found = found / np.clip(norms, 1e-12, None)
            self._cache.update(zip(todo, found, strict=True))
        return np.stack([self._cache[t] for t in texts])

    def lexical(self, claim: str, parts: Sequence[str]) -> float:
        """The best share of the claim's content words found in one window of the source."""
        return max((overlap(claim, w) for w in windows(parts)), default=0.0)

    def similarity(self, claim: str, parts: Sequence[str]) -> float | None:
        """The best cosine between the claim and one source unit; None without an embedder."""
        if self.embedder is None or not parts or not claim.strip():
            return None
        matrix = self.vectors([claim, *parts])
        return float(max(0.0, (matrix[1:] @ matrix[0]).max()))

    def score(self, claim: str, source: str, parts: Sequence[str] | None = None) -> float:
        """Support in [0, 1]: 0 when the claim names people, numbers or dates the source lacks."""
        parts = list(parts) if parts is not None else units(source)
        if invented(claim, source):
            return 0.0
        lexical = self.lexical(claim, parts)
        semantic = self.similarity(claim, parts)
        if semantic is None:
            return lexical
        return self.lexical_weight * lexical + (1 - self.lexical_weight) * semantic

    def supported(self, claim: str, source: str, parts: Sequence[str] | None = None) -> bool:
        return self.score(claim, source, parts) >= self.threshold

    def recalled(self, fact: str, text: str, parts: Sequence[str] | None = None) -> bool:
        """A fact is kept when its content words are mostly in ``text`` or a unit means it."""
        parts = list(parts) if parts is not None else units(text)
        if overlap(fact, text) >= RECALL_COVERAGE:
            return True
        semantic = self.similarity(fact, parts)
        return semantic is not None and semantic >= RECALL_SIMILARITY
