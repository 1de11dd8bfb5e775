"""One door per role: the few services each role's screens use, and nothing else.

The container builds every service; a screen gets only its role's door. A door holds no state
of its own: each attribute is read from the container when first used, so opening a door
starts nothing (no model, no index).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeVar

from coach.config import Settings
from coach.services.artifacts import ArtifactService
from coach.services.chat import ChatService
from coach.services.health import HealthService
from coach.services.ingest import IngestReport, IngestService
from coach.services.insights import InsightService
from coach.services.logins import LoginService
from coach.services.operations import OperationsService
from coach.services.outcomes import OutcomeService
from coach.services.own_data import OwnDataService
from coach.services.pairs import PairService
from coach.services.password_reset import PasswordResetService
from coach.services.passwords import Passwords
from coach.services.plans import PlanService
from coach.services.preparation import PreparationService
from coach.services.programs import ProgramService
from coach.services.pulse import PulseService
from coach.services.ratings import RatingService
from coach.services.reflections import ReflectionService
from coach.services.report import ReportService
from coach.services.sessions import SessionService
from coach.services.suggestions import SuggestionService
from coach.services.summaries import SummaryService
from coach.services.themes import ThemeService
from coach.services.timeline import TimelineService
from coach.services.user_import import UserImportService
from coach.services.users import UserService

if TYPE_CHECKING:
    from coach.services.container import Services

T = TypeVar("T")


class Through(Generic[T]):
    """A read-only attribute a door passes through from the container, by the same name."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, door: Any, owner: type | None = None) -> T:
        if door is None:
            return self  # type: ignore[return-value]
        return getattr(door._services, self.name)


class Door:
    """What every signed-in screen needs: who is signed in, and their pairs."""

    users: Through[UserService] = Through()
    pairs: Through[PairService] = Through()

    def __init__(self, services: Services) -> None:
        self._services = services


class PairDoor(Door):
    """A pair's shared view: its sessions, plan and health (mentor and participant screens)."""

    sessions: Through[SessionService] = Through()
    plans: Through[PlanService] = Through()
    health: Through[HealthService] = Through()
    preparation: Through[PreparationService] = Through()
    artifacts: Through[ArtifactService] = Through()
    outcomes: Through[OutcomeService] = Through()
    pulse: Through[PulseService] = Through()
    ratings: Through[RatingService] = Through()


class MentorDoor(PairDoor):
    """The mentor's screens: prepare a session, chat with the coach."""

    chat: Through[ChatService] = Through()


class ParticipantDoor(PairDoor):
    """Either member's screens: reflections, summaries, the plan, drafts for the partner."""

    reflections: Through[ReflectionService] = Through()
    summaries: Through[SummaryService] = Through()
    timeline: Through[TimelineService] = Through()


class LeadDoor(Door):
    """The program lead's screens: pair health, the shared summaries, the program's pulse,
    match suggestions."""

    health: Through[HealthService] = Through()
    insights: Through[InsightService] = Through()
    summaries: Through[SummaryService] = Through()
    suggestions: Through[SuggestionService] = Through()
    themes: Through[ThemeService] = Through()
    report: Through[ReportService] = Through()
    outcomes: Through[OutcomeService] = Through()
    pulse: Through[PulseService] = Through()


class AccountDoor(Door):
    """Anyone's own account: password, own data, deletion."""

    own_data: Through[OwnDataService] = Through()


class AdminDoor(AccountDoor):
    """The admin's screens: people, pairs, programs, guides, the stack, deletion requests."""

    programs: Through[ProgramService] = Through()
    passwords: Through[Passwords] = Through()
    ingest: Through[IngestService] = Through()
    operations: Through[OperationsService] = Through()
    user_import: Through[UserImportService] = Through()
    ratings: Through[RatingService] = Through()


class OperatorDoor(Door):
    """Starting and stopping the web app: settings, sign-in sessions, warm-up, shutdown."""

    settings: Through[Settings] = Through()
    logins: Through[LoginService] = Through()
    password_resets: Through[PasswordResetService] = Through()

    def warm_up(self) -> None:
        self._services.warm_up()

    def ensure_guides(self) -> IngestReport:
        return self._services.ensure_guides()

    def indexed_chunks(self) -> int:
        return self._services.indexed_chunks()

    def close(self) -> None:
        self._services.close()
