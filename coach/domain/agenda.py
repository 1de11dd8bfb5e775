"""Session agendas, and the rules that code (never the model) enforces on them.

The model proposes items and wording. ``enforce`` then makes the invariants true: minutes sum
to the session length, every goal is served, phase rules hold, open action items are carried
over and every citation is one that retrieval returned. ``violations`` checks them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import BaseModel, Field

from coach.domain.goal_phrase import goal_phrase
from coach.domain.pair_profile import OpenAction, PairProfile, Phase
from coach.domain.provenance import Provenance
from coach.domain.wording import overlap

MAX_ITEMS = 8
FIRST_RULES = {
    "expectations": re.compile(r"expectation", re.I),
    "confidentiality": re.compile(r"confidential", re.I),
    "ground rules": re.compile(r"ground rules?|working agreement", re.I),
}
CLOSING_RULES = {
    "retrospective": re.compile(
        r"retrospective|look(ing)? back|reflect(ion)? on the program", re.I
    ),
    "what comes next": re.compile(r"what comes next|next chapter|(after|beyond) the program", re.I),
}
ROUNDUP = "Progress round-up on the other goals"
GOAL_CHECK_PURPOSE = ("A quick word on where this goal stands; if it needs more time, it gets a "
                      "block of its own next session.")  # fmt: skip
GOAL_PREFIX = "Goal: "
GOAL_ITEM_MINUTES = 15  # before the minutes are shared out to the session length
GOAL_CHECK_MINUTES = 5  # a goal no block works on this session: a word on where it stands
GROUND_RULES = "Expectations, confidentiality and ground rules"
RETROSPECTIVE = "Retrospective: looking back on the program"
WHAT_NEXT = "What comes next"
ACTION_REVIEW_TITLE = "Review open action items"
WELCOME = "Welcome and introductions"
CHECK_IN = "Check-in"
WRAP_UP = "Two-way feedback and next steps"
RULE_TITLES = frozenset(
    {
        GROUND_RULES,
        RETROSPECTIVE,
        WHAT_NEXT,
        ACTION_REVIEW_TITLE,
        ROUNDUP,
        WELCOME,
        CHECK_IN,
        WRAP_UP,
    }
)
ACTION_REVIEW = re.compile(r"action items?|follow[- ]up|since last", re.I)


class AgendaItem(BaseModel):
    """One time-boxed block of a session."""

    minutes: int = Field(ge=1)
    title: str = Field(min_length=1)
    purpose: str = ""
    prompts: list[str] = Field(default_factory=list)
    goal_ids: list[str] = Field(default_factory=list)
    citations: list[str] = Field(default_factory=list)
    pattern: str = ""  # the library segment pattern it was worded from, if any

    def wording(self) -> str:
        return " ".join([self.title, self.purpose, *self.prompts])

    def rule_built(self) -> bool:
        """Written by ``enforce`` (a required topic or a goal no item served), not a model."""
        return self.title in RULE_TITLES or self.title.startswith(GOAL_PREFIX)


class Preparation(BaseModel):
    """What each person brings."""

    mentor: str = ""
    mentee: str = ""


class Agenda(BaseModel):
    """A session agenda, as shown to the pair and exported."""

    title: str
    phase: Phase
    phase_reason: str = ""  # why this phase, for the user: "session 6 of 6", "as planned"
    minutes: int
    objectives: list[str] = Field(default_factory=list)
    items: list[AgendaItem]
    carry_over: list[OpenAction] = Field(default_factory=list)
    preparation: Preparation = Field(default_factory=Preparation)
    next_steps: list[str] = Field(default_factory=list)
    meta: Provenance | None = None


def missing_phase_topics(items: Iterable[AgendaItem], phase: Phase) -> list[str]:
    """The topics a ``phase`` session must cover that no item mentions."""
    rules = FIRST_RULES if phase == "first" else CLOSING_RULES if phase == "closing" else {}
    text = " ".join(i.wording() for i in items)
    return [name for name, pattern in rules.items() if not pattern.search(text)]


def _phase_items(phase: Phase, missing: list[str]) -> list[AgendaItem]:
    if not missing:
        return []
    if phase == "first":
        prompts = {
            "expectations": "How often and how long shall we meet, and how do we reach each other?",
            "confidentiality": "What stays between us, and what may we share with the program?",
            "ground rules": "What ground rules help you challenge me, and me challenge you?",
        }
        return [AgendaItem(
            minutes=10, title=GROUND_RULES,
            purpose="Agree how we work together before the content starts: "
            + ", ".join(missing) + ".",
            prompts=[prompts[m] for m in missing],
        )]  # fmt: skip
    out = []
    if "retrospective" in missing:
        out.append(AgendaItem(
            minutes=10, title=RETROSPECTIVE,
            purpose="Name what each of us learned and what we would do differently.",
            prompts=["Which session changed how you work, and why?"],
        ))  # fmt: skip
    if "what comes next" in missing:
        out.append(AgendaItem(
            minutes=8, title=WHAT_NEXT,
            purpose="Decide how we keep learning from each other after the program ends.",
            prompts=["What will each of us keep doing, and shall we check in again?"],
        ))  # fmt: skip
    return out


def opening_items(phase: Phase) -> list[AgendaItem]:
    """The session's first item: introductions in a first session, else a check-in."""
    if phase == "first":
        return [AgendaItem(
            minutes=8, title=WELCOME,
            purpose="Share backgrounds and why each of us joined.",
            prompts=["What do you hope each of us gets from this program?"],
        )]  # fmt: skip
    return [AgendaItem(
        minutes=5, title=CHECK_IN, purpose="Hear what has changed since we last met.",
        prompts=["What stayed with you from last time?"],
    )]  # fmt: skip


