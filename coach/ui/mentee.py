"""The participant's tab: log a reflection, read your own, work on summaries, see the plan.

Useful to mentees first (they write most reflections), and to mentors too.
"""

from __future__ import annotations

import gradio as gr
import pandas as pd

from coach.services.doors import ParticipantDoor
from coach.ui.auth import guarded, pair_choices, role_view, signed_in
from coach.ui.drafts import build_draft_panels
from coach.ui.outcomes import build_outcomes_panel
from coach.ui.pairview import latest_held, session_choices
from coach.ui.plan import build_plan_panel
from coach.ui.pulse import build_pulse_panel
from coach.ui.render import day, md, preview
from coach.ui.select import id_of_row
from coach.ui.summaries import build_summaries_panel
from coach.ui.timeline import build_timeline_panel

PROMPTS = (
    ("learned", "What I learned", "One thing you understand now that you did not before."),
    ("surprised", "What surprised me", "Anything unexpected: about the topic, them, or you."),
    ("try", "What I will try", "One small thing to try before the next session."),
    ("dynamic", "How the dynamic felt", "Who led, who listened, anything that felt awkward."),
)
ENDING_CHOICES = [("Done: it ran its course", "done"), ("Not a good fit", "not_a_good_fit")]
REFLECTION_COLUMNS = ["written", "session", "reflection"]
REFLECTION_WIDTHS = [100, 70, 330]  # pixels: a phone scrolls the table sideways


def compose(answers: dict[str, str]) -> str:
    """The guided answers as one reflection text; empty answers are left out."""
    parts = [
        f"{label}: {answers[key].strip()}"
        for key, label, _hint in PROMPTS
        if (answers.get(key) or "").strip()
    ]
    if not parts:
        raise gr.Error("Answer at least one of the prompts before saving.", title="Empty")
    return "\n\n".join(parts)


