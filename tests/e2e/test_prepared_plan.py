"""Background preparation, in chromium: a mentor whose pair's plan was prepared after a held
session opens the Mentor tab and sees the agenda at once, with when and after which session it
was made, without pressing anything."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from coach.services.container import Services
from tests.app_support import ANSWER, RunningApp
from tests.e2e.test_roles import see

KENJI = "kenji.sato"  # a demo mentor with a planned session (other tests use priya.nair's pair)


def hold_next_session(services: Services, run_jobs: Callable[[], None]):
    """Mark Kenji's next planned session held (which queues "prepare the next session"), run
    the queue with ``run_jobs``; the session and the plan it left, current and after it."""
    mentor = services.users.signed_in(KENJI)
    pair = services.pairs.list(mentor)[0].pair.id
    planned = services.preparation.next_session(mentor, pair)
    assert planned is not None
    services.sessions.mark(mentor, planned.id, "held")
    run_jobs()
    plan = services.preparation.prepared_plan(mentor, pair, refresh=False)
    assert plan is not None and not plan.stale and plan.after_session == planned.number
    return planned, plan


def run_queued_jobs(app: RunningApp) -> None:
    """Run what the queue holds, as the background worker would, with as many fake replies
    given back as the jobs used (the shared app's other tests count on them)."""
    before = len(app.model.replies)
    while app.services.worker.run_once():
        pass
    app.model.replies.extend([ANSWER] * (before - len(app.model.replies)))


def test_a_prepared_plan_is_on_screen_when_the_mentor_opens_the_pair(
    signed_in, app: RunningApp, shots: Path
):
    planned, plan = hold_next_session(app.services, lambda: run_queued_jobs(app))

    page = signed_in(KENJI)
    status = page.locator("#prepare-status")
    see(status, f"after session {planned.number}")
    assert "Prepared just now" in status.inner_text() or "min ago" in status.inner_text()
    title = plan.agenda.current["title"]
    see(page.locator("#agenda-view"), title)
    first_starter = plan.starters.current["starters"][0]["text"]
    see(page.locator("#starters-view"), first_starter[:40])
    page.screenshot(path=shots / "prepared-plan.png")
