"""The minimum group: the lead sees a figure about people only when it pools enough pairs.

``MIN_GROUP`` is the default of ``COACH_MIN_GROUP``. A figure drawn from fewer pairs is
withheld, not shown with a warning: a small group's answers point at people.
"""

from __future__ import annotations

MIN_GROUP = 3


def enough(pairs: int, min_group: int = MIN_GROUP) -> bool:
    """May a figure pooled from ``pairs`` pairs be shown? Never below 1, whatever is asked."""
    return pairs >= max(1, min_group)
