"""The mentor's "Prepare session": agenda and starters, editable, cited, saved and exported."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import gradio as gr

from coach.domain.agenda import Agenda
from coach.domain.calendar import agenda_ics
from coach.domain.markdown import agenda_markdown, starters_markdown
from coach.services.doors import MentorDoor
from coach.ui.auth import guarded, signed_in
from coach.ui.downloads import download_folder
from coach.ui.render import citations_markdown, md

EMPTY = "_Pick a pair and press **Prepare session**: an agenda and starters appear here._"
TOKENS_PER_ARTIFACT = 350  # a typical draft, for the progress bar
PROGRESS = gr.Progress()  # Gradio spots the parameter by this default and fills it per call


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


def prepared(pair_id: str, agenda: Agenda) -> dict[str, Any]:
    """The panel's state: an agenda and the pair it was prepared for."""
    return {"pair_id": pair_id, "agenda": agenda.model_dump(mode="json")}


def agenda_for(state: dict | None, pair_id: str | None) -> Agenda | None:
    """The prepared agenda if it belongs to ``pair_id``; None when there is none.

    An agenda prepared for another pair is refused, never saved or refined for this one."""
    if not state:
        return None
    if state.get("pair_id") != pair_id:
        raise gr.Error(
            "This agenda was prepared for another pair: press Prepare session for this pair.",
            title="Another pair",
        )
    return Agenda.model_validate(state["agenda"])


def build_prepare_session(services: MentorDoor, pair: gr.Dropdown) -> gr.State:
    """The panel; returns the state holding the current agenda and its pair (the chat refines
    it). Changing the pair clears it."""
    agenda_state = gr.State(None)
    with gr.Row():
        minutes = gr.Number(None, minimum=10, maximum=240, precision=0, scale=1,
                            label="Minutes", elem_id="prepare-minutes")  # fmt: skip
        focus = gr.Textbox(label="Focus (optional)", placeholder="e.g. more on power dynamics",
                           scale=3)  # fmt: skip
    length_note = gr.Markdown(elem_id="prepare-length")
    go = gr.Button("Prepare session", variant="primary", elem_id="prepare-button")
    with gr.Accordion("Agenda", open=True, elem_id="agenda-panel"):
        agenda_view = gr.Markdown(EMPTY, elem_id="agenda-view")
        agenda_edit = gr.Textbox(label="Edit the agenda (Markdown; the export uses this text)",
                                 lines=10, max_lines=30, elem_id="agenda-edit")  # fmt: skip
    with gr.Accordion("Conversation starters", open=True, elem_id="starters-panel"):
        starters_view = gr.Markdown(EMPTY, elem_id="starters-view")
        starters_edit = gr.Textbox(label="Edit the starters", lines=8, elem_id="starters-edit")
    sources = gr.Markdown(elem_id="prepare-sources")
    with gr.Row():
        save = gr.Button("Save agenda to the pair", elem_id="save-agenda")
        files = gr.File(label="Exports: Markdown and calendar (.ics)", file_count="multiple",
                        interactive=False, elem_id="agenda-exports")  # fmt: skip
    status = gr.Markdown(elem_id="prepare-status")

    @guarded
    def prepare(pair_id: str | None, length: float | None, lean: str, request: gr.Request,
                progress=PROGRESS):  # fmt: skip
        """Agenda and starters for the pair's next session (members only)."""
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
        prep = services.preparation
        planned = prep.next_session(user, pair_id)
        scheduled = planned.scheduled_at if planned else None
        chosen = int(length) if length else None
        _profile, agenda, starters = prep.prepare(user, pair_id, chosen, lean or "", tick)
        text = agenda_markdown(agenda)
        cited = {c.id: c for m in (agenda.meta, starters.meta) if m for c in m.citations}
        made = (("Agenda", agenda.meta), ("Starters", starters.meta))
        notes = [f"{kind} built by rules: {m.fallback_reason}" for kind, m in made
                 if m and m.fallback]  # fmt: skip
        return (
            prepared(pair_id, agenda),
            smaller(agenda_markdown(agenda, md_line)),
            text,
            smaller(starters_markdown(starters, md_line)),
            starters_markdown(starters),
            citations_markdown(list(cited.values())),
            write_exports(agenda, text, scheduled),
            "⚠️ " + "; ".join(notes) if notes else "Ready. Edit below, save, or export.",
        )

    @guarded
    def save_agenda(pair_id: str | None, state: dict | None, request: gr.Request) -> str:
        """Keep the current agenda with the pair it was prepared for."""
        user = signed_in(services, request)
        agenda = agenda_for(state, pair_id) if pair_id else None
        if agenda is None or not pair_id:
            raise gr.Error("Prepare an agenda first.")
        stored = services.preparation.save_agenda(user, pair_id, agenda)
        items = stored.current["items"]
        return f"Saved ({sum(i['minutes'] for i in items)} minutes, {len(items)} items)."

    @guarded
    def re_export(state: dict | None, text: str, request: gr.Request) -> list[str] | None:
        if not state:
            return None
        user = signed_in(services, request)
        planned = services.preparation.next_session(user, state["pair_id"])
        agenda = Agenda.model_validate(state["agenda"])
        return write_exports(agenda, text, planned.scheduled_at if planned else None)

    @guarded
    def pair_changed(pair_id: str | None, request: gr.Request):
        """A new pair: its planned session length (and where it comes from), nothing prepared."""
        cleared = (None, EMPTY, "", EMPTY, "", "", None, "")
        if not pair_id:
            return None, "", *cleared
        length = services.preparation.session_length(signed_in(services, request), pair_id)
        note = f"{length.minutes} minutes, from {length.source}. Change it above if you like."
        return length.minutes, note, *cleared

    outputs = [agenda_state, agenda_view, agenda_edit, starters_view, starters_edit, sources,
               files, status]  # fmt: skip
    go.click(prepare, [pair, minutes, focus], outputs, api_name="prepare_session")
    pair.change(pair_changed, pair, [minutes, length_note, *outputs], api_name="session_length")
    save.click(save_agenda, [pair, agenda_state], status, api_name="save_agenda")
    agenda_edit.blur(re_export, [agenda_state, agenda_edit], files, api_visibility="private")
    agenda_state.change(agenda_update, agenda_state, agenda_view, api_visibility="private")
    return agenda_state


def smaller(markdown: str) -> str:
    """The document's title as a third-level heading, to fit the side panel."""
    return "###" + markdown[1:] if markdown.startswith("# ") else markdown


def md_line(text: str) -> str:
    """Model text escaped for display inside our own Markdown."""
    return md(text)


def agenda_update(state: Any) -> str:
    """The agenda in ``state`` rendered for display (used after a chat refinement)."""
    if not state:
        return EMPTY
    return smaller(agenda_markdown(Agenda.model_validate(state["agenda"]), md_line))
