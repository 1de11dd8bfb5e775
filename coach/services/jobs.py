"""The job queue, on the store: enqueue with deduplication, claim atomically, finish or retry.

Claiming locks the first queued row and skips rows another instance holds (PostgreSQL
``FOR NO KEY UPDATE SKIP LOCKED``; on SQLite the writing transaction began ``IMMEDIATE``, so
it is the only writer), so two instances never run one job. A pair has at most one active
job per inputs hash; a job whose pair's inputs changed is superseded by a new one.

This is the system's own bookkeeping: no user acts here, nothing is audited, and no text of
the pair is stored (ids, hashes and error kinds only).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from datetime import timedelta

from coach.domain.common import new_id
from coach.domain.jobs import MAX_ATTEMPTS, Job, JobKind, JobStatus, Priority
from coach.domain.pairs import Pair
from coach.domain.users import User
from coach.services.access import Clock, default_clock, load
from coach.services.errors import NotFound
from coach.store.api import Store, Tx

log = logging.getLogger(__name__)
STALE_AFTER = timedelta(minutes=15)  # a job running this long on another instance was lost
SUPERSEDED = "its pair's inputs changed; a newer job took over"


def error_text(error: BaseException) -> str:
    """What went wrong, short: the exception's kind and the first line of its message."""
    first = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {first}"[:300] if first else type(error).__name__