def wrap_up_items(phase: Phase) -> list[AgendaItem]:
    """The last item of a first or middle session (a closing one gets its phase topics)."""
    if phase == "closing":
        return []
    return [AgendaItem(
        minutes=5, title=WRAP_UP,
        purpose="Say what helped, what to change, and agree one action each.",
        prompts=["What helped today, and what should we change next time?"],
    )]  # fmt: skip


def goal_title(text: str) -> str:
    """A goal item's title: the goal as a phrase (``goal_phrase``: its first sentence, no
    asides), whole; cut anywhere else, it reads broken. The whole goal, two sentences and a
    question, read as goal text pasted ("Goal: Anti-social behaviour on the late buses. What
    happens to a driver after an incident, and who rings them?", second fresh)."""
    return f"{GOAL_PREFIX}{_as_phrase(text)}"


def _as_phrase(text: str) -> str:
    whole = " ".join(text.split())
    phrase = goal_phrase(text) or whole.rstrip(".")
    asked = whole.endswith("?") and whole.rstrip("?") == phrase  # still a question: "?" kept
    return f"{phrase[:1].upper()}{phrase[1:]}{'?' if asked else ''}"


def goal_item(goal_id: str, text: str) -> AgendaItem:
    """The rule-built item for one goal (the template's and the one ``enforce`` adds)."""
    return AgendaItem(
        minutes=GOAL_ITEM_MINUTES,
        title=goal_title(text),
        goal_ids=[goal_id],
        purpose="Work on this goal with one concrete example from the mentee's own work.",
        prompts=["What do you already know about this, and where are the gaps?"],
    )  # fmt: skip


# a goal's quick word asks what moved only when the pair has talked about it: "What has moved
# on this since we last met" on a goal never discussed read as filler (agenda-fresh2-3)
MOVED = "What has moved on this since we last met, and should it lead next time?"
NOT_YET = "Should this goal get a block of its own next time, and what would you bring to it?"
MOVED_EACH = ("What has moved on each of these goals since we last met, and which should we "
              "take further next time?")  # fmt: skip
NOT_YET_EACH = ("Which of these goals should get a block of its own next time, and what would "
                "each of us bring to it?")  # fmt: skip


def talked_about(goal: str, said: str) -> bool:
    """Whether ``said`` (the pair's history and open actions) names ``goal`` (a third of its
    phrase's content words)."""
    phrase = (goal_phrase(goal) or goal).removeprefix("getting ")  # a wish's word, not the goal's
    return overlap(phrase, said) >= 1 / 3


