"""A task table in notes: its header says which column holds the task, which who does it and
which when ("What | Who | When", h123; "Who | What | When", h213). A table whose header names
no "Who" column is no task list (h173's "Item | Where we got to | Next")."""

from __future__ import annotations

import re
from dataclasses import dataclass

TASK = re.compile(r"^\W*(?:what|task|action|item|topic)s?\W*$", re.I)
WHO = re.compile(r"^\W*(?:who|owner)\W*$", re.I)
NOT_AGREED = re.compile(r"\bnot (?:yet )?agreed\b", re.I)  # "| … | not agreed yet |" (h148)


@dataclass(frozen=True)
class Columns:
    """Where a row's task, owner and deadline are; ``listed``: whether rows are tasks."""

    task: int = 0
    who: int = 1
    due: int = 2
    listed: bool = True

    def pick(self, cells: list[str]) -> tuple[str, str, str]:
        """A row's task, owner and deadline cells."""
        return cells[self.task], cells[self.who], cells[self.due]


def header(cells: list[str]) -> Columns | None:
    """The columns a header row names, or None when ``cells`` is no header (no task column)."""
    task = next((i for i, c in enumerate(cells) if TASK.match(c)), None)
    if task is None:
        return None
    who = next((i for i, c in enumerate(cells) if i != task and WHO.match(c)), None)
    if who is None:
        return Columns(listed=False)
    due = next(i for i in range(len(cells)) if i not in (task, who))
    return Columns(task, who, due)


def agreed(due_cell: str) -> bool:
    """Whether a row's deadline cell does not say it is still to be agreed."""
    return NOT_AGREED.search(due_cell) is None
