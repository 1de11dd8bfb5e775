"""Prepare session, through the API: the length comes from the planned session; the agenda and
starters are kept with the pair at once and edited field by field; what is saved is what is
shown, reloaded and exported; revert brings back the model's version; and whatever was
prepared stays with its pair."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from coach.domain.artifact_kind import ArtifactKind
from coach.services.access import OPERATOR
from coach.ui.artifact_editor import AGENDA_EDITOR
from coach.ui.prepare_view import ORIGINAL, esc
from tests.app_support import MENTOR, OUTSIDER, PASSWORD, RunningApp, running_app

pytestmark = [pytest.mark.integration,
              pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")]  # fmt: skip
# What /prepare_session and /session_length return after their first outputs (States stay
# server-side): the two views (HTML), the two tables, the exports, the sources and the status.
AGENDA_VIEW, AGENDA_TABLE, STARTERS_VIEW, STARTERS_TABLE, FILES = range(5)


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> RunningApp:
    with running_app(tmp_path_factory.mktemp("prepare")) as running:
        yield running


@pytest.fixture
def mentor(app) -> Client:
    """A fresh browser session (its own state) of the mentor."""
    return Client(app.url, auth=(MENTOR, PASSWORD), verbose=False)


def pair_of(app: RunningApp, name: str) -> str:
    return app.services.pairs.list(app.services.users.signed_in(name))[0].pair.id


def stored(app: RunningApp, pair: str, kind: ArtifactKind):
    """The pair's latest stored artifact of ``kind``, as the mentor reads it."""
    return app.services.artifacts.list(app.services.users.signed_in(MENTOR), pair, kind)[-1]


def exported(files: list[str], suffix: str) -> str:
    """The text of the exported file ending in ``suffix`` (iCalendar lines unfolded)."""
    text = Path(next(f for f in files if f.endswith(suffix))).read_text(encoding="utf-8")
    return text.replace("\n ", "")


def edit(table: dict, row: int, column: str, value) -> dict:
    """``table`` (as an endpoint returned it) with one cell changed, ready to send back."""
    data = copy.deepcopy(table["data"])
    data[row][table["headers"].index(column)] = value
    return {"headers": table["headers"], "data": data}


def refused(client: Client, *args, api_name: str, match: str) -> str:
    with pytest.raises(AppError) as error:
        client.predict(*args, api_name=api_name)
    assert match in str(error.value), str(error.value)
    return str(error.value)


def test_a_planned_session_sets_the_length_and_an_agenda_stays_with_its_pair(app, mentor):
    app.services.users.add(OPERATOR, "second.mentee", "participant", PASSWORD, "Second Mentee")
    program = app.services.programs.list(OPERATOR)[0].name
    new = app.services.pairs.add(OPERATOR, MENTOR, "second.mentee", program).pair.id
    when = datetime.now(UTC) + timedelta(days=3)
    app.services.sessions.schedule(app.services.users.signed_in(MENTOR), new, when, 60)
    minutes, note, *_nothing_yet = mentor.predict(new, api_name="/session_length")
    assert minutes == 60 and "from planned session 1" in note
    out = mentor.predict(new, None, "", api_name="/prepare_session")
    assert "60 minutes" in out[AGENDA_VIEW], "a blank length takes the planned session's"
    assert sum(row[0] for row in out[AGENDA_TABLE]["data"]) == 60
    ics = exported(out[FILES], ".ics")
    start, end = when.strftime("%Y%m%dT%H%M%SZ"), (when + timedelta(minutes=60))
    assert f"DTSTART:{start}" in ics and f"DTEND:{end.strftime('%Y%m%dT%H%M%SZ')}" in ics
    old = pair_of(app, MENTOR)
    assert old != new
    for endpoint in ("/save_agenda", "/save_starters"):
        table = out[AGENDA_TABLE] if endpoint == "/save_agenda" else out[STARTERS_TABLE]
        refused(mentor, old, table, api_name=endpoint, match="prepared for another pair")
    for endpoint in ("/revert_agenda", "/revert_starters"):
        refused(mentor, old, api_name=endpoint, match="prepared for another pair")
    saved = mentor.predict(new, out[AGENDA_TABLE], api_name="/save_agenda")
    assert "Saved (60 minutes" in saved[-1]
    assert stored(app, new, ArtifactKind.AGENDA).edited is None, "nothing was changed"


