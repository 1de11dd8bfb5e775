"""The job queue on SQLite and PostgreSQL: concurrent claims take each job once, concurrent
enqueues leave one active job per pair, and jobs survive export and import."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from coach.domain.jobs import Job, JobKind, JobStatus, Priority
from coach.services import snapshots
from coach.services.jobs import JobService
from coach.store.sql import SqlStore
from tests.integration.store.helpers import fill
from tests.integration.store.test_contract import seed

pytestmark = pytest.mark.integration
T0 = datetime(2026, 5, 4, 9, 30, tzinfo=UTC)
JOBS, WORKERS = 60, 6


def queued(number: int) -> Job:
    return Job(f"job{number:03d}", JobKind.PREPARE, "p1", f"{number:064d}", JobStatus.QUEUED,
               Priority.BACKGROUND, 0, T0 + timedelta(seconds=number), None, None, None, None,
               None, ())  # fmt: skip


def test_concurrent_claims_take_each_job_exactly_once(database):
    store = SqlStore(database)
    with store.transaction() as tx:
        seed(tx)
        for number in range(JOBS):
            tx.insert(queued(number))

    def drain(worker: int) -> list[str]:
        jobs, taken = JobService(store), []
        while (job := jobs.claim(f"host:{worker}")) is not None:
            taken.append(job.id)
        return taken

    with ThreadPoolExecutor(WORKERS) as pool:
        taken = [ids for ids in pool.map(drain, range(WORKERS))]
    claimed = [i for ids in taken for i in ids]
    assert sorted(claimed) == [f"job{n:03d}" for n in range(JOBS)]
    with store.transaction(write=False) as tx:
        rows = tx.find(Job)
    assert all(j.status is JobStatus.RUNNING and j.attempts == 1 for j in rows)
    assert {j.id: j.claimed_by for j in rows} == {
        i: f"host:{w}" for w, ids in enumerate(taken) for i in ids
    }


def test_concurrent_enqueues_leave_one_active_job_per_pair(database):
    store = SqlStore(database)
    with store.transaction() as tx:
        seed(tx)

    def enqueue(number: int) -> None:
        JobService(store).enqueue("p1", f"{number:064d}")

    with ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(enqueue, range(4 * WORKERS)))
    with store.transaction(write=False) as tx:
        rows = tx.find(Job)
    assert len(rows) == 4 * WORKERS
    assert sum(j.status.active for j in rows) == 1
    assert all(j.status is JobStatus.SUPERSEDED for j in rows if not j.status.active)


def test_jobs_survive_export_and_import(new_database):
    source, target = SqlStore(new_database()), SqlStore(new_database())
    fill(source)
    document = snapshots.collect(source)
    rows = document["tables"]["jobs"]
    assert [(r["status"], r["priority"]) for r in rows] == [("queued", 0), ("done", 1)]
    assert rows[1]["outputs"] and rows[1]["claimed_by"] and rows[1]["after_session"] == 2
    snapshots.load(target, document)
    with source.transaction(write=False) as a, target.transaction(write=False) as b:
        assert a.find(Job) == b.find(Job)


def test_lock_first_returns_the_first_match_in_the_declared_order(store):
    with store.transaction() as tx:
        seed(tx)
        for number in (3, 1, 2):
            tx.insert(queued(number))
        tx.update(replace(queued(1), priority=Priority.INTERACTIVE))
    with store.transaction() as tx:
        assert tx.lock_first(Job, skip_locked=True, status=JobStatus.QUEUED).id == "job001"
        assert tx.lock_first(Job, priority=Priority.BACKGROUND).id == "job002"
        assert tx.lock_first(Job, status=JobStatus.DONE) is None
