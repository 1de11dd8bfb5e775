"""In chromium: a member changes their self-assessment in the open window, and the lead's tab
shows each side's change (the demo's start and mid-point answers, from four pairs per side)."""

from __future__ import annotations

import pytest

from coach.domain.outcomes import ITEMS
from coach.domain.pairs import Side
from tests.app_support import LEAD, MENTEE

pytestmark = pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")


def test_a_member_answers_and_the_lead_reads_only_the_change(signed_in, app, shots):
    page = signed_in(MENTEE)
    panel = page.locator("#reflect-self-assessment")
    panel.get_by_text("How you see yourself now (mid-point of the program)").wait_for()
    first = panel.locator("#reflect-assess-1")
    first.get_by_text(ITEMS[Side.MENTEE][0]).wait_for()
    first.get_by_label("5").check()
    page.locator("#reflect-assess-save").click()
    page.locator("#reflect-assess-status").get_by_text("Only you can see your answers").wait_for()
    page.screenshot(path=str(shots / "self-assessment.png"), full_page=True)
    me = app.services.users.signed_in(MENTEE)
    pair = app.services.pairs.list(me)[0].pair.id
    assert app.services.outcomes.window(me, pair).mine.scores[0] == 5

    lead = signed_in(LEAD)
    figures = lead.locator("#outcomes-figures")
    figures.get_by_text("start to mid-point", exact=False).first.wait_for()
    text = figures.inner_text()
    assert text.count("(95% interval") == 2 and "n = 4 people" in text
    lead.screenshot(path=str(shots / "lead-outcomes.png"), full_page=True)
