"""Goals and action items of a pair, on the participant's tab."""

from __future__ import annotations

import gradio as gr
import pandas as pd

from coach.domain.actions import ActionStatus
from coach.services.doors import ParticipantDoor
from coach.ui.auth import guarded, signed_in
from coach.ui.render import day, md, preview
from coach.ui.select import cell_of_row

GOAL_COLUMNS = ["goal", "owner", "progress %", "status", "target"]
ACTION_COLUMNS = ["action item", "owner", "due", "status", "id"]
GOAL_WIDTHS = [260, 120, 80, 80, 100]  # pixels: a phone scrolls the table sideways
ACTION_WIDTHS = [240, 120, 100, 70, 170]


def build_plan_panel(services: ParticipantDoor, picker: gr.Dropdown) -> None:
    """Goal progress and action items; it follows ``picker`` (a pair id)."""
    gr.Markdown("### Goals and action items")
    with gr.Row(equal_height=False, elem_classes="stack"):
        goals = gr.Dataframe(
            headers=GOAL_COLUMNS, interactive=False, wrap=True, label="Goals", min_width=300,
            column_widths=GOAL_WIDTHS, elem_id="goals", elem_classes="wide-table",
        )  # fmt: skip
        with gr.Column(min_width=300):
            actions = gr.Dataframe(
                headers=ACTION_COLUMNS, interactive=False, wrap=True, label="Action items",
                column_widths=ACTION_WIDTHS, elem_id="actions", elem_classes="wide-table",
            )  # fmt: skip
            with gr.Row(elem_classes="stack"):
                action_id = gr.Textbox(label="Action item id (click a row)", scale=2)
                done = gr.Button("Mark done", scale=1, size="sm")
            status = gr.Markdown()

    @guarded
    def plan(pair_id: str | None, request: gr.Request) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The pair's goals with progress, and its action items (open ones first)."""
        user = signed_in(services, request)
        if not pair_id:
            empty = pd.DataFrame([], columns=GOAL_COLUMNS), pd.DataFrame([], columns=ACTION_COLUMNS)
            return empty
        card = services.pairs.get(user, pair_id)
        names = {card.pair.mentor_id: card.mentor_name, card.pair.mentee_id: card.mentee_name}
        goal_rows = [
            [g.text, names.get(g.owner_id, "?"), g.effective_progress, g.status.value,
             day(g.target_date)]
            for g in services.plans.goals(user, pair_id)
        ]  # fmt: skip
        items = sorted(
            services.plans.actions(user, pair_id),
            key=lambda a: (a.status is not ActionStatus.OPEN, a.due_date or a.created_at.date()),
        )
        action_rows = [
            [a.text, names.get(a.owner_id, "?"), day(a.due_date), a.status.value, a.id]
            for a in items
        ]
        return (
            pd.DataFrame(goal_rows, columns=GOAL_COLUMNS),
            pd.DataFrame(action_rows, columns=ACTION_COLUMNS),
        )

    @guarded
    def complete_action(item_id: str, request: gr.Request) -> str:
        """Mark one of your pair's action items done."""
        user = signed_in(services, request)
        if not (item_id or "").strip():
            raise gr.Error("Click an action item in the table first.", title="No action item")
        item = services.plans.set_action_status(user, item_id.strip(), ActionStatus.DONE)
        return f"Marked done: {md(preview(item.text, 80))}"

    picker.change(plan, picker, [goals, actions], api_name="plan")
    actions.select(cell_of_row(-1), None, action_id, api_visibility="private")
    done.click(complete_action, action_id, status, api_name="complete_action").success(
        plan, picker, [goals, actions], api_visibility="private"
    )
