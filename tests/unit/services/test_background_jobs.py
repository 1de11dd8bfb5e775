"""Background preparation on the in-memory store: triggers, dedupe, stale plans, people first.

The worker runs jobs synchronously here (``run_once``); tests/integration/test_background_prepare.py
runs its thread against SQLite and PostgreSQL.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest

from coach.domain.artifact_kind import ArtifactKind
from coach.domain.artifacts import ArtifactRecord
from coach.domain.jobs import MAX_ATTEMPTS, Job, JobStatus, Priority
from coach.domain.registry import SPECS
from coach.domain.sessions import Session, SessionStatus
from coach.llm.fake import FakeChatModel
from coach.services.background import BackgroundPreparation
from coach.services.errors import PermissionDenied
from coach.services.generation import GenerationService
from coach.services.interactive import InteractiveGate
from coach.services.jobs import JobService
from coach.services.plans import PlanService
from coach.services.preparation import PreparationService
from coach.services.sessions import SessionService
from coach.services.worker import BackgroundWorker
from tests.fake_tools import embed, fake_runner

pytestmark = pytest.mark.unit
PROMPTS = Path(__file__).resolve().parents[3] / "prompts"
HERE = "test-host:0001"


@dataclass
class Rig:
    """The services of one world wired as the container wires them, around one worker."""

    jobs: JobService
    sessions: SessionService
    plans: PlanService
    prep: PreparationService
    worker: BackgroundWorker
    gate: InteractiveGate
    model: FakeChatModel
    searches: list[Callable[[], None]] = field(default_factory=list)  # run on each look-up

    def stored_jobs(self, pair_id: str) -> list[Job]:
        with self.jobs.store.transaction(write=False) as tx:
            return tx.find(Job, pair_id=pair_id)

    def artifacts(self, pair_id: str) -> list[ArtifactRecord]:
        with self.jobs.store.transaction(write=False) as tx:
            return tx.find(ArtifactRecord, pair_id=pair_id)


@pytest.fixture
def rig(world) -> Rig:
    model = FakeChatModel.of(["broken"] * 200)
    gate = InteractiveGate(quiet_seconds=0)
    found: list[Callable[[], None]] = []

    def look_up() -> None:  # retrieval, or the library recipes' embedding of the pair
        if found:
            found.pop(0)()

    def search(_query, _k, _filters, _pair_id):
        look_up()
        return []

    def embedder(texts):
        look_up()
        return embed(texts)

    def pipeline(spec):
        return fake_runner(spec, model, search, embedder)

    generation = GenerationService({spec.kind: pipeline(spec) for spec in SPECS}, gate=gate)
    jobs = JobService(world.store, world.clock)
    hook = lambda pair_id: background.notify(pair_id)  # noqa: E731
    sessions = SessionService(world.store, world.clock, on_change=hook)
    plans = PlanService(world.store, world.clock, on_change=hook)
    s = world.s
    prep = PreparationService(
        s.pairs, plans, sessions, s.summaries, s.reflections, s.artifacts, generation, jobs
    )
    background = BackgroundPreparation(jobs, prep)
    worker = BackgroundWorker(jobs, background.run, gate, HERE)
    return Rig(jobs, sessions, plans, prep, worker, gate, model, found)


class Person:
    """Someone using the model from another thread (the web app's) until they leave."""

    def __init__(self, gate: InteractiveGate) -> None:
        self.gate = gate
        self.leave = threading.Event()
        self.thread: threading.Thread | None = None

    def arrive(self) -> None:
        here = threading.Event()

        def visit() -> None:
            with self.gate.interactive():
                here.set()
                self.leave.wait(10)

        self.thread = threading.Thread(target=visit)
        self.thread.start()
        assert here.wait(5)

    def go(self) -> None:
        self.leave.set()
        assert self.thread is not None
        self.thread.join(5)


def planned_then_held(world, rig: Rig) -> Session:
    mentor = world.people["mentor"]
    session = rig.sessions.schedule(mentor, world.pair.id, world.clock.now + timedelta(days=7))
    world.tick()
    return rig.sessions.mark(mentor, session.id, SessionStatus.HELD)


def test_a_held_session_leads_to_a_prepared_plan(world, rig):
    mentor, pair = world.people["mentor"], world.pair.id
    assert rig.prep.prepared_plan(mentor, pair, refresh=False) is None
    held = planned_then_held(world, rig)
    queued = [j for j in rig.stored_jobs(pair) if j.status is JobStatus.QUEUED]
    assert len(queued) == 1 and queued[0].priority is Priority.BACKGROUND
    world.tick(minutes=5)
    assert rig.worker.run_once() is True
    plan = rig.prep.prepared_plan(mentor, pair)
    assert plan is not None
    assert (plan.agenda.kind, plan.starters.kind) == (ArtifactKind.AGENDA, ArtifactKind.STARTERS)
    assert plan.agenda.current["items"] and plan.starters.current["starters"]
    assert plan.after_session == held.number == 2
    assert plan.made_at == world.clock.now
    assert not plan.stale and not plan.pending
    assert {plan.agenda.created_by, plan.starters.created_by} == {mentor.id}
    job = rig.jobs.latest_done(pair)
    assert job is not None and job.outputs == (plan.agenda.id, plan.starters.id)
    assert job.claimed_by == HERE and job.attempts == 1 and job.id == plan.job_id
    assert rig.worker.run_once() is False, "one plan per change"


def test_an_ended_pair_gets_no_preparation(world, rig):
    mentor, pair = world.people["mentor"], world.pair.id
    world.s.pairs.end(mentor, pair, "done")
    planned_then_held(world, rig)
    assert rig.stored_jobs(pair) == [] and rig.worker.run_once() is False


def test_the_partner_sees_the_plan_and_an_outsider_does_not(world, rig):
    planned_then_held(world, rig)
    rig.worker.run_once()
    assert rig.prep.prepared_plan(world.people["mentee"], world.pair.id) is not None
    with pytest.raises(PermissionDenied):
        rig.prep.prepared_plan(world.people["outsider"], world.pair.id)


def test_jobs_are_deduplicated_per_pair_and_superseded_when_inputs_change(world, rig):
    jobs, pair = rig.jobs, world.pair.id
    first = jobs.enqueue(pair, "a" * 64)
    assert first is not None and jobs.enqueue(pair, "a" * 64) == first
    second = jobs.enqueue(pair, "b" * 64)
    assert second is not None and second.id != first.id
    by_id = {j.id: j for j in rig.stored_jobs(pair)}
    assert by_id[first.id].status is JobStatus.SUPERSEDED and by_id[first.id].error
    raised = jobs.enqueue(pair, "b" * 64, Priority.INTERACTIVE)
    assert raised is not None and raised.id == second.id and raised.priority is Priority.INTERACTIVE
    running = jobs.claim(HERE)
    assert running is not None and running.id == second.id
    assert jobs.enqueue(pair, "b" * 64) == running, "the same inputs are already being prepared"
    assert jobs.finish(running, HERE, "b" * 64, 1, ("x", "y"))
    assert jobs.enqueue(pair, "b" * 64) is None, "already prepared from these inputs"
    assert jobs.enqueue(pair, "c" * 64) is not None
    assert [j.status for j in rig.stored_jobs(pair)].count(JobStatus.QUEUED) == 1


def test_changes_that_leave_the_inputs_alone_queue_nothing_new(world, rig):
    mentor, pair = world.people["mentor"], world.pair.id
    goal = rig.plans.add_goal(mentor, pair, "Ship the dashboard together")
    assert len(rig.stored_jobs(pair)) == 1
    rig.plans.update_goal(mentor, goal.id, progress=goal.progress)  # same goal, same inputs
    assert len(rig.stored_jobs(pair)) == 1
    world.tick()
    rig.plans.add_action(mentor, pair, "Read the dashboard guide")
    assert [j.status for j in rig.stored_jobs(pair)] == [JobStatus.SUPERSEDED, JobStatus.QUEUED]


def test_people_first_then_oldest(world, rig):
    jobs = rig.jobs
    older = jobs.enqueue(world.pair.id, "a" * 64)
    world.tick()
    urgent = jobs.enqueue(world.other_pair.id, "b" * 64, Priority.INTERACTIVE)
    assert older and urgent
    assert [jobs.claim(HERE).id, jobs.claim(HERE).id] == [urgent.id, older.id]
    assert jobs.claim(HERE) is None


def test_a_plan_is_stale_once_its_inputs_change_and_is_refreshed_when_opened(world, rig):
    mentor, pair = world.people["mentor"], world.pair.id
    planned_then_held(world, rig)
    rig.worker.run_once()
    world.s.plans.add_goal(mentor, pair, "Pair on one spreadsheet")  # a path with no hook
    plan = rig.prep.prepared_plan(mentor, pair, refresh=False)
    assert plan is not None and plan.stale and not plan.pending
    assert rig.jobs.pending(pair) is None
    plan = rig.prep.prepared_plan(mentor, pair)  # opening it queues a refresh, people first
    assert plan is not None and plan.stale and plan.pending
    refresh = rig.jobs.pending(pair)
    assert refresh is not None and refresh.priority is Priority.INTERACTIVE
    old = plan.agenda.id
    world.tick()
    assert rig.worker.run_once()
    fresh = rig.prep.prepared_plan(mentor, pair)
    assert fresh is not None and not fresh.stale and not fresh.pending and fresh.agenda.id != old


def test_a_goal_change_through_the_hook_marks_the_plan_stale_and_queues_it(world, rig):
    mentor, pair = world.people["mentor"], world.pair.id
    planned_then_held(world, rig)
    rig.worker.run_once()
    rig.plans.add_goal(mentor, pair, "Pair on one spreadsheet")
    plan = rig.prep.prepared_plan(mentor, pair, refresh=False)
    assert plan is not None and plan.stale and plan.pending


def test_an_interactive_request_preempts_a_running_job_within_the_model_call(world, rig):
    pair = world.pair.id
    planned_then_held(world, rig)
    person = Person(rig.gate)
    rig.searches.append(person.arrive)  # a person asks while the job looks up for its agenda
    assert rig.worker.run_once()
    assert len(rig.model.calls) == 1, "stopped at the first token of its first model call"
    (job,) = [j for j in rig.stored_jobs(pair) if j.status.active]
    assert (job.status, job.claimed_by, job.attempts) == (JobStatus.QUEUED, None, 0)
    assert [a.id for a in rig.artifacts(pair)] == [world.ids["agenda"]], "nothing kept"
    assert rig.gate.busy and not rig.gate.wait_quiet(0)
    person.go()
    assert rig.gate.wait_quiet(0)
    assert rig.worker.run_once()
    assert rig.jobs.latest_done(pair).id == job.id


def test_a_person_between_agenda_and_starters_sends_the_job_back(world, rig):
    pair = world.pair.id
    planned_then_held(world, rig)
    person, generation = Person(rig.gate), rig.prep.generation
    agenda = generation.agenda

    calls_by_agenda: list[int] = []

    def agenda_then_a_person(profile, on_token=None):
        made = agenda(profile, on_token)
        calls_by_agenda.append(len(rig.model.calls))
        person.arrive()
        return made

    generation.agenda = agenda_then_a_person  # type: ignore[method-assign]
    try:
        rig.worker.run_once()
    finally:
        person.go()
    assert calls_by_agenda and calls_by_agenda[0] > 0
    assert len(rig.model.calls) == calls_by_agenda[0], "the agenda's calls; nothing after it"
    (job,) = [j for j in rig.stored_jobs(pair) if j.status.active]
    assert job.status is JobStatus.QUEUED and rig.jobs.latest_done(pair) is None


def test_a_running_job_whose_inputs_change_is_superseded_and_keeps_nothing(world, rig):
    mentor, pair = world.people["mentor"], world.pair.id
    planned_then_held(world, rig)
    before = len(rig.artifacts(pair))
    rig.searches.append(lambda: rig.plans.add_goal(mentor, pair, "A goal added meanwhile"))
    assert rig.worker.run_once()
    assert len(rig.artifacts(pair)) == before
    statuses = [j.status for j in rig.stored_jobs(pair)]
    assert statuses.count(JobStatus.QUEUED) == 1 and JobStatus.DONE not in statuses
    assert rig.worker.run_once()
    plan = rig.prep.prepared_plan(mentor, pair)
    assert plan is not None and not plan.stale


def test_a_restart_queues_again_what_this_instance_was_running(world, rig):
    jobs, pair = rig.jobs, world.pair.id
    planned_then_held(world, rig)
    crashed = jobs.claim(HERE)  # the app stopped here, mid-job
    assert crashed is not None and crashed.status is JobStatus.RUNNING
    assert jobs.requeue_running("another-host:0002") == 0, "another instance's job is theirs"
    assert jobs.requeue_running(HERE) == 1
    assert rig.worker.run_once()
    done = jobs.latest_done(pair)
    assert done is not None and done.id == crashed.id and done.attempts == 2


def test_a_job_left_running_by_an_instance_that_died_is_taken_back_later(world, rig):
    jobs = rig.jobs
    jobs.enqueue(world.pair.id, "a" * 64)
    lost = jobs.claim("another-host:0002")
    world.tick(minutes=14)
    assert jobs.requeue_running(HERE) == 0
    world.tick(minutes=2)
    assert jobs.requeue_running(HERE) == 1
    assert jobs.claim(HERE).id == lost.id


def test_a_job_that_keeps_failing_is_given_up(world, rig):
    jobs, pair = rig.jobs, world.pair.id
    jobs.enqueue(pair, "a" * 64)

    def broken(job, checkpoint):
        raise RuntimeError("the index is away\nsecond line")

    worker = BackgroundWorker(jobs, broken, rig.gate, HERE)
    for _ in range(MAX_ATTEMPTS):
        assert worker.run_once()
    (job,) = rig.stored_jobs(pair)
    assert job.status is JobStatus.FAILED and job.attempts == MAX_ATTEMPTS
    assert job.error == "RuntimeError: the index is away"
    assert worker.run_once() is False


def test_the_gate_counts_people_and_ignores_background_threads():
    now = [100.0]
    gate = InteractiveGate(quiet_seconds=1.0, clock=lambda: now[0])
    assert gate.wait_quiet(0)
    with gate.background(), gate.interactive():
        assert not gate.busy, "background work never holds the gate"
    with gate.interactive(), gate.interactive():
        assert gate.busy
    assert not gate.busy and not gate.wait_quiet(0), "quiet only a moment after a person"
    now[0] += 1.0
    assert gate.wait_quiet(0)
