"""Ranking metrics over de-duplicated lists of (source, section) keys. Pure functions."""

from __future__ import annotations

import math
from collections.abc import Sequence

Key = tuple[str, str]


def matches(found: Key, wanted: Key) -> bool:
    """A found section answers a wanted one: same source, and the section path ends with it.

    An empty wanted section means "anywhere in that source" (used for unsectioned articles).
    """
    source, section = found
    want_source, want_section = wanted
    if source != want_source:
        return False
    if not want_section:
        return True
    return section == want_section or section.endswith(f"> {want_section}")


def relevance(ranked: Sequence[Key], wanted: Sequence[Key]) -> list[int]:
    """For each ranked key, the index of the wanted key it satisfies, or -1."""
    out = []
    for key in ranked:
        hit = next((i for i, w in enumerate(wanted) if matches(key, w)), -1)
        out.append(hit)
    return out


def recall_at(ranked: Sequence[Key], wanted: Sequence[Key], k: int) -> float:
    """Share of the wanted sections found in the top ``k``."""
    if not wanted:
        return 0.0
    found = {i for i in relevance(ranked[:k], wanted) if i >= 0}
    return len(found) / len(wanted)


def hit_at(ranked: Sequence[Key], wanted: Sequence[Key], k: int) -> float:
    """1.0 when any wanted section is in the top ``k``."""
    return 1.0 if any(i >= 0 for i in relevance(ranked[:k], wanted)) else 0.0


def reciprocal_rank(ranked: Sequence[Key], wanted: Sequence[Key]) -> float:
    """1 / rank of the first wanted section, 0 if none."""
    for rank, i in enumerate(relevance(ranked, wanted), start=1):
        if i >= 0:
            return 1.0 / rank
    return 0.0


def ndcg_at(ranked: Sequence[Key], wanted: Sequence[Key], k: int = 10) -> float:
    """Binary-gain nDCG@k; each wanted section counts once."""
    seen: set[int] = set()
    dcg = 0.0
    for rank, i in enumerate(relevance(ranked[:k], wanted), start=1):
        if i >= 0 and i not in seen:
            seen.add(i)
            dcg += 1.0 / math.log2(rank + 1)
    ideal = sum(1.0 / math.log2(r + 1) for r in range(1, min(len(wanted), k) + 1))
    return dcg / ideal if ideal else 0.0


def dedupe(keys: Sequence[Key]) -> list[Key]:
    """Keep the first occurrence of each key, in order."""
    seen: set[Key] = set()
    return [k for k in keys if not (k in seen or seen.add(k))]
