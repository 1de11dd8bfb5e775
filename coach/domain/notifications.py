"""Which mails are due: nudges, pulse and self-assessment reminders, the lead's weekly digest
and check-in requests. Pure: the records and a moment in, the due mails out, each with the key
that makes it go once (``MailRecord.id``).

Who gets mail at all: active accounts with an email. An opted-out user (``mail_opt_out``) gets
no nudge, reminder or digest. A check-in request still reaches an opted-out lead: a member asked
a person for help, and it must not wait unseen; the opt-out is about automatic reminders.

- **Nudge**, to each member of an active pair once its program has started (until it ends),
  past its cadence (``HealthFlag.OVERDUE``) but not yet stalled, with no planned session ahead.
  Key ``nudge:<pair>:<user>:<last held day or never>``: once per lapse; after the next held
  session, a new lapse nudges again.
- **Pulse reminder**, to a member of a pair (not closed by an admin) whose newest held session
  still waits for their pulse (``pulse.pending``) a day after it was held. Key
  ``pulse_due:<session>:<user>``.
- **Self-assessment reminder**, to a member of a pair (not closed by an admin) whose checkpoint
  is due (``outcomes.due``) once the checkpoint's day has come. Key
  ``assessment_due:<program>:<checkpoint>:<user>``.
- **Digest**, to each lead once per ISO week (``digest:<lead>:<2026-W41>``) while some program
  has a running pair: for each such program, active pairs, sessions held in the past 7 days,
  pairs past their cadence, stalled pairs and open check-in requests; and how many pairs
  answered the pulse in those days, a figure about people, only when it pools ``min_group``.
- **Check-in**, to each lead once per open request (``checkin:<request>:<lead>``): who asked,
  about which pairing. Names only: the request carries no answer.

The facts below hold names, dates and counts only; ``coach.domain.notification_text`` words
them. No fact has a field that could carry a reflection, summary, pulse note or goal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from coach.domain import policy
from coach.domain.aggregates import MIN_GROUP, enough
from coach.domain.health import HealthFlag, PairHealth, pair_health
from coach.domain.mail import MailKind
from coach.domain.outcomes import WINDOWS, OutcomeCheckpoint, SelfAssessment, checkpoint_dates, due
from coach.domain.pairs import Pair, PairStatus, Side
from coach.domain.programs import Program
from coach.domain.pulse import OPEN_DAYS, CheckinRequest, PulseAnswer, pending
from coach.domain.sessions import Session, SessionStatus
from coach.domain.users import User

PULSE_AFTER = timedelta(days=1)  # a held session's pulse is reminded of this long after
WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Records:
    """Everything the rules read, as stored."""

    users: tuple[User, ...]
    programs: tuple[Program, ...]
    pairs: tuple[Pair, ...]
    sessions: tuple[Session, ...]
    pulses: tuple[PulseAnswer, ...]
    assessments: tuple[SelfAssessment, ...]
    checkins: tuple[CheckinRequest, ...]


@dataclass(frozen=True)
class Nudge:
    partner: str
    program: str
    cadence_days: int
    last_held: date | None  # None: the pair has not met yet


@dataclass(frozen=True)
class PulseReminder:
    partner: str
    held_on: date
    closes_on: date


@dataclass(frozen=True)
class AssessmentReminder:
    program: str
    checkpoint: OutcomeCheckpoint
    closes_on: date


@dataclass(frozen=True)
class ProgramWeek:
    """One program's figures for the digest."""

    program: str
    active_pairs: int
    held_this_week: int
    lapsed: int
    stalled: int
    open_checkins: int
    pulse_pairs: int | None  # pairs that answered the pulse; None: below the minimum group


@dataclass(frozen=True)
class Digest:
    week: str  # "2026-W41"
    programs: tuple[ProgramWeek, ...]
    min_group: int


@dataclass(frozen=True)
class CheckinAsked:
    asked_by: str
    side: Side | None
    partner: str
    program: str
    asked_on: date


Facts = Nudge | PulseReminder | AssessmentReminder | Digest | CheckinAsked


