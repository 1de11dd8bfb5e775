"""Summaries on the participant's tab: read, correct, approve, share, withdraw.

Consent moves one step at a time and only by the author; the service enforces both. The
table shows no raw ids: clicking a row picks its summary by the row's place (the ids are kept
off the screen, as for reflections).
"""

from __future__ import annotations

import gradio as gr
import pandas as pd

from coach.domain.evidence import evidence_pieces
from coach.domain.markdown import summary_markdown
from coach.domain.summaries import ConsentState
from coach.services.doors import ParticipantDoor
from coach.services.summaries import SummaryView
from coach.ui.auth import guarded, signed_in
from coach.ui.render import day, md, preview
from coach.ui.select import id_of_row

PROGRESS = gr.Progress()  # Gradio spots the parameter by this default and fills it per call

COLUMNS = ["author", "state", "updated", "summary"]
WIDTHS = [70, 110, 100, 300]  # pixels: a phone scrolls the table sideways
STATE_TEXT = {
    ConsentState.DRAFT: "draft (only you can read it)",
    ConsentState.APPROVED: "approved (still only you)",
    ConsentState.SHARED_PARTNER: "shared with your partner",
    ConsentState.SHARED_PROGRAM: "shared with your partner and the program lead",
}
MOVES = (
    ("approve_summary", "Approve", ConsentState.APPROVED),
    ("share_summary_with_partner", "Share with partner", ConsentState.SHARED_PARTNER),
    ("share_summary_with_program", "Share with program", ConsentState.SHARED_PROGRAM),
    ("withdraw_summary", "Withdraw to draft", ConsentState.DRAFT),
)


def _author(view: SummaryView, user_id: str) -> str:
    return "you" if view.summary.author_id == user_id else "partner"


