"""Ratings: a user says whether an answer or an artifact helped (helpful / not, and why).

What is rated is named by its kind and an id: an artifact kind (agenda, starters, summary,
follow-up note) and the artifact's id, or ``chat`` and the key of one chat answer (a hash of
its text: answers are not stored). A rating belongs to its rater; rating the same thing again
replaces it. Admins see counts and the raters' own reasons, never who rated.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from coach.domain.artifact_kind import ArtifactKind
from coach.domain.common import check, check_aware

CHAT = "chat"
KINDS: tuple[str, ...] = (*(k.value for k in ArtifactKind), CHAT)
REASON_LIMIT = 500
ANSWER_KEY = re.compile(r"^ans_[0-9a-f]{32}$")
TARGET_ID = re.compile(r"^[A-Za-z0-9_-]{1,80}$")


def answer_key(text: str) -> str:
    """The stable key of a chat answer: ``ans_`` and the first 32 hex digits of its SHA-256."""
    check(bool((text or "").strip()), "there is no answer to rate yet")
    digest = hashlib.sha256(text.strip().encode("utf-8")).hexdigest()
    return f"ans_{digest[:32]}"


def clean_reason(reason: str | None) -> str:
    """The optional reason, stripped; at most ``REASON_LIMIT`` characters."""
    cleaned = (reason or "").strip()
    check(
        len(cleaned) <= REASON_LIMIT,
        f"a reason is at most {REASON_LIMIT} characters (this one has {len(cleaned)})",
    )
    return cleaned


def check_target(kind: str, target_id: str) -> None:
    """``kind`` is one of ``KINDS``; ``target_id`` an id (an answer key for ``chat``)."""
    check(kind in KINDS, f"a rating is of one of {', '.join(KINDS)} (not {kind!r})")
    if kind == CHAT:
        check(bool(ANSWER_KEY.match(target_id or "")), "a chat rating names an answer key")
    else:
        check(bool(TARGET_ID.match(target_id or "")), f"a rating of a {kind} names its id")


@dataclass(frozen=True)
class Rating:
    """One user's verdict on one answer or artifact. ``pair_id`` when it belongs to a pair."""

    id: str
    kind: str  # one of KINDS
    target_id: str
    pair_id: str | None
    rater_id: str
    helpful: bool
    reason: str
    rated_at: datetime

    def __post_init__(self) -> None:
        check_target(self.kind, self.target_id)
        check(isinstance(self.helpful, bool), "a rating is helpful or not (true or false)")
        check(self.reason == clean_reason(self.reason), "a reason is stored stripped")
        check_aware(self.rated_at, "rated_at")


@dataclass(frozen=True)
class RatingCount:
    """How one kind was rated: helpful, not helpful, and how many ratings gave a reason."""

    kind: str
    helpful: int
    not_helpful: int
    with_reason: int

    @property
    def total(self) -> int:
        return self.helpful + self.not_helpful


def count(ratings: Iterable[Rating]) -> list[RatingCount]:
    """One row per kind, in the order of ``KINDS``, zeros included."""
    found = list(ratings)
    return [
        RatingCount(
            kind,
            sum(1 for r in found if r.kind == kind and r.helpful),
            sum(1 for r in found if r.kind == kind and not r.helpful),
            sum(1 for r in found if r.kind == kind and r.reason),
        )
        for kind in KINDS
    ]


def eval_row(rating: Rating) -> dict[str, object]:
    """A rating as one line of the evals export: what was rated and the verdict, no person."""
    return {
        "kind": rating.kind,
        "target_id": rating.target_id,
        "helpful": rating.helpful,
        "reason": rating.reason,
        "created": rating.rated_at.isoformat(),
    }
