"""What a mentor's chat message asks for: an answer, a new artifact, or a change to the agenda."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from coach.domain.agenda import Agenda, share_minutes

Kind = Literal["answer", "agenda", "starters", "refine"]
AGENDA = re.compile(
    r"\b(agenda|plan (the|our|my|a|this|next) session|prepare (the )?session)", re.I
)
STARTERS = re.compile(r"\b(starters?|icebreakers?|conversation openers?|questions? to ask)\b", re.I)
EDIT = re.compile(
    r"\b(?P<verb>shorten|lengthen|extend|drop|remove|delete)\s+item\s+(?P<n>\d+)"
    r"(\s+(by|to)\s+(?P<m>\d+)\s*min)?",
    re.I,
)
MORE = re.compile(r"\b(more (on|about)|less (on|about)|focus (on|more)|add (a|an) item)\b", re.I)


@dataclass(frozen=True)
class Intent:
    kind: Kind
    focus: str = ""


def classify(message: str, has_agenda: bool) -> Intent:
    """The intent behind a chat message; refinements need an agenda to refine."""
    text = message.strip()
    if has_agenda and (EDIT.search(text) or MORE.search(text)):
        return Intent("refine", text)
    if STARTERS.search(text):
        return Intent("starters", text)
    if AGENDA.search(text):
        return Intent("agenda", text)
    return Intent("answer")


def edit_agenda(agenda: Agenda, message: str) -> Agenda | None:
    """Apply "shorten/lengthen/drop item N [by M min]" in code; None if it is not such an edit."""
    match = EDIT.search(message)
    if match is None:
        return None
    index = int(match["n"]) - 1
    if not 0 <= index < len(agenda.items):
        raise ValueError(f"there is no item {index + 1}; the agenda has {len(agenda.items)}")
    items = [i.model_copy(deep=True) for i in agenda.items]
    verb = match["verb"].lower()
    if verb in ("drop", "remove", "delete"):
        if len(items) == 1:
            raise ValueError("an agenda needs at least one item")
        dropped = items.pop(index)
        if items and dropped.goal_ids:
            items[min(index, len(items) - 1)].goal_ids += dropped.goal_ids
        weights = [i.minutes for i in items]
    else:
        current = items[index].minutes
        step = int(match["m"]) if match["m"] else max(1, current // 2)
        target = max(1, current - step) if verb == "shorten" else current + step
        weights = [i.minutes for i in items]
        rest = agenda.minutes - target
        others = [w for n, w in enumerate(weights) if n != index]
        if rest < len(others):
            raise ValueError(f"item {index + 1} cannot take {target} of {agenda.minutes} minutes")
        shares = iter(share_minutes(others, rest) if others else [])
        weights = [target if n == index else next(shares) for n in range(len(items))]
    for item, minutes in zip(items, share_minutes(weights, agenda.minutes), strict=True):
        item.minutes = minutes
    return agenda.model_copy(update={"items": items})