def test_an_edited_agenda_item_is_saved_shown_reloaded_and_exported_then_reverted(app, mentor):
    pair = pair_of(app, MENTOR)
    out = mentor.predict(pair, 30, "", api_name="/prepare_session")
    record = stored(app, pair, ArtifactKind.AGENDA)
    assert record.edited is None and record.prompt_id == "agenda_item", "kept at once, as written"
    original = record.content["items"][1]
    table = edit(out[AGENDA_TABLE], 1, "title", "Walk the depot dashboard together")
    table = edit(table, 1, "purpose", "Harold reads it aloud; Priya only asks.")
    table = edit(table, 1, "questions (one per line)", "What jumps out first?\nWhat is missing?")
    first, second = table["data"][0][0], table["data"][1][0]
    table = edit(edit(table, 0, "minutes", first - 2), 1, "minutes", second + 2)
    saved = mentor.predict(pair, table, api_name="/save_agenda")
    assert "Saved (30 minutes" in saved[-1] and "Edited by you" in saved[AGENDA_VIEW]
    record = stored(app, pair, ArtifactKind.AGENDA)
    assert record.content["items"][1] == original, "the model's original is kept as written"
    item = record.edited["items"][1]
    assert item["title"] == "Walk the depot dashboard together"
    assert item["purpose"] == "Harold reads it aloud; Priya only asks."
    assert item["prompts"] == ["What jumps out first?", "What is missing?"]
    assert item["minutes"] == second + 2 and record.edited["items"][0]["minutes"] == first - 2
    assert (item["goal_ids"], item["citations"]) == (original["goal_ids"], original["citations"])
    assert "Walk the depot dashboard together" in saved[AGENDA_VIEW]
    markdown, ics = exported(saved[FILES], ".md"), exported(saved[FILES], ".ics")
    assert "Walk the depot dashboard together" in markdown and "What is missing?" in markdown
    assert original["title"] not in markdown
    assert "Walk the depot dashboard together" in ics

    reload = Client(app.url, auth=(MENTOR, PASSWORD), verbose=False).predict(
        pair, api_name="/session_length"
    )[2:]
    assert "Walk the depot dashboard together" in reload[AGENDA_VIEW]
    assert "Edited by you" in reload[AGENDA_VIEW]
    assert reload[AGENDA_TABLE]["data"][1][1] == "Walk the depot dashboard together"
    assert "Walk the depot dashboard together" in exported(reload[FILES], ".md")

    back = mentor.predict(pair, api_name="/revert_agenda")
    assert "Back to the model's agenda" in back[-1]
    assert stored(app, pair, ArtifactKind.AGENDA).edited is None
    assert esc(original["title"]) in back[AGENDA_VIEW] and esc(ORIGINAL) in back[AGENDA_VIEW]
    assert "Walk the depot dashboard together" not in exported(back[FILES], ".md")
    assert original["title"] in exported(back[FILES], ".md")


def test_an_edited_starter_is_saved_reloaded_and_exported_then_reverted(app, mentor):
    pair = pair_of(app, MENTOR)
    out = mentor.predict(pair, 30, "", api_name="/prepare_session")
    original = stored(app, pair, ArtifactKind.STARTERS).content["starters"][2]
    asker = "mentee" if original["asked_by"] == "mentor" else "mentor"
    table = edit(out[STARTERS_TABLE], 2, "text", "Which tool from your first job do you miss?")
    saved = mentor.predict(pair, edit(table, 2, "asked by", asker), api_name="/save_starters")
    assert "Saved (" in saved[-1] and "starters)" in saved[-1]
    record = stored(app, pair, ArtifactKind.STARTERS)
    assert record.content["starters"][2] == original
    assert record.edited["starters"][2] == {
        **original, "text": "Which tool from your first job do you miss?", "asked_by": asker
    }  # fmt: skip
    assert "Which tool from your first job do you miss?" in saved[STARTERS_VIEW]
    assert "Which tool from your first job do you miss?" in exported(saved[FILES], ".md")
    reload = mentor.predict(pair, api_name="/session_length")[2:]
    assert "Which tool from your first job do you miss?" in exported(reload[FILES], ".md")
    assert reload[STARTERS_TABLE]["data"][2][2] == "Which tool from your first job do you miss?"
    back = mentor.predict(pair, api_name="/revert_starters")
    assert stored(app, pair, ArtifactKind.STARTERS).edited is None
    assert "Which tool from your first job" not in exported(back[FILES], ".md")