def roundup_of(goal_ids: list[str], talked: bool = True) -> AgendaItem:
    """One short item on several goals no block works on this time, named by their numbers in
    the objectives ("— for goals 1, 2"): their words asked again read as a goal restated (the
    generic-question metric's labels). ``talked``: the pair has talked about each of them."""
    return AgendaItem(
        minutes=GOAL_CHECK_MINUTES, title=ROUNDUP, goal_ids=list(goal_ids),
        purpose="A quick word on where each of these goals stands, and which should lead next "
        "time.",
        prompts=[MOVED_EACH if talked else NOT_YET_EACH],
    )  # fmt: skip


def goal_check(goal_id: str, text: str, talked: bool = True) -> AgendaItem:
    """The short item ``enforce`` adds for a goal no block works on this time: where it stands,
    and whether it gets a block next session (agenda-13: "Work on this goal with one concrete
    example" read as filler in a 45-minute session of seven items)."""
    return AgendaItem(
        minutes=GOAL_CHECK_MINUTES,
        title=goal_title(text),
        goal_ids=[goal_id],
        purpose=GOAL_CHECK_PURPOSE,
        prompts=[MOVED if talked else NOT_YET],
    )  # fmt: skip


def _carry_item(actions: list[OpenAction]) -> AgendaItem:
    return AgendaItem(
        minutes=5, title=ACTION_REVIEW_TITLE,
        purpose="Check what happened with each item carried over from last time.",
        prompts=[f"How did it go with: {a.text}?" for a in actions[:2]],
    )  # fmt: skip


def share_minutes(weights: list[int], total: int) -> list[int]:
    """Split ``total`` minutes in proportion to ``weights``, at least 1 each, summing exactly."""
    if not weights:
        return []
    if total < len(weights):
        raise ValueError(f"{total} minutes cannot hold {len(weights)} items")
    weights = [max(1, w) for w in weights]
    if sum(weights) == total:  # already shared out (``agenda_length.fit_minutes``)
        return weights
    spare = total - len(weights)
    raw = [w * spare / sum(weights) for w in weights]
    shares = [1 + int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: -(raw[i] - int(raw[i])))
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


def _trim(items: list[AgendaItem], required: list[AgendaItem]) -> list[AgendaItem]:
    """Drop items from the end until ``MAX_ITEMS`` remain, never the last cover of a goal."""
    items = list(items)
    for index in range(len(items) - 1, -1, -1):
        if len(items) <= MAX_ITEMS:
            break
        item = items[index]
        others = [g for i in items if i is not item for g in i.goal_ids]
        sole_cover = any(g not in others for g in item.goal_ids)
        if item in required or item.title == ACTION_REVIEW_TITLE or sole_cover:
            continue
        del items[index]
    return items


