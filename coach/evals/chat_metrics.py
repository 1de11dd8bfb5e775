"""Chat answer metrics over a chat run (``answers.jsonl`` from ``bench/chat_run.py``).

``loops`` is the share of answers that say a sentence again (``coach.domain.degenerate.repeats``,
the guard's own test); ``p95_words`` the 95th percentile of answer length in words (nearest
rank); ``over_cap`` the share longer than ``cap`` words; ``cited`` the share citing a passage.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from coach.domain.degenerate import repeats

SENTENCE = re.compile(r"(?<=[.?!])\s+")
CAP = 180


def loops(answer: str) -> bool:
    """Whether the answer says one of its sentences again."""
    sentences = [s for s in SENTENCE.split(answer) if s.strip()]
    return any(repeats(s, sentences[:i]) for i, s in enumerate(sentences))


def p95(values: list[int]) -> int | None:
    """The 95th percentile by nearest rank; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def chat_figures(answers: Iterable[str], cap: int = CAP) -> dict[str, float | int | None]:
    """The run's figures: answers, loop rate, median and p95 words, share over ``cap``, cited."""
    texts = list(answers)
    if not texts:
        return {"answers": 0, "loops": None, "median_words": None, "p95_words": None,
                "over_cap": None, "cited": None}  # fmt: skip
    lengths = [len(t.split()) for t in texts]
    return {
        "answers": len(texts),
        "loops": sum(loops(t) for t in texts) / len(texts),
        "median_words": sorted(lengths)[len(lengths) // 2],
        "p95_words": p95(lengths),
        "over_cap": sum(n > cap for n in lengths) / len(texts),
        "cited": sum(bool(re.search(r"\[\d+\]", t)) for t in texts) / len(texts),
    }
