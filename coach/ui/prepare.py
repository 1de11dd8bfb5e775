"""The mentor's "Prepare session": agenda and starters, kept with the pair, shown once and
edited in place, streamed item by item, cited and exported.

What the panel shows and exports is always the stored ``current`` version of each artifact
(coach/ui/prepare_records.py); while a session is being prepared, the agenda's items and then
the starters appear as the model writes them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import gradio as gr

from coach.domain.agenda import AgendaItem
from coach.domain.artifact_kind import ArtifactKind
from coach.domain.starters import Starter
from coach.services.doors import MentorDoor
from coach.ui.artifact_editor import (
    AGENDA_EDITOR,
    STARTERS_EDITOR,
    Editor,
    save_edits,
    summary,
    version_note,
)
from coach.ui.auth import guarded, signed_in
from coach.ui.cancellable import cancellable
from coach.ui.prepare_blocks import Block, build_block, showing
from coach.ui.prepare_records import (
    AGENDA,
    STARTERS,
    agenda_for,
    cleared,
    keep,
    latest,
    prepared,
    record_id,
    records,
    shown,
)
from coach.ui.prepare_view import partial_agenda_html, starters_html
from coach.ui.prepared import prepared_note
from coach.ui.ratings import build_rating_row
from coach.ui.render import citations_markdown, md

__all__ = ["agenda_for", "build_prepare_session", "keep", "md_line"]
TOKENS_PER_ARTIFACT = 350  # a typical draft, for the progress bar
PROGRESS = gr.Progress()  # Gradio spots the parameter by this default and fills it per call
EXPORTS = "Export: Markdown (agenda and starters) and calendar (.ics)"


def partial(heard: list[Any]) -> tuple[str, str]:
    """The agenda and starter views while they are written, from the items heard so far."""
    items = [i for i in heard if isinstance(i, AgendaItem)]
    starters = [s for s in heard if isinstance(s, Starter)]
    note = "Writing the starters…" if starters else "The starters come once the agenda is done."
    return partial_agenda_html(items, done=bool(starters)), starters_html(starters, note)


def sources_label(count: int | None) -> gr.Accordion:
    """The sources' fold, closed, saying how many there are when known."""
    return gr.Accordion(label="Sources" if count is None else f"Sources ({count})", open=False)


def rated(kind: ArtifactKind):
    """What a rating row under ``kind`` rates: the stored one on screen for the pair."""
    return lambda _user, pair_id, state: (kind.value, record_id(state, pair_id, kind), pair_id)