def enforce(
    agenda: Agenda, profile: PairProfile, allowed: dict[str, str]
) -> tuple[Agenda, list[str]]:
    """The agenda with every invariant made true, and a note for each fix.

    ``allowed`` maps each citation id retrieval returned to that passage's text.
    """
    fixes: list[str] = []
    goal_text = {g.id: g.text for g in profile.goals}
    items = [i.model_copy(deep=True) for i in agenda.items if i.title.strip()][:MAX_ITEMS]
    for item in items:
        kept = [c for c in dict.fromkeys(item.citations) if c in allowed]
        if len(kept) != len(item.citations):
            fixes.append(f"dropped citations retrieval did not return from '{item.title}'")
        if not kept:
            best = max(allowed, key=lambda c: overlap(item.wording(), allowed[c]), default=None)
            if best is not None and overlap(item.wording(), allowed[best]) >= 0.25:
                kept = [best]
        item.citations = kept
        known = [g for g in dict.fromkeys(item.goal_ids) if g in goal_text]
        if len(known) != len(item.goal_ids):
            fixes.append(f"dropped unknown goal ids from '{item.title}'")
        item.goal_ids = known

    missing = missing_phase_topics(items, profile.phase)
    added = _phase_items(profile.phase, missing)
    if added:
        fixes.append(f"added {profile.phase}-session topics: {', '.join(missing)}")
        items = items[:1] + added + items[1:] if profile.phase == "first" else items + added

    if profile.open_action_items and not any(ACTION_REVIEW.search(i.wording()) for i in items):
        items.insert(0, _carry_item(profile.open_action_items))
        fixes.append("added a review of the open action items")

    # the quick word on a goal no block works on, from this call or an earlier one (an agenda
    # edited in the chat is enforced again)
    checked = next((i for i in items if i.title.startswith(GOAL_PREFIX)
                    and i.purpose == GOAL_CHECK_PURPOSE), None)  # fmt: skip
    goal_text = {g.id: g.text for g in profile.goals}
    said = " ".join([h.summary for h in profile.history]
                    + [a.text for a in profile.open_action_items])  # fmt: skip

    def talked(ids: list[str]) -> bool:
        return all(talked_about(goal_text.get(i, ""), said) for i in ids)

    for goal in profile.goals:
        if any(goal.id in i.goal_ids for i in items):
            continue
        scored = [(overlap(goal.text, i.wording()), n) for n, i in enumerate(items)]
        score, index = max(scored, default=(0.0, -1))
        if score >= 0.3:
            items[index].goal_ids.append(goal.id)
            fixes.append(f"linked goal {goal.id} to '{items[index].title}'")
        elif len(items) >= MAX_ITEMS - 1:
            roundup = next((i for i in items if i.title == ROUNDUP), None)
            ids = [*(roundup.goal_ids if roundup else []), goal.id]
            built = roundup_of(ids, talked(ids)).model_copy(
                update={"minutes": roundup.minutes if roundup else 10})  # fmt: skip
            if roundup is None:
                items.insert(max(1, len(items) - 1), built)
            else:
                items[items.index(roundup)] = built
            fixes.append(f"added goal {goal.id} to the progress round-up")
        elif checked is not None:
            # a second goal no block works on joins the first in one round-up: two quick words
            # of 4 minutes each beside an 8-minute block read as filler (second fresh, 30 min)
            ids = [*checked.goal_ids, goal.id]
            merged = roundup_of(ids, talked(ids)).model_copy(update={"minutes": checked.minutes})
            items[items.index(checked)] = checked = merged  # a third goal joins it too
            fixes.append(f"added goal {goal.id} to the progress round-up")
        else:
            checked = goal_check(goal.id, goal.text, talked([goal.id]))
            items.insert(max(1, len(items) - 1), checked)
            fixes.append(f"added an item for goal {goal.id}")

    if len(items) > MAX_ITEMS:
        items = _trim(items, added)
        fixes.append(f"kept the {MAX_ITEMS} items that carry goals and required topics")
    minutes = share_minutes([i.minutes for i in items], profile.session.minutes)
    if minutes != [i.minutes for i in items]:
        fixes.append(f"rescaled minutes to {profile.session.minutes}")
    for item, share in zip(items, minutes, strict=True):
        item.minutes = share
    final = agenda.model_copy(
        update={
            "items": items,
            "phase": profile.phase,
            "minutes": profile.session.minutes,
            "carry_over": list(profile.open_action_items),
        }
    )
    return final, fixes


def violations(agenda: Agenda, profile: PairProfile, allowed: Iterable[str]) -> list[str]:
    """Every broken invariant, in words; empty when the agenda is valid."""
    allowed = set(allowed)
    problems = []
    total = sum(i.minutes for i in agenda.items)
    if total != profile.session.minutes:
        problems.append(f"minutes sum to {total}, not {profile.session.minutes}")
    if not agenda.items:
        problems.append("no items")
    for goal in profile.goals:
        if not any(goal.id in i.goal_ids for i in agenda.items):
            problems.append(f"goal {goal.id} is not addressed")
    for topic in missing_phase_topics(agenda.items, profile.phase):
        problems.append(f"a {profile.phase} session must cover {topic}")
    if agenda.phase != profile.phase:
        problems.append(f"phase is {agenda.phase}, expected {profile.phase}")
    carried = {a.text for a in agenda.carry_over}
    for action in profile.open_action_items:
        if action.text not in carried:
            problems.append(f"open action item missing: {action.text}")
    for item in agenda.items:
        for cid in item.citations:
            if cid not in allowed:
                problems.append(f"citation {cid} was not returned by retrieval")
    return problems
