"""The safety pulse in chromium: the demo mentor marks a planned session held and answers its
pulse in four clicks (three answers and Send); only they can read what they sent."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.app_support import MENTOR, RunningApp, running_app
from tests.e2e.test_roles import see

pytestmark = [pytest.mark.e2e, pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")]
ANSWERS = (2, 4, 5)  # one per question, in order


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[RunningApp]:
    """Its own app, where the demo mentor's pair has a planned session that began 2 hours ago."""
    with running_app(tmp_path_factory.mktemp("e2e-pulse")) as running:
        services = running.services
        mentor = services.users.signed_in(MENTOR)
        pair = services.pairs.list(mentor)[0].pair.id
        began = datetime.now(UTC) - timedelta(hours=2)
        running.planned = services.sessions.schedule(mentor, pair, began, 45)  # type: ignore[attr-defined]
        yield running


def test_the_mentor_marks_a_session_held_and_answers_the_pulse_in_four_clicks(
    signed_in, app: RunningApp, shots: Path
):
    page = signed_in(MENTOR)
    section = page.locator("#mentor-pulse")
    see(section, "only you can ever see your answers")
    see(section, "at least 3 pairs")
    planned = app.planned  # type: ignore[attr-defined]
    page.locator("#mentor-mark-held").click()
    see(page.locator("#mentor-pulse-status"), f"Marked session {planned.number} held")
    clicks = 0
    for number, score in enumerate(ANSWERS, start=1):
        page.locator(f"#mentor-pulse-q{number}").get_by_label(str(score), exact=True).click()
        clicks += 1
    page.locator("#mentor-pulse-send").click()
    clicks += 1
    see(page.locator("#mentor-pulse-status"), "Only you can see it")
    assert clicks <= 4
    page.screenshot(path=shots / "pulse.png")
    mentor = app.services.users.signed_in(MENTOR)
    mine = app.services.pulse.mine(mentor, planned.pair_id)
    sent = next(a for a in mine if a.session_id == planned.id)
    assert sent.scores == ANSWERS and sent.side.value == "mentor" and sent.note == ""
    held = {s.id: s for s in app.services.sessions.sessions(mentor, planned.pair_id)}
    assert held[planned.id].status.value == "held"