def build_prepare_session(services: MentorDoor, pair: gr.Dropdown) -> gr.State:
    """The panel; returns the state naming the pair and its stored agenda and starters (the
    chat refines them). Picking a pair shows its latest stored ones."""
    state, on_screen = gr.State(None), gr.State(None)  # on_screen: what the views show
    with gr.Row(equal_height=False, elem_classes="stack"):
        minutes = gr.Number(None, minimum=10, maximum=240, precision=0, scale=1, min_width=120,
                            label="Minutes", elem_id="prepare-minutes")  # fmt: skip
        focus = gr.Textbox(label="Focus (optional)", placeholder="e.g. more on power dynamics",
                           scale=3, min_width=220)  # fmt: skip
        with gr.Column(scale=1, min_width=160):
            go = gr.Button("Prepare session", variant="primary", elem_id="prepare-button")
            stop = gr.Button("Stop", variant="stop", size="sm", elem_id="prepare-stop")
    length_note = gr.Markdown(elem_id="prepare-length")
    status = gr.Markdown(elem_id="prepare-status")
    gr.Markdown("### Agenda")
    agenda = build_block(AGENDA_EDITOR, "agenda", EXPORTS)
    build_rating_row(services, "agenda", rated(AGENDA), [pair, state])
    gr.Markdown("### Conversation starters")
    starters = build_block(STARTERS_EDITOR, "starters")
    build_rating_row(services, "starters", rated(STARTERS), [pair, state])
    with gr.Accordion("Sources", open=False, elem_id="prepare-sources-panel") as fold:
        sources = gr.Markdown(elem_id="prepare-sources")
    files = agenda.files
    assert files is not None
    views = [agenda.view, agenda.table, starters.view, starters.table, files]
    swapped = [*agenda.swapped, *starters.swapped]

    @guarded
    def prepare(pair_id: str | None, length: float | None, lean: str, request: gr.Request,
                progress=PROGRESS):  # fmt: skip
        """Agenda and starters for the pair's next session, kept with the pair (members only).

        A generator, so that Stop (or a closed tab) ends the model's work within a poll; the
        agenda's items, then the starters, are shown as they are written."""
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
        heard: list[Any] = []  # appended by the work's thread, read here between polls
        seen, made = 0, None
        for made in cancellable(lambda on: prep.prepare(user, pair_id, chosen, lean or "", on,
                                                        on_item=heard.append), tick):  # fmt: skip
            if made is None:  # still writing: a step at which Stop or a closed tab can land
                skip = [gr.skip()] * len(everything)
                if len(heard) > seen:
                    seen = len(heard)
                    skip[2], skip[4] = partial(heard[:seen])
                yield tuple(skip)
        assert made is not None
        _profile, agenda_made, starters_made = made
        kept = tuple(services.artifacts.save(user, pair_id, kind, artifact) for kind, artifact
                     in ((AGENDA, agenda_made), (STARTERS, starters_made)))  # fmt: skip
        new = prepared(pair_id, *(record.id for record in kept))
        metas = (agenda_made.meta, starters_made.meta)
        cited = {c.id: c for m in metas if m for c in m.citations}
        notes = [f"{kind} built by rules: {m.fallback_reason}"
                 for kind, m in zip(("Agenda", "Starters"), metas, strict=True)
                 if m and m.fallback]  # fmt: skip
        yield (
            new, new, *shown(services, user, pair_id, (kept[0], kept[1])),
            citations_markdown(list(cited.values())), sources_label(len(cited)),
            ("⚠️ " + "; ".join(notes) + ". " if notes else "Ready. ")
            + "Kept with the pair: edit it in place, save, or export.",
        )  # fmt: skip

    def editing(editor: Editor):
        """Save-edits, revert and cancel callbacks for one editor."""

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

        @guarded
        def cancel(current: dict | None, request: gr.Request):
            """Leave the table unsaved: it shows the stored version again, under the view."""
            user = signed_in(services, request)
            found = records(services, user, current)[0 if editor.kind is AGENDA else 1]
            return editor.value(found.current if found else None), *showing(False)

        return save, revert, cancel

    @guarded
    def pair_changed(pair_id: str | None, request: gr.Request):
        """A new pair: its planned session length (and where it comes from), and its latest
        stored agenda and starters."""
        if not pair_id:
            return None, "", None, None, *cleared(), "", sources_label(None), ""
        user = signed_in(services, request)
        length = services.preparation.session_length(user, pair_id)
        note = f"{length.minutes} minutes, from {length.source}. Change it above if you like."
        found, kept = latest(services, user, pair_id)
        plan = services.preparation.prepared_plan(user, pair_id)
        quiet = ("_Sources are listed when a session is prepared here._", sources_label(None))
        if plan is not None and (kept[0] is None or plan.agenda.created_at >= kept[0].created_at):
            found, kept = prepared(pair_id, plan.agenda.id, plan.starters.id), (
                plan.agenda, plan.starters)  # fmt: skip
            return (length.minutes, note, found, found, *shown(services, user, pair_id, kept),
                    *quiet, prepared_note(plan, datetime.now(UTC)))  # fmt: skip
        if found is None:
            return length.minutes, note, None, None, *cleared(), "", sources_label(None), ""
        again = "Your last prepared session for this pair: edit it, or prepare a new one."
        return (length.minutes, note, found, found, *shown(services, user, pair_id, kept),
                *quiet, again)  # fmt: skip

    @guarded
    def refresh(current: dict | None, showing_now: dict | None, request: gr.Request):
        """After the chat keeps a new agenda or starter set: show and export it."""
        if current == showing_now:
            return (gr.skip(),) * (len(views) + 1)
        if not current:
            return current, *cleared()
        user = signed_in(services, request)
        kept = records(services, user, current)
        return current, *shown(services, user, current["pair_id"], kept)

    def viewing() -> tuple:
        """Both blocks back to their views (a new pair, or a new preparation)."""
        return *showing(False), *showing(False)

    everything = [state, on_screen, *views, sources, fold, status]
    private = {"api_visibility": "private"}
    go.click(viewing, None, swapped, **private)
    preparing = go.click(prepare, [pair, minutes, focus], everything, api_name="prepare_session",
                         show_progress_on=[status])  # fmt: skip
    stop.click(None, None, None, cancels=[preparing], **private)
    pair.change(viewing, None, swapped, **private)
    pair.change(pair_changed, pair, [minutes, length_note, *everything], api_name="session_length")
    for editor, block in ((AGENDA_EDITOR, agenda), (STARTERS_EDITOR, starters)):
        wire(block, editor.kind.value, editing(editor), [pair, state], [*views, status])
    state.change(refresh, [state, on_screen], [on_screen, *views], **private)
    return state


def wire(block: Block, name: str, callbacks: tuple, given: list, outputs: list) -> None:
    """A block's buttons: Edit swaps in the table; Save (``save_<name>``) keeps the edits and
    swaps back; Cancel drops them; Revert (``revert_<name>``) brings the model's version."""
    save, revert, cancel = callbacks
    private: dict[str, Any] = {"api_visibility": "private"}
    block.edit.click(lambda: showing(True), None, block.swapped, **private)
    saving = block.save.click(save, [*given, block.table], outputs, api_name=f"save_{name}")
    saving.success(lambda: showing(False), None, block.swapped, **private)
    block.revert.click(revert, given, outputs, api_name=f"revert_{name}")
    block.cancel.click(cancel, given[1:], [block.table, *block.swapped], **private)


def md_line(text: str) -> str:
    """Model text escaped for display inside our own Markdown."""
    return md(text)
