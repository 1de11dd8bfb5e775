"""Which figures about people a lead may see: each must pool at least the minimum group of pairs,
and no two shown figures may differ by a group below it.

A figure is a *cell*: the set of pair ids its answers came from (counted per side and per figure
by the caller). A cell below the minimum is withheld. So is a cell that a shown narrower cell
would expose by subtraction: "all pairs" (10) beside "all pairs but one" (9) reveals that one
pair. The same holds for a shown cell and its shown, disjoint sub-cells: a total beside every
period but one reveals that period.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TypeVar

from coach.domain.aggregates import MIN_GROUP, enough

K = TypeVar("K", bound=Hashable)


def _exposes(remainder: int, min_group: int) -> bool:
    return remainder > 0 and not enough(remainder, min_group)


def _disjoint(parts: list[frozenset[str]]) -> bool:
    return sum(len(p) for p in parts) == len(frozenset().union(*parts))


def disclosable(cells: Mapping[K, frozenset[str]], min_group: int = MIN_GROUP) -> set[K]:
    """The keys of the cells that may be shown together. Narrower cells give way first."""
    shown = {key for key, pairs in cells.items() if enough(len(pairs), min_group)}
    changed = True
    while changed:
        changed = False
        for key in sorted(shown, key=lambda k: len(cells[k]), reverse=True):
            if key not in shown:
                continue
            wide = cells[key]
            inner = [k for k in shown if k != key and cells[k] < wide]
            for narrow in sorted(inner, key=lambda k: len(cells[k])):
                if _exposes(len(wide - cells[narrow]), min_group):
                    shown.discard(narrow)  # keep the wider figure, drop the one that exposes
                    changed = True
            parts = [cells[k] for k in shown if k != key and cells[k] < wide]
            rest = len(wide - frozenset().union(*parts)) if parts else 0
            if len(parts) > 1 and _disjoint(parts) and _exposes(rest, min_group):
                shown.discard(key)  # the total would reveal what its parts leave out
                changed = True
    return shown
