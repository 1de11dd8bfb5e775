"""prepare_warm: a stored pair, prepared by the background job, read as the Prepare panel does."""

from __future__ import annotations

import pytest

from coach.benchmarks.warm import (
    READS,
    measure_warm,
    measured_pair,
    prepare_in_background,
    store_pair,
    warm_reads,
)
from coach.domain.jobs import JobStatus
from coach.evals.datasets import load_pairs
from coach.services.container import Services
from tests.unit.benchmarks.test_artifacts import model


@pytest.fixture
def services(fake_embedder, bench_settings):
    made = Services(bench_settings, chat_model=model, embedder=fake_embedder)
    made.ensure_guides()
    yield made
    made.close()


@pytest.fixture
def middle(dataset):
    """The fixture's pair with sessions behind it (goals, open items, shared history)."""
    pair = measured_pair(load_pairs(dataset / "pairs"))
    assert pair.session.number > 1 and pair.history and pair.open_action_items
    return pair


def test_the_stored_pair_is_the_pair_file_as_its_mentor_sees_it(services, middle):
    mentor, pair_id = store_pair(services, middle)
    seen = services.preparation.profile(mentor, pair_id)
    assert [g.text for g in seen.goals] == [g.text for g in middle.goals]
    assert seen.session.number == middle.session.number
    assert [h.summary for h in seen.history] == [h.summary for h in middle.history]
    assert sorted(a.text for a in seen.open_action_items) == sorted(
        a.text for a in middle.open_action_items
    )


def test_the_warm_read_is_the_plan_the_background_job_made_and_calls_no_model(
    services, middle, monkeypatch
):
    mentor, pair_id = store_pair(services, middle)
    prepare_in_background(services, pair_id)
    job = services.jobs.latest_done(pair_id)
    assert job is not None and job.status is JobStatus.DONE and len(job.outputs) == 2
    reads, prepared_plan = [], services.preparation.prepared_plan

    def spy(*args, **kwargs):
        plan = prepared_plan(*args, **kwargs)
        reads.append(plan)
        return plan

    monkeypatch.setattr(services.preparation, "prepared_plan", spy)
    monkeypatch.setattr(services, "_chat_model", lambda: pytest.fail("a warm read used the model"))
    seconds = warm_reads(services, mentor, pair_id)
    assert len(seconds) == len(reads) == READS and all(s > 0 for s in seconds)
    assert all(p.job_id == job.id and not p.stale and not p.pending for p in reads)
    assert {p.agenda.id for p in reads} | {p.starters.id for p in reads} == set(job.outputs)


def test_without_a_prepared_plan_nothing_is_measured_and_a_note_says_so(
    services, middle, monkeypatch
):
    monkeypatch.setattr(services.worker, "run_once", lambda: False)  # the job never runs
    notes: list[str] = []
    assert measure_warm(services, middle, lambda _step: None, notes) == []
    assert len(notes) == 1 and "no current plan" in notes[0] and middle.id in notes[0]
