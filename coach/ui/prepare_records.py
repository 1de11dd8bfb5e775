"""The Prepare panel's stored records: which agenda and starters are on screen for a pair, how
they are shown, and their exports.

The panel's state holds only the pair and the ids of its stored agenda and starters; what is
shown and exported is always a record's stored ``current`` version (the user's edit, else the
model's original).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import gradio as gr

from coach.domain.agenda import Agenda
from coach.domain.artifact_kind import ArtifactKind
from coach.domain.artifacts import ArtifactRecord
from coach.domain.calendar import agenda_ics
from coach.domain.markdown import agenda_markdown, starters_markdown
from coach.domain.starters import StarterSet
from coach.domain.users import User
from coach.services.doors import MentorDoor
from coach.ui.artifact_editor import AGENDA_EDITOR, STARTERS_EDITOR, as_model, plain
from coach.ui.downloads import download_folder
from coach.ui.prepare_view import EDITED, ORIGINAL, agenda_html, empty_html, starters_html

AGENDA, STARTERS = ArtifactKind.AGENDA, ArtifactKind.STARTERS
NOTHING = {AGENDA: "Prepare an agenda first.", STARTERS: "Prepare the starters first."}
Records = tuple[ArtifactRecord | None, ArtifactRecord | None]


def write_exports(agenda: Agenda, text: str, start: datetime | None = None) -> list[str]:
    """The agenda as a Markdown file and an .ics event at ``start`` (the scheduled session;
    without one, tomorrow at 10:00 UTC).

    Files go to a fresh download folder: Gradio copies them to its cache for download, and
    the data folder is never served.
    """
    folder = download_folder("export-")
    stem = re.sub(r"[^a-z0-9]+", "-", agenda.title.lower()).strip("-")[:60] or "agenda"
    markdown = folder / f"{stem}.md"
    markdown.write_text(text, encoding="utf-8")
    now = datetime.now(UTC)
    start = start or (now + timedelta(days=1)).replace(hour=10, minute=0, second=0, microsecond=0)
    calendar = folder / f"{stem}.ics"
    calendar.write_text(agenda_ics(agenda, start, f"{stem}-{int(now.timestamp())}@flipside", now))
    return [str(markdown), str(calendar)]


def prepared(pair_id: str, agenda_id: str | None = None, starters_id: str | None = None) -> dict:
    """The panel's state: the pair, and the ids of its stored agenda and starters."""
    return {"pair_id": pair_id, AGENDA.value: agenda_id, STARTERS.value: starters_id}


def ids_for(state: dict | None, pair_id: str | None) -> dict | None:
    """The state if it belongs to ``pair_id``; None when nothing is prepared.

    What was prepared for another pair is refused, never saved or refined for this one."""
    if not state:
        return None
    if state.get("pair_id") != pair_id:
        raise gr.Error(
            "This agenda was prepared for another pair: press Prepare session for this pair.",
            title="Another pair",
        )
    return state


def record_id(state: dict | None, pair_id: str | None, kind: ArtifactKind) -> str:
    """The id of the pair's stored ``kind`` on screen; a readable error when there is none."""
    ids = ids_for(state, pair_id) if pair_id else None
    found = ids.get(kind.value) if ids else None
    if not found:
        raise gr.Error(NOTHING[kind], title="Nothing prepared")
    return found


def agenda_for(services: MentorDoor, user: User, state: dict | None, pair_id: str) -> Agenda | None:
    """The stored agenda on screen for ``pair_id`` (its current version), if any."""
    ids = ids_for(state, pair_id)
    if not ids or not ids.get(AGENDA.value):
        return None
    agenda = as_model(services.artifacts.get(user, ids[AGENDA.value]))
    return agenda if isinstance(agenda, Agenda) else None


def keep(services: MentorDoor, user: User, pair_id: str, state: dict | None,
         artifact: Agenda | StarterSet) -> dict:  # fmt: skip
    """Store a new agenda or starter set (the model's original) with the pair; the state
    then points at it."""
    kind = AGENDA if isinstance(artifact, Agenda) else STARTERS
    record = services.artifacts.save(user, pair_id, kind, artifact)
    base = state if state and state.get("pair_id") == pair_id else prepared(pair_id)
    return {**base, kind.value: record.id}


def records(services: MentorDoor, user: User, state: dict | None) -> Records:
    """The stored agenda and starters the state points at."""
    found = [services.artifacts.get(user, state[k.value]) if state and state.get(k.value)
             else None for k in (AGENDA, STARTERS)]  # fmt: skip
    return found[0], found[1]


def latest(services: MentorDoor, user: User, pair_id: str) -> tuple[dict | None, Records]:
    """The pair's latest stored agenda and starters, and a state pointing at them."""
    kept = services.artifacts.list(user, pair_id)
    last = [next((r for r in reversed(kept) if r.kind is k), None) for k in (AGENDA, STARTERS)]
    if last == [None, None]:
        return None, (None, None)
    ids = [r.id if r else None for r in last]
    return prepared(pair_id, *ids), (last[0], last[1])


def view(record: ArtifactRecord | None) -> str:
    """The stored version as the panel shows it, under whose version it is; the invitation
    when there is none."""
    if record is None:
        return empty_html()
    note = EDITED if record.edited is not None else ORIGINAL
    model = plain(record)
    if isinstance(model, Agenda):
        return agenda_html(model, note)
    assert isinstance(model, StarterSet)
    return starters_html(model, note)


def exports(services: MentorDoor, user: User, pair_id: str, kept: Records) -> list[str] | None:
    """The agenda (and starters) as stored now, as Markdown and a calendar event."""
    agenda, starters = kept
    if agenda is None:
        return None
    model = plain(agenda)
    text = agenda_markdown(model)
    if starters is not None:
        text += "\n\n" + starters_markdown(plain(starters))
    planned = services.preparation.next_session(user, pair_id)
    return write_exports(model, text + "\n", planned.scheduled_at if planned else None)


def shown(services: MentorDoor, user: User, pair_id: str, kept: Records) -> tuple:
    """The two views, the two editors and the exports for the stored artifacts."""
    agenda, starters = kept
    return (
        view(agenda),
        AGENDA_EDITOR.value(agenda.current if agenda else None),
        view(starters),
        STARTERS_EDITOR.value(starters.current if starters else None),
        exports(services, user, pair_id, kept),
    )


def cleared() -> tuple:
    """An empty panel: nothing prepared for the pair."""
    empty = empty_html()
    return empty, AGENDA_EDITOR.value(None), empty, STARTERS_EDITOR.value(None), None