class JobService:
    """Queue, claim and settle jobs."""

    def __init__(self, store: Store, clock: Clock = default_clock) -> None:
        self.store = store
        self.clock = clock
        self.enqueued = threading.Event()  # set on every enqueue: wakes a local worker

    def enqueue(
        self,
        pair_id: str,
        inputs_hash: str,
        priority: Priority = Priority.BACKGROUND,
        kind: JobKind = JobKind.PREPARE,
    ) -> Job | None:
        """Queue ``kind`` for the pair, unless a job for these inputs is queued, running or
        already done (then that job, or None when done). Active jobs for other inputs are
        superseded; a running one stops at its next step."""
        now = self.clock()
        with self.store.transaction() as tx:
            if tx.lock_first(Pair, id=pair_id) is None:  # one enqueue per pair at a time
                raise NotFound(f"no pair {pair_id!r}")
            jobs = tx.find(Job, pair_id=pair_id, kind=kind)
            same = next((j for j in jobs if j.status.active and j.inputs_hash == inputs_hash), None)
            for job in jobs:
                if job.status.active and job is not same:
                    tx.update(replace(job, status=JobStatus.SUPERSEDED, finished_at=now,
                                      error=SUPERSEDED))  # fmt: skip
            if same is not None:
                if same.status is JobStatus.QUEUED and priority < same.priority:
                    same = replace(same, priority=priority)
                    tx.update(same)
                return same
            done = [j for j in jobs if j.status is JobStatus.DONE]
            if done and max(done, key=lambda j: j.finished_at or now).inputs_hash == inputs_hash:
                return None
            job = Job(new_id("job"), kind, pair_id, inputs_hash, JobStatus.QUEUED, priority, 0,
                      now, None, None, None, None, None, ())  # fmt: skip
            tx.insert(job)
        self.enqueued.set()
        return job

    def claim(self, instance: str) -> Job | None:
        """The next queued job (people's first, then oldest), now running on ``instance``."""
        now = self.clock()
        with self.store.transaction() as tx:
            job = tx.lock_first(Job, skip_locked=True, status=JobStatus.QUEUED)
            if job is None:
                return None
            job = replace(job, status=JobStatus.RUNNING, claimed_by=instance, started_at=now,
                          finished_at=None, attempts=job.attempts + 1)  # fmt: skip
            tx.update(job)
        return job

    def _ours(self, tx: Tx, job: Job, instance: str) -> Job | None:
        """The job as stored, locked, if it still runs on ``instance``."""
        stored = tx.lock_first(Job, id=job.id)
        ours = stored and stored.status is JobStatus.RUNNING and stored.claimed_by == instance
        return stored if ours else None

    def still_ours(self, job: Job, instance: str) -> bool:
        """Whether ``job`` still runs on ``instance`` (not superseded or taken over)."""
        with self.store.transaction(write=False) as tx:
            stored = tx.get(Job, job.id)
        return bool(stored and stored.status is JobStatus.RUNNING and stored.claimed_by == instance)

    def finish(
        self,
        job: Job,
        instance: str,
        inputs_hash: str,
        after_session: int | None,
        outputs: tuple[str, ...],
    ) -> bool:
        """Record success: the inputs it read and what it stored. False if the job was
        superseded or taken over meanwhile (then what it stored is not the pair's plan)."""
        now = self.clock()
        with self.store.transaction() as tx:
            stored = self._ours(tx, job, instance)
            if stored is None:
                return False
            tx.update(replace(stored, status=JobStatus.DONE, finished_at=now, error=None,
                              inputs_hash=inputs_hash, after_session=after_session,
                              outputs=tuple(outputs)))  # fmt: skip
        return True

    def requeue(self, job: Job, instance: str) -> bool:
        """Put a job that gave way to a person back in the queue; the try does not count."""
        with self.store.transaction() as tx:
            stored = self._ours(tx, job, instance)
            if stored is None:
                return False
            tx.update(replace(stored, status=JobStatus.QUEUED, claimed_by=None, started_at=None,
                              attempts=max(0, stored.attempts - 1)))  # fmt: skip
        self.enqueued.set()
        return True

    def fail(self, job: Job, instance: str, error: BaseException) -> JobStatus | None:
        """An error: queued again while attempts remain, else failed. None if not ours."""
        now = self.clock()
        with self.store.transaction() as tx:
            stored = self._ours(tx, job, instance)
            if stored is None:
                return None
            again = stored.attempts < MAX_ATTEMPTS
            status = JobStatus.QUEUED if again else JobStatus.FAILED
            tx.update(replace(stored, status=status, claimed_by=None if again else instance,
                              started_at=None if again else stored.started_at,
                              finished_at=None if again else now,
                              error=error_text(error)))  # fmt: skip
        return status

    def requeue_running(self, instance: str, stale_after: timedelta = STALE_AFTER) -> int:
        """At start: queue again the jobs this instance was running when it stopped, and any
        running longer than ``stale_after`` elsewhere (an instance that died). A job that was
        interrupted ``MAX_ATTEMPTS`` times fails instead. Returns how many were queued."""
        now = self.clock()
        queued = 0
        with self.store.transaction() as tx:
            for job in tx.find(Job, status=JobStatus.RUNNING):
                started = job.started_at or job.created_at
                if job.claimed_by != instance and now - started < stale_after:
                    continue
                again = job.attempts < MAX_ATTEMPTS
                queued += again
                tx.update(replace(
                    job, status=JobStatus.QUEUED if again else JobStatus.FAILED,
                    claimed_by=None if again else job.claimed_by,
                    started_at=None if again else job.started_at,
                    finished_at=None if again else now, error="interrupted: the app stopped",
                ))  # fmt: skip
        if queued:
            log.info("re-queued %d interrupted job(s)", queued)
            self.enqueued.set()
        return queued

    def latest_done(self, pair_id: str, kind: JobKind = JobKind.PREPARE) -> Job | None:
        """The pair's most recently finished successful job of ``kind``."""
        with self.store.transaction(write=False) as tx:
            done = tx.find(Job, pair_id=pair_id, kind=kind, status=JobStatus.DONE)
        return max(done, key=lambda j: (j.finished_at, j.created_at), default=None)

    def pending(self, pair_id: str, kind: JobKind = JobKind.PREPARE) -> Job | None:
        """The pair's queued or running job of ``kind``, if any."""
        with self.store.transaction(write=False) as tx:
            jobs = tx.find(Job, pair_id=pair_id, kind=kind)
        return next((j for j in jobs if j.status.active), None)

    def is_running(self, pair_id: str) -> bool:
        """Whether the pair is active or paused: an ended pair has no next session."""
        with self.store.transaction(write=False) as tx:
            return load(tx, Pair, pair_id, "pair").status.running

    def mentor_of(self, pair_id: str) -> User:
        """The pair's mentor: whom a preparation acts as (a member, so every check holds)."""
        with self.store.transaction(write=False) as tx:
            pair = load(tx, Pair, pair_id, "pair")
            return load(tx, User, pair.mentor_id, "user")
