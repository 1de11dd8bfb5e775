"""`coach notify` against a real SMTP server (aiosmtpd on loopback) and real databases.

A program is built through the services on SQLite: a lapsed pair gets exactly one nudge per
member however often the job runs, an opted-out member gets no mail at all, and no mail body
holds a run of 6 words from a private reflection, a summary, a pulse note or a goal. The demo's
mails hold nothing private either. Two NotifyService instances on one PostgreSQL database,
running at the same moment, send each mail once (and retry a failure once).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import create_engine, text

from coach.cli import main
from coach.config import get_settings
from coach.domain.goals import Goal
from coach.domain.mail import MailKind, MailRecord, MailStatus
from coach.domain.pulse import PulseAnswer
from coach.domain.reflections import Reflection
from coach.domain.summaries import SummaryVersion
from coach.domain.users import Role, User
from coach.services.access import OPERATOR
from coach.services.demo import DemoLoader, MovableClock
from coach.services.mailer import mailer_for
from coach.services.notify import NotifyReport, NotifyService
from coach.services.pairs import PairService
from coach.services.passwords import Passwords
from coach.services.plans import PlanService
from coach.services.programs import ProgramService
from coach.services.pulse import PulseService
from coach.services.reflections import ReflectionService
from coach.services.sessions import SessionService
from coach.services.summaries import SummaryService
from coach.services.users import UserService
from coach.store.database import open_database
from coach.store.engine import normalise_url
from coach.store.sql import SqlStore
from tests.integration.store.conftest import fresh_database, postgres_url
from tests.integration.test_report import runs
from tests.smtp_support import Inbox, smtp_server

pytestmark = pytest.mark.integration
START = date(2026, 4, 6)
PASSWORD = "a long enough password"
FROM = "Flipside <coach@example.org>"
CANARIES = {  # unique phrases planted in private text: no 6-word run of them may be mailed
    "reflection": "the quarterly figures made me doubt every promise our director repeated",
    "summary": "we compared seven spreadsheet habits across the northern warehouse teams",
    "pulse": "honestly I stayed quiet because his assistant was taking minutes nearby",
    "goal": "learn enough python scripting to automate the weekly freight allocation report",
}


def at(day: float, hour: int = 9) -> datetime:
    return datetime.combine(START, datetime.min.time(), tzinfo=UTC) + timedelta(
        days=day, hours=hour
    )


@dataclass
class Built:
    store: SqlStore
    clock: MovableClock
    users: dict[str, User]


def build(store, pairs: int = 2, opted_out: tuple[str, ...] = ("cara",)) -> Built:
    """A lead and ``pairs`` pairs that met on day 1, private text in every kind, through the
    services. The first pair's mentor answers the pulse and asks the lead for a check-in."""
    clock = MovableClock(at(-10))
    users = UserService(store, Passwords.fast(), clock)
    names = ["ana", "ben", "cara", "dan"] + [f"p{i}" for i in range(2 * pairs - 4)]
    people = {"lead": users.add(OPERATOR, "lead", Role.LEAD, PASSWORD, "Lee Lead")}
    for name in names[: 2 * pairs]:
        people[name] = users.add(OPERATOR, name, Role.PARTICIPANT, PASSWORD, name.title())
    for name in people:
        users.set_email(OPERATOR, name, f"{name}@example.org")
    for name in opted_out:
        users.set_mail_opt_out(people[name], True)
    ProgramService(store, clock).add(OPERATOR, "Pilot", START, START + timedelta(days=180))
    sessions, plans = SessionService(store, clock), PlanService(store, clock)
    pulse = PulseService(store, clock)
    for i in range(pairs):
        mentor, mentee = people[names[2 * i]], people[names[2 * i + 1]]
        pair = PairService(store, clock).add(OPERATOR, mentor.username, mentee.username).pair
        clock.now = at(-2)
        session = sessions.schedule(mentee, pair.id, at(1, 15))
        clock.now = at(1, 17)
        sessions.mark(mentor, session.id, "held")
        ReflectionService(store, clock).write(mentor, pair.id, CANARIES["reflection"], session.id)
        summary = SummaryService(store, clock).draft(mentee, pair.id, CANARIES["summary"])
        for step in ("approved", "shared_partner", "shared_program"):
            SummaryService(store, clock).move(mentee, summary.id, step)
        plans.add_goal(mentee, pair.id, CANARIES["goal"], "one report runs by itself")
        if i == 0:
            pulse.answer(mentor, session.id, (2, 3, 4), CANARIES["pulse"])
            pulse.request_checkin(mentor, pair.id)
        clock.now = at(-10)
    return Built(store, clock, people)


@pytest.fixture
def program(tmp_path) -> Iterator[Built]:
    with fresh_database("sqlite", tmp_path) as database:
        yield build(SqlStore(database))


def notifier(store, url: str, day: float, hour: int = 9) -> NotifyService:
    return NotifyService(store, mailer_for(url, FROM), lambda: at(day, hour), "https://c.example")


def assert_nothing_private(bodies: list[str], private: list[str]) -> None:
    planted = set().union(*(runs(t) for t in private))
    for body in bodies:
        leaked = runs(body) & planted
        assert not leaked, f"a mail repeats private text: {' '.join(next(iter(leaked)))}"


