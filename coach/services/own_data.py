"""A participant's own data: download all of it, and have the account deleted.

The download holds every record about the person and their own private text, never another
person's private text. Deletion is asked for by the participant and confirmed by an admin: it
removes their reflections, unshared summaries, private answers (fit, pulse), check-in
requests, ratings, credentials and sessions, and the derived pair index; what they shared stays,
attributed to "a former participant".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from coach.domain import policy
from coach.domain.actions import ActionItem
from coach.domain.artifacts import ArtifactRecord
from coach.domain.audit import AuditAction, AuditEntry
from coach.domain.common import new_id
from coach.domain.fit import FitResponse
from coach.domain.goals import Goal
from coach.domain.outcomes import SelfAssessment
from coach.domain.pairs import Pair, Profile, Side
from coach.domain.programs import Program
from coach.domain.pulse import CheckinRequest, PulseAnswer
from coach.domain.ratings import Rating
from coach.domain.reflections import Reflection
from coach.domain.sessions import Session
from coach.domain.summaries import ConsentState, Summary, SummaryVersion
from coach.domain.users import (
    FORMER_PARTICIPANT,
    Credential,
    DeletionRequest,
    LoginSession,
    Role,
    User,
)
from coach.services.access import Clock, audit, current, default_clock, find_user, require
from coach.services.errors import UserError
from coach.services.login_tokens import end_sessions
from coach.services.outcomes import forget_self_assessments
from coach.store.api import Store, Tx
from coach.store.codec import to_plain

FORMAT = "flipside-own-data"
PRIVATE_STATES = (ConsentState.DRAFT, ConsentState.APPROVED)
ForgetPair = Callable[[str], None]


@dataclass(frozen=True)
class DeletionReport:
    """What an account deletion removed, by kind, and what stayed."""

    username: str
    removed: dict[str, int]
    kept_shared_summaries: int


def describe_removed(counts: dict[str, int]) -> str:
    """``{"reflections": 2, ...}`` as "2 reflections, ..." for the CLI and the admin screen."""
    return ", ".join(f"{n} {kind}" for kind, n in counts.items())


def pairs_of(tx: Tx, user_id: str) -> list[Pair]:
    return tx.find(Pair, mentor_id=user_id) + tx.find(Pair, mentee_id=user_id)


def remove_private_text(
    tx: Tx, pair_ids: set[str] | None, author_id: str | None = None, dry_run: bool = False
) -> dict[str, int]:
    """Delete private text: reflections, unshared summaries (with their versions), the earlier
    drafts of shared summaries (only the shared version stays) and private fit answers. In
    ``pair_ids`` (None: every pair), only ``author_id``'s when given. Returns counts by kind;
    ``dry_run`` counts without deleting."""

    def mine(record: Any, field: str) -> bool:
        if pair_ids is not None and record.pair_id not in pair_ids:
            return False
        return author_id is None or getattr(record, field) == author_id

    reflections = [r for r in tx.find(Reflection) if mine(r, "author_id")]
    summaries = [s for s in tx.find(Summary) if mine(s, "author_id")]
    private = [s for s in summaries if s.state in PRIVATE_STATES]
    drafts = [
        v
        for s in summaries
        if s.state not in PRIVATE_STATES
        for v in tx.find(SummaryVersion, summary_id=s.id)
        if v.number != s.current_version
    ]
    answers = [f for f in tx.find(FitResponse) if mine(f, "user_id")]
    pulses = [p for p in tx.find(PulseAnswer) if mine(p, "author_id")]
    counts = {
        "reflections": len(reflections),
        "private summaries": len(private),
        "earlier drafts of shared summaries": len(drafts),
        "private answers": len(answers),
        "pulse answers": len(pulses),
    }
    if dry_run:
        return counts
    for reflection in reflections:
        tx.delete(Reflection, reflection.id)
    for summary in private:
        for version in tx.find(SummaryVersion, summary_id=summary.id):
            tx.delete(SummaryVersion, version.summary_id, version.number)
        tx.delete(Summary, summary.id)
    for version in drafts:
        tx.delete(SummaryVersion, version.summary_id, version.number)
    for answer in answers:
        tx.delete(FitResponse, answer.pair_id, answer.user_id)
    for pulse in pulses:
        tx.delete(PulseAnswer, pulse.id)
    return counts  # fmt: skip


class OwnDataService:
    """Download your data; ask for, and (as an admin) confirm, an account's deletion."""

    def __init__(self, store: Store, forget_pair: ForgetPair, clock: Clock = default_clock) -> None:
        self.store = store
        self.forget_pair = forget_pair
        self.clock = clock

    def export(self, actor: User) -> dict[str, Any]:
        """Everything Flipside holds about ``actor``, as a JSON-safe document."""
        now = self.clock()
        with self.store.transaction() as tx:
            me = current(tx, actor)
            pairs = pairs_of(tx, me.id)
            ids = {p.id for p in pairs}
            names = {u.id: u.label for u in tx.find(User)}
            programs = {p.id: p.name for p in tx.find(Program)}
            summaries = tx.find(Summary, author_id=me.id)
            document = {
                "format": FORMAT,
                "exported_at": now.isoformat(),
                "account": {k: v for k, v in to_plain(me).items() if k != "id"},
                "pairs": [self._pair(p, me, names, programs) for p in pairs],
                "goals": [to_plain(g) for g in tx.find(Goal) if g.pair_id in ids],
                "sessions": [to_plain(s) for s in tx.find(Session) if s.pair_id in ids],
                "reflections": [to_plain(r) for r in tx.find(Reflection, author_id=me.id)],
                "summaries": [
                    {
                        **to_plain(s),
                        "versions": [to_plain(v) for v in tx.find(SummaryVersion, summary_id=s.id)],
                    }
                    for s in summaries
                ],  # fmt: skip
                "action_items": [to_plain(a) for a in tx.find(ActionItem, owner_id=me.id)],
                "fit_answers": [to_plain(f) for f in tx.find(FitResponse, user_id=me.id)],
                "pulse_answers": [to_plain(a) for a in tx.find(PulseAnswer, author_id=me.id)],
                "checkin_requests": [to_plain(r) for r in tx.find(CheckinRequest, author_id=me.id)],
                "self_assessments": [to_plain(a) for a in tx.find(SelfAssessment, user_id=me.id)],
                "ratings": [to_plain(r) for r in tx.find(Rating, rater_id=me.id)],
                "artifacts": [  # the ones they made or edited (only members do either)
                    to_plain(a)
                    for p in pairs
                    for a in tx.find(ArtifactRecord, pair_id=p.id)
                    if me.id in (a.created_by, a.updated_by)
                ],
                "sign_ins": [
                    {"created_at": s.created_at.isoformat(), "expires_at": s.expires_at.isoformat()}
                    for s in tx.find(LoginSession, user_id=me.id)
                ],
                "deletion_requested": tx.get(DeletionRequest, me.id) is not None,
                "activity": [to_plain(e) for e in tx.find(AuditEntry, actor_id=me.id)],
            }
            audit(tx, me, AuditAction.EXPORT, "own_data", me.id, now)
        return document

    @staticmethod
    def _pair(pair: Pair, me: User, names: dict, programs: dict) -> dict[str, Any]:
        side = pair.side_of(me.id)
        partner = pair.mentee_id if side is Side.MENTOR else pair.mentor_id
        profile = pair.mentor_profile if side is Side.MENTOR else pair.mentee_profile
        return {
            "id": pair.id, "program": programs.get(pair.program_id, ""), "my_side": side.value,
            "partner": names.get(partner, ""), "status": pair.status.value,
            "my_profile": to_plain(profile), "created_at": pair.created_at.isoformat(),
        }  # fmt: skip

    def request_deletion(self, actor: User) -> DeletionRequest:
        """A participant asks for their account to be deleted (an admin confirms it)."""
        now = self.clock()
        with self.store.transaction() as tx:
            me = current(tx, actor)
            require(me.role is Role.PARTICIPANT, "only a participant asks here; an admin "
                    "removes lead and admin accounts")  # fmt: skip
            existing = tx.get(DeletionRequest, me.id)
            if existing is not None:
                return existing
            request = DeletionRequest(me.id, now)
            tx.insert(request)
            audit(tx, me, AuditAction.CREATE, "deletion_request", me.id, now)
        return request

    def pending(self, actor: User) -> list[tuple[User, datetime]]:
        """Deletion requests waiting for an admin (admin only)."""
        with self.store.transaction(write=False) as tx:
            require(policy.can_administer(current(tx, actor)), "only an admin sees requests")
            found = [(tx.get(User, r.user_id), r.requested_at) for r in tx.find(DeletionRequest)]
        return [(user, at) for user, at in found if user is not None]

    def confirm_deletion(self, actor: User, username: str) -> DeletionReport:
        """Delete an account that asked for it (admin only); see the module docstring."""
        now = self.clock()
        with self.store.transaction() as tx:
            admin = current(tx, actor)
            require(policy.can_administer(admin), "only an admin confirms a deletion")
            user = find_user(tx, username)
            if tx.get(DeletionRequest, user.id) is None:
                raise UserError(f"{user.username} has not asked for their account to be deleted")
            if user.role is not Role.PARTICIPANT:
                raise UserError(
                    f"{user.username} has the role {user.role.value} now: deactivate the "
                    "account instead"
                )
            pairs = pairs_of(tx, user.id)
            removed = remove_private_text(tx, None, user.id)
            removed["sign-in sessions"] = end_sessions(tx, user.id)
            checkins = tx.find(CheckinRequest, author_id=user.id)
            for checkin in checkins:
                tx.delete(CheckinRequest, checkin.id)
            removed["check-in requests"] = len(checkins)
            removed["self-assessments"] = forget_self_assessments(tx, user.id)
            ratings = tx.find(Rating, rater_id=user.id)
            for rating in ratings:  # their reasons are their own words
                tx.delete(Rating, rating.id)
            removed["ratings"] = len(ratings)
            if tx.get(Credential, user.id) is not None:
                tx.delete(Credential, user.id)
            tx.delete(DeletionRequest, user.id)
            for pair in pairs:  # their title, department, strengths and interests
                side = pair.side_of(user.id)
                field = "mentor_profile" if side is Side.MENTOR else "mentee_profile"
                tx.update(replace(pair, **{field: Profile()}))
            kept = sum(1 for s in tx.find(Summary, author_id=user.id))
            former = User(user.id, f"former-{new_id('x')[2:10]}", user.role, FORMER_PARTICIPANT,
                          False, user.created_at)  # fmt: skip
            tx.update(former)
            audit(tx, admin, AuditAction.DELETE, "user", user.id, now)
        for pair in pairs:  # derived data: rebuilt from what stays when the pair is prepared
            self.forget_pair(pair.id)
        return DeletionReport(user.username, removed, kept)
