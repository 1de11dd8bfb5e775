"""The hierarchy-safety pulse: after a held session, each side answers three one-tap questions.

Answers (and the optional note) belong to their author. A lead only ever sees program-level
trends resting on enough pairs (``coach.domain.disclosure``); a mentor who wants help asks for a
check-in, which reaches the lead without any answer attached.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from coach.domain.common import check, check_aware
from coach.domain.pairs import Side
from coach.domain.sessions import Session, SessionStatus

SCALE = (1, 5)  # 1 = not at all, 5 = fully
NOTE_LIMIT = 2000
OPEN_DAYS = 14  # a held session's pulse may be answered (and is reminded of) this long after


@dataclass(frozen=True)
class PulseQuestion:
    """One statement to rate 1-5; ``key`` names it in figures and exports."""

    key: str
    text: str


QUESTIONS: dict[Side, tuple[PulseQuestion, ...]] = {
    Side.MENTOR: (
        PulseQuestion("spoke_up", "When I saw things differently, I could say so."),
        PulseQuestion("heard", "What I said was taken seriously."),
        PulseQuestion("learned_too", "I came away having learned something myself."),
    ),
    Side.MENTEE: (
        PulseQuestion("new_view", "I learned something I could not easily have learned elsewhere."),
        PulseQuestion("not_knowing", "I was at ease saying that I did not know something."),
        PulseQuestion("mentor_led", "My mentor steered the session."),
    ),
}


def check_scores(scores: tuple[int, ...], count: int, what: str) -> None:
    """``count`` whole scores, each on the 1-5 scale."""
    check(len(scores) == count, f"{what} needs {count} answers, one per question")
    low, high = SCALE
    check(
        all(isinstance(s, int) and low <= s <= high for s in scores),
        f"every {what} answer is a whole number from {low} to {high}",
    )


@dataclass(frozen=True)
class PulseAnswer:
    """One person's pulse on one held session. Private to ``author_id``."""

    id: str
    pair_id: str
    session_id: str
    author_id: str
    side: Side
    scores: tuple[int, ...]  # in the order of ``QUESTIONS[side]``
    note: str
    answered_at: datetime

    def __post_init__(self) -> None:
        check_scores(self.scores, len(QUESTIONS[self.side]), "a pulse")
        check(len(self.note) <= NOTE_LIMIT, f"a pulse note is at most {NOTE_LIMIT} characters")
        check_aware(self.answered_at, "answered_at")


@dataclass(frozen=True)
class CheckinRequest:
    """A member asked the program lead for a check-in. It carries no pulse answer."""

    id: str
    pair_id: str
    author_id: str
    requested_at: datetime
    handled_at: datetime | None = None

    def __post_init__(self) -> None:
        check_aware(self.requested_at, "requested_at")
        if self.handled_at is not None:
            check_aware(self.handled_at, "handled_at")


def pending(
    sessions: Iterable[Session], answers: Iterable[PulseAnswer], author_id: str, now: datetime
) -> list[Session]:
    """Held sessions, newest first, whose pulse ``author_id`` has not answered and may still:
    held no more than ``OPEN_DAYS`` ago (and not in the future)."""
    done = {a.session_id for a in answers if a.author_id == author_id}
    since = now - timedelta(days=OPEN_DAYS)
    return sorted(
        (
            s
            for s in sessions
            if s.status is SessionStatus.HELD
            and since <= s.scheduled_at <= now
            and s.id not in done
        ),
        key=lambda s: s.scheduled_at,
        reverse=True,
    )
