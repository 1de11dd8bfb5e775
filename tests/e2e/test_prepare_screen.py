"""The Prepare screen as a product, in chromium: the agenda shown once and edited in place,
starters as cards saying who asks and how deep, the sources folded away, the exports beside
the agenda, the full width of a laptop and no sideways scrolling on a phone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.domain.artifact_kind import ArtifactKind
from tests.app_support import MENTOR, RunningApp, running_app
from tests.artifact_samples import AGENDA, STARTERS
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.test_hostile_rendering import PAYLOADS, nothing_ran, watch
from tests.e2e.test_roles import pick, see

pytestmark = [pytest.mark.e2e, pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")]
DEPTHS = {"icebreaker": "Icebreaker", "deeper": "Deeper", "brave": "Brave"}


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[RunningApp]:
    """Its own app, so that the shared one's fake replies stay as its tests expect."""
    with running_app(tmp_path_factory.mktemp("e2e-prepare-screen")) as running:
        yield running


def stored(app: RunningApp, kind: ArtifactKind) -> dict:
    mentor = app.services.users.signed_in(MENTOR)
    pair = app.services.pairs.list(mentor)[0].pair.id
    return app.services.artifacts.list(mentor, pair, kind)[-1].current


def prepare(page) -> None:
    pick(page, "Pair you mentor", "Harold Brandt")
    see(page.locator("#prepare-length"), "minutes, from")
    page.locator("#prepare-button").click()
    see(page.locator("#prepare-status"), "Kept with the pair")


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_the_agenda_is_shown_once_starters_are_cards_and_sources_are_folded(
    signed_in, app: RunningApp, shots: Path
):
    page = signed_in(MENTOR, DESKTOP)
    prepare(page)
    agenda, starters = stored(app, ArtifactKind.AGENDA), stored(app, ArtifactKind.STARTERS)
    text = page.locator("body").inner_text()
    for item in agenda["items"]:
        see(page.locator("#agenda-view"), item["title"])
    assert text.count("Review open action items") == 1, "one copy of the agenda on the page"
    assert not page.locator("#agenda-editor").is_visible()
    view = page.locator("#agenda-view").bounding_box()
    assert view is not None and view["width"] >= 0.85 * DESKTOP["width"], view

    cards = page.locator("#starters-view .flip-card")
    assert cards.count() == len(starters["starters"])
    for card, starter in zip(cards.all(), starters["starters"], strict=True):
        tags = card.locator(".flip-tags").inner_text()
        assert f"{starter['asked_by'].capitalize()} asks" in tags
        assert DEPTHS[starter["depth"]] in tags
        assert starter["text"][:40] in card.inner_text()

    fold = page.locator("#prepare-sources-panel")
    assert "Sources (" in fold.inner_text()
    assert not page.locator("#prepare-sources").is_visible(), "the sources start folded"
    exports = page.locator("#agenda-exports").bounding_box()
    assert exports is not None and view is not None and exports["y"] < view["y"], (
        "the exports sit above the agenda, one click away"
    )
    page.screenshot(path=shots / "prepare-1280.png", full_page=True)
    fold.get_by_text("Sources (").click()
    page.locator("#prepare-sources").wait_for()


def test_on_a_phone_nothing_scrolls_sideways(signed_in, shots: Path):
    page = signed_in(MENTOR, PHONE)
    prepare(page)
    page.locator("#starters-view .flip-card").first.wait_for()
    assert page_width(page) <= PHONE["width"]
    card = page.locator("#starters-view .flip-card").first.bounding_box()
    assert card is not None and card["x"] + card["width"] <= PHONE["width"]
    page.screenshot(path=shots / "prepare-390.png", full_page=True)
    page.locator("#edit-agenda").click()
    page.locator("#agenda-editor").wait_for()
    assert page_width(page) <= PHONE["width"], "the table scrolls inside its own box"


def test_html_and_script_in_a_kept_agenda_and_starters_are_shown_as_text(
    signed_in, app: RunningApp
):
    hostile = "Hostile item " + " ".join(PAYLOADS)
    items = [{**AGENDA["items"][0], "title": hostile, "prompts": [hostile]},
             {**AGENDA["items"][1], "purpose": hostile}]  # fmt: skip
    starter = {**STARTERS["starters"][0], "text": "Hostile starter " + " ".join(PAYLOADS)}
    mentor = app.services.users.signed_in(MENTOR)
    pair = app.services.pairs.list(mentor)[0].pair.id
    app.services.artifacts.save(mentor, pair, ArtifactKind.AGENDA,
                                {**AGENDA, "title": hostile, "items": items})  # fmt: skip
    app.services.artifacts.save(mentor, pair, ArtifactKind.STARTERS, {"starters": [starter]})
    page = signed_in(MENTOR)
    dialogs = watch(page)
    pick(page, "Pair you mentor", "Harold Brandt")
    panel = page.locator("#prepare-session")
    see(page.locator("#agenda-view"), "Hostile item")
    see(page.locator("#starters-view"), "Hostile starter")
    assert "<script>" in page.locator("#agenda-view").inner_text(), "shown as the text it is"
    page.wait_for_timeout(500)
    nothing_ran(page, panel, dialogs)