def build_mentee_tab(services: ParticipantDoor, app: gr.Blocks) -> None:
    """Pair picker, then reflection, summaries and plan sections."""
    picker = gr.Dropdown(label="Pair", choices=[], allow_custom_value=True, elem_id="reflect-pair")
    with gr.Row(equal_height=False, elem_classes="stack"):
        with gr.Column(scale=1, min_width=300):
            gr.Markdown("### Log a reflection\nPrivate: only you can ever read it.")
            session = gr.Dropdown(label="Session (optional)", choices=[], allow_custom_value=True)
            boxes = [
                gr.Textbox(label=label, placeholder=hint, lines=2, elem_id=f"reflect-{key}")
                for key, label, hint in PROMPTS
            ]
            save = gr.Button("Save reflection", variant="primary", elem_id="save-reflection")
            saved = gr.Markdown(elem_id="reflection-saved")
        with gr.Column(scale=1, min_width=300):
            gr.Markdown("### My reflections")
            table = gr.Dataframe(
                headers=REFLECTION_COLUMNS, interactive=False, wrap=True, max_height=320,
                column_widths=REFLECTION_WIDTHS, elem_id="my-reflections",
                elem_classes="wide-table",
            )  # fmt: skip
            ids = gr.State([])  # the reflection ids of the table's rows, in the same order
            full = gr.Textbox(
                label="Full text (click a reflection)", lines=6, interactive=False,
                elem_id="reflection-full",
            )  # fmt: skip
    build_pulse_panel(services, picker, "reflect", api=True)
    build_outcomes_panel(services, picker, "reflect", api=True)
    build_summaries_panel(services, picker)
    build_timeline_panel(services, picker)
    build_plan_panel(services, picker)
    build_draft_panels(services, picker)
    with gr.Accordion("End this pair", open=False, elem_id="end-pair-section"):
        gr.Markdown(
            "Either of you may end the pair, and nobody is blamed: the program lead sees how it "
            "ended, never who ended it, and may then match you both with someone new (never "
            "with each other again)."
        )
        ending = gr.Radio(ENDING_CHOICES, label="How did it end?", elem_id="end-how")
        end = gr.Button("End this pair", variant="stop", size="sm", elem_id="end-pair")
        ended = gr.Markdown(elem_id="pair-ended")

    def rows(user, pair_id: str) -> tuple[pd.DataFrame, list[str]]:
        """The table, newest first, and the ids of its rows (kept off the screen)."""
        labels = {s.id: f"{s.number}" for s in services.sessions.sessions(user, pair_id)}
        mine = sorted(services.reflections.mine(user, pair_id), key=lambda r: r.created_at)
        mine.reverse()
        data = [[day(r.created_at), labels.get(r.session_id or "", ""), preview(r.text)]
                for r in mine]  # fmt: skip
        return pd.DataFrame(data, columns=REFLECTION_COLUMNS), [r.id for r in mine]

    @guarded
    def my_reflections(pair_id: str | None, request: gr.Request):
        """Your reflections on a pair, newest first; only ever your own."""
        user = signed_in(services, request)
        if not pair_id:
            return pd.DataFrame([], columns=REFLECTION_COLUMNS), []
        services.pairs.get(user, pair_id)  # a pair you are not in is an error, not a blank
        return rows(user, pair_id)

    @guarded
    def save_reflection(
        pair_id: str | None,
        session_id: str | None,
        learned: str,
        surprised: str,
        will_try: str,
        dynamic: str,
        request: gr.Request,
    ):
        """Save at once; the fields clear only after the text is stored."""
        user = signed_in(services, request)
        if not pair_id:
            raise gr.Error("Pick a pair first.", title="No pair")
        keys = [key for key, _label, _hint in PROMPTS]
        answers = dict(zip(keys, [learned, surprised, will_try, dynamic], strict=True))
        saved = services.reflections.write(user, pair_id, compose(answers), session_id or None)
        for note in saved.notes:
            gr.Warning(note)
        message = f"Saved {saved.reflection.created_at:%H:%M} UTC. Only you can read it."
        return (message, *rows(user, pair_id), *([""] * len(PROMPTS)))

    @guarded
    def read_reflection(reflection_id: str, request: gr.Request) -> str:
        """One reflection's full text, by id: its author alone may read it."""
        user = signed_in(services, request)
        if not (reflection_id or "").strip():
            raise gr.Error("Click a reflection in the table first.", title="No reflection")
        return services.reflections.get(user, reflection_id.strip()).text

    @guarded
    def open_row(row_ids: list[str], evt: gr.SelectData, request: gr.Request) -> str:
        """The clicked row's reflection, found by the row's place in the table."""
        return read_reflection(id_of_row(row_ids, evt), request)

    @guarded
    def sessions_for(pair_id: str | None, request: gr.Request):
        user = signed_in(services, request)
        if not pair_id:
            return gr.Dropdown(choices=[], value=None)
        found = services.sessions.sessions(user, pair_id)
        return gr.Dropdown(choices=session_choices(found), value=latest_held(found))

    @guarded
    def end_pair(pair_id: str | None, how: str | None, request: gr.Request):
        """End your pair as done or not a good fit; the lead sees how, never who."""
        user = signed_in(services, request)
        if not pair_id:
            raise gr.Error("Pick a pair first.", title="No pair")
        if not how:
            raise gr.Error("Choose how it ended: done, or not a good fit.", title="How it ended")
        card = services.pairs.end(user, pair_id, how)
        view = role_view(services, user)
        partner = card.mentee_name if card.pair.mentor_id == user.id else card.mentor_name
        message = (
            f"Ended your pair with **{md(partner)}** ({card.pair.status.value.replace('_', ' ')}"
            "). Your reflections and summaries stay yours; the lead may match you again."
        )
        return message, gr.Dropdown(choices=pair_choices(view.pairs, user), value=pair_id)

    def load(request: gr.Request):
        view = role_view(services, signed_in(services, request))
        first = view.pairs[0].pair.id if view.pairs else None
        return gr.Dropdown(choices=pair_choices(view.pairs, view.user), value=first)

    private = {"api_visibility": "private"}
    picker.change(sessions_for, picker, session, **private)
    picker.change(my_reflections, picker, [table, ids], api_name="my_reflections")
    save.click(
        save_reflection, [picker, session, *boxes], [saved, table, ids, *boxes],
        api_name="save_reflection",
    )  # fmt: skip
    # The public endpoint reads by id (API clients hold ids); the screen reads by row.
    gr.api(read_reflection, api_name="read_reflection")
    table.select(open_row, ids, full, **private)
    end.click(end_pair, [picker, ending], [ended, picker], api_name="end_pair")
    app.load(guarded(load), None, picker, **private)
