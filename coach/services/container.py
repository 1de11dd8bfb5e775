"""Build every service from one settings object: the composition root."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import cached_property

from langchain_core.language_models import BaseChatModel

from coach.config import Settings
from coach.knowledge.embedder import MiniLMEmbedder, shared_embedder
from coach.knowledge.index import GUIDES, PAIRS, ChromaIndex
from coach.knowledge.retrieval import Retriever
from coach.llm.factory import ModelRuntime
from coach.services.artifacts import ArtifactService
from coach.services.audit_log import AuditService
from coach.services.background import BackgroundPreparation
from coach.services.backups import BackupService
from coach.services.catalogue import CatalogueService
from coach.services.errors import UserError
from coach.services.health import HealthService
from coach.services.ingest import IngestReport, IngestService
from coach.services.insights import InsightService
from coach.services.interactive import InteractiveGate
from coach.services.jobs import JobService
from coach.services.logins import LoginService
from coach.services.mailer import Mailer, mailer_for
from coach.services.matching import MatchingService
from coach.services.model_wiring import ModelWiring
from coach.services.notify import NotifyService
from coach.services.operations import OperationsService
from coach.services.outcomes import OutcomeService
from coach.services.own_data import OwnDataService
from coach.services.pair_material import PairMaterialService
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
from coach.services.retention import RetentionService
from coach.services.sessions import SessionService
from coach.services.snapshots import SnapshotService
from coach.services.suggestions import SuggestionService
from coach.services.summaries import SummaryService
from coach.services.user_import import UserImportService
from coach.services.users import UserService
from coach.services.worker import BackgroundWorker, instance_id
from coach.store.database import open_database
from coach.store.sql import SqlStore


class Services(ModelWiring):
    """Lazily built services sharing one runtime, index and settings (those that speak to the
    model are wired in ``ModelWiring``)."""

    def __init__(
        self,
        settings: Settings,
        chat_model: Callable[[], BaseChatModel] | None = None,
        runtime: ModelRuntime | None = None,
        embedder: MiniLMEmbedder | None = None,
    ) -> None:
        settings.ensure_dirs()
        self.settings = settings
        self.runtime = runtime or ModelRuntime(settings)
        self._embedder = embedder
        self._injected = chat_model is not None
        self._chat_model = chat_model or self._artifact_model

    def _open_index(self, name: str) -> ChromaIndex:
        """A collection; an unreachable Chroma server is a ``UserError`` saying what to do."""
        s = self.settings
        try:
            return ChromaIndex(s, name=name, embedder=self.embedder)
        except Exception as error:
            if not s.chroma_host:
                raise
            raise UserError(
                f"The Chroma server at {s.chroma_host}:{s.chroma_port} is not reachable "
                f"({type(error).__name__}). Start it (`chroma run --port {s.chroma_port}`) or "
                "unset COACH_CHROMA_HOST to use the local folder; `coach doctor` checks it."
            ) from None

    @cached_property
    def embedder(self) -> MiniLMEmbedder:
        """The injected embedder, else the process's shared MiniLM (loaded on first use)."""
        return self._embedder or shared_embedder()

    @cached_property
    def index(self) -> ChromaIndex:
        return self._open_index(GUIDES)

    @cached_property
    def pair_index(self) -> ChromaIndex:
        return self._open_index(PAIRS)

    @cached_property
    def retriever(self) -> Retriever:
        return Retriever(self.index, self.pair_index)

    @cached_property
    def pair_material(self) -> PairMaterialService:
        return PairMaterialService(self.pair_index, self.settings.chunk_tokens)

    @cached_property
    def ingest(self) -> IngestService:
        return IngestService(self.index, self.settings.chunk_tokens)

    @cached_property
    def store(self) -> SqlStore:
        """The database (SQLite in the data dir, or COACH_DATABASE_URL), migrated on first use."""
        return SqlStore(open_database(self.settings.db_url))

    @cached_property
    def mailer(self) -> Mailer:
        """SMTP from COACH_SMTP_URL, or a mailer that says mail is not set up."""
        return mailer_for(self.settings.smtp_url, self.settings.mail_from)

    @cached_property
    def notify(self) -> NotifyService:
        """Nudges, reminders, the lead's digest and check-in requests, each sent once."""
        s = self.settings
        return NotifyService(self.store, self.mailer, public_url=s.public_url,
                             min_group=s.min_group)  # fmt: skip

    @cached_property
    def passwords(self) -> Passwords:
        return Passwords()

    @cached_property
    def users(self) -> UserService:
        return UserService(self.store, self.passwords)

    @cached_property
    def password_resets(self) -> PasswordResetService:
        """Reset links by mail, pointing at COACH_PUBLIC_URL (or a loopback request's own)."""
        return PasswordResetService(self.store, self.users, self.mailer, self.settings.public_url)

    @cached_property
    def user_import(self) -> UserImportService:
        return UserImportService(self.store, mail_ready=self.mailer.configured)

    @cached_property
    def logins(self) -> LoginService:
        return LoginService(self.store, self.users, timedelta(hours=self.settings.session_hours))

    @cached_property
    def own_data(self) -> OwnDataService:
        return OwnDataService(self.store, self._forget_pair)

    @cached_property
    def retention(self) -> RetentionService:
        return RetentionService(self.store, self._forget_pair)

    def _forget_pair(self, pair_id: str) -> None:
        """Drop a pair's derived index slice; the index opens only when this is called."""
        self.pair_material.forget_pair(pair_id)

    @cached_property
    def programs(self) -> ProgramService:
        return ProgramService(self.store)

    @cached_property
    def pairs(self) -> PairService:
        return PairService(self.store)

    @cached_property
    def matching(self) -> MatchingService:
        """The matcher, on the shared embedder (loaded when it first embeds)."""
        return MatchingService(self._embedder)

    @cached_property
    def suggestions(self) -> SuggestionService:
        return SuggestionService(self.store, self.matching, self.pairs)

    @cached_property
    def plans(self) -> PlanService:
        return PlanService(self.store, on_change=self._pair_changed)

    @cached_property
    def sessions(self) -> SessionService:
        return SessionService(self.store, on_change=self._pair_changed)

    @cached_property
    def reflections(self) -> ReflectionService:
        return ReflectionService(
            self.store, follow_ups=(lambda _actor, saved: self._pair_changed(saved.pair_id),)
        )

    @cached_property
    def summaries(self) -> SummaryService:
        return SummaryService(self.store, on_change=self._pair_changed)

    @cached_property
    def health(self) -> HealthService:
        return HealthService(self.store)

    @cached_property
    def artifacts(self) -> ArtifactService:
        return ArtifactService(self.store)

    @cached_property
    def catalogue(self) -> CatalogueService:
        return CatalogueService(self.store)

    @cached_property
    def audit_log(self) -> AuditService:
        return AuditService(self.store)

    @cached_property
    def snapshots(self) -> SnapshotService:
        return SnapshotService(self.store)

    @cached_property
    def backups(self) -> BackupService:
        return BackupService(self.store, self.settings.chroma_dir, self.store.database.sqlite_path)

    @cached_property
    def preparation(self) -> PreparationService:
        return PreparationService(
            self.pairs, self.plans, self.sessions, self.summaries, self.reflections,
            self.artifacts, self.generation, self.jobs,
        )  # fmt: skip

    @cached_property
    def gate(self) -> InteractiveGate:
        """Held while a person waits for the model: background work yields to it."""
        return InteractiveGate()

    @cached_property
    def jobs(self) -> JobService:
        return JobService(self.store)

    @cached_property
    def background(self) -> BackgroundPreparation:
        return BackgroundPreparation(self.jobs, self.preparation)

    @cached_property
    def worker(self) -> BackgroundWorker:
        instance = instance_id(self.settings.data_dir)
        return BackgroundWorker(self.jobs, self.background.run, self.gate, instance)

    def _pair_changed(self, pair_id: str) -> None:
        """A pair changed: queue its next session's preparation (never raises)."""
        self.background.notify(pair_id)

    def start_background(self) -> None:
        """Prepare sessions in the background from now on (the web app calls this once)."""
        self.worker.start()

    @cached_property
    def insights(self) -> InsightService:
        return InsightService(self.health, self.summaries)

    @cached_property
    def pulse(self) -> PulseService:
        """The safety pulse: members' private answers, the lead's trend and check-ins."""
        return PulseService(self.store, min_group=self.settings.min_group)

    @cached_property
    def ratings(self) -> RatingService:
        """Helpful / not helpful on answers and artifacts; counts and the evals export."""
        return RatingService(self.store)

    @cached_property
    def outcomes(self) -> OutcomeService:
        """Self-assessments: members' own answers, and the lead's paired change per side."""
        return OutcomeService(self.store, min_group=self.settings.min_group)

    @cached_property
    def report(self) -> ReportService:
        return ReportService(
            self.store, self.themes, min_group=self.settings.min_group,
            pulse=lambda reader, program: self.pulse.trend(reader, program).summary(),
            outcomes=lambda who, program: self.outcomes.change(who, program).changes.summary(),
        )  # fmt: skip

    @cached_property
    def operations(self) -> OperationsService:
        return OperationsService(
            self.settings, self.store, self.ingest, self.catalogue, self.runtime
        )

    def warm_up(self) -> None:
        """Start (or connect to) the model and have it read the chat's fixed system prompt, so
        the first answer waits for neither. Raises what the model raises."""
        self.runtime.endpoint()
        self.chat.answerer.prime()

    def indexed_chunks(self) -> int:
        """How many guide chunks the index holds (for the start-up log line)."""
        return self.index.count()

    def ensure_guides(self) -> IngestReport:
        """Index the shipped guides; unchanged files are skipped, so this is cheap to repeat."""
        return self.ingest.ingest([self.settings.knowledge_dir])

    def close(self) -> None:
        """Stop background work and the embedded model; release database connections."""
        if "worker" in self.__dict__:
            self.worker.stop()
        self.runtime.close()
        if "store" in self.__dict__:
            self.store.close()
