"""The coaching library: expert content we write and ship, that a small model adapts to a pair.

Three kinds of entry, each a list in YAML files under ``library/`` (``library/README.md``):

- ``StarterTemplate``: one conversation starter, in the second person, face to face, with
  slots such as ``{subject}`` that code fills from the pair file;
- ``SegmentPattern``: one block of a session (a live demo, a teach-back, rehearsing pushback),
  with its purpose, a time range, what each person brings, the goal types, the kinds of goal
  it fits (``fits``) and the phases it suits;
- ``PhaseScript``: the fixed blocks of a first or a closing session;
- ``AnswerPattern``: a coach's answer to one situation a participant asks the chat about, with
  the ways people ask it, one line to say out loud, why it works, and one next step.

``check_library`` validates the files beyond the schema: unique ids, known slots, the second
person, no generational stereotypes, and enough entries of every kind.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from coach.domain.starters import Asker, Category, Depth
from coach.domain.stereotypes import stereotypes_in

LibraryPhase = Literal["first", "middle", "closing", "any"]
# What a pair's subject is: a topic ("how students use AI tools", "age bias in our hiring
# process") or a skill the pair works at ("answering councillor questions from the dashboards",
# "giving feedback upwards"). "make sense of {subject}" reads only with a topic.
SubjectKind = Literal["topic", "skill"]
SubjectTaken = Literal["any"] | SubjectKind
# What code can fill from a pair file: the goal's subject, the other person's and one's own work,
# and what this session's focus names.
# focus: what this session is on; their_action / my_action / our_action: an open action item
# (action_slots)
# focus_worry / focus_ask / focus_remark: what a focus of sentences asks the senior to say
# (focus_asks)
SLOTS = frozenset({"subject", "their_work", "my_work", "focus", "their_action", "my_action",
                   "our_action", "focus_worry", "focus_ask", "focus_remark"})  # fmt: skip
SLOT = re.compile(r"\{([a-z_]+)\}")
SEGMENT_SLOTS = frozenset({"subject"})  # a segment's: what the block works on
SECOND_PERSON = re.compile(r"\b(you|your|yours|we|us|our)\b", re.I)
# About the partner instead of to them ("they"/"their" stay allowed: a team, customers).
# (not a team named so: "in the Senior Management Team", a department filled in)
THIRD_PERSON = re.compile(r"\b(the (junior|senior|mentor|mentee|leader)(?!\s+(?:\w+\s+)?team\b)|"
                          r"s?he|his|her|him)\b", re.I)  # fmt: skip
GoalType = Literal[
    "tool", "platform", "trend", "customer", "workforce", "communication", "strategy",
    "culture", "skill", "any",
]  # fmt: skip
# What a goal asks the session for (``coach.domain.segment_fit.goal_kinds`` reads it from the
# goal's words); a segment's ``fits`` lists the kinds it serves, and who does what in it.
GoalKind = Literal[
    "tool",  # the senior learns to use a tool hands-on, the junior coaching
    "ai",  # AI assistants: the junior shows or coaches one
    "data",  # dashboards and figures read or built by the senior
    "platform",  # how people use an app, feed or channel: the junior shows theirs
    "social",  # the organisation's own presence on social platforms
    "customer",  # customers', users', patients' or residents' experience of the service
    "service",  # the organisation's own app, site or service, used end to end as a customer
    "trend",  # a market or public trend and what people expect
    "hiring",  # attracting and hiring people: job ads, applications, who applies
    "retention",  # keeping people: the first months, onboarding, development, leaving
    "staff",  # what work is like at the junior's level: wellbeing, inclusion, hybrid work
    "leading",  # the senior's own practice: meetings, messages, feedback, including people
    "junior",  # the junior's own goal: career, pushing back, presenting, leading
    "strategy",  # how decisions, budgets and strategy are made, explained by the senior
    "change",  # new technology changing jobs, and whether people take up a tool
    "visit",  # the session is itself a visit: a walk-round, a site or a pilot seen in person
    "handover",  # a closing session hands the pair's work on to whoever carries it next
    "rehearsal",  # the session rehearses an event the mentee will front: a talk, a town hall
    "event",  # the pair gets ready for an event the organisation takes part in: a fair, an open day
    "material",  # an open action item made something for this session: the block works through it
    "habit",  # the senior builds a habit or routine: designed, then done once for real
    "offer",  # why people accept or turn down the organisation's job offers
    "remark",  # a focus quotes something said ("'They're on their phones half the shift …'")
    "decision",  # the session makes a call: "Decide whether to put the rota change to them now"
    "incident",  # something that happened to someone at the junior's level, and what came after
    "rollout",  # a change that has just gone out, and how it landed at the junior's level
    "critic",  # the junior is asked to play someone who will push back on the senior's case
]
GOAL_KINDS: tuple[str, ...] = GoalKind.__args__  # type: ignore[attr-defined]
MIN_FITTING = 3  # middle-session segments every goal kind needs (a closing kind: one closing)
CLOSING_KINDS = frozenset({"handover"})  # what only a closing session asks for
MIN_STARTERS, MIN_SEGMENTS = 200, 60


class Entry(BaseModel):
    """Every entry: a stable id, and the guide sections its advice rests on."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{2,60}$")
    cites: list[str] = Field(default_factory=list, description="guide.md#section-slug")


