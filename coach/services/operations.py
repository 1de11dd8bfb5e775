"""Admin operations from the web app: upload guides, re-index, and check the stack."""

from __future__ import annotations

import hashlib
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path

from coach.config import Settings
from coach.domain import policy
from coach.domain.documents import CatalogueEntry
from coach.domain.users import User
from coach.knowledge.loaders import LOADERS
from coach.llm.factory import ModelRuntime
from coach.services.access import current, require
from coach.services.catalogue import CatalogueService
from coach.services.doctor import Check, run_checks
from coach.services.ingest import FileResult, IngestReport, IngestService, Progress
from coach.store.api import Store

UPLOAD_TYPES = tuple(sorted(LOADERS))  # the file suffixes an admin can upload as guides
ONLY_ADMIN = "only an admin uploads guides, re-indexes or checks the stack"


class OperationsService:
    """What the admin tab does besides users and pairs. Every method is admin only."""

    def __init__(
        self,
        settings: Settings,
        store: Store,
        ingest: IngestService,
        catalogue: CatalogueService,
        runtime: ModelRuntime,
        checks: Callable[..., list[Check]] = run_checks,
    ) -> None:
        self.settings = settings
        self.store = store
        self.ingest = ingest
        self.catalogue = catalogue
        self.runtime = runtime
        self.checks = checks

    @property
    def uploads_dir(self) -> Path:
        """Uploaded guides are kept here, so a re-index finds them again."""
        return self.settings.data_dir / "uploads"

    def _require_admin(self, actor: User) -> User:
        with self.store.transaction(write=False) as tx:
            actor = current(tx, actor)
            require(policy.can_administer(actor), ONLY_ADMIN)
        return actor

    def upload(
        self, actor: User, files: list[Path], progress: Progress | None = None
    ) -> IngestReport:
        """Keep copies of ``files`` in the uploads folder, index them, record them."""
        actor = self._require_admin(actor)
        self.uploads_dir.mkdir(parents=True, exist_ok=True)
        report, kept = IngestReport(), []
        for path in files:
            name = Path(path).name
            if Path(name).suffix.lower() not in LOADERS:
                supported = ", ".join(sorted(LOADERS))
                error = f"unsupported file type; supported: {supported}"
                report.results.append(FileResult(name, "failed", error=error))
                continue
            target = self.uploads_dir / name
            # Copy beside the target first: an earlier upload stays until the new copy is whole.
            partial = self.uploads_dir / f".upload-{secrets.token_hex(6)}.part"
            try:
                shutil.copyfile(path, partial)
                partial.replace(target)
            except OSError as error:  # a vanished upload, a full disk: this file fails alone
                partial.unlink(missing_ok=True)
                reason = error.strerror or type(error).__name__
                report.results.append(FileResult(name, "failed", error=f"not kept: {reason}"))
                continue
            kept.append(target)
        indexed = self.ingest.ingest(kept, progress=progress)
        for result, path in zip(indexed.results, kept, strict=True):
            if result.status == "failed":
                path.unlink(missing_ok=True)
            elif result.status in ("added", "updated"):
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                self.catalogue.record(actor, result.source, path.stem, digest, result.chunks)
        report.results.extend(indexed.results)
        return report

    def reindex(self, actor: User, progress: Progress | None = None) -> IngestReport:
        """Index the shipped guides and every upload again; unchanged files are skipped."""
        self._require_admin(actor)
        folders = [self.settings.knowledge_dir]
        if self.uploads_dir.is_dir():
            folders.append(self.uploads_dir)
        return self.ingest.ingest(folders, progress=progress)

    def documents(self, actor: User) -> list[CatalogueEntry]:
        """Guides uploaded through the app, as recorded in the catalogue."""
        self._require_admin(actor)
        return self.catalogue.entries(actor)

    def status(self, actor: User, with_model: bool = False) -> list[Check]:
        """The doctor's checks. The model is checked (and started) only when asked."""
        self._require_admin(actor)
        checks = self.checks(self.settings, self.runtime, with_model=with_model)
        if not with_model:
            s, local = self.settings, self.runtime.local
            model = s.openai_model if s.resolved_provider == "openai" else s.local_model
            state = "running" if local is not None else "not started yet (starts on first use)"
            if (shared := self.runtime.borrowed) is not None:
                state = f"shared with another Flipside process (server pid {shared.pid})"
            if s.resolved_provider == "openai":
                state = f"endpoint {s.openai_base_url or 'api.openai.com'}"
            checks.append(Check(f"llm ({s.resolved_provider})", model, True, state))
        return checks
