"""Filling a real database through the services, for the integration tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from coach.domain.artifact_kind import ArtifactKind
from coach.domain.jobs import Priority
from coach.domain.mail import MailKind, MailRecord, MailStatus
from coach.domain.pairs import Pair
from coach.domain.ratings import answer_key
from coach.domain.reflections import Reflection
from coach.domain.users import PasswordReset, User
from coach.services.access import OPERATOR
from coach.services.artifacts import ArtifactService
from coach.services.catalogue import CatalogueService
from coach.services.demo import DemoLoader
from coach.services.jobs import JobService
from coach.services.logins import LoginService
from coach.services.own_data import OwnDataService
from coach.services.pairs import PairService
from coach.services.passwords import Passwords
from coach.services.plans import PlanService
from coach.services.pulse import PulseService
from coach.services.ratings import RatingService
from coach.services.users import UserService
from coach.store.api import Store
from tests.artifact_samples import AGENDA, PROVENANCE, STARTERS, shortened

TODAY = date(2026, 10, 12)
PASSWORD = "demo password 1"


def fill(store: Store) -> None:
    """The demo program, plus the record kinds the demo does not create."""
    DemoLoader(store, Passwords.fast(), TODAY).load(PASSWORD)
    clock = lambda: datetime(2026, 10, 12, 14, tzinfo=UTC)  # noqa: E731
    with store.transaction(write=False) as tx:
        mentor = tx.get(User, tx.find(Reflection)[0].author_id)
    pair = next(c.pair for c in PairService(store).list(mentor))
    artifacts = ArtifactService(store, clock)
    agenda = artifacts.save(mentor, pair.id, ArtifactKind.AGENDA, AGENDA, PROVENANCE)
    artifacts.edit(mentor, agenda.id, shortened(AGENDA))  # the edited version beside it
    starters = artifacts.save(mentor, pair.id, ArtifactKind.STARTERS, STARTERS)
    jobs = JobService(store, clock)  # a finished preparation, and a newer one queued
    jobs.enqueue(pair.id, "a" * 64)
    done = jobs.claim("host-a:0f1e2d3c")
    assert done is not None
    jobs.finish(done, "host-a:0f1e2d3c", "a" * 64, 2, (agenda.id, starters.id))
    jobs.enqueue(pair.id, "b" * 64, Priority.INTERACTIVE)
    PlanService(store, clock).goals(mentor, pair.id)
    CatalogueService(store, clock).record(OPERATOR, "knowledge/trust.md", "Trust", "c" * 64, 7)
    users = UserService(store, Passwords.fast(), clock)
    LoginService(store, users, timedelta(hours=24), clock).sign_in(mentor.username, PASSWORD)
    OwnDataService(store, lambda _pair: None, clock).request_deletion(mentor)
    fill_evaluation(store, pair, clock())
    ratings = RatingService(store, clock)  # a rated agenda, and a rated chat answer
    ratings.rate(mentor, ArtifactKind.AGENDA, agenda.id, False, "Too long for 45 minutes")
    ratings.rate(mentor, "chat", answer_key("Agree on how to disagree."), True, pair_id=pair.id)


def fill_evaluation(store: Store, pair: Pair, now: datetime) -> None:
    """What the demo does not make: a check-in request, a mail record, a reset link and an
    email address (the demo itself answers pulses and self-assessments)."""
    with store.transaction() as tx:
        mentor = tx.get(User, pair.mentor_id)
    PulseService(store, lambda: now).request_checkin(mentor, pair.id)
    with store.transaction() as tx:
        tx.update(replace(mentor, email="mentor@example.org"))
        tx.insert(MailRecord(f"nudge:{pair.id}", MailKind.NUDGE, pair.mentor_id,
                             MailStatus.SENT, now, now))  # fmt: skip
        tx.insert(PasswordReset("d" * 64, pair.mentor_id, now, now + timedelta(hours=1)))