class StarterTemplate(Entry):
    """A question one person asks the other, with slots code fills from the pair file."""

    category: Category
    depth: Depth
    asked_by: Asker
    phase: LibraryPhase = "any"
    tags: list[str] = Field(default_factory=list)
    text: str = Field(min_length=10, max_length=240)
    intent: str = Field(
        min_length=5, max_length=160, description="what it is for, kept on adapting"
    )
    takes: SubjectTaken = Field(
        "any", description="what its {subject} reads well with: a topic, a skill, or either"
    )

    @field_validator("text")
    @classmethod
    def _slots_known(cls, text: str) -> str:
        unknown = set(SLOT.findall(text)) - SLOTS
        if unknown:
            raise ValueError(f"unknown slots {sorted(unknown)}; known: {sorted(SLOTS)}")
        return text

    @model_validator(mode="after")
    def _takes_a_subject(self) -> StarterTemplate:
        if self.takes != "any" and "{subject}" not in self.text:
            raise ValueError(f"takes: {self.takes}, but the text has no {{subject}} slot")
        return self


class SegmentPattern(Entry):
    """One block of a session that a pair can run, whatever their topic."""

    name: str = Field(min_length=3, max_length=60)
    purpose: str = Field(min_length=10, max_length=200)
    minutes: tuple[int, int]
    mentor_brings: str = Field(min_length=3, max_length=160)
    mentee_brings: str = Field(min_length=3, max_length=160)
    steps: list[str] = Field(min_length=1, max_length=5)
    question: str = Field(min_length=10, max_length=200, description="one question to ask in it")
    goal_types: list[GoalType] = Field(min_length=1)
    fits: list[GoalKind] = Field(
        default_factory=list, description="the kinds of goal it serves; none: any, by meaning"
    )
    phases: list[LibraryPhase] = Field(min_length=1)
    takes: SubjectTaken = Field(
        "any",
        description="what its purpose's {subject} reads well with: a topic, a skill, or either",
    )
    only_for: GoalKind | None = Field(
        None,
        description="a kind of goal without which it is never chosen (agenda-20: an offer "
        "read side by side fits a goal about turned-down offers, not every hiring goal)",
    )

    @model_validator(mode="after")
    def _range(self) -> SegmentPattern:
        low, high = self.minutes
        if not 3 <= low <= high <= 60:
            raise ValueError(f"minutes {self.minutes}: want 3 <= low <= high <= 60")
        return self

    @model_validator(mode="after")
    def _segment_slots(self) -> SegmentPattern:
        """Only ``{subject}`` (what the block works on, filled in code), and never in a name but
        a made thing's, which names it short ("Working through the one-page summary";
        ``session_material.brought``)."""
        texts = [self.purpose, self.question, self.mentor_brings, self.mentee_brings, *self.steps]
        unknown = {s for text in texts for s in SLOT.findall(text)} - SEGMENT_SLOTS
        named = set(SLOT.findall(self.name))
        if unknown or (named and ("material" not in self.fits or named - SEGMENT_SLOTS)):
            raise ValueError(f"slots {sorted(unknown) or ['in the name']}: a segment takes "
                             "{subject} only, and not in its name")  # fmt: skip
        if self.takes != "any" and "{subject}" not in self.purpose:
            raise ValueError(f"takes: {self.takes}, but the purpose has no {{subject}} slot")
        return self

    @model_validator(mode="after")
    def _brings_addressed(self) -> SegmentPattern:
        """What each person brings is listed under their name, so it speaks to them: "your own
        phone", never "their own phone" (agenda-12's reviewer marked 13 sides for it)."""
        for who, text in (("mentor_brings", self.mentor_brings),
                          ("mentee_brings", self.mentee_brings)):  # fmt: skip
            self_named = re.compile(rf"\bthe {who.split('_')[0]}\b", re.I)  # the other: fine
            found = THIRD_PERSON_BRINGS.search(text) or self_named.search(text)
            if found:
                raise ValueError(f"{who} says {found.group(0)!r}: write it to the person who "
                                 "brings it (you, your, yourself)")  # fmt: skip
        return self


