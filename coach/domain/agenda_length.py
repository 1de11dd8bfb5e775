"""An agenda that fits its length: minutes where the work is, and no more questions than fit.

agenda-14's reviewer marked 30-minute sessions with up to 16 questions, a 12-minute "Thanks" in
a 90-minute closing, and 19 minutes for reviewing one action item: shares scaled in proportion
stretch the small items with the big ones. Here an item's weight is its minutes in a session of
``BASE_MINUTES``; a longer session gives its extra minutes to the blocks that do the work (a
library pattern, or a phase script's block that ``stretches``: the goals, what changed), never
to the check-in, the review or the thanks; no item gets fewer than ``MIN_ITEM`` minutes while
another can spare them; and an item asks at most one question per ``MINUTES_PER_QUESTION``
minutes (two from ``TWO_QUESTIONS`` minutes), its goals' own questions and the action review's
(one per action) always kept.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from coach.domain.agenda import ACTION_REVIEW_TITLE, AgendaItem, share_minutes
from coach.domain.agenda_plan import goal_prompts
from coach.domain.check_in import LEFT_OPEN_ASK
from coach.domain.focus_question import script_questions
from coach.domain.library import PhaseScript
from coach.domain.pair_profile import PairProfile

BASE_MINUTES = 60  # the session length the items' weights are written for
MIN_ITEM = 4  # minutes below which an item is a heading, not a part of the session
MINUTES_PER_QUESTION = 3
TWO_QUESTIONS = 5  # minutes from which a block asks two questions, whatever the rate above


def fit_minutes(items: list[AgendaItem], total: int, stretching: Collection[str] = ()) -> list[int]:
    """Each item's minutes in a session of ``total`` minutes, summing exactly to it; a library
    pattern's block or one titled in ``stretching`` takes the minutes over ``BASE_MINUTES``."""
    weights = [i.minutes for i in items]
    growing = [n for n, i in enumerate(items) if i.pattern or i.title in stretching]
    if total <= BASE_MINUTES or not growing or len(items) > BASE_MINUTES:
        minutes = share_minutes(weights, total)
    else:
        minutes = share_minutes(weights, BASE_MINUTES)
        extra = share_minutes([weights[n] for n in growing], total - BASE_MINUTES)
        for n, more in zip(growing, extra, strict=True):
            minutes[n] += more
    while min(minutes, default=MIN_ITEM) < MIN_ITEM:
        short, spare = minutes.index(min(minutes)), minutes.index(max(minutes))
        if minutes[spare] <= MIN_ITEM:
            break
        minutes[short] += 1
        minutes[spare] -= 1
    return minutes


def fit_questions(item: AgendaItem, kept: Collection[str]) -> list[str]:
    """The item's questions that fit its minutes: every one in ``kept`` (a goal's own) and, in
    the room left, the rest in order (a script lists its blocks' questions most needed first);
    the action review asks about every action. A block of ``TWO_QUESTIONS`` minutes has room
    for two."""
    if item.title == ACTION_REVIEW_TITLE:
        return list(item.prompts)
    room = max(2 if item.minutes >= TWO_QUESTIONS else 1, item.minutes // MINUTES_PER_QUESTION)
    room -= sum(p in kept for p in item.prompts)
    out = []
    for prompt in item.prompts:
        if prompt in kept:
            out.append(prompt)
        elif room > 0:
            out.append(prompt)
            room -= 1
    return out


def fit_length(
    items: list[AgendaItem], total: int, kept: Collection[str], stretching: Collection[str] = ()
) -> list[AgendaItem]:
    """Copies of ``items`` with minutes and questions fitted to a ``total``-minute session
    (``kept``: questions never left out; ``stretching``: see ``fit_minutes``)."""
    out = []
    for item, minutes in zip(items, fit_minutes(items, total, stretching), strict=True):
        fitted = item.model_copy(update={"minutes": minutes})
        out.append(fitted.model_copy(update={"prompts": fit_questions(fitted, kept)}))
    return out


def fit_session(
    items: list[AgendaItem], profile: PairProfile, script: PhaseScript | None
) -> list[AgendaItem]:
    """``fit_length`` for ``profile``'s session: a first or closing one (``script``) keeps its
    goals' questions and the focus's own (``script_questions``), and stretches the script's
    blocks that say so; what the last session left open is always asked (``LEFT_OPEN_ASK``)."""
    kept = [*goal_prompts(script.phase, profile), *script_questions(profile)] if script else []
    # what the last session left open is asked however short the check-in, beside its own
    # question (a 4-minute check-in has room for one)
    kept += [p for i in items if LEFT_OPEN_ASK in i.prompts for p in i.prompts]
    stretching = [b.title for b in script.blocks if b.stretches] if script else []
    return fit_length(items, profile.session.minutes, kept, stretching)


# A guide section named for a session of another length ("A sixty-minute agenda for session
# one" cited beside a 45-minute session, agenda-fresh4-1's reader) is not cited.
LENGTH_WORDS = {"thirty": 30, "forty-five": 45, "sixty": 60, "ninety": 90}
NAMED_LENGTH = re.compile(rf"\b({'|'.join(LENGTH_WORDS)})-minute\b")


def names_other_length(cite: str, minutes: int) -> bool:
    """Whether the guide section ``cite`` ("first-session.md#a-sixty-minute-agenda-…") is named
    for a session of a length other than ``minutes``."""
    found = NAMED_LENGTH.search(cite)
    return bool(found) and LENGTH_WORDS[found.group(1)] != minutes