@dataclass(frozen=True)
class DueMail:
    """One mail the rules ask for: ``key`` is its ``MailRecord.id``."""

    key: str
    kind: MailKind
    user_id: str
    to: str
    name: str  # whom to greet
    facts: Facts


class _Index:
    """The records, looked up by id and by pair."""

    def __init__(self, records: Records, now: datetime) -> None:
        self.records, self.now, self.today = records, now, now.date()
        self.users = {u.id: u for u in records.users}
        self.programs = {p.id: p for p in records.programs}
        self.sessions: dict[str, list[Session]] = {}
        for session in records.sessions:
            self.sessions.setdefault(session.pair_id, []).append(session)

    def label(self, user_id: str) -> str:
        user = self.users.get(user_id)
        return user.label if user else "your partner"

    def reachable(self, user_id: str, reminder: bool = True) -> User | None:
        """The user, when mail may reach them: active, with an email, not opted out (for a
        reminder or digest)."""
        user = self.users.get(user_id)
        if user is None or not user.active or not user.email:
            return None
        return None if reminder and user.mail_opt_out else user

    def health(self, pair: Pair, program: Program) -> PairHealth:
        """Cadence and stall flags (goals and fit answers play no part in them)."""
        return pair_health(pair, program, self.sessions.get(pair.id, ()), (), (), self.today)

    def planned_ahead(self, pair: Pair) -> bool:
        return any(
            s.status is SessionStatus.PLANNED and s.scheduled_at >= self.now
            for s in self.sessions.get(pair.id, ())
        )


def lapsed(health: PairHealth) -> bool:
    """Past its cadence, not yet stalled: the moment for a nudge."""
    return HealthFlag.OVERDUE in health.flags and not health.stalled


def _mail(key: str, kind: MailKind, user: User, facts: Facts) -> DueMail:
    return DueMail(key, kind, user.id, user.email or "", user.label, facts)


def _nudges(ix: _Index) -> Iterable[DueMail]:
    for pair in ix.records.pairs:
        program = ix.programs.get(pair.program_id)
        if program is None or ix.today > program.end_date or ix.planned_ahead(pair):
            continue
        health = ix.health(pair, program)
        if not lapsed(health):
            continue
        held = [s for s in ix.sessions.get(pair.id, ()) if s.status is SessionStatus.HELD]
        last = max((s.scheduled_at for s in held), default=None)
        last_day = last.date() if last else None
        for member in (pair.mentor_id, pair.mentee_id):
            user = ix.reachable(member)
            if user is not None:
                facts = Nudge(ix.label(pair.partner_of(member) or ""), program.name,
                              program.cadence_days, last_day)  # fmt: skip
                stamp = last_day.isoformat() if last_day else "never"
                yield _mail(f"nudge:{pair.id}:{member}:{stamp}", MailKind.NUDGE, user, facts)


def _reminded(pair: Pair) -> bool:
    """Pairs whose members still hear about pulses and self-assessments."""
    return pair.status is not PairStatus.CLOSED


def _pulse_reminders(ix: _Index) -> Iterable[DueMail]:
    answers = ix.records.pulses
    for pair in filter(_reminded, ix.records.pairs):
        for member in (pair.mentor_id, pair.mentee_id):
            user = ix.reachable(member)
            waiting = pending(ix.sessions.get(pair.id, ()), answers, member, ix.now)
            if user is None or not waiting or waiting[0].scheduled_at > ix.now - PULSE_AFTER:
                continue
            session = waiting[0]  # the newest only: one reminder at a time
            held_on = session.scheduled_at.date()
            facts = PulseReminder(ix.label(pair.partner_of(member) or ""), held_on,
                                  held_on + timedelta(days=OPEN_DAYS))  # fmt: skip
            key = f"pulse_due:{session.id}:{member}"
            yield _mail(key, MailKind.PULSE_DUE, user, facts)


