"""Pairs: a junior mentor and a senior mentee, with the profiles used to match them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from coach.domain.common import check, check_aware


class PairStatus(StrEnum):
    """Where a pair stands. A member ends a pair as ``done`` or ``not_a_good_fit``: the
    status says how it ended, never who ended it, so no side carries the blame."""

    ACTIVE = "active"
    PAUSED = "paused"
    CLOSED = "closed"  # closed by an admin
    DONE = "done"  # a member ended it: the pairing ran its course
    NOT_A_FIT = "not_a_good_fit"  # a member ended it: the match did not work

    @property
    def running(self) -> bool:
        """Active or paused: its members are not open to a new match in its program."""
        return self in (PairStatus.ACTIVE, PairStatus.PAUSED)


ENDINGS = (PairStatus.DONE, PairStatus.NOT_A_FIT)  # how a member may end a pair


class Side(StrEnum):
    """Which side of a pair a participant is on."""

    MENTOR = "mentor"
    MENTEE = "mentee"

    @property
    def other(self) -> Side:
        """The partner's side."""
        return Side.MENTEE if self is Side.MENTOR else Side.MENTOR


@dataclass(frozen=True)
class Profile:
    """What matching looks at, beyond age."""

    role_title: str = ""
    generation: str = ""
    department: str = ""
    strengths: tuple[str, ...] = field(default_factory=tuple)
    interests: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Pair:
    """A mentor and a mentee in one program."""

    id: str
    program_id: str
    mentor_id: str
    mentee_id: str
    mentor_profile: Profile
    mentee_profile: Profile
    status: PairStatus
    created_at: datetime

    def __post_init__(self) -> None:
        check(self.mentor_id != self.mentee_id, "a mentor and a mentee are two different people")
        check_aware(self.created_at, "created_at")

    @property
    def members(self) -> frozenset[str]:
        return frozenset((self.mentor_id, self.mentee_id))

    def side_of(self, user_id: str) -> Side | None:
        """The side ``user_id`` is on, or None when they are not in this pair."""
        if user_id == self.mentor_id:
            return Side.MENTOR
        if user_id == self.mentee_id:
            return Side.MENTEE
        return None

    def partner_of(self, user_id: str) -> str | None:
        """The other member, or None when ``user_id`` is not in this pair."""
        side = self.side_of(user_id)
        if side is None:
            return None
        return self.mentee_id if side is Side.MENTOR else self.mentor_id
