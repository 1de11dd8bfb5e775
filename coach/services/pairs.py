"""Pairs: the admin makes them, a lead makes them from match suggestions; participants see
their own and may end them; leads and admins see them all.

Candidates in a match file are people with accounts: a candidate's ``name`` is an account's
display name (case and spacing aside) or its username. ``accounts_for`` maps them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from coach.domain import policy
from coach.domain.audit import AuditAction
from coach.domain.candidates import Candidate, key
from coach.domain.common import check, new_id
from coach.domain.matching import and_list
from coach.domain.pairs import ENDINGS, Pair, PairStatus, Profile
from coach.domain.programs import Program
from coach.domain.users import Role, User
from coach.services.access import (
    Clock,
    audit,
    current,
    default_clock,
    find_user,
    load_pair,
    require,
)
from coach.services.errors import UserError
from coach.services.programs import find_program
from coach.store.api import Store, Tx


@dataclass(frozen=True)
class PairCard:
    """A pair with the names people recognise."""

    pair: Pair
    program: str
    mentor: str  # username
    mentee: str
    mentor_name: str = ""  # display name, else username
    mentee_name: str = ""
    session_minutes: int | None = None  # the program's session length


def _card(tx: Tx, pair: Pair) -> PairCard:
    program = tx.get(Program, pair.program_id)
    mentor, mentee = tx.get(User, pair.mentor_id), tx.get(User, pair.mentee_id)
    return PairCard(
        pair,
        program.name if program else pair.program_id,
        mentor.username if mentor else pair.mentor_id,
        mentee.username if mentee else pair.mentee_id,
        mentor.label if mentor else pair.mentor_id,
        mentee.label if mentee else pair.mentee_id,
        program.session_minutes if program else None,
    )


def profile_of(candidate: Candidate) -> Profile:
    """What the pair keeps of a candidate's row (goals are the pair's own, set by its members)."""
    return Profile(candidate.role_title, candidate.generation, candidate.department,
                   candidate.strengths, candidate.interests)  # fmt: skip


@dataclass(frozen=True)
class Accounts:
    """Candidate names mapped to accounts, and the names that map to none (or to several)."""

    found: dict[str, User]  # name key -> the account
    missing: tuple[str, ...] = ()  # no account has this display name or username
    ambiguous: tuple[str, ...] = ()  # several accounts share this display name
    not_participants: tuple[str, ...] = ()  # a lead, an admin or a deactivated account

    def problem(self) -> str | None:
        """One sentence naming every name that cannot be paired, and what to do; else None."""
        parts = []
        if self.missing:
            parts.append(f"no account for {and_list(list(self.missing))}: an admin adds them "
                         "(Admin, People and pairs) with that display name, or write their "
                         "username in the name column")  # fmt: skip
        if self.ambiguous:
            parts.append(f"several accounts are named {and_list(list(self.ambiguous))}: write "
                         "the username in the name column")  # fmt: skip
        if self.not_participants:
            parts.append(f"{and_list(list(self.not_participants))} cannot be paired: the "
                         "account is not an active participant")  # fmt: skip
        return "; ".join(parts) or None


def accounts_for(tx: Tx, names: Iterable[str]) -> Accounts:
    """Each name's account: the one whose display name is the name (case and spacing aside),
    else the one with the name as username."""
    users = tx.find(User)
    by_display: dict[str, list[User]] = {}
    for user in users:
        by_display.setdefault(key(user.display_name), []).append(user)
    by_username = {user.username: user for user in users}
    found: dict[str, User] = {}
    missing, ambiguous, not_participants = [], [], []
    for name in dict.fromkeys(names):
        named = by_display.get(key(name), [])
        user = named[0] if len(named) == 1 else by_username.get(name.strip().lower())
        if user is None:
            (ambiguous if named else missing).append(name)
        elif user.role is not Role.PARTICIPANT or not user.active:
            not_participants.append(name)
        else:
            found[key(name)] = user
    return Accounts(found, tuple(missing), tuple(ambiguous), tuple(not_participants))


class PairService:
    """Make, list and pause pairs."""

    def __init__(self, store: Store, clock: Clock = default_clock) -> None:
        self.store = store
        self.clock = clock

    def add(
        self,
        actor: User,
        mentor: str,
        mentee: str,
        program: str | None = None,
        mentor_profile: Profile | None = None,
        mentee_profile: Profile | None = None,
    ) -> PairCard:
        """Pair a mentor with a mentee (admin only). Users are named by username or id."""
        now = self.clock()
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            require(policy.can_administer(actor), "only an admin makes pairs")
            chosen = find_program(tx, program)
            people = find_user(tx, mentor), find_user(tx, mentee)
            for person in people:
                check(
                    person.role is Role.PARTICIPANT and person.active,
                    f"{person.username} is not an active participant",
                )
            pair = Pair(
                new_id("pair"), chosen.id, people[0].id, people[1].id,
                mentor_profile or Profile(), mentee_profile or Profile(), PairStatus.ACTIVE, now,
            )  # fmt: skip
            tx.insert(pair)
            audit(tx, actor, AuditAction.CREATE, "pair", pair.id, now, pair.id)
            return _card(tx, pair)

    def add_from_suggestion(
        self, actor: User, program: str | None, mentor: Candidate, mentee: Candidate
    ) -> PairCard:
        """Create the pair of an accepted match suggestion: an admin, or a lead of the program.

        The candidates' names must map to active participants (``accounts_for``); the pair
        keeps their rows as profiles. A pair the two already have running is refused."""
        now = self.clock()
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            chosen = find_program(tx, program)
            require(policy.can_make_pairs(actor, chosen),
                    "only an admin or the program's lead makes pairs")  # fmt: skip
            accounts = accounts_for(tx, [mentor.name, mentee.name])
            problem = accounts.problem()
            if problem:
                raise UserError(f"cannot pair {mentor.name} with {mentee.name}: {problem}")
            junior, senior = accounts.found[mentor.key], accounts.found[mentee.key]
            check(junior.id != senior.id, "a mentor and a mentee are two different people")
            running = [p for p in tx.find(Pair, mentor_id=junior.id)
                       if p.mentee_id == senior.id and p.status.running]  # fmt: skip
            if running:
                raise UserError(f"{mentor.name} already mentors {mentee.name} "
                                f"({running[0].status.value})")  # fmt: skip
            pair = Pair(new_id("pair"), chosen.id, junior.id, senior.id, profile_of(mentor),
                        profile_of(mentee), PairStatus.ACTIVE, now)  # fmt: skip
            tx.insert(pair)
            audit(tx, actor, AuditAction.CREATE, "pair", pair.id, now, pair.id)
            return _card(tx, pair)

    def end(self, actor: User, pair_id: str, how: PairStatus | str) -> PairCard:
        """End your own pair as ``done`` or ``not_a_good_fit`` (either member, no blame: the
        status says how it ended, not who ended it). Its members are then open to re-matching."""
        ending = PairStatus(how)
        if ending not in ENDINGS:
            raise UserError("end a pair as done or not_a_good_fit")
        now = self.clock()
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            pair = load_pair(tx, pair_id)
            require(policy.can_end_pair(actor, pair), "only the two members of a pair end it")
            if not pair.status.running:
                raise UserError(f"this pair has ended already ({pair.status.value})")
            pair = replace(pair, status=ending)
            tx.update(pair)
            audit(tx, actor, AuditAction.UPDATE, "pair", pair.id, now, pair.id)
            return _card(tx, pair)

    def list(self, actor: User) -> list[PairCard]:
        """Admins and leads see every pair; a participant sees only their own."""
        with self.store.transaction(write=False) as tx:
            actor = current(tx, actor)
            if policy.is_admin(actor) or policy.is_lead(actor):
                pairs = tx.find(Pair)
            else:
                pairs = tx.find(Pair, mentor_id=actor.id) + tx.find(Pair, mentee_id=actor.id)
                pairs.sort(key=lambda p: (p.created_at, p.id))
            return [_card(tx, p) for p in pairs]

    def get(self, actor: User, pair_id: str) -> PairCard:
        with self.store.transaction(write=False) as tx:
            actor = current(tx, actor)
            pair = load_pair(tx, pair_id)
            require(policy.can_see_pair(actor, pair), "this is not your pair")
            return _card(tx, pair)

    def set_status(self, actor: User, pair_id: str, status: PairStatus | str) -> Pair:
        """Pause, close or reopen a pair (admin only)."""
        now = self.clock()
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            require(policy.can_administer(actor), "only an admin changes a pair's status")
            pair = replace(load_pair(tx, pair_id), status=PairStatus(status))
            tx.update(pair)
            audit(tx, actor, AuditAction.UPDATE, "pair", pair.id, now, pair.id)
        return pair
