"""The lead uploads candidates in chromium, reads the suggested pairs with their reasons, tries a
swap and accepts a suggestion, which creates the pair.

This module runs its own app: the pair it creates would change the pair counts the other
browser tests check on the shared one. The screen is saved as lead-matching.png.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.services.access import OPERATOR
from tests.app_support import LEAD, RunningApp, running_app
from tests.matching_support import candidates_csv

pytestmark = pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[RunningApp]:
    """This module's own app (``signed_in`` signs in to it)."""
    with running_app(tmp_path_factory.mktemp("e2e-matching")) as running:
        yield running


def see(scope, text: str) -> None:
    """Wait until ``text`` shows inside ``scope`` (tables keep hidden copies of their cells)."""
    scope.get_by_text(text).filter(visible=True).first.wait_for()


def test_the_lead_uploads_candidates_and_accepts_a_suggested_pair(
    signed_in, app: RunningApp, shots: Path, tmp_path: Path
):
    path = candidates_csv(tmp_path, app.services)
    lead = app.services.users.signed_in(LEAD)
    expected = app.services.suggestions.suggest(lead, None, path)
    victor = next(s for s in expected.result.pairs if s.mentee.name == "Victor Hale")

    page = signed_in(LEAD)
    page.get_by_text("Match suggestions: pair people from a candidates file").click()
    program = page.locator("#match-program input")
    page.wait_for_function("el => el.value.includes('Demo')", arg=program.element_handle())
    page.locator("#match-file input[type=file]").set_input_files(str(path))

    table = page.locator("#match-suggestions")
    see(table, "Rosa Diaz")
    see(table, "Rosa Diaz's closest fit, Uma Stone, is ruled out: both work in Finance")
    see(table, "no account: Quinn Abbott")
    status = page.locator("#match-status")
    see(status, "3 pairs suggested for")
    see(status, "Already in a pair of this program, so left out: Priya Nair")
    see(page.locator("#match-errors"), "neither mentor nor mentee")
    page.locator("#match-section").screenshot(path=shots / "lead-matching.png")

    # a swap: Uma for Rosa breaks a rule, and the screen says which
    page.get_by_label("Senior (mentee)").fill("Rosa Diaz")
    page.get_by_role("option", name="Rosa Diaz").click()
    page.get_by_label("Junior (mentor)").fill("Uma Stone")
    page.get_by_role("option", name="Uma Stone").click()
    see(page.locator("#match-chosen"), "both work in Finance")

    # clicking a suggestion chooses it, with its score and reasons; Accept creates the pair
    table.get_by_text("Victor Hale").filter(visible=True).first.click()
    chosen = page.locator("#match-chosen")
    see(chosen, f"{victor.mentor.name} → Victor Hale: score {victor.score:.3f}")
    see(chosen, "Allowed by every rule")
    page.locator("#accept-pair").click()
    see(chosen, f"Paired {victor.mentor.name} (mentor) with Victor Hale (mentee)")

    cards = app.services.pairs.list(OPERATOR)
    [card] = [c for c in cards if c.mentee == "victor.hale"]
    assert card.mentor_name == victor.mentor.name and card.pair.status.value == "active"
    assert card.program == expected.open.program.name
    see(status, "Victor Hale")  # the table refreshed: Victor is paired now, so left out
    assert "Victor Hale" in status.inner_text() and "left out" in status.inner_text()
