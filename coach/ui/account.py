"""Everyone's own account: your password, your address and mail choice, your data, deletion."""

from __future__ import annotations

import json
from datetime import date

import gradio as gr

from coach.services.doors import AccountDoor
from coach.services.errors import UserError
from coach.ui.auth import guarded, signed_in
from coach.ui.downloads import download_folder
from coach.ui.render import md
from coach.ui.signin import COOKIE


def build_account_tab(services: AccountDoor, app: gr.Blocks) -> None:
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

    build_mail_settings(services, app)

    gr.Markdown(
        "### Your data\nDownload everything Flipside holds about you, as JSON. Or ask for your "
        "account to be deleted: an admin confirms it; your reflections and unshared summaries "
        'are then removed, and what you shared stays, signed "a former participant".'
    )
    with gr.Row(elem_classes="stack"):
        download = gr.Button("Download my data", elem_id="download-my-data")
        erase = gr.Button("Ask to delete my account", variant="stop", elem_id="ask-deletion")
    data_file = gr.File(label="Your data", interactive=False, elem_id="my-data-file")
    erase_status = gr.Markdown(elem_id="deletion-status")

    @guarded
    def my_data(request: gr.Request) -> str:
        """Everything Flipside holds about you, as a JSON file to download."""
        user = signed_in(services, request)
        document = services.own_data.export(user)
        path = download_folder("own-data-") / f"flipside-{user.username}-{date.today()}.json"
        path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
        return str(path)

    @guarded
    def request_deletion(request: gr.Request) -> str:
        """Ask an admin to delete your account."""
        asked = services.own_data.request_deletion(signed_in(services, request))
        return (
            f"Asked on {asked.requested_at:%Y-%m-%d}. An admin will confirm it; until then "
            "you can keep using Flipside and download your data."
        )

    download.click(my_data, None, data_file, api_name="my_data")
    erase.click(request_deletion, None, erase_status, api_name="request_deletion")


def build_mail_settings(services: AccountDoor, app: gr.Blocks) -> None:
    """Your address (for reset links and reminders) and your own opt-out of reminder mails."""
    gr.Markdown(
        "### Mail\nYour address is where a password-reset link goes, and reminders if your "
        "program sends them. Reminder mails never hold what you wrote."
    )
    with gr.Row(equal_height=False, elem_classes="stack"):
        email = gr.Textbox(label="My email (empty: none)", elem_id="my-email", min_width=220)
        opt_out = gr.Checkbox(label="No reminder mails", elem_id="no-reminders", min_width=160)
    save = gr.Button("Save mail settings", elem_id="save-mail")
    saved = gr.Markdown(elem_id="mail-status")

    @guarded
    def mail_settings(request: gr.Request) -> tuple[str, bool]:
        """Your address and whether you turned reminder mails off."""
        user = signed_in(services, request)
        return user.email or "", user.mail_opt_out

    @guarded
    def save_mail(address: str, no_reminders: bool, request: gr.Request):
        """Set (or clear) your address and your reminder-mail choice."""
        user = signed_in(services, request)
        user = services.users.set_email(user, user.username, address or None)
        user = services.users.set_mail_opt_out(user, bool(no_reminders))
        where = f"Mails go to {md(user.email)}." if user.email else "No address: no mails."
        choice = " No reminder mails." if user.mail_opt_out else ""
        return f"Saved. {where}{choice}", user.email or ""

    app.load(mail_settings, None, [email, opt_out], api_visibility="private")
    save.click(save_mail, [email, opt_out], [saved, email], api_name="save_mail")
