"""The learning timeline, in chromium: the demo mentee sees his sessions, what he learned, the
goal that moved and the action he closed; the paragraph's every sentence links to a session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app_support import MENTEE, RunningApp
from tests.e2e.test_roles import see

pytestmark = pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")

REPLY = (
    "[S1] I used to ask for printouts; now I start from the dashboard I use on Mondays.\n"
    "[S1] Agreeing ground rules first made it easier to be corrected."
)


def test_the_demo_mentee_sees_his_learning_over_time(signed_in, app: RunningApp, shots: Path):
    page = signed_in(MENTEE)
    entries = page.locator("#timeline-entries")
    see(entries, "agreed ground rules")
    first = page.locator("#timeline-s1")
    assert "Session 1" in first.inner_text() and "What I learned" in first.inner_text()
    text = entries.inner_text()
    assert "Try the dashboard's filter for late deliveries by depot" in text  # closed, by him
    assert "Read the weekly delivery dashboard" in text and "80%" in text  # his goal moved
    assert "Draft three slides" not in text  # Priya's action is hers
    assert "Learning by doing" not in text  # Priya's summary is hers

    app.model.replies.appendleft(REPLY)  # the next model call answers in the tagged format
    page.locator("#timeline-write").click()
    paragraph = page.locator("#timeline-paragraph")
    see(paragraph, "I used to ask for printouts")
    if app.model.replies and app.model.replies[0] == REPLY:  # not used (cached): take it back
        app.model.replies.popleft()
    sentences = paragraph.locator(".timeline-sentence")
    assert sentences.count() == 2
    for n in range(sentences.count()):
        links = sentences.nth(n).locator("a")
        assert links.count() >= 1
        for k in range(links.count()):
            target = links.nth(k).get_attribute("href")
            assert target and target.startswith("#timeline-s")
            assert page.locator(target).count() == 1  # it points at an entry on the page
    assert "Written by rules" not in paragraph.inner_text()
    sentences.first.locator("a").first.click()
    page.locator("#timeline-s1").wait_for()
    page.screenshot(path=shots / "timeline.png", full_page=True)
