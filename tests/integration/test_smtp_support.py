"""The mailer against the real loopback SMTP server the mail tests use."""

from __future__ import annotations

import pytest

from coach.services.mailer import Mail, MailError, NoMailer, mailer_for
from tests.smtp_support import Inbox, smtp_server

pytestmark = pytest.mark.integration


def test_a_mail_reaches_the_server_with_its_subject_and_body():
    with smtp_server() as inbox:
        mailer = mailer_for(inbox.url, "Flipside <coach@example.org>")
        mailer.send(Mail("ana@example.org", "Your next session", "See you on Friday."))
    (message,) = inbox.messages
    assert message["To"] == "ana@example.org" and message["Subject"] == "Your next session"
    assert Inbox.body(message).strip() == "See you on Friday."
    assert "coach@example.org" in message["From"]


def test_a_server_that_is_gone_gives_a_clear_error():
    with smtp_server() as inbox:
        url = inbox.url
    with pytest.raises(MailError, match="refused the mail"):
        mailer_for(url, "x@example.org").send(Mail("a@example.org", "s", "b"))


def test_without_a_url_nothing_is_sent_and_the_error_says_what_to_set():
    assert isinstance(mailer_for(None, "x@example.org"), NoMailer)
    with pytest.raises(MailError, match="COACH_SMTP_URL"):
        NoMailer().send(Mail("a@example.org", "s", "b"))
