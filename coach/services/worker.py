"""The background worker: one thread per app instance that claims jobs and runs them.

It starts by re-queueing the jobs this instance was running when it last stopped. It claims a
job only when no person has used the model for a moment, and a job that gives way to a person
goes back to the queue. ``stop`` ends the thread within a token or a step.
"""

from __future__ import annotations

import hashlib
import logging
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path

from coach.domain.jobs import Job
from coach.services.background import Checkpoint, Preempted, Prepared, Superseded
from coach.services.interactive import InteractiveGate
from coach.services.jobs import JobService

log = logging.getLogger(__name__)
Task = Callable[[Job, Checkpoint], Prepared]
POLL_SECONDS = 2.0  # how often to look for jobs other instances queued
SWEEP_SECONDS = 60.0  # how often to take back jobs an instance that died left running


def instance_id(data_dir: Path) -> str:
    """This app copy's name in the job rows: the host and its data dir, so a restarted copy
    knows the jobs it was running (and two copies on one host differ)."""
    where = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:8]
    return f"{socket.gethostname()[:100]}:{where}"


class BackgroundWorker:
    """Claims and runs jobs in a daemon thread."""

    def __init__(
        self,
        jobs: JobService,
        task: Task,
        gate: InteractiveGate,
        instance: str,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        self.jobs = jobs
        self.task = task
        self.gate = gate
        self.instance = instance
        self.poll_seconds = poll_seconds
        self.stopping = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Start the thread (once; a second call does nothing)."""
        if self.running:
            return
        self.stopping.clear()
        self._thread = threading.Thread(target=self._loop, name="background-jobs", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the thread; a job in progress goes back to the queue."""
        self.stopping.set()
        self.jobs.enqueued.set()  # wake a waiting loop
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def run_once(self) -> bool:
        """Claim one job and run it; False when the queue was empty."""
        job = self.jobs.claim(self.instance)
        if job is None:
            return False
        checkpoint = Checkpoint(self.gate, self.jobs, job, self.instance, self.stopping)
        try:
            with self.gate.background():
                made = self.task(job, checkpoint)
        except Preempted:
            log.info("job %s gave way to a person; queued again", job.id)
            self.jobs.requeue(job, self.instance)
        except Superseded:
            log.info("job %s was superseded by newer inputs", job.id)
        except Exception as error:
            status = self.jobs.fail(job, self.instance, error)
            log.warning("job %s failed (%s): %s", job.id, status, type(error).__name__)
        else:
            if not self.jobs.finish(job, self.instance, made.inputs_hash, made.after_session,
                                    made.outputs):  # fmt: skip
                log.info("job %s finished after it was superseded; its plan is not used", job.id)
        return True

    def _loop(self) -> None:
        swept = time.monotonic()
        try:
            self.jobs.requeue_running(self.instance)
        except Exception as error:
            log.warning("could not re-queue interrupted jobs: %s", error)
        while not self.stopping.is_set():
            if not self.gate.wait_quiet(self.poll_seconds) or self.stopping.is_set():
                continue
            self.jobs.enqueued.clear()
            try:
                worked = self.run_once()
                if time.monotonic() - swept > SWEEP_SECONDS:
                    swept = time.monotonic()
                    self.jobs.requeue_running(self.instance)
            except Exception as error:  # the database is away: try again later
                log.warning("background worker: %s", error)
                worked = False
            if not worked:
                self.jobs.enqueued.wait(self.poll_seconds)
