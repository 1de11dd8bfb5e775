"""The hook a pair's services call after a change that may alter its next session's plan."""

from __future__ import annotations

from collections.abc import Callable

OnChange = Callable[[str], None]  # called with the pair's id, after the change is committed


def unheard(_pair_id: str) -> None:
    """Nobody listens: the default, so the services work (and test) without a queue."""
