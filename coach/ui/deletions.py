"""The admin's side of account deletion: requests waiting, and confirming one."""

from __future__ import annotations

import gradio as gr
import pandas as pd

from coach.services.doors import AdminDoor
from coach.services.own_data import describe_removed
from coach.ui.auth import guarded, signed_in
from coach.ui.render import day

COLUMNS = ["username", "name", "asked on"]


def build_deletions(services: AdminDoor) -> None:
    """Inside the admin tab: list deletion requests and confirm one by username."""
    gr.Markdown(
        "### Deletion requests\nConfirming removes the person's reflections, unshared "
        'summaries, private answers and sign-in; what they shared stays, signed "a former '
        'participant". This cannot be undone; backups made before it still hold the data.'
    )
    requests = gr.Dataframe(headers=COLUMNS, interactive=False, elem_id="deletion-requests")
    with gr.Row(elem_classes="stack"):
        who = gr.Textbox(label="Username to delete", elem_id="delete-username")
        confirm = gr.Button("Confirm deletion", variant="stop", elem_id="confirm-deletion")
        refresh = gr.Button("Refresh", size="sm")
    outcome = gr.Markdown(elem_id="deletion-outcome")

    @guarded
    def deletion_requests(request: gr.Request) -> pd.DataFrame:
        """Accounts whose owners asked to be deleted (admin only)."""
        pending = services.own_data.pending(signed_in(services, request))
        rows = [[user.username, user.label, day(at)] for user, at in pending]
        return pd.DataFrame(rows, columns=COLUMNS)

    @guarded
    def confirm_deletion(username: str, request: gr.Request):
        """Delete an account that asked for it; says what was removed."""
        if not (username or "").strip():
            raise gr.Error("Type the username of a request above.", title="No username")
        report = services.own_data.confirm_deletion(signed_in(services, request), username)
        removed = describe_removed(report.removed)
        text = (f"Deleted **{report.username}**: removed {removed}; "
                f"{report.kept_shared_summaries} shared summaries stay.")  # fmt: skip
        return text, "", deletion_requests(request)

    refresh.click(deletion_requests, None, requests, api_name="deletion_requests")
    confirm.click(confirm_deletion, who, [outcome, who, requests], api_name="confirm_deletion")