def test_a_lapsed_pair_gets_one_nudge_per_member_an_opted_out_user_none_and_nothing_private(
    program,
):
    with smtp_server() as inbox:
        reports = [notifier(program.store, inbox.url, day, hour).run()
                   for day, hour in ((3, 9), (17, 9), (17, 10), (19, 9))]  # fmt: skip
    nudges = [m for m in inbox.messages if m["Subject"].startswith("Time to plan")]
    assert sorted(m["To"] for m in nudges) == [
        "ana@example.org", "ben@example.org", "dan@example.org"
    ]  # fmt: skip
    assert inbox.to("cara@example.org") == []  # opted out: not a nudge, not a reminder
    ben = Inbox.body(next(m for m in nudges if m["To"] == "ben@example.org"))
    assert "Ana" in ben and f"{at(1).day} April" in ben and "https://c.example/" in ben
    assert [len(r.sent) for r in reports[2:]] == [0, 0]  # the same lapse nudges once
    pulses = [m["To"] for m in inbox.messages if m["Subject"].startswith("How did")]
    assert sorted(pulses) == ["ben@example.org", "dan@example.org"]  # ana answered
    checkin = [m for m in inbox.to("lead@example.org") if "check-in" in m["Subject"]]
    assert len(checkin) == 1 and "Ana (mentor)" in Inbox.body(checkin[0])
    assert any("digest" in m["Subject"] for m in inbox.to("lead@example.org"))
    assert_nothing_private([Inbox.body(m) for m in inbox.messages], list(CANARIES.values()))
    with program.store.transaction(write=False) as tx:
        logged = tx.find(MailRecord)
    assert len(logged) == len(inbox.messages)
    assert {r.status for r in logged} == {MailStatus.SENT}


def test_the_command_line_sends_through_the_server_and_a_dry_run_only_prints(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    try:
        database = open_database(get_settings().db_url)
        build(SqlStore(database))
        database.dispose()
        when = at(17).isoformat()
        assert main(["notify", "--dry-run", "--now", when]) == 0
        dry = capsys.readouterr().out
        assert "would send nudge" in dry and "ana@example.org" in dry and "nothing was sent" in dry
        with smtp_server() as inbox:
            monkeypatch.setenv("COACH_SMTP_URL", inbox.url)
            get_settings.cache_clear()
            assert main(["notify", "--now", when]) == 0
            sent = capsys.readouterr().out
            assert main(["notify", "--now", when]) == 0
            again = capsys.readouterr().out
    finally:
        get_settings.cache_clear()
    lines = sent.splitlines()
    assert len(inbox.messages) == dry.count("would send") == sum(x[:5] == "sent " for x in lines)
    assert f"{len(inbox.messages)} sent, 0 skipped, 0 failed" in sent
    assert "0 sent, 0 skipped, 0 failed" in again


def test_the_demo_would_mail_nothing_private(tmp_path):
    today = date(2026, 10, 12)
    with fresh_database("sqlite", tmp_path) as database:
        store = SqlStore(database)
        DemoLoader(store, Passwords.fast(), today).load(PASSWORD)
        users = UserService(store, Passwords.fast())
        for user in users.list(OPERATOR):
            users.set_email(OPERATOR, user.username, f"{user.username}@example.org")
        with store.transaction(write=False) as tx:
            private = [r.text for r in tx.find(Reflection)] + [
                v.text for v in tx.find(SummaryVersion)
            ]
            private += [a.note for a in tx.find(PulseAnswer) if a.note]
            private += [g.text for g in tx.find(Goal)]
        now = datetime.combine(today, datetime.min.time(), tzinfo=UTC)
        planned = [
            item
            for day in range(0, 22, 3)
            for item in NotifyService(store, mailer_for(None, FROM)).plan(now + timedelta(day))
        ]
    assert len({item.due.kind for item in planned}) >= 3, "the demo should send several kinds"
    assert_nothing_private([i.mail.body + i.mail.subject for i in planned], private)


# --- two instances on one PostgreSQL database ----------------------------------------------


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A database URL on a fresh PostgreSQL schema, dropped afterwards."""
    url = postgres_url()
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalise_url(url))
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        joiner = "&" if "?" in url else "?"
        yield f"{url}{joiner}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def together(services: list[NotifyService]) -> list[NotifyReport]:
    """Run every service at the same moment, one thread each."""
    start = threading.Barrier(len(services))

    def run(service: NotifyService) -> NotifyReport:
        start.wait()
        return service.run()

    with ThreadPoolExecutor(len(services)) as pool:
        return list(pool.map(run, services))


def test_two_instances_on_one_postgres_database_send_each_mail_once():
    with postgres_schema() as url, smtp_server() as inbox:
        stores = [SqlStore(open_database(url)) for _ in range(2)]
        try:
            build(stores[0], pairs=8, opted_out=())
            planned = {i.due.key for i in notifier(stores[1], inbox.url, 17).plan()}
            assert len(planned) >= 30
            with smtp_server() as gone:
                dead = gone.url  # a server that has stopped: every send fails
            failing = together([notifier(s, dead, 17) for s in stores])
            assert {i.due.key for r in failing for i, _ in r.failed} == planned
            assert inbox.messages == [] and not any(r.sent for r in failing)
            retried = together([notifier(s, inbox.url, 17, 10) for s in stores])
            with stores[0].transaction(write=False) as tx:
                logged = tx.find(MailRecord)
        finally:
            for store in stores:
                store.close()
    sent = [item for report in retried for item in report.sent]
    assert sorted(item.due.key for item in sent) == sorted(planned)
    assert all(item.retry for item in sent)
    assert len(inbox.messages) == len(planned)
    assert len({(m["To"], m["Subject"]) for m in inbox.messages}) == len(planned)
    assert {r.status for r in logged} == {MailStatus.SENT} and len(logged) == len(planned)
    kinds = {item.due.kind for item in sent}
    assert {MailKind.NUDGE, MailKind.DIGEST, MailKind.CHECKIN} <= kinds
