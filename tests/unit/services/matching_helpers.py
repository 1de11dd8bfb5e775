"""What the matching tests share: the dataset, a greedy baseline, a brute-force optimum and an
independent check of the hard rules (read straight from the CSV, not through the matcher)."""

from __future__ import annotations

import csv
from functools import cache

import numpy as np

from tests.conftest import REPO

DATASET = REPO / "evals" / "datasets" / "candidates" / "harbor-vale.csv"
BROKEN = REPO / "evals" / "datasets" / "candidates" / "broken-rows.csv"


def greedy(scores: np.ndarray, legal: np.ndarray, places: list[int]) -> list[tuple[int, int]]:
    """The baseline: take the highest-scoring legal (senior, junior) cell left, until none is."""
    cells = sorted(
        ((float(scores[r, c]), r, c) for r, c in zip(*np.nonzero(legal), strict=True)),
        key=lambda cell: -cell[0],
    )
    left, done, chosen = list(places), set(), []
    for _, r, c in cells:
        if r not in done and left[c] > 0:
            done.add(r)
            left[c] -= 1
            chosen.append((int(r), int(c)))
    return chosen


def brute_force(scores: np.ndarray, legal: np.ndarray, places: list[int]) -> tuple[int, float]:
    """The best (number of pairs, total score) over every assignment, by exhaustive search
    (memoised on the places left)."""

    @cache
    def best(row: int, left: tuple[int, ...]) -> tuple[int, float]:
        if row == scores.shape[0]:
            return 0, 0.0
        options = [best(row + 1, left)]  # this senior stays unmatched
        for c, n in enumerate(left):
            if n and legal[row, c]:
                count, total = best(row + 1, left[:c] + (n - 1,) + left[c + 1 :])
                options.append((count + 1, total + float(scores[row, c])))
        return max(options, key=lambda o: (o[0], round(o[1], 9)))

    return best(0, tuple(places))


def csv_rows(path=DATASET) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def chain_above(rows: list[dict[str, str]], name: str) -> set[str]:
    """Everyone above ``name``, walked with plain dicts: the test's own reading of reports_to."""
    boss_of = {r["name"]: r["reports_to"] for r in rows}
    above, person = set(), name
    while boss_of.get(person) and boss_of[person] not in above:
        person = boss_of[person]
        above.add(person)
    return above


def broken_rules(rows: list[dict[str, str]], mentor: str, mentee: str) -> list[str]:
    """The hard rules a (mentor, mentee) pair breaks, judged from the raw rows."""
    by_name = {r["name"]: r for r in rows}
    found = []
    if by_name[mentor]["department"].lower() == by_name[mentee]["department"].lower():
        found.append("same department")
    if mentee in chain_above(rows, mentor) or mentor in chain_above(rows, mentee):
        found.append("reporting line")
    return found
