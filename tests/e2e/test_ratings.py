"""Ratings in chromium: the mentor rates the agenda on screen (a too-long reason is refused and
stays typed) and the chat's answer; the admin's Ratings tab counts them, naming nobody."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from coach.domain.artifact_kind import ArtifactKind
from coach.domain.ratings import Rating
from tests.app_support import ADMIN, ANSWER, MENTOR, RunningApp, running_app
from tests.artifact_samples import AGENDA
from tests.e2e.test_roles import fill, pick, see

pytestmark = [pytest.mark.e2e, pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")]
REASON = "Too long for a 45-minute slot"


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[RunningApp]:
    """Its own app, with an agenda kept for the mentor's pair (the role tests count records)."""
    with running_app(tmp_path_factory.mktemp("e2e-ratings")) as running:
        mentor = running.services.users.signed_in(MENTOR)
        pair = next(c.pair.id for c in running.services.pairs.list(mentor)
                    if c.pair.mentor_id == mentor.id)  # fmt: skip
        running.services.artifacts.save(mentor, pair, ArtifactKind.AGENDA, AGENDA)
        yield running


def ratings(app: RunningApp) -> list[Rating]:
    with app.services.store.transaction(write=False) as tx:
        return tx.find(Rating)


def test_the_mentor_rates_the_agenda_and_the_answer_and_the_admin_sees_counts(
    signed_in, app: RunningApp
):
    page = signed_in(MENTOR)
    pick(page, "Pair you mentor", "Harold Brandt")
    see(page.locator("#agenda-view"), AGENDA["title"])

    fill(page, "rate-agenda-reason", "x" * 501)
    page.locator("#rate-agenda-not-helpful").click()
    see(page.locator("body"), "at most 500 characters")
    assert ratings(app) == []
    box = page.locator("#rate-agenda-reason textarea, #rate-agenda-reason input").first
    assert box.input_value() == "x" * 501, "a refused rating keeps what was typed"

    fill(page, "rate-agenda-reason", REASON)
    page.locator("#rate-agenda-not-helpful").click()
    see(page.locator("#rate-agenda-status"), "not helpful with your reason")
    [agenda] = ratings(app)
    assert (agenda.kind, agenda.helpful, agenda.reason) == ("agenda", False, REASON)

    chat_box = page.get_by_placeholder("Type a message...")
    chat_box.fill("How do I open our first session with a senior VP?")
    chat_box.press("Enter")
    see(page.locator("#mentor-chat"), ANSWER.split(" [")[0])
    page.locator("#rate-answer-helpful").click()
    see(page.locator("#rate-answer-status"), "chat answer helpful")
    chat = [r for r in ratings(app) if r.kind == "chat"]
    assert len(chat) == 1 and chat[0].helpful and chat[0].pair_id == agenda.pair_id

    admin = signed_in(ADMIN)
    admin.get_by_role("tab", name="Ratings").click()
    admin.locator("#ratings-refresh").click()
    see(admin.locator("#ratings-reasons"), REASON)
    counts = admin.locator("#ratings-counts").inner_text()
    assert "agenda" in counts and "chat answer" in counts
    assert "Priya" not in admin.locator("#ratings-reasons").inner_text()
