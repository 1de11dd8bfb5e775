"""NotifyService: each due mail is claimed in the store, sent once, and a failure is retried."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import pytest

from coach.domain.mail import MailKind, MailRecord, MailStatus
from coach.domain.pairs import Pair, PairStatus, Profile
from coach.domain.programs import Program
from coach.domain.sessions import Session, SessionStatus
from coach.domain.users import Role, User
from coach.services.errors import UserError
from coach.services.mailer import Mail, MailError, NoMailer
from coach.services.notify import RETRY_FOR, NotifyService
from coach.store.memory import MemoryStore

pytestmark = pytest.mark.unit
START = date(2026, 3, 2)
T0 = datetime(2026, 2, 1, tzinfo=UTC)
NOW = datetime(2026, 3, 18, 9, tzinfo=UTC)  # 16 days after the only session: lapsed


@dataclass
class FakeMailer:
    """Keeps what it is given; fails while ``down``."""

    sent: list[Mail] = field(default_factory=list)
    down: bool = False
    configured: bool = True

    def send(self, mail: Mail) -> None:
        if self.down:
            raise MailError("the mail server at mail.example.org:25 refused the mail: down")
        self.sent.append(mail)


def filled_store(opt_out: bool = False) -> MemoryStore:
    """A lead and a lapsed pair; everyone has an email."""
    store = MemoryStore()
    people = [("lead", Role.LEAD), ("ana", Role.PARTICIPANT), ("ben", Role.PARTICIPANT)]
    with store.transaction() as tx:
        for name, role in people:
            tx.insert(User(name, name, role, name.title(), True, T0, f"{name}@example.org",
                           opt_out and name == "ana"))  # fmt: skip
        tx.insert(Program("prg", "Pilot", (), START, date(2026, 9, 1), 14, 45, 21, T0))
        tx.insert(Pair("pair", "prg", "ana", "ben", Profile(), Profile(), PairStatus.ACTIVE, T0))
        held = datetime(2026, 3, 2, 15, tzinfo=UTC)
        tx.insert(Session("s1", "pair", 1, held, 45, SessionStatus.HELD, T0))
    return store


def service(store, mailer=None) -> NotifyService:
    return NotifyService(store, mailer or FakeMailer(), lambda: NOW, "https://coach.example.org")


def logged(store: MemoryStore) -> dict[str, MailRecord]:
    with store.transaction(write=False) as tx:
        return {r.id: r for r in tx.find(MailRecord)}


def test_each_due_mail_is_sent_once_across_runs_and_logged_as_sent():
    store, mailer = filled_store(), FakeMailer()
    first = service(store, mailer).run()
    kinds = sorted(item.due.kind.value for item in first.sent)
    assert kinds == ["assessment_due", "assessment_due", "digest", "nudge", "nudge"]
    assert [m.to for m in mailer.sent if "next session" in m.subject] == [
        "ana@example.org", "ben@example.org"
    ]  # fmt: skip
    records = logged(store)
    assert set(records) == {item.due.key for item in first.sent}
    assert all(r.status is MailStatus.SENT and r.sent_at == NOW for r in records.values())
    again = service(store, mailer).run()
    assert (again.sent, again.failed, again.skipped) == ([], [], [])
    assert len(mailer.sent) == 5 and service(store).plan() == []


def test_an_opted_out_member_gets_nothing_and_the_partner_still_does():
    store, mailer = filled_store(opt_out=True), FakeMailer()
    service(store, mailer).run()
    assert "ana@example.org" not in {m.to for m in mailer.sent}
    assert {"ben@example.org", "lead@example.org"} <= {m.to for m in mailer.sent}


def test_a_mail_another_instance_claimed_first_is_skipped_not_sent_again():
    store, mine, theirs = filled_store(), FakeMailer(), FakeMailer()
    late = service(store, mine)
    stale = late.plan()  # planned before the other instance ran
    service(store, theirs).run()
    late.plan = lambda now=None: stale  # the race: its plan still lists them
    report = late.run()
    assert len(report.skipped) == len(stale) == len(theirs.sent) == 5
    assert mine.sent == [] and report.sent == []


def test_a_failed_mail_is_logged_with_the_reason_and_retried_while_the_window_lasts():
    store, mailer = filled_store(), FakeMailer(down=True)
    report = service(store, mailer).run()
    assert len(report.failed) == 5 and report.sent == []
    assert all("refused the mail" in reason for _, reason in report.failed)
    assert {r.status for r in logged(store).values()} == {MailStatus.FAILED}
    mailer.down = False
    retried = service(store, mailer).run()
    assert len(retried.sent) == 5 and all(item.retry for item in retried.sent)
    assert {r.status for r in logged(store).values()} == {MailStatus.SENT}
    assert all(r.error is None for r in logged(store).values())


def test_a_failure_older_than_the_retry_window_is_left_as_failed():
    store, mailer = filled_store(), FakeMailer(down=True)
    service(store, mailer).run()
    mailer.down = False
    later = NotifyService(store, mailer, lambda: NOW + RETRY_FOR + timedelta(hours=1))
    assert len(later.plan()) == 0 and later.run().sent == [] and mailer.sent == []
    assert {r.status for r in logged(store).values()} == {MailStatus.FAILED}


def test_a_dry_run_sends_nothing_and_claims_nothing():
    store, mailer = filled_store(), FakeMailer()
    report = service(store, mailer).run(dry_run=True)
    assert len(report.would_send) == 5 and mailer.sent == [] and logged(store) == {}
    nudge = next(i for i in report.would_send if i.due.kind is MailKind.NUDGE)
    assert "https://coach.example.org/" in nudge.mail.body


def test_without_a_mail_server_the_run_says_what_to_set_and_claims_nothing():
    store = filled_store()
    with pytest.raises(UserError, match="COACH_SMTP_URL.*--dry-run"):
        NotifyService(store, NoMailer(), lambda: NOW).run()
    assert logged(store) == {}
    assert len(NotifyService(store, NoMailer(), lambda: NOW).run(dry_run=True).would_send) == 5
