"""Aggregating per-case scores: means that skip "not applicable", and percentiles."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

Score = float | bool | None


def mean(values: Iterable[Score]) -> float | None:
    """The mean of the values that apply (``None`` is skipped); None when none apply."""
    kept = [float(v) for v in values if v is not None]
    return round(sum(kept) / len(kept), 4) if kept else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q``-th percentile (0–100) by linear interpolation; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    value = ordered[low] + (ordered[high] - ordered[low]) * (rank - low)
    return round(value, 4)


def aggregate(rows: Sequence[Mapping[str, Score]]) -> dict[str, float | None]:
    """The mean of every metric over the cases; booleans count as 0/1."""
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row))
    return {name: mean(row.get(name) for row in rows) for name in names}
