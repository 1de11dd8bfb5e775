"""A small program on the in-memory store: every role, two pairs, content in every state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from coach.domain.artifact_kind import ArtifactKind
from coach.domain.pairs import Pair
from coach.domain.summaries import ConsentState, Summary
from coach.domain.users import User
from coach.services.access import OPERATOR
from coach.services.artifacts import ArtifactService
from coach.services.audit_log import AuditService
from coach.services.backups import BackupService
from coach.services.catalogue import CatalogueService
from coach.services.demo import MovableClock
from coach.services.health import HealthService
from coach.services.matching import MatchingService
from coach.services.pairs import PairService
from coach.services.passwords import Passwords
from coach.services.plans import PlanService
from coach.services.programs import ProgramService
from coach.services.ratings import RatingService
from coach.services.reflections import ReflectionService
from coach.services.sessions import SessionService
from coach.services.snapshots import SnapshotService
from coach.services.suggestions import SuggestionService
from coach.services.summaries import SummaryService
from coach.services.users import UserService
from coach.store.memory import MemoryStore
from tests.artifact_samples import AGENDA, PROVENANCE
from tests.unit.evals.helpers import FakeEmbedder

PASSWORD = "correct horse battery"
START = datetime(2026, 3, 2, 9, tzinfo=UTC)
# Texts that must never appear in an error message or reach the wrong reader.
SECRETS = {
    "reflection": "I felt talked over when he checked his phone",
    "fit_reason": "I suspect this pairing is a box-ticking exercise",
    "summary": "We agreed ground rules for interrupting",
    "goal": "Learn to run a stand-up with the team",
}


class Bundle:
    """Every service over one store and clock."""

    def __init__(self, store, clock, passwords: Passwords, chroma_dir: Path) -> None:
        self.users = UserService(store, passwords, clock)
        self.programs = ProgramService(store, clock)
        self.pairs = PairService(store, clock)
        self.plans = PlanService(store, clock)
        self.sessions = SessionService(store, clock)
        self.reflections = ReflectionService(store, clock)
        self.summaries = SummaryService(store, clock)
        self.health = HealthService(store, clock)
        self.artifacts = ArtifactService(store, clock)
        self.catalogue = CatalogueService(store, clock)
        self.audit = AuditService(store)
        self.snapshots = SnapshotService(store)
        self.backups = BackupService(store, chroma_dir)
        self.suggestions = SuggestionService(store, MatchingService(FakeEmbedder()), self.pairs)
        self.ratings = RatingService(store, clock)


@dataclass
class World:
    store: MemoryStore
    clock: MovableClock
    s: Bundle
    people: dict[str, User]
    pair: Pair  # mentor + mentee
    other_pair: Pair  # outsider + someone else
    ids: dict[str, str]
    summaries: dict[ConsentState, Summary]  # authored by the mentee
    tmp: Path

    def tick(self, **delta) -> None:
        self.clock.now += timedelta(**delta) if delta else timedelta(minutes=1)


def build_world(tmp: Path) -> World:
    store, clock = MemoryStore(), MovableClock(START)
    s = Bundle(store, clock, Passwords.fast(), tmp / "chroma")
    roles = {
        "admin": "admin", "lead": "lead", "former": "lead", "mentor": "participant",
        "mentee": "participant", "outsider": "participant", "other": "participant",
        "spare1": "participant", "spare2": "participant",
    }  # fmt: skip
    people = {name: s.users.add(OPERATOR, name, role, PASSWORD) for name, role in roles.items()}
    program = s.programs.add(OPERATOR, "Pilot", date(2026, 3, 1), date(2026, 9, 1), ("Learn",))
    pair = s.pairs.add(OPERATOR, "mentor", "mentee").pair
    other_pair = s.pairs.add(OPERATOR, "outsider", "other").pair
    mentor, mentee = people["mentor"], people["mentee"]
    session = s.sessions.schedule(mentee, pair.id, START + timedelta(days=1))
    s.sessions.mark(mentor, session.id, "held")
    clock.now = START + timedelta(days=2)
    goal = s.plans.add_goal(mentee, pair.id, SECRETS["goal"], "Runs one stand-up")
    action = s.plans.add_action(mentor, pair.id, "Send the article", session_id=session.id)
    reflection = s.reflections.write(mentor, pair.id, SECRETS["reflection"], session.id)
    s.sessions.answer_fit(mentee, pair.id, "not_a_good_fit", SECRETS["fit_reason"])
    summaries = {}
    for state in ConsentState:
        summary = s.summaries.draft(mentee, pair.id, f"{SECRETS['summary']} ({state.value})")
        for step in list(ConsentState)[1 : state.rank + 1]:
            summary = s.summaries.move(mentee, summary.id, step)
        summaries[state] = summary
    agenda = s.artifacts.save(mentor, pair.id, ArtifactKind.AGENDA, AGENDA, PROVENANCE)
    s.catalogue.record(OPERATOR, "guides/trust.md", "Trust", "a" * 64, 3)
    s.users.set_active(OPERATOR, "former", False)
    ids = {
        "program": program.id, "session": session.id, "goal": goal.id, "action": action.id,
        "reflection": reflection.reflection.id, "agenda": agenda.id,
    }  # fmt: skip
    return World(store, clock, s, people, pair, other_pair, ids, summaries, tmp)


@pytest.fixture
def world(tmp_path) -> World:
    return build_world(tmp_path)
