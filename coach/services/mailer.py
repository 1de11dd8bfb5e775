"""Sending mail over SMTP (``COACH_SMTP_URL``), or nowhere when it is not set.

``Mailer`` is the seam: ``SmtpMailer`` talks to a real server, ``NoMailer`` refuses (so a reset
link is never silently dropped). Bodies are plain text, built by code from aggregates and links;
the callers guarantee no private text goes in (see ``coach.services.notify``).
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Protocol
from urllib.parse import unquote, urlsplit

from coach.services.errors import UserError

TIMEOUT = 20.0  # seconds per SMTP conversation


@dataclass(frozen=True)
class Mail:
    """One plain-text mail to one address."""

    to: str
    subject: str
    body: str


class Mailer(Protocol):
    """Something that delivers a mail or raises ``MailError``."""

    def send(self, mail: Mail) -> None: ...

    @property
    def configured(self) -> bool: ...


class MailError(UserError):
    """A mail could not be handed to the server; the message says why."""


class NoMailer:
    """No ``COACH_SMTP_URL``: nothing can be sent."""

    configured = False

    def send(self, mail: Mail) -> None:
        raise MailError("mail is not set up: set COACH_SMTP_URL (e.g. smtp://host:587)")


@dataclass(frozen=True)
class SmtpMailer:
    """A real SMTP server: ``smtp://`` with STARTTLS when offered, or ``smtps://``."""

    url: str
    sender: str
    configured = True

    def send(self, mail: Mail) -> None:
        parts = urlsplit(self.url)
        secure = parts.scheme.lower() == "smtps"
        host, port = parts.hostname or "localhost", parts.port or (465 if secure else 25)
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.sender, mail.to, mail.subject
        message.set_content(mail.body)
        context = ssl.create_default_context()
        try:
            if secure:
                client = smtplib.SMTP_SSL(host, port, timeout=TIMEOUT, context=context)
            else:
                client = smtplib.SMTP(host, port, timeout=TIMEOUT)
            with client:
                if not secure and client.has_extn("starttls"):
                    client.starttls(context=context)
                if parts.username:
                    client.login(unquote(parts.username), unquote(parts.password or ""))
                client.send_message(message)
        except (OSError, smtplib.SMTPException) as error:
            raise MailError(f"the mail server at {host}:{port} refused the mail: {error}") from None


def mailer_for(url: str | None, sender: str) -> Mailer:
    """The mailer the settings ask for."""
    return SmtpMailer(url, sender) if url else NoMailer()