def test_an_edit_that_breaks_the_agenda_or_starters_is_refused_and_nothing_changes(app, mentor):
    pair = pair_of(app, MENTOR)
    out = mentor.predict(pair, 30, "", api_name="/prepare_session")
    agenda, starters = out[AGENDA_TABLE], out[STARTERS_TABLE]
    longer = edit(agenda, 0, "minutes", agenda["data"][0][0] + 1)
    message = refused(mentor, pair, longer, api_name="/save_agenda", match="add up to 31")
    assert "30-minute session" in message
    refused(mentor, pair, edit(agenda, 0, "title", "  "), api_name="/save_agenda",
            match="Item 1's title cannot be empty")  # fmt: skip
    refused(mentor, pair, edit(agenda, 0, "minutes", "ten"), api_name="/save_agenda",
            match="whole number")  # fmt: skip
    fewer = {"headers": agenda["headers"], "data": agenda["data"][:-1]}
    refused(mentor, pair, fewer, api_name="/save_agenda", match="must keep its")
    refused(mentor, pair, edit(starters, 0, "text", ""), api_name="/save_starters",
            match="Starter 1's text cannot be empty")  # fmt: skip
    refused(mentor, pair, edit(starters, 0, "asked by", "the lead"), api_name="/save_starters",
            match="mentor or mentee")  # fmt: skip
    same = edit(starters, 1, "text", starters["data"][0][2])
    refused(mentor, pair, same, api_name="/save_starters", match="near-duplicates")
    assert stored(app, pair, ArtifactKind.AGENDA).edited is None
    assert stored(app, pair, ArtifactKind.STARTERS).edited is None


def test_nothing_prepared_or_another_members_pair_is_refused(app, mentor):
    pair = pair_of(app, MENTOR)
    table = {"headers": ["minutes", "title", "purpose", "questions (one per line)"], "data": []}
    refused(mentor, pair, table, api_name="/save_agenda", match="Prepare an agenda first")
    refused(mentor, pair, api_name="/revert_starters", match="Prepare the starters first")
    outsider = Client(app.url, auth=(OUTSIDER, PASSWORD), verbose=False)
    theirs = outsider.predict(pair_of(app, OUTSIDER), 30, "", api_name="/prepare_session")
    refused(outsider, pair, theirs[AGENDA_TABLE], api_name="/save_agenda",
            match="prepared for another pair")  # fmt: skip
    message = refused(outsider, pair, api_name="/session_length", match="Permission denied")
    assert "Review open action items" not in message


def test_a_chat_refinement_is_kept_and_is_what_the_editor_saves(app, mentor):
    pair = pair_of(app, MENTOR)
    mentor.predict(pair, 30, "", api_name="/prepare_session")
    prepared = stored(app, pair, ArtifactKind.AGENDA)
    mentor.predict("drop item 1", pair, api_name="/ask")  # the check-in: no rule puts it back
    refined = stored(app, pair, ArtifactKind.AGENDA)
    assert refined.id != prepared.id and refined.edited is None
    assert len(refined.content["items"]) == len(prepared.content["items"]) - 1
    assert refined.content["minutes"] == 30, "a refinement keeps the plan's length"
    table = edit(AGENDA_EDITOR.value(refined.content), 0, "title", "Refined, then edited")
    saved = mentor.predict(pair, table, api_name="/save_agenda")  # no reload in between
    assert "Refined, then edited" in exported(saved[FILES], ".md")
    assert "Refined, then edited" in saved[AGENDA_VIEW]
    mentor_user = app.services.users.signed_in(MENTOR)
    assert app.services.artifacts.get(mentor_user, refined.id).edited["items"][0]["title"] == (
        "Refined, then edited"
    )
    assert app.services.artifacts.get(mentor_user, prepared.id).edited is None