def _assessment_reminders(ix: _Index) -> Iterable[DueMail]:
    seen: set[tuple[str, str]] = set()
    for pair in filter(_reminded, ix.records.pairs):
        program = ix.programs.get(pair.program_id)
        if program is None:
            continue
        for member in (pair.mentor_id, pair.mentee_id):
            user = ix.reachable(member)
            if user is None or (program.id, member) in seen:
                continue
            seen.add((program.id, member))
            answered = [a.checkpoint for a in ix.records.assessments
                        if a.user_id == member and a.program_id == program.id]  # fmt: skip
            start, end = program.start_date, program.end_date
            checkpoint = due(start, end, ix.today, answered)
            if checkpoint is None or ix.today < checkpoint_dates(start, end)[checkpoint]:
                continue
            when = checkpoint_dates(start, end)[checkpoint]
            closes = when + timedelta(days=WINDOWS[checkpoint][1])
            facts = AssessmentReminder(program.name, checkpoint, closes)
            key = f"assessment_due:{program.id}:{checkpoint.value}:{member}"
            yield _mail(key, MailKind.ASSESSMENT_DUE, user, facts)


def _open_checkins(ix: _Index) -> list[CheckinRequest]:
    return [c for c in ix.records.checkins if c.handled_at is None]


def _program_week(ix: _Index, program: Program, pairs: list[Pair], min_group: int) -> ProgramWeek:
    ids = {p.id for p in pairs}
    since = ix.now - WEEK
    active = [p for p in pairs if p.status is PairStatus.ACTIVE]
    health = [ix.health(p, program) for p in active]
    held = [s for p in pairs for s in ix.sessions.get(p.id, ())
            if s.status is SessionStatus.HELD and since < s.scheduled_at <= ix.now]  # fmt: skip
    answered = {a.pair_id for a in ix.records.pulses if a.pair_id in ids
                and since < a.answered_at <= ix.now}  # fmt: skip
    return ProgramWeek(
        program=program.name,
        active_pairs=len(active),
        held_this_week=len(held),
        lapsed=sum(lapsed(h) for h in health),
        stalled=sum(h.stalled for h in health),
        open_checkins=sum(c.pair_id in ids for c in _open_checkins(ix)),
        pulse_pairs=len(answered) if enough(len(answered), min_group) else None,
    )


def _digests(ix: _Index, min_group: int) -> Iterable[DueMail]:
    weeks = []
    for program in sorted(ix.records.programs, key=lambda p: (p.start_date, p.name)):
        pairs = [p for p in ix.records.pairs if p.program_id == program.id]
        if any(p.status.running for p in pairs):
            weeks.append(_program_week(ix, program, pairs, min_group))
    if not weeks:
        return
    year, week, _ = ix.today.isocalendar()
    facts = Digest(f"{year}-W{week:02d}", tuple(weeks), min_group)
    for lead in ix.records.users:
        user = ix.reachable(lead.id)
        if user is not None and policy.is_lead(user):
            yield _mail(f"digest:{user.id}:{facts.week}", MailKind.DIGEST, user, facts)


def _checkins(ix: _Index) -> Iterable[DueMail]:
    pairs = {p.id: p for p in ix.records.pairs}
    leads = [u for u in ix.records.users if policy.is_lead(u)]
    for request in _open_checkins(ix):
        pair = pairs.get(request.pair_id)
        if pair is None:
            continue
        program = ix.programs.get(pair.program_id)
        facts = CheckinAsked(
            ix.label(request.author_id), pair.side_of(request.author_id),
            ix.label(pair.partner_of(request.author_id) or ""),
            program.name if program else "", request.requested_at.date(),
        )  # fmt: skip
        for lead in leads:
            user = ix.reachable(lead.id, reminder=False)
            if user is not None:
                key = f"checkin:{request.id}:{user.id}"
                yield _mail(key, MailKind.CHECKIN, user, facts)


def due_mails(records: Records, now: datetime, min_group: int = MIN_GROUP) -> list[DueMail]:
    """Every mail the rules ask for at ``now``, sent or not (the caller skips logged keys)."""
    ix = _Index(records, now)
    return [
        *_checkins(ix),
        *_nudges(ix),
        *_pulse_reminders(ix),
        *_assessment_reminders(ix),
        *_digests(ix, min_group),
    ]
