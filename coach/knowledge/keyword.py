"""Keyword search: BM25 (bm25s) over chunk text, with a light suffix stemmer."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import bm25s
import numpy as np

TOKEN = re.compile(r"[a-z0-9]+")
STOP = set(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "can",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "no",
        "not",
        "of",
        "on",
        "or",
        "our",
        "so",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "too",
        "up",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "you",
        "your",
    ]
)
SUFFIXES = ("ingly", "edly", "ings", "ing", "ied", "ers", "er", "ed", "ly")


def stem(word: str) -> str:
    """A light stemmer: plural, one common suffix, then a trailing e (phone/phones/phoned)."""
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def tokenize(text: str) -> list[str]:
    """Lower-case, drop stop words, stem."""
    return [stem(t) for t in TOKEN.findall(text.lower()) if t not in STOP and len(t) > 1]


class KeywordIndex:
    """An in-memory BM25 index over a fixed list of chunks."""

    def __init__(self, ids: Sequence[str], texts: Sequence[str], metas: Sequence[dict]) -> None:
        self.ids = list(ids)
        self.metas = list(metas)
        self.model = bm25s.BM25()
        if self.ids:
            self.model.index([tokenize(t) or ["_"] for t in texts], show_progress=False)

    def __len__(self) -> int:
        return len(self.ids)

    def search(
        self, query: str, k: int, allowed: Callable[[dict], bool] | None = None
    ) -> list[tuple[str, float]]:
        """(id, score) pairs, best first; only chunks that ``allowed`` accepts."""
        terms = tokenize(query)
        if not self.ids or not terms:
            return []
        mask = None
        if allowed is not None:
            mask = np.array([allowed(m) for m in self.metas], dtype=np.float32)
            if not mask.any():
                return []
        scores = self.model.get_scores(terms, weight_mask=mask)
        top = np.argsort(-scores)[:k]
        return [(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]