# Words that make a preparation line speak about its reader instead of to them (the other person
# may be named by role: "set up on the mentee's own phone" under the mentor).
THIRD_PERSON_BRINGS = re.compile(r"\b(they|their|theirs|them|themselves|themself|he|she|his|"
                                 r"her|hers|him|himself|herself)\b", re.I)  # fmt: skip


class ScriptBlock(BaseModel):
    """One fixed block of a phase script."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=3, max_length=70)
    purpose: str = Field(min_length=10, max_length=200)
    share: int = Field(ge=1, le=100, description="weight when minutes are shared out")
    prompts: list[str] = Field(min_length=1, max_length=3)
    stretches: bool = Field(
        default=False, description="takes the extra minutes of a session over an hour"
    )


class PhaseScript(Entry):
    """The blocks every first or closing session has, in order."""

    phase: Literal["first", "closing"]
    blocks: list[ScriptBlock] = Field(min_length=2)


Audience = Literal["mentor", "mentee", "lead"]


class AnswerPattern(Entry):
    """A coach's answer to one situation, matched to a question by its ``asks`` and shown as
    written (``coach.generation.chat_library``)."""

    audience: list[Audience] = Field(min_length=1)
    topics: list[str] = Field(min_length=1)
    asks: list[str] = Field(min_length=2, max_length=6, description="how people ask it")
    say: str = Field(min_length=15, max_length=300, description="said out loud, first person")
    why: str = Field(min_length=15, max_length=300)
    next_step: str = Field(min_length=10, max_length=200)


class Library(BaseModel):
    """Everything in ``library/``."""

    starters: list[StarterTemplate] = Field(default_factory=list)
    segments: list[SegmentPattern] = Field(default_factory=list)
    scripts: list[PhaseScript] = Field(default_factory=list)
    answers: list[AnswerPattern] = Field(default_factory=list)


def problems_of(library: Library, minimum: bool = True) -> list[str]:
    """Everything wrong with a library beyond its schema, one line each."""
    found: list[str] = []
    ids = Counter(e.id for e in _entries(library))
    found += [f"{i}: id used {n} times" for i, n in ids.items() if n > 1]
    for s in library.starters:
        if not SECOND_PERSON.search(s.text):
            found.append(f"{s.id}: not asked face to face (no 'you' or 'we')")
        if THIRD_PERSON.search(SLOT.sub("", s.text)):
            found.append(f"{s.id}: talks about a third person; ask the other person directly")
        for name in stereotypes_in(f"{s.text} {s.intent}"):
            found.append(f"{s.id}: generational stereotype: {name}")
    spoken = [(g.id, g.question) for g in library.segments]
    spoken += [(p.id, q) for p in library.scripts for b in p.blocks for q in b.prompts]
    for entry_id, question in spoken:
        if not SECOND_PERSON.search(question):
            found.append(f"{entry_id}: a question not asked face to face: {question[:50]}")
        found += [f"{entry_id}: generational stereotype: {n}" for n in stereotypes_in(question)]
    found += _answer_problems(library.answers)
    phases = {p.phase for p in library.scripts}
    found += [f"no {p} phase script" for p in ("first", "closing") if p not in phases]
    if minimum:
        found += _coverage(library)
    return found


ANSWER_WORDS = 45  # at most, for each of say, why and next_step
SPOKEN = re.compile(r"\b(I|I'm|I'd|I've|me|my|you|your|we|us|our)\b", re.I)
BOOKISH = re.compile(r"\b(the passages?|the guides?|reverse mentoring program)\b", re.I)


def _entries(library: Library) -> tuple[Entry, ...]:
    return (*library.starters, *library.segments, *library.scripts, *library.answers)


def _answer_problems(answers: list[AnswerPattern]) -> list[str]:
    found = []
    for a in answers:
        if not SPOKEN.search(a.say):
            found.append(f"{a.id}: say is not said out loud by someone (no I, you or we)")
        for name, text in (("say", a.say), ("why", a.why), ("next_step", a.next_step)):
            words = len(text.split())
            if words > ANSWER_WORDS:
                found.append(f"{a.id}: {name} has {words} words; at most {ANSWER_WORDS}")
            bookish = BOOKISH.search(text)
            if bookish:
                found.append(f"{a.id}: {name} talks about {bookish.group(0)!r}")
            found += [f"{a.id}: generational stereotype: {n}" for n in stereotypes_in(text)]
        if not a.cites:
            found.append(f"{a.id}: cites no guide section")
    return found


def unknown_cites(library: Library, known: set[str]) -> list[str]:
    """A line for every ``cites`` entry that names no guide section in ``known``."""
    return [f"{e.id}: cites {c}, which is no guide section" for e in _entries(library)
            for c in e.cites if c not in known]  # fmt: skip


def _coverage(library: Library) -> list[str]:
    found = []
    if len(library.starters) < MIN_STARTERS:
        found.append(f"{len(library.starters)} starter templates; want at least {MIN_STARTERS}")
    if len(library.segments) < MIN_SEGMENTS:
        found.append(f"{len(library.segments)} segment patterns; want at least {MIN_SEGMENTS}")
    counts = Counter((s.category, s.asked_by) for s in library.starters)
    for category in Category.__args__:  # type: ignore[attr-defined]
        for asker in ("mentor", "mentee"):
            if counts[(category, asker)] < 3:
                found.append(f"fewer than 3 {category} starters asked by the {asker}")
    middle = [g for g in library.segments if {"middle", "any"} & set(g.phases)]
    fitting = Counter(k for g in middle for k in g.fits)
    middle_kinds = [k for k in GOAL_KINDS if k not in CLOSING_KINDS]
    found += [f"{fitting[k]} middle-session segments fit {k} goals; want at least {MIN_FITTING}"
              for k in middle_kinds if fitting[k] < MIN_FITTING]  # fmt: skip
    closing = Counter(k for g in library.segments if "closing" in g.phases for k in g.fits)
    found += [f"no closing segment fits {k} focuses" for k in CLOSING_KINDS if not closing[k]]
    depths = Counter(s.depth for s in library.starters)
    found += [f"fewer than 20 {d} starters" for d in Depth.__args__ if depths[d] < 20]  # type: ignore[attr-defined]
    return found


def merge(parts: Iterable[Library]) -> Library:
    """One library from several files."""
    out = Library()
    for part in parts:
        out.starters += part.starters
        out.segments += part.segments
        out.scripts += part.scripts
        out.answers += part.answers
    return out
