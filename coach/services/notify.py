"""Reminders by mail: work out which mails are due (``coach.domain.notifications``), word them
(``coach.domain.notification_text``) and send each one once.

Sent once, across instances: before sending, a mail is claimed by inserting its ``MailRecord``
(status ``sending``) in its own transaction. The key is the table's primary key, so when two
instances plan the same mail, one insert wins and the other meets a unique-key conflict and
skips it. After the send the record becomes ``sent``, or ``failed`` with the server's reason.

A failed mail is tried again on later runs while it is still due, for ``RETRY_FOR`` after its
first try; that claim is atomic too (the failed row is locked, skipping rows another instance
holds, and turned back to ``sending``). A mail left ``sending`` by a crash is not retried: a
reminder missed is better than a reminder sent twice.

This is the system's own bookkeeping, like the job queue: the command line (or cron) runs it,
no user acts, nothing is audited, and no mail body is stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from coach.domain.aggregates import MIN_GROUP
from coach.domain.mail import MailRecord, MailStatus
from coach.domain.notification_text import compose
from coach.domain.notifications import DueMail, Records, due_mails
from coach.domain.outcomes import SelfAssessment
from coach.domain.pairs import Pair
from coach.domain.programs import Program
from coach.domain.pulse import CheckinRequest, PulseAnswer
from coach.domain.sessions import Session
from coach.domain.users import User
from coach.services.access import Clock, default_clock
from coach.services.errors import UserError
from coach.services.jobs import error_text
from coach.services.mailer import Mail, Mailer, MailError
from coach.store.api import Conflict, Store, Tx

RETRY_FOR = timedelta(days=2)
NOT_SET_UP = (
    "mail is not set up: set COACH_SMTP_URL (e.g. smtp://user:password@host:587), "
    "or use --dry-run to see what would go out"
)


@dataclass(frozen=True)
class Outgoing:
    """A due mail, worded; ``retry`` when an earlier try failed."""

    due: DueMail
    mail: Mail
    retry: bool = False


@dataclass
class NotifyReport:
    """What one run did with each due mail."""

    sent: list[Outgoing] = field(default_factory=list)
    skipped: list[Outgoing] = field(default_factory=list)  # another instance claimed it first
    failed: list[tuple[Outgoing, str]] = field(default_factory=list)
    would_send: list[Outgoing] = field(default_factory=list)  # a dry run's plan


def read_records(tx: Tx) -> Records:
    """Everything the mail rules read, in one transaction."""
    return Records(
        users=tuple(tx.find(User)),
        programs=tuple(tx.find(Program)),
        pairs=tuple(tx.find(Pair)),
        sessions=tuple(tx.find(Session)),
        pulses=tuple(tx.find(PulseAnswer)),
        assessments=tuple(tx.find(SelfAssessment)),
        checkins=tuple(tx.find(CheckinRequest)),
    )


def retryable(record: MailRecord, now: datetime) -> bool:
    """A failed mail is tried again for ``RETRY_FOR`` after its first try."""
    return record.status is MailStatus.FAILED and now - record.created_at <= RETRY_FOR


class NotifyService:
    """Plan and send nudges, reminders, digests and check-in requests, each once."""

    def __init__(
        self,
        store: Store,
        mailer: Mailer,
        clock: Clock = default_clock,
        public_url: str | None = None,
        min_group: int = MIN_GROUP,
    ) -> None:
        self.store = store
        self.mailer = mailer
        self.clock = clock
        self.public_url = public_url
        self.min_group = min_group

    def plan(self, now: datetime | None = None) -> list[Outgoing]:
        """The mails due at ``now`` (default: the clock) that were not sent or claimed yet."""
        now = now or self.clock()
        with self.store.transaction(write=False) as tx:
            due = due_mails(read_records(tx), now, self.min_group)
            logged = {mail.key: tx.get(MailRecord, mail.key) for mail in due}
        planned = []
        for mail in due:
            record = logged[mail.key]
            if record is None or retryable(record, now):
                subject, body = compose(mail, self.public_url)
                planned.append(Outgoing(mail, Mail(mail.to, subject, body), record is not None))
        return planned

    def run(self, now: datetime | None = None, dry_run: bool = False) -> NotifyReport:
        """Send every planned mail once; a dry run only says what would go out."""
        now = now or self.clock()
        report = NotifyReport()
        if dry_run:
            report.would_send = self.plan(now)
            return report
        if not self.mailer.configured:
            raise UserError(NOT_SET_UP)
        for item in self.plan(now):
            if not self._claim(item, now):
                report.skipped.append(item)
                continue
            try:
                self.mailer.send(item.mail)
            except MailError as error:
                reason = error_text(error)
                self._settle(item, now, reason)
                report.failed.append((item, reason))
                continue
            self._settle(item, now)
            report.sent.append(item)
        return report

    def _claim(self, item: Outgoing, now: datetime) -> bool:
        """Make the mail ours in its own transaction; False when another instance has it."""
        due = item.due
        try:
            with self.store.transaction() as tx:
                if not item.retry:
                    tx.insert(MailRecord(due.key, due.kind, due.user_id, MailStatus.SENDING, now))
                    return True
                stored = tx.lock_first(
                    MailRecord, skip_locked=True, id=due.key, status=MailStatus.FAILED
                )
                if stored is None or not retryable(stored, now):
                    return False
                tx.update(replace(stored, status=MailStatus.SENDING, error=None))
                return True
        except Conflict:
            return False

    def _settle(self, item: Outgoing, now: datetime, error: str | None = None) -> None:
        """Record the outcome of a claimed mail: sent, or failed with the reason."""
        with self.store.transaction() as tx:
            stored = tx.get(MailRecord, item.due.key)
            if stored is None:
                return
            if error is None:
                tx.update(replace(stored, status=MailStatus.SENT, sent_at=now, error=None))
            else:
                tx.update(replace(stored, status=MailStatus.FAILED, error=error))
