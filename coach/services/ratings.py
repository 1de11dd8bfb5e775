"""Ratings: "was this helpful?" on a chat answer or an artifact, counted for admins and
exported for the evals.

Only a user who may read the rated thing may rate it: a pair's agenda, starters and follow-up
notes are its two members'; a summary is rated by whoever may read it
(``policy.can_read_summary``); a chat answer by the user it was shown to (with a pair, only a
member of that pair). Rating the same thing again replaces your earlier rating.

Admins see counts per kind and the raters' reasons, never who rated and never the rated text:
a reason is the rater's own words, so no reflection or summary text reaches the admin through
here. The evals export is the same: kind, target id, verdict, reason and time, no person.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from coach.domain import policy
from coach.domain.artifacts import ArtifactRecord
from coach.domain.audit import AuditAction
from coach.domain.common import RuleViolation, new_id
from coach.domain.ratings import (
    CHAT,
    KINDS,
    Rating,
    RatingCount,
    check_target,
    clean_reason,
    count,
    eval_row,
)
from coach.domain.registry import spec_for
from coach.domain.summaries import Summary
from coach.domain.users import User
from coach.private_files import strip_loose_bits
from coach.services.access import Clock, audit, current, default_clock, load, load_pair, require
from coach.services.errors import NotFound, UserError, check_unicode
from coach.store.api import Store, Tx

NOT_READER = "only someone who may read an answer or artifact rates it"
ADMINS_ONLY = "only an admin sees the ratings and exports them"


@dataclass(frozen=True)
class RatingReason:
    """A reason as the admin reads it: what kind was rated, the verdict, the words, when."""

    kind: str
    helpful: bool
    reason: str
    rated_at: datetime


class RatingService:
    """Rate an answer or artifact; counts, reasons and the evals export (admins)."""

    def __init__(self, store: Store, clock: Clock = default_clock) -> None:
        self.store = store
        self.clock = clock

    def rate(
        self,
        actor: User,
        kind: str,
        target_id: str,
        helpful: bool,
        reason: str = "",
        pair_id: str | None = None,
    ) -> Rating:
        """Keep ``actor``'s verdict on one answer or artifact; rating it again replaces the
        earlier one. ``pair_id`` is used for a chat answer only (an artifact's pair is its
        own)."""
        check_unicode(reason, "The reason")
        kind = str(kind or "").strip().lower()
        try:
            check_target(kind, target_id)
            cleaned = clean_reason(reason)
        except RuleViolation as error:
            raise UserError(str(error)) from None
        now = self.clock()
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            pair = self._readable(tx, actor, kind, target_id, pair_id)
            earlier = tx.find(Rating, kind=kind, target_id=target_id, rater_id=actor.id)
            rating = Rating(earlier[0].id if earlier else new_id("rat"), kind, target_id, pair,
                            actor.id, bool(helpful), cleaned, now)  # fmt: skip
            if earlier:
                tx.update(rating)
            else:
                tx.insert(rating)
            action = AuditAction.UPDATE if earlier else AuditAction.CREATE
            audit(tx, actor, action, "rating", rating.id, now, pair)
        return rating

    def _readable(
        self, tx: Tx, actor: User, kind: str, target_id: str, pair_id: str | None
    ) -> str | None:
        """The pair of the rated thing, once ``actor`` is known to be allowed to read it."""
        if kind == CHAT:
            if pair_id:
                require(policy.can_work_in(actor, load_pair(tx, pair_id)), NOT_READER)
            return pair_id or None
        if spec_for(kind).stored:
            record = tx.get(ArtifactRecord, target_id)
            if record is None or record.kind.value != kind:
                raise NotFound(f"no {kind} {target_id!r}")
            require(policy.can_work_in(actor, load_pair(tx, record.pair_id)), NOT_READER)
            return record.pair_id
        summary = load(tx, Summary, target_id, "summary")
        pair = load_pair(tx, summary.pair_id)
        require(policy.can_read_summary(actor, pair, summary), NOT_READER)
        return pair.id

    def mine(self, actor: User, kind: str, target_id: str) -> Rating | None:
        """Your own rating of one answer or artifact, if you gave one."""
        with self.store.transaction(write=False) as tx:
            actor = current(tx, actor)
            found = tx.find(Rating, kind=kind, target_id=target_id, rater_id=actor.id)
        return found[0] if found else None

    def _all(self, actor: User, what: str) -> list[Rating]:
        now = self.clock()
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            require(policy.can_administer(actor), ADMINS_ONLY)
            found = tx.find(Rating)
            audit(tx, actor, AuditAction.READ, what, "all", now)
        return sorted(found, key=lambda r: (r.rated_at, r.id))

    def counts(self, actor: User) -> list[RatingCount]:
        """Per kind (every kind, zeros too): helpful, not helpful, with a reason (admins)."""
        return count(self._all(actor, "rating_counts"))

    def reasons(self, actor: User, kind: str | None = None) -> list[RatingReason]:
        """The reasons given, newest first, of one kind or all; no rater named (admins)."""
        if kind is not None and kind not in KINDS:
            raise UserError(f"no kind {kind!r}; the kinds are {', '.join(KINDS)}")
        found = [r for r in self._all(actor, "rating_reasons") if r.reason]
        return [
            RatingReason(r.kind, r.helpful, r.reason, r.rated_at)
            for r in reversed(found)
            if kind is None or r.kind == kind
        ]

    def export_jsonl(self, actor: User, path: Path) -> int:
        """Every rating as one JSON line (oldest first) for the evals, no person named (admins);
        returns how many were written."""
        found = self._all(actor, "ratings_export")
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = [json.dumps(eval_row(r), ensure_ascii=False, sort_keys=True) for r in found]
        path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        strip_loose_bits(path)  # reasons are people's words: never world-readable
        return len(lines)
