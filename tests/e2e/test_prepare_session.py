"""Prepare session in chromium: the planned session's length; an agenda that stays with the
pair it was prepared for; and edits, made cell by cell, that are what is saved, shown after a
reload and exported, until revert brings back the model's version."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coach.domain.artifact_kind import ArtifactKind
from coach.services.access import OPERATOR
from tests.app_support import MENTOR, PASSWORD, RunningApp, running_app
from tests.e2e.test_roles import pick, see

pytestmark = [pytest.mark.e2e, pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")]
NEW_MENTEE = "Nadia New"


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[RunningApp]:
    """Its own app: this module adds a pair, which the role tests would count."""
    with running_app(tmp_path_factory.mktemp("e2e-prepare")) as running:
        services = running.services
        services.users.add(OPERATOR, "nadia.new", "participant", PASSWORD, NEW_MENTEE)
        program = services.programs.list(OPERATOR)[0].name
        pair = services.pairs.add(OPERATOR, MENTOR, "nadia.new", program).pair.id
        mentor = services.users.signed_in(MENTOR)
        services.sessions.schedule(mentor, pair, datetime.now(UTC) + timedelta(days=2), 60)
        yield running


def new_pair(app: RunningApp) -> str:
    mentor = app.services.users.signed_in(MENTOR)
    return next(c.pair.id for c in app.services.pairs.list(mentor) if c.mentee_name == NEW_MENTEE)


def stored(app: RunningApp, kind: ArtifactKind):
    """The new pair's latest stored ``kind``, as the mentor reads it."""
    mentor = app.services.users.signed_in(MENTOR)
    return app.services.artifacts.list(mentor, new_pair(app), kind)[-1]


def cell(page, table: str, row: int, column: int):
    return page.locator(f"#{table}").get_by_test_id(f"cell-{row}-{column}")


def edit_in_place(page, kind: str) -> None:
    """Press Edit on the agenda or starters: the table takes the view's place."""
    page.locator(f"#edit-{kind}").click()
    page.locator(f"#{kind}-editor").wait_for()
    assert not page.locator(f"#{kind}-view").is_visible(), "the view gives way to the table"


def leave_editing(page, kind: str) -> None:
    """Press Cancel: the view is back."""
    page.locator(f"#cancel-{kind}").click()
    page.locator(f"#{kind}-view").wait_for()


def type_into(page, table: str, row: int, column: int, text: str) -> None:
    """Edit one cell the way a person does: double-click, replace the text, press Enter."""
    cell(page, table, row, column).dblclick()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    see(cell(page, table, row, column), text)


def exported_markdown(page, tmp_path: Path) -> str:
    """Download the exported Markdown file, as a person would, and read it."""
    link = page.locator('#agenda-exports a[download$=".md"]')
    with page.expect_download() as download:
        link.click()
    path = tmp_path / "export.md"
    download.value.save_as(path)
    return path.read_text(encoding="utf-8")


def prepare_new_pair(page) -> None:
    """Pick the new pair, wait for its planned length to fill in, and prepare its session."""
    pick(page, "Pair you mentor", NEW_MENTEE)
    see(page.locator("#prepare-length"), "60 minutes, from planned session 1")
    page.locator("#prepare-button").click()
    see(page.locator("#prepare-status"), "Kept with the pair")


def test_a_planned_60_minute_session_prepares_60_minutes_and_stays_with_its_pair(signed_in):
    page = signed_in(MENTOR)
    pick(page, "Pair you mentor", NEW_MENTEE)
    see(page.locator("#prepare-length"), "60 minutes, from planned session 1")
    assert page.locator("#prepare-minutes input").input_value() == "60"
    page.locator("#prepare-button").click()
    see(page.locator("#agenda-view"), "60 minutes")
    pick(page, "Pair you mentor", "Harold Brandt")
    see(page.locator("#agenda-view"), "Pick a pair and press")  # the other pair's plan is gone
    edit_in_place(page, "agenda")
    page.locator("#save-agenda").click()
    see(page.locator("body"), "Prepare an agenda first")


