"""Drafting a summary in chromium: the author sees where each point comes from in the reflection."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app_support import MENTEE, RunningApp
from tests.e2e.test_roles import see

pytestmark = pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")


def test_the_draft_shows_each_points_span_marked_in_the_reflection(
    signed_in, app: RunningApp, shots: Path
):
    page = signed_in(MENTEE)
    evidence = page.locator("#summary-evidence")
    assert not evidence.is_visible()  # nothing to show before a draft
    page.locator("#draft-summary").click()
    see(page.locator("#summary-status"), "Drafted from your reflection")
    see(evidence, "takeaway")  # the legend names the points
    latest = max(app.services.reflections.mine(app.services.users.signed_in(MENTEE)),
                 key=lambda r: r.created_at)  # fmt: skip
    assert latest.text.split("\n")[0][:40] in evidence.inner_text(), "the reflection is shown"
    evidence.scroll_into_view_if_needed()
    page.screenshot(path=shots / "summary-evidence.png", full_page=True)
