"""Everyone's own account: who you are signed in as, and changing your password."""

from __future__ import annotations

import gradio as gr

from coach.services.container import Services
from coach.services.errors import UserError
from coach.ui.auth import guarded, signed_in
from coach.ui.signin import COOKIE


def build_account_tab(services: Services) -> None:
    gr.Markdown("### Change your password")
    old = gr.Textbox(label="Current password", type="password")
    new = gr.Textbox(label="New password (10 characters or more)", type="password")
    again = gr.Textbox(label="New password again", type="password")
    change = gr.Button("Change password")
    status = gr.Markdown()

    @guarded
    def change_password(current: str, fresh: str, repeat: str, request: gr.Request):
        """Change your own password; the current one is asked for again."""
        user = signed_in(services, request)
        if fresh != repeat:
            raise gr.Error("The two new passwords differ.", title="Try again")
        try:
            services.users.authenticate(user.username, current or "")
        except UserError:
            raise gr.Error("Your current password is not right.", title="Try again") from None
        # This session stays signed in; every other session of this account ends.
        keep = getattr(request, "cookies", {}).get(COOKIE)
        services.users.set_password(user, user.username, fresh, keep_session=keep)
        return "Password changed. You were signed out everywhere else.", "", "", ""

    change.click(
        change_password, [old, new, again], [status, old, new, again], api_name="change_password"
    )