def test_an_edited_agenda_item_is_saved_reloaded_and_exported_and_revert_restores_it(
    signed_in, app: RunningApp, tmp_path: Path
):
    page = signed_in(MENTOR)
    prepare_new_pair(page)
    original = stored(app, ArtifactKind.AGENDA).content["items"][0]["title"]
    edit_in_place(page, "agenda")
    see(cell(page, "agenda-editor", 0, 1), original)
    type_into(page, "agenda-editor", 0, 1, "Walk the depot dashboard together")
    page.locator("#save-agenda").click()
    see(page.locator("#prepare-status"), "Saved (60 minutes")
    page.locator("#agenda-view").wait_for()  # saved: the view is back in the table's place
    see(page.locator("#agenda-view"), "Edited by you")
    see(page.locator("#agenda-view"), "Walk the depot dashboard together")
    record = stored(app, ArtifactKind.AGENDA)
    assert record.edited["items"][0]["title"] == "Walk the depot dashboard together"
    assert record.content["items"][0]["title"] == original, "the model's original is kept"
    text = exported_markdown(page, tmp_path)
    assert "Walk the depot dashboard together" in text and original not in text

    page.reload()
    page.locator("#whoami").get_by_text("Signed in as").wait_for()
    pick(page, "Pair you mentor", NEW_MENTEE)
    see(page.locator("#agenda-view"), "Walk the depot dashboard together")
    see(page.locator("#agenda-view"), "Edited by you")
    assert "Walk the depot dashboard together" in exported_markdown(page, tmp_path)
    edit_in_place(page, "agenda")
    see(cell(page, "agenda-editor", 0, 1), "Walk the depot dashboard together")
    leave_editing(page, "agenda")

    page.locator("#revert-agenda").click()
    see(page.locator("#prepare-status"), "Back to the model's agenda")
    see(page.locator("#agenda-view"), "The model's version")
    assert page.locator("#agenda-view").get_by_text("Walk the depot dashboard").count() == 0
    edit_in_place(page, "agenda")
    see(cell(page, "agenda-editor", 0, 1), original)
    assert stored(app, ArtifactKind.AGENDA).edited is None
    text = exported_markdown(page, tmp_path)
    assert original in text and "Walk the depot dashboard together" not in text


def test_an_edited_starter_is_saved_reloaded_and_exported_and_revert_restores_it(
    signed_in, app: RunningApp, tmp_path: Path
):
    page = signed_in(MENTOR)
    prepare_new_pair(page)
    original = stored(app, ArtifactKind.STARTERS).content["starters"][0]["text"]
    edit_in_place(page, "starters")
    type_into(page, "starters-editor", 0, 2, "Which tool from your first job do you miss?")
    page.locator("#save-starters").click()
    see(page.locator("#prepare-status"), "starters)")
    see(page.locator("#starters-view"), "Which tool from your first job do you miss?")
    record = stored(app, ArtifactKind.STARTERS)
    assert record.edited["starters"][0]["text"] == "Which tool from your first job do you miss?"
    assert record.content["starters"][0]["text"] == original
    assert "Which tool from your first job do you miss?" in exported_markdown(page, tmp_path)

    page.reload()
    page.locator("#whoami").get_by_text("Signed in as").wait_for()
    pick(page, "Pair you mentor", NEW_MENTEE)
    see(page.locator("#starters-view"), "Which tool from your first job do you miss?")
    assert "Which tool from your first job do you miss?" in exported_markdown(page, tmp_path)

    page.locator("#revert-starters").click()
    see(page.locator("#prepare-status"), "Back to the model's starters")
    see(page.locator("#starters-view"), original[:40])
    edit_in_place(page, "starters")
    see(cell(page, "starters-editor", 0, 2), original[:40])
    assert stored(app, ArtifactKind.STARTERS).edited is None
    assert "Which tool from your first job" not in exported_markdown(page, tmp_path)


def test_minutes_that_no_longer_add_up_are_refused_with_the_sum(signed_in, app: RunningApp):
    page = signed_in(MENTOR)
    prepare_new_pair(page)
    agenda = stored(app, ArtifactKind.AGENDA).content
    assert agenda["minutes"] == 60
    edit_in_place(page, "agenda")
    type_into(page, "agenda-editor", 0, 0, str(agenda["items"][0]["minutes"] + 5))
    page.locator("#save-agenda").click()
    see(page.locator("body"), "add up to 65, but this is a 60-minute session")
    assert stored(app, ArtifactKind.AGENDA).edited is None
    assert page.locator("#agenda-editor").is_visible(), "a refused save stays in the table"
