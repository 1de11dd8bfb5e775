"""The pair file: the contract shared by the CLI, the evals and the tests.

A pair file is a JSON object describing one reverse-mentoring pair and its next session.
Extra fields are allowed and kept. ``evals/README.md`` documents the format.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from coach.domain.pairs import Side
from coach.domain.programs import DEFAULT_SESSION_MINUTES

Phase = Literal["first", "middle", "closing"]
# A focus that says *this* session ends the programme (not one that mentions the last one).
CLOSING_FOCUS = re.compile(
    r"\b(final|closing|concluding|farewell) (session|meeting|catch-up)\b"
    r"|\bwrap[- ]?up\b(?!\s+(the|our|this|that|a|an|my|your|on|of)\b(?! program| pairing))"
    r"|^\W*(our|the) (very )?last (session|meeting)\b"
    r"|\bthis is (our|the) (very )?last (session|meeting)\b"
    r"|\blast (session|meeting) (of|in) (the|our) (program|programme|pairing|scheme)\b"
    r"|\b(end|close) of (the|our) (program|programme|pairing|mentoring)\b"
    # "Last one before the programme ends: …" (the fresh development pairs)
    r"|^\W*(our |the )?(very )?(last|final) one\b(?=\s*([:,.!;–—-]|$|before the|of the))",
    re.I,
)
Owner = Literal["mentor", "mentee", "both"]
# A title before a name, which is not what anyone is called by: "Dr Anil Chaudhary" is Anil.
TITLES = frozenset(["dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir", "dame",
                    "lord", "lady", "rev", "cllr"])  # fmt: skip


class Person(BaseModel):
    """One side of the pair."""

    model_config = ConfigDict(extra="allow")

    name: str = Field(min_length=1, max_length=120)
    role: str = Field(default="", max_length=200)
    generation: str = Field(default="", max_length=60)
    department: str = Field(default="", max_length=120)

    @property
    def first_name(self) -> str:
        """The first word of the name after a title ("Dr Anil Chaudhary" -> "Anil"; "" for a
        blank one). A title read as the name gave "Dr: Sit on the front desk" (second fresh)."""
        words = self.name.split()
        if len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
            words = words[1:]
        return words[0] if words else ""

    def describe(self) -> str:
        parts = [p for p in (self.role, self.generation, self.department) if p]
        return f"{self.name} ({', '.join(parts)})" if parts else self.name


class PairGoal(BaseModel):
    """A goal the pair shares."""

    model_config = ConfigDict(extra="allow")

    id: str = Field(min_length=1, max_length=40)
    text: str = Field(min_length=1, max_length=1000)


class SessionPlan(BaseModel):
    """The session being prepared."""

    model_config = ConfigDict(extra="allow")

    number: int = Field(default=1, ge=1, le=200)
    minutes: int = Field(default=DEFAULT_SESSION_MINUTES, ge=10, le=240)
    focus: str = Field(default="", max_length=1000)
    phase: Phase | None = None
    total: int | None = Field(default=None, ge=1, le=200, description="Sessions planned in all.")
    date: dt.date | None = Field(default=None, description="When it is planned (YYYY-MM-DD).")


class OpenAction(BaseModel):
    """An action item still open from an earlier session."""

    model_config = ConfigDict(extra="allow")

    text: str = Field(min_length=1, max_length=1000)
    owner: Owner = "both"
    due: dt.date | None = Field(default=None, description="When it is due (YYYY-MM-DD).")

    @field_validator("owner", mode="before")
    @classmethod
    def _owner(cls, value: object) -> object:
        return "both" if value in (None, "", "unknown") else value


class HistoryEntry(BaseModel):
    """What happened in an earlier session, as shared by the pair."""

    model_config = ConfigDict(extra="allow")

    number: int = Field(ge=1)
    summary: str = Field(default="", max_length=10_000)


class PairProfile(BaseModel):
    """A pair and its next session."""

    model_config = ConfigDict(extra="allow")

    id: str = Field(min_length=1, max_length=120)
    mentor: Person
    mentee: Person
    goals: list[PairGoal] = Field(default_factory=list, max_length=20)
    session: SessionPlan = Field(default_factory=SessionPlan)
    open_action_items: list[OpenAction] = Field(default_factory=list, max_length=50)
    history: list[HistoryEntry] = Field(default_factory=list, max_length=200)
    given_starters: list[str] = Field(
        default_factory=list,
        max_length=2000,
        description="Library starter ids the pair was already given (never given again).",
    )

    @field_validator("goals")
    @classmethod
    def _unique_goal_ids(cls, goals: list[PairGoal]) -> list[PairGoal]:
        ids = [g.id for g in goals]
        if len(ids) != len(set(ids)):
            raise ValueError("goal ids must be unique")
        return goals

    @property
    def phase(self) -> Phase:
        """The session's phase: as stated, else first for session 1, closing for the last."""
        return self.phase_and_reason[0]

    @property
    def phase_and_reason(self) -> tuple[Phase, str]:
        """The phase and why, in words a user reads: stated, the session number, the number
        of sessions planned, or a focus saying that this session is the last one."""
        s = self.session
        if s.phase:
            return s.phase, "as planned"
        if s.number == 1:
            return "first", "session 1"
        if s.total is not None and s.number >= s.total:
            return "closing", f"session {s.number} of {s.total}"
        if CLOSING_FOCUS.search(s.focus):
            return "closing", "the focus says this is the last session"
        return "middle", f"session {s.number}" + (f" of {s.total}" if s.total else "")

    @property
    def goal_ids(self) -> list[str]:
        return [g.id for g in self.goals]

    @property
    def first_names(self) -> list[str]:
        """The mentor's and the mentee's first names (an empty name left out)."""
        return [p.first_name for p in (self.mentor, self.mentee) if p.first_name]

    def person(self, side: str) -> Person:
        """The mentor or the mentee (``side`` is a ``Side`` or its value)."""
        return self.mentor if Side(side) is Side.MENTOR else self.mentee
