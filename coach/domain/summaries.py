"""Summaries of reflections, and the consent state machine that decides who reads them.

draft -> approved (by the author) -> shared with the partner -> shared with the program.
Only the author moves a summary forward, one step at a time, and may step back at any time
(consent can be withdrawn). Editing the text keeps the old version and returns the summary
to draft: consent was given to a text, not to whatever the text becomes later.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from coach.domain.common import check, check_aware, clean_text

MAX_SUMMARY = 10_000


class ConsentState(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    SHARED_PARTNER = "shared_partner"
    SHARED_PROGRAM = "shared_program"

    @property
    def rank(self) -> int:
        return list(ConsentState).index(self)


@dataclass(frozen=True)
class Summary:
    """A summary's consent state and provenance; its text lives in ``SummaryVersion`` rows."""

    id: str
    pair_id: str
    session_id: str | None
    author_id: str
    state: ConsentState
    current_version: int
    created_at: datetime
    updated_at: datetime
    prompt_id: str | None = None
    prompt_version: str | None = None
    model: str | None = None
    citations: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        check(self.current_version >= 1, "versions start at 1")
        check_aware(self.created_at, "created_at")
        check_aware(self.updated_at, "updated_at")

    @property
    def shared_with_partner(self) -> bool:
        return self.state.rank >= ConsentState.SHARED_PARTNER.rank

    @property
    def shared_with_program(self) -> bool:
        return self.state is ConsentState.SHARED_PROGRAM


@dataclass(frozen=True)
class SummaryVersion:
    """One text of a summary. Versions are never changed or removed."""

    summary_id: str
    number: int
    text: str
    edited_by: str
    edited_at: datetime


def move(summary: Summary, target: ConsentState, now: datetime) -> Summary:
    """The summary in ``target`` state: one step forward, or any step back."""
    step = target.rank - summary.state.rank
    check(step != 0, f"the summary is already {target.value}")
    check(
        step <= 1,
        f"a {summary.state.value} summary can move forward only to the next state, "
        f"not straight to {target.value}",
    )
    return replace(summary, state=target, updated_at=now)


def revise(
    summary: Summary, text: str, editor_id: str, now: datetime
) -> tuple[Summary, SummaryVersion]:
    """A new version of the text; the summary goes back to draft for fresh consent."""
    cleaned = clean_text(text, "a summary", MAX_SUMMARY)
    number = summary.current_version + 1
    version = SummaryVersion(summary.id, number, cleaned, editor_id, now)
    return replace(
        summary, current_version=number, state=ConsentState.DRAFT, updated_at=now
    ), version
