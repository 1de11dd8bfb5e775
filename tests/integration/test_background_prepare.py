"""Background preparation through the container, with the worker thread the web app starts.

The fake model answers; the store is SQLite in a temp data dir, and PostgreSQL for two
instances sharing one database (COACH_TEST_POSTGRES_URL: skipped without it locally, failing
under CI=true).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest
from sqlalchemy import create_engine, text

from coach.domain.artifacts import ArtifactRecord
from coach.domain.jobs import Job, JobStatus
from coach.domain.pairs import Pair
from coach.services.container import Services
from coach.services.demo import DemoLoader
from coach.services.passwords import Passwords
from coach.store.engine import normalise_url
from tests.app_support import ANSWER, MENTOR, PASSWORD, demo_services, fake_services
from tests.integration.store.conftest import postgres_url

pytestmark = pytest.mark.integration
T = TypeVar("T")


def wait_for(check: Callable[[], T | None], what: str, timeout: float = 90.0) -> T:
    """``check()`` once it is truthy; fails after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


def jobs_of(services: Services, pair_id: str | None = None) -> list[Job]:
    with services.store.transaction(write=False) as tx:
        return tx.find(Job) if pair_id is None else tx.find(Job, pair_id=pair_id)


def mentor_and_pair(services: Services):
    mentor = services.users.signed_in(MENTOR)
    return mentor, services.pairs.list(mentor)[0].pair.id


def test_a_held_session_leads_to_a_prepared_plan(tmp_path):
    services, _model, _report = demo_services(tmp_path)
    try:
        mentor, pair = mentor_and_pair(services)
        planned = services.preparation.next_session(mentor, pair)
        assert planned is not None
        assert services.preparation.prepared_plan(mentor, pair, refresh=False) is None
        services.start_background()
        services.sessions.mark(mentor, planned.id, "held")

        def ready():
            plan = services.preparation.prepared_plan(mentor, pair, refresh=False)
            return plan if plan and not plan.stale else None

        plan = wait_for(ready, "the prepared plan")
        assert plan.after_session == planned.number and not plan.pending
        assert plan.agenda.current["items"] and plan.starters.current["starters"]
        assert plan.agenda.model == "fake-model"
        (job,) = jobs_of(services, pair)
        assert job.status is JobStatus.DONE and job.outputs == (plan.agenda.id, plan.starters.id)
    finally:
        services.close()


def test_a_restart_mid_job_loses_nothing(tmp_path):
    first, model, _report = demo_services(tmp_path)
    mentor, pair = mentor_and_pair(first)
    planned = first.preparation.next_session(mentor, pair)
    first.sessions.mark(mentor, planned.id, "held")
    taken = first.jobs.claim(first.worker.instance)  # a worker took it, and the app died
    assert taken is not None and taken.pair_id == pair
    first.close()
    second = Services(first.settings, chat_model=lambda: model)  # the same app, restarted
    try:
        assert [j.status for j in jobs_of(second, pair)] == [JobStatus.RUNNING]
        second.start_background()
        done = wait_for(lambda: second.jobs.latest_done(pair), "the interrupted job")
        assert done.id == taken.id and done.attempts == 2
        plan = second.preparation.prepared_plan(mentor, pair, refresh=False)
        assert plan is not None and not plan.stale and plan.after_session == planned.number
    finally:
        second.close()


def test_an_interactive_request_preempts_a_background_job(tmp_path):
    services, model, _report = demo_services(tmp_path)
    try:
        mentor, pair = mentor_and_pair(services)
        retrieving, go_on = threading.Event(), threading.Event()
        embedder = services.embedder
        embed = embedder.embed

        def held_up(*args, **kwargs):  # the job waits in its look-up until the person asks
            if threading.current_thread().name == "background-jobs" and not retrieving.is_set():
                retrieving.set()
                assert go_on.wait(30)
            return embed(*args, **kwargs)

        embedder.embed = held_up  # type: ignore[method-assign]
        services.sessions.mark(mentor, services.preparation.next_session(mentor, pair).id, "held")
        services.start_background()
        assert retrieving.wait(60), "the worker took the job"
        answer = services.chat.ask("How do I open our first session?")
        first = next(answer)  # the person's answer is being written
        calls = len(model.calls)
        go_on.set()

        def given_way():
            (job,) = jobs_of(services, pair)
            return job if job.status is JobStatus.QUEUED and job.claimed_by is None else None

        job = wait_for(given_way, "the job to give way")
        assert job.attempts == 0 and services.gate.busy
        assert len(model.calls) == calls + 1, "it stopped at its model call's first token"
        rest = list(answer)
        assert rest[-1].kind == "done" and (first.text + rest[-1].text).strip()
        assert ANSWER.split("[")[0].strip() in rest[-1].text
        done = wait_for(lambda: services.jobs.latest_done(pair), "the job, after the person")
        assert done.id == job.id and done.attempts == 1
    finally:
        del embedder.embed  # the class's method again (the embedder may be the shared one)
        services.close()


@pytest.fixture
def shared_database() -> Iterator[str]:
    """A URL on a fresh PostgreSQL schema, dropped afterwards."""
    url = postgres_url()
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalise_url(url))
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    joiner = "&" if "?" in url else "?"
    try:
        yield f"{url}{joiner}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_two_instances_on_postgresql_run_each_job_once(shared_database, tmp_path):
    a, _ = fake_services(tmp_path / "a", 200, database_url=shared_database)
    b, _ = fake_services(tmp_path / "b", 200, database_url=shared_database)
    runs: dict[str, list[str]] = {"a": [], "b": []}
    try:
        DemoLoader(a.store, Passwords.fast()).load(PASSWORD)
        for tag, services in (("a", a), ("b", b)):
            run = services.background.run

            def counted(job, checkpoint, run=run, tag=tag):
                runs[tag].append(job.id)
                return run(job, checkpoint)

            services.background.run = counted  # type: ignore[method-assign]
        assert a.worker.instance != b.worker.instance  # (the workers take the counted runs)
        with a.store.transaction(write=False) as tx:
            pairs = [p.id for p in tx.find(Pair)]
            before = {r.id for r in tx.find(ArtifactRecord)}
        for pair in pairs:
            b.background.notify(pair)
        queued = {j.id for j in jobs_of(a)}
        assert len(queued) == len(pairs) >= 6
        a.start_background()
        b.start_background()

        def all_done():
            jobs = jobs_of(b)
            return jobs if all(j.status is JobStatus.DONE for j in jobs) else None

        jobs = wait_for(all_done, "every job", timeout=180)
        ran = runs["a"] + runs["b"]
        assert sorted(ran) == sorted(queued), "each job ran exactly once"
        assert runs["a"] and runs["b"], "both instances took jobs"
        assert {j.claimed_by for j in jobs} == {a.worker.instance, b.worker.instance}
        with a.store.transaction(write=False) as tx:
            made = [r for r in tx.find(ArtifactRecord) if r.id not in before]
        assert sorted(r.id for r in made) == sorted(o for j in jobs for o in j.outputs)
        assert all(sum(r.pair_id == p for r in made) == 2 for p in pairs)
    finally:
        a.close()
        b.close()
