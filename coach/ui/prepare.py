"""The mentor's "Prepare session": agenda and starters, kept with the pair, edited field by
field, cited and exported.

What the panel shows and exports is always the stored ``current`` version of each artifact
(the user's edit, else the model's original), never a text blob: the state holds only the pair
and the ids of its stored agenda and starters.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import gradio as gr

from coach.domain.agenda import Agenda
from coach.domain.artifact_kind import ArtifactKind
from coach.domain.artifacts import ArtifactRecord
from coach.domain.calendar import agenda_ics
from coach.domain.markdown import agenda_markdown, starters_markdown
from coach.domain.starters import StarterSet
from coach.domain.users import User
from coach.services.doors import MentorDoor
from coach.ui.artifact_editor import (
    AGENDA_EDITOR,
    STARTERS_EDITOR,
    Editor,
    as_model,
    plain,
    save_edits,
    shown_markdown,
    summary,
    version_note,
)
from coach.ui.auth import guarded, signed_in
from coach.ui.cancellable import cancellable
from coach.ui.downloads import download_folder
from coach.ui.prepared import prepared_note
from coach.ui.ratings import build_rating_row
from coach.ui.render import citations_markdown, md

EMPTY = "_Pick a pair and press **Prepare session**: an agenda and starters appear here._"
TOKENS_PER_ARTIFACT = 350  # a typical draft, for the progress bar
PROGRESS = gr.Progress()  # Gradio spots the parameter by this default and fills it per call
AGENDA, STARTERS = ArtifactKind.AGENDA, ArtifactKind.STARTERS
NOTHING = {AGENDA: "Prepare an agenda first.", STARTERS: "Prepare the starters first."}
HOW_TO_EDIT = (
    "_To edit, double-click a cell, type, and press Enter (Shift+Enter starts a new question), "
    "then save. The view and the exports follow what is saved._"
)
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


def view(record: ArtifactRecord | None, render: Callable[..., str]) -> str:
    """The stored version as the panel shows it; the invitation when there is none."""
    return shown_markdown(record, render) if record is not None else EMPTY


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
        view(agenda, agenda_markdown),
        AGENDA_EDITOR.value(agenda.current if agenda else None),
        view(starters, starters_markdown),
        STARTERS_EDITOR.value(starters.current if starters else None),
        exports(services, user, pair_id, kept),
    )


def cleared() -> tuple:
    """An empty panel: nothing prepared for the pair."""
    return EMPTY, AGENDA_EDITOR.value(None), EMPTY, STARTERS_EDITOR.value(None), None


def rated(kind: ArtifactKind):
    """What a rating row under ``kind`` rates: the stored one on screen for the pair."""
    return lambda _user, pair_id, state: (kind.value, record_id(state, pair_id, kind), pair_id)


def build_prepare_session(services: MentorDoor, pair: gr.Dropdown) -> gr.State:
    """The panel; returns the state naming the pair and its stored agenda and starters (the
    chat refines them). Picking a pair shows its latest stored ones."""
    state, on_screen = gr.State(None), gr.State(None)  # on_screen: what the views show
    with gr.Row():
        minutes = gr.Number(None, minimum=10, maximum=240, precision=0, scale=1,
                            label="Minutes", elem_id="prepare-minutes")  # fmt: skip
        focus = gr.Textbox(label="Focus (optional)", placeholder="e.g. more on power dynamics",
                           scale=3)  # fmt: skip
    length_note = gr.Markdown(elem_id="prepare-length")
    with gr.Row():
        go = gr.Button("Prepare session", variant="primary", scale=3, elem_id="prepare-button")
        stop = gr.Button("Stop", variant="stop", scale=1, elem_id="prepare-stop")
    with gr.Accordion("Agenda", open=True, elem_id="agenda-panel"):
        agenda_view = gr.Markdown(EMPTY, elem_id="agenda-view")
        gr.Markdown(HOW_TO_EDIT)
        agenda_table, *agenda_buttons = AGENDA_EDITOR.controls("Agenda items")
        build_rating_row(services, "agenda", rated(AGENDA), [pair, state])
    with gr.Accordion("Conversation starters", open=True, elem_id="starters-panel"):
        starters_view = gr.Markdown(EMPTY, elem_id="starters-view")
        starters_table, *starters_buttons = STARTERS_EDITOR.controls("Starters")
        build_rating_row(services, "starters", rated(STARTERS), [pair, state])
    sources = gr.Markdown(elem_id="prepare-sources")
    files = gr.File(label="Exports: Markdown (agenda and starters) and calendar (.ics)",
                    file_count="multiple", interactive=False, elem_id="agenda-exports")  # fmt: skip
    status = gr.Markdown(elem_id="prepare-status")
    views = [agenda_view, agenda_table, starters_view, starters_table, files]

    @guarded
    def prepare(pair_id: str | None, length: float | None, lean: str, request: gr.Request,
                progress=PROGRESS):  # fmt: skip
        """Agenda and starters for the pair's next session, kept with the pair (members only).

        A generator, so that Stop (or a closed tab) ends the model's work within a poll."""
        if not pair_id:
            raise gr.Error("Pick a pair first.")
        user = signed_in(services, request)
        stage = {"offset": 0.0, "last": 0}

        def tick(tokens: int) -> None:
            if tokens < stage["last"]:  # the count starts again: the starters are being written
                stage["offset"] = 0.5
            stage["last"] = tokens
            share = min(0.49, 0.5 * tokens / TOKENS_PER_ARTIFACT)
            progress(stage["offset"] + share, desc=f"Writing… {tokens} tokens")

        progress(0.01, desc="Reading the pair's goals and the guides…")
        chosen = int(length) if length else None
        prep = services.preparation
        made = None
        for made in cancellable(lambda on: prep.prepare(user, pair_id, chosen, lean or "", on),
                                tick):  # fmt: skip
            if made is None:  # still writing: a step at which Stop or a closed tab can land
                yield (gr.skip(),) * len(everything)
        assert made is not None
        _profile, agenda, starters = made
        kept = tuple(services.artifacts.save(user, pair_id, kind, artifact)
                     for kind, artifact in ((AGENDA, agenda), (STARTERS, starters)))  # fmt: skip
        new = prepared(pair_id, *(record.id for record in kept))
        cited = {c.id: c for m in (agenda.meta, starters.meta) if m for c in m.citations}
        made = (("Agenda", agenda.meta), ("Starters", starters.meta))
        notes = [f"{kind} built by rules: {m.fallback_reason}" for kind, m in made
                 if m and m.fallback]  # fmt: skip
        yield (
            new, new, *shown(services, user, pair_id, (kept[0], kept[1])),
            citations_markdown(list(cited.values())),
            ("⚠️ " + "; ".join(notes) + ". " if notes else "Ready. ")
            + "Kept with the pair: edit the tables below, save, or export.",
        )  # fmt: skip

    def editing(editor: Editor):
        """Save-edits and revert callbacks for one editor."""

        @guarded
        def save(pair_id: str | None, current: dict | None, rows: Any, request: gr.Request):
            """Keep the edited cells as the user's version (members only)."""
            user = signed_in(services, request)
            found = record_id(current, pair_id, editor.kind)
            kept = save_edits(services.artifacts, user, editor, found, rows)
            return *shown(services, user, kept.pair_id, records(services, user, current)), (
                f"Saved ({summary(kept)}). " + version_note(kept)
            )

        @guarded
        def revert(pair_id: str | None, current: dict | None, request: gr.Request):
            """Drop the user's version: the model's original is shown and exported again."""
            user = signed_in(services, request)
            kept = services.artifacts.revert(user, record_id(current, pair_id, editor.kind))
            again = shown(services, user, kept.pair_id, records(services, user, current))
            return *again, f"Back to the model's {editor.kind.value} ({summary(kept)})."

        return save, revert

    @guarded
    def pair_changed(pair_id: str | None, request: gr.Request):
        """A new pair: its planned session length (and where it comes from), and its latest
        stored agenda and starters."""
        if not pair_id:
            return None, "", None, None, *cleared(), "", ""
        user = signed_in(services, request)
        length = services.preparation.session_length(user, pair_id)
        note = f"{length.minutes} minutes, from {length.source}. Change it above if you like."
        found, kept = latest(services, user, pair_id)
        plan = services.preparation.prepared_plan(user, pair_id)
        if plan is not None and (kept[0] is None or plan.agenda.created_at >= kept[0].created_at):
            found, kept = prepared(pair_id, plan.agenda.id, plan.starters.id), (
                plan.agenda, plan.starters)  # fmt: skip
            return (length.minutes, note, found, found, *shown(services, user, pair_id, kept), "",
                    prepared_note(plan, datetime.now(UTC)))  # fmt: skip
        if found is None:
            return length.minutes, note, None, None, *cleared(), "", ""
        again = "Your last prepared session for this pair: edit it, or prepare a new one."
        return (length.minutes, note, found, found, *shown(services, user, pair_id, kept), "",
                again)  # fmt: skip

    @guarded
    def refresh(current: dict | None, showing: dict | None, request: gr.Request):
        """After the chat keeps a new agenda or starter set: show and export it."""
        if current == showing:
            return (gr.skip(),) * (len(views) + 1)
        if not current:
            return current, *cleared()
        user = signed_in(services, request)
        kept = records(services, user, current)
        return current, *shown(services, user, current["pair_id"], kept)

    everything = [state, on_screen, *views, sources, status]
    preparing = go.click(prepare, [pair, minutes, focus], everything, api_name="prepare_session")
    stop.click(None, None, None, cancels=[preparing], api_visibility="private")
    pair.change(pair_changed, pair, [minutes, length_note, *everything], api_name="session_length")
    for editor, table, (save_button, revert_button) in (
        (AGENDA_EDITOR, agenda_table, agenda_buttons),
        (STARTERS_EDITOR, starters_table, starters_buttons),
    ):
        save, revert = editing(editor)
        name = editor.kind.value
        save_button.click(save, [pair, state, table], [*views, status], api_name=f"save_{name}")
        revert_button.click(revert, [pair, state], [*views, status], api_name=f"revert_{name}")
    state.change(refresh, [state, on_screen], [on_screen, *views], api_visibility="private")
    return state


def md_line(text: str) -> str:
    """Model text escaped for display inside our own Markdown."""
    return md(text)
