"""The admin's people tools beside the accounts table: set an address, import a people file."""

from __future__ import annotations

from pathlib import Path

import gradio as gr

from coach.services.doors import AdminDoor
from coach.ui.auth import guarded, signed_in
from coach.ui.render import md

IMPORT_NOTE = (
    "**Import people** from a CSV or XLSX file with the columns `username`, `email` and, "
    "optionally, `display_name` and `role` (participant or lead; empty: participant). All or "
    "nothing: a bad row is named on its own line and nothing is imported. Imported accounts "
    "have no password: each person uses *Forgot your password?* on the sign-in page."
)


def build_people_tools(services: AdminDoor) -> list:
    """The address row and the import box; returns their events (the caller refreshes the
    accounts table after each)."""
    with gr.Row(equal_height=False, elem_classes="stack"):
        who = gr.Textbox(label="Username", min_width=160, elem_id="email-username")
        address = gr.Textbox(label="Email (empty: remove it)", min_width=200, elem_id="set-email")
        set_btn = gr.Button("Set email", elem_id="set-email-button", min_width=120, scale=0)
    email_status = gr.Markdown(elem_id="email-status")
    with gr.Accordion("Import people from a file", open=False):
        gr.Markdown(IMPORT_NOTE)
        people_file = gr.File(file_types=[".csv", ".xlsx"], label="People file",
                              elem_id="people-file")  # fmt: skip
        import_btn = gr.Button("Import people", elem_id="import-people")
        import_status = gr.Markdown(elem_id="import-status")

    @guarded
    def set_email(name: str, email: str, request: gr.Request):
        """Set or remove an account's address (admin)."""
        user = services.users.set_email(signed_in(services, request), name or "", email or None)
        where = md(user.email) if user.email else "no address"
        return f"**{md(user.username)}**: {where}."

    @guarded
    def import_people(path: str | None, request: gr.Request) -> str:
        """Create accounts from a people file: all or nothing, one line per bad row."""
        actor = signed_in(services, request)
        if not path:
            raise gr.Error("Choose a CSV or XLSX file first.", title="No file")
        report = services.user_import.import_file(actor, Path(path))
        lines = [f"- {md(line)}" for line in report.lines()]
        return "\n".join(lines)

    return [
        set_btn.click(set_email, [who, address], email_status, api_name="set_email"),
        import_btn.click(import_people, people_file, import_status, api_name="import_users"),
    ]
