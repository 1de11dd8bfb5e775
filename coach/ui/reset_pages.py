"""Our password-reset pages: "Forgot your password?" (ask for a link) and ``/reset`` (use it).

They sit beside ``/login`` on the parent app, in front of Gradio, behind the same origin guard:
a form posted from another site's page is refused before it runs. No cookie is needed or set;
the token in the link is the only authority, and it is sent on with the form, never stored in
the browser. The access log shows ``token=…`` instead of the token.
"""

from __future__ import annotations

import html
import logging
import re

import anyio
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

from coach.domain.common import RuleViolation
from coach.domain.users import MIN_PASSWORD
from coach.services.errors import UserError
from coach.services.password_reset import PasswordResetService
from coach.ui.origin import own_origin
from coach.ui.signin import login_page, message, page

ASK_FORM = """<p>Type your username or your email address. If the account has an address, we
mail it a link to choose a new password.</p>
<form method="post" action="forgot">
<label for="name">Username or email</label>
<input id="name" name="name" autocomplete="username" required autofocus>
<button type="submit" id="send-link">Send me a link</button>
</form>
<p class="aside"><a href="login">Back to sign in</a></p>"""

NEW_PASSWORD_FORM = """<p>Choose a new password for <strong>{name}</strong>.</p>
<form method="post" action="reset">
<input type="hidden" name="token" value="{token}">
<label for="password">New password ({minimum} characters or more)</label>
<input id="password" name="password" type="password" autocomplete="new-password" required
 minlength="{minimum}" autofocus>
<label for="again">New password again</label>
<input id="again" name="again" type="password" autocomplete="new-password" required>
<button type="submit" id="set-password">Set my password</button>
</form>"""

ASK_AGAIN = (
    '<p class="aside"><a href="forgot">Ask for a new link</a> · <a href="login">Sign in</a></p>'
)
DONE = "Your password is changed, and every other sign-in ended. Sign in with it now."
TOKEN = re.compile(r"([?&]token=)[^&\s]+")


class HideResetTokens(logging.Filter):
    """Uvicorn's access log line names the path: show ``token=…`` instead of the token."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                TOKEN.sub(r"\1…", a) if isinstance(a, str) else a for a in record.args
            )
        return True


def ask_page(error: str = "", status_code: int = 200) -> HTMLResponse:
    return page("Forgot your password?", ASK_FORM + message(error), status_code)


def new_password_page(token: str, name: str, error: str = "", status_code: int = 200):
    form = NEW_PASSWORD_FORM.format(
        name=html.escape(name), token=html.escape(token), minimum=MIN_PASSWORD
    )
    return page("Choose a new password", form + message(error), status_code)


def refused_page(error: str) -> HTMLResponse:
    return page("Reset link", message(error) + ASK_AGAIN, 400)


def add_reset_routes(app: FastAPI, resets: PasswordResetService) -> None:
    """``/forgot`` (page and form post) and ``/reset`` (page and form post)."""
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, HideResetTokens) for f in access.filters):
        access.addFilter(HideResetTokens())

    @app.get("/forgot")
    async def show_ask() -> HTMLResponse:
        return ask_page()

    @app.post("/forgot")
    async def ask(request: Request) -> HTMLResponse:
        name = str((await request.form()).get("name", ""))
        origin = own_origin(request.scope, None)
        try:
            answer = await anyio.to_thread.run_sync(resets.request, name, origin)
        except UserError as error:  # asked too often (the same for every name)
            return ask_page(f"{error}.", 429)
        return page("Check your mail", message(answer, "notice") + ASK_AGAIN)

    @app.get("/reset")
    async def show_reset(request: Request) -> HTMLResponse:
        token = request.query_params.get("token", "")
        try:
            user = await anyio.to_thread.run_sync(resets.check, token)
        except UserError as error:
            return refused_page(f"{error}.")
        return new_password_page(token, user.label)

    @app.post("/reset")
    async def reset(request: Request) -> HTMLResponse:
        form = await request.form()
        token, password = str(form.get("token", "")), str(form.get("password", ""))
        try:
            user = await anyio.to_thread.run_sync(resets.check, token)
        except UserError as error:
            return refused_page(f"{error}.")
        if password != str(form.get("again", "")):
            return new_password_page(token, user.label, "The two passwords differ.", 400)
        try:
            await anyio.to_thread.run_sync(resets.reset, token, password)
        except RuleViolation as error:  # the password itself (too short): try again
            return new_password_page(token, user.label, f"{error}.", 400)
        except UserError as error:  # used or expired meanwhile
            return refused_page(f"{error}.")
        return login_page(notice=DONE)
