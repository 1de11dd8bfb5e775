"""In chromium: "Forgot your password?" on the sign-in page, the mailed link (a real aiosmtpd
server), a new password, signing in with it, and the link refused the second time."""

from __future__ import annotations

import re

import pytest

from coach.services.access import OPERATOR
from coach.services.mailer import mailer_for
from tests.app_support import RunningApp
from tests.smtp_support import Inbox, smtp_server

pytestmark = [pytest.mark.e2e, pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")]
NAME, ADDRESS, NEW = "reset.person", "reset.person@example.org", "my brand new password"


@pytest.fixture
def inbox(app: RunningApp):
    """The app's reset mails go to a real SMTP server on loopback for this test."""
    resets = app.services.password_resets
    app.services.users.add(OPERATOR, NAME, "participant", "the first password", "Reset Person",
                           ADDRESS)  # fmt: skip
    with smtp_server() as server:
        original, resets.mailer = resets.mailer, mailer_for(server.url, "coach@example.org")
        try:
            yield server
        finally:
            resets.mailer = original


def test_a_forgotten_password_is_reset_by_mail(browser, app: RunningApp, inbox: Inbox):
    page = browser.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{app.url}/login")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Username or email").fill(ADDRESS)
    page.get_by_role("button", name="Send me a link").click()
    page.get_by_text("a link is on its way").wait_for()
    app.services.password_resets.outbox.flush()
    link = re.search(r"(http://\S+/reset\?token=\S+)", Inbox.body(inbox.to(ADDRESS)[0])).group(1)

    page.goto(link)
    page.get_by_text("Choose a new password for Reset Person").wait_for()
    page.get_by_label("New password (10 characters or more)").fill(NEW)
    page.get_by_label("New password again").fill(NEW)
    page.get_by_role("button", name="Set my password").click()
    page.get_by_text("Your password is changed").wait_for()

    page.get_by_label("username").fill(NAME)
    page.get_by_label("password").fill(NEW)
    page.get_by_role("button", name="Sign in").click()
    page.locator("#whoami").get_by_text("Signed in as Reset Person").wait_for()

    page.goto(link)
    page.get_by_text("This reset link was already used").wait_for()
    page.close()
