"""Background preparation: queue "prepare the next session" when a pair changes, and run it.

``notify(pair_id)`` is the hook the pair's services call after a change: it fingerprints the
pair's inputs and enqueues a job (deduplicated, superseding older inputs). ``run`` is one job:
the pair file read as the pair's mentor, an agenda, then starters, each kept as an artifact.
A ``Checkpoint`` between the steps and at every token stops the job when a person needs the
model (it goes back to the queue) or when its inputs changed meanwhile (it was superseded).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from coach.domain.artifact_kind import ArtifactKind
from coach.domain.jobs import Job
from coach.services.interactive import InteractiveGate
from coach.services.jobs import JobService
from coach.services.preparation import PreparationService

log = logging.getLogger(__name__)


class Preempted(Exception):
    """A person needs the model (or the app is stopping): the job goes back to the queue."""


class Superseded(Exception):
    """The job's pair changed and a newer job took over: its work is dropped."""


class Checkpoint:
    """Where a background job may stop: every token (``on_token``) and between steps."""

    def __init__(
        self, gate: InteractiveGate, jobs: JobService, job: Job, instance: str,
        stopping: threading.Event,
    ) -> None:  # fmt: skip
        self.gate = gate
        self.jobs = jobs
        self.job = job
        self.instance = instance
        self.stopping = stopping

    def __call__(self, _pieces: int = 0) -> None:
        """Raise ``Preempted`` when someone waits for the model; cheap, so every token."""
        if self.gate.busy or self.stopping.is_set():
            raise Preempted()

    def step(self) -> None:
        """Between steps: also raise ``Superseded`` when the job is no longer ours."""
        self()
        if not self.jobs.still_ours(self.job, self.instance):
            raise Superseded()


@dataclass(frozen=True)
class Prepared:
    """What a preparation read and stored."""

    inputs_hash: str
    after_session: int | None
    outputs: tuple[str, ...]


class BackgroundPreparation:
    """Prepares pairs' next sessions ahead of time."""

    def __init__(self, jobs: JobService, preparation: PreparationService) -> None:
        self.jobs = jobs
        self.preparation = preparation

    def notify(self, pair_id: str) -> None:
        """The pair changed: queue its next session's preparation. Never raises: the change
        that called this is already saved, and a missed job is queued again when the plan is
        next opened (it shows as stale)."""
        try:
            if not self.jobs.is_running(pair_id):
                return  # an ended pair has no next session to prepare
            mentor = self.jobs.mentor_of(pair_id)
            inputs = self.preparation.plan_inputs(mentor, pair_id)
            self.jobs.enqueue(pair_id, inputs.inputs_hash)
        except Exception as error:
            log.warning("could not queue the preparation of %s: %s", pair_id, type(error).__name__)

    def run(self, job: Job, checkpoint: Checkpoint) -> Prepared:
        """Make and keep the agenda and starters for the job's pair, as its mentor."""
        mentor = self.jobs.mentor_of(job.pair_id)
        inputs = self.preparation.plan_inputs(mentor, job.pair_id)
        generation, artifacts = self.preparation.generation, self.preparation.artifacts
        checkpoint.step()
        agenda = generation.agenda(inputs.profile, checkpoint)
        checkpoint.step()
        starters = generation.starters(inputs.profile, checkpoint)
        checkpoint.step()
        saved = [
            artifacts.save(mentor, job.pair_id, kind, made, session_id=inputs.session_id).id
            for kind, made in ((ArtifactKind.AGENDA, agenda), (ArtifactKind.STARTERS, starters))
        ]
        return Prepared(inputs.inputs_hash, inputs.after_session, tuple(saved))
