"""Background preparation with the embedded model, in chromium (issue 18).

A demo mentor's session is marked held; the background worker prepares the next session with
the real local model. The mentor signs in and sees that agenda without pressing anything. Then
"Prepare session" writes a new one, and the first model-written item is on screen before the
last item is.

Deterministic (temperature 0, seed 7); it asserts what code guarantees (a plan exists and is
shown, items arrive in order), never the model's wording. The model words the agenda's blocks
here (``COACH_AGENDA_ADAPT=true``), so there are model-written items to stream; by default the
blocks are our patterns' own text and only the check-in is the model's.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.domain.artifact_kind import ArtifactKind
from tests.app_support import RunningApp, real_running_app
from tests.e2e.test_prepared_plan import KENJI, hold_next_session
from tests.e2e.test_roles import see

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning"),
]


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[RunningApp]:
    with real_running_app(tmp_path_factory.mktemp("e2e-real"), agenda_adapt=True) as running:
        yield running


def test_a_plan_prepared_by_the_real_model_shows_at_once_and_a_new_one_streams(
    signed_in, app: RunningApp, shots: Path
):
    services = app.services

    def run_jobs() -> None:  # the background worker's own step, with the real model
        while services.worker.run_once():
            pass

    planned, plan = hold_next_session(services, run_jobs)
    mentor = services.users.signed_in(KENJI)
    pair = services.pairs.list(mentor)[0].pair.id
    assert plan.agenda.current["items"], "the real model's plan has items"

    page = signed_in(KENJI)
    see(page.locator("#prepare-status"), f"after session {planned.number}")
    view = page.locator("#agenda-view")
    see(view, plan.agenda.current["items"][0]["title"])  # shown without pressing anything
    page.screenshot(path=shots / "prepared-plan-real.png", full_page=True)

    page.locator("#prepare-button").click()
    seen: list[list[str]] = []  # the item titles on screen at each look while it is written
    deadline = time.monotonic() + 600
    while "Kept with the pair" not in page.locator("#prepare-status").inner_text():
        assert time.monotonic() < deadline, "the new plan never finished"
        if page.locator("#agenda-view .flip-writing").count():
            seen.append(page.locator("#agenda-view .flip-item h4").all_inner_texts())
        time.sleep(0.25)
    fresh = services.artifacts.list(mentor, pair, ArtifactKind.AGENDA)[-1].current["items"]
    worded = [item["title"] for item in fresh if item.get("pattern")]
    assert worded, "the new agenda has a model-written item"
    first, last = worded[0], fresh[-1]["title"]
    assert any(
        any(first in shown for shown in titles) and not any(last in s for s in titles)
        for titles in seen
    ), f"the first model-written item {first!r} was never on screen before the last {last!r}"
    page.screenshot(path=shots / "prepare-real.png", full_page=True)