def build_summaries_panel(services: ParticipantDoor, picker: gr.Dropdown) -> None:
    """The summaries section; it follows ``picker`` (a pair id)."""
    gr.Markdown(
        "### Summaries\nA summary stays a draft until you approve it. Then you choose to share "
        "it with your partner and, if you wish, with the program lead. You can withdraw it."
    )
    with gr.Row(equal_height=False, elem_classes="stack"):
        with gr.Column(scale=3, min_width=300):
            table = gr.Dataframe(
                headers=COLUMNS, interactive=False, wrap=True, max_height=360,
                column_widths=WIDTHS, elem_id="my-summaries", elem_classes="wide-table",
            )  # fmt: skip
            ids = gr.State([])  # the summary ids of the table's rows, in the same order
        with gr.Column(scale=2, min_width=300):
            chosen = gr.Dropdown(
                label="Summary", choices=[], allow_custom_value=True, elem_id="summary-pick"
            )
            state = gr.Markdown(elem_id="summary-state")
            text = gr.Textbox(label="Text", lines=6, elem_id="summary-text")
            with gr.Row(elem_classes="stack"):
                revise = gr.Button("Save my correction", size="sm")
                create = gr.Button("Save as a new draft", size="sm")
            with gr.Row(elem_classes="stack"):
                moves = [gr.Button(label, size="sm", elem_id=name) for name, label, _ in MOVES]
            draft = gr.Button(
                "Draft a summary of my latest reflection", size="sm", elem_id="draft-summary"
            )
            status = gr.Markdown(elem_id="summary-status")
            coaching = gr.Markdown(elem_id="summary-coaching")
            evidence = gr.HighlightedText(
                label="Where each point comes from in your reflection (only you see this)",
                combine_adjacent=False, show_legend=True, visible=False,
                elem_id="summary-evidence",
            )  # fmt: skip

    def views(user, pair_id: str) -> list[SummaryView]:
        found = services.summaries.for_pair(user, pair_id)
        return sorted(found, key=lambda v: v.summary.updated_at, reverse=True)

    @guarded
    def my_summaries(pair_id: str | None, request: gr.Request) -> tuple[pd.DataFrame, list[str]]:
        """Summaries of the pair you may read: yours, and those your partner shared."""
        user = signed_in(services, request)
        found = views(user, pair_id) if pair_id else []
        data = [
            [_author(v, user.id), v.summary.state.value, day(v.summary.updated_at),
             preview(v.text)]
            for v in found
        ]  # fmt: skip
        return pd.DataFrame(data, columns=COLUMNS), [v.summary.id for v in found]

    @guarded
    def choices(pair_id: str | None, current: str | None, request: gr.Request):
        """The picker's options; the chosen summary stays chosen while it is in the list."""
        user = signed_in(services, request)
        found = views(user, pair_id) if pair_id else []
        labels = [
            (f"{_author(v, user.id)} · {day(v.summary.updated_at)} · {v.summary.state.value} · "
             f"{preview(v.text, 40)}", v.summary.id)
            for v in found
        ]  # fmt: skip
        keep = current if current in {v.summary.id for v in found} else None
        return gr.Dropdown(choices=labels, value=keep)

    @guarded
    def read_summary(summary_id: str | None, request: gr.Request) -> tuple[str, str]:
        """One summary's text and consent state, if it was shared with you."""
        user = signed_in(services, request)
        if not summary_id:
            return "", ""
        view = services.summaries.read(user, summary_id)
        whose = "Yours" if view.summary.author_id == user.id else "Your partner's"
        return view.text, f"**{whose}**, {STATE_TEXT[view.summary.state]}."

    @guarded
    def revise_summary(summary_id: str | None, new_text: str, request: gr.Request) -> str:
        """Save a corrected text; it goes back to draft for fresh consent."""
        user = signed_in(services, request)
        if not summary_id:
            raise gr.Error("Pick a summary first.", title="No summary")
        services.summaries.revise(user, summary_id, new_text)
        return "Saved your correction. It is a draft again: approve it to share it."

    @guarded
    def new_summary(pair_id: str | None, new_text: str, request: gr.Request) -> str:
        """Write a summary yourself; it starts as a draft."""
        user = signed_in(services, request)
        if not pair_id:
            raise gr.Error("Pick a pair first.", title="No pair")
        services.summaries.draft(user, pair_id, new_text)
        return "Saved as a new draft. Only you can read it until you approve and share it."

    @guarded
    def draft_from_reflection(pair_id: str | None, request: gr.Request, progress=PROGRESS):
        """Summarise your latest reflection on the pair into a new draft (yours alone).

        The reflection is already saved; the private coaching signals are shown only here.
        """
        user = signed_in(services, request)
        if not pair_id:
            raise gr.Error("Pick a pair first.", title="No pair")
        progress(0.05, desc="Summarising your reflection…")

        def tick(tokens: int) -> None:
            progress(min(0.95, tokens / 300), desc=f"Writing… {tokens} tokens")

        drafted = services.preparation.draft_latest(user, pair_id, tick)
        summary = drafted.summary
        note = " (built by rules: the model was unavailable)" if summary.meta.fallback else ""
        return (
            f"Drafted from your reflection of {day(drafted.written)}{note}. Correct it, "
            "then approve and share it if you wish.",
            summary_markdown(summary, private=True, esc=md),
            gr.HighlightedText(evidence_pieces(drafted.reflection, summary), visible=True),
        )

    def mover(target: ConsentState):
        @guarded
        def move(summary_id: str | None, request: gr.Request) -> str:
            user = signed_in(services, request)
            if not summary_id:
                raise gr.Error("Pick a summary first.", title="No summary")
            services.summaries.move(user, summary_id, target)
            return f"Done: the summary is now {STATE_TEXT[target]}."

        move.__name__ = f"move_to_{target.value}"
        return move

    private = {"api_visibility": "private"}
    picker.change(my_summaries, picker, [table, ids], api_name="my_summaries")
    picker.change(choices, [picker, chosen], chosen, **private)
    chosen.change(read_summary, chosen, [text, state], api_name="read_summary")
    table.select(id_of_row, ids, chosen, **private)
    refresh = [
        (my_summaries, picker, [table, ids]),
        (choices, [picker, chosen], chosen),
        (read_summary, chosen, [text, state]),
    ]

    def then_refresh(event) -> None:
        for fn, inputs, outputs in refresh:
            event = event.success(fn, inputs, outputs, **private)

    then_refresh(revise.click(revise_summary, [chosen, text], status, api_name="revise_summary"))
    then_refresh(create.click(new_summary, [picker, text], status, api_name="new_summary"))
    then_refresh(
        draft.click(
            draft_from_reflection, picker, [status, coaching, evidence], api_name="draft_summary"
        )  # fmt: skip
    )
    for button, (name, _label, target) in zip(moves, MOVES, strict=True):
        then_refresh(button.click(mover(target), chosen, status, api_name=name))
