"""A real SMTP server (aiosmtpd) on loopback that keeps every mail it receives."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


@dataclass
class Inbox:
    """What the server received, in order, and the URL that reaches it."""

    url: str
    messages: list[EmailMessage] = field(default_factory=list)

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]

    @staticmethod
    def body(message: EmailMessage) -> str:
        part = message.get_body(preferencelist=("plain",))
        return part.get_content() if part is not None else ""


class _Keep:
    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd API)
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        self.inbox.messages.append(parsed)  # type: ignore[arg-type]
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def smtp_server() -> Iterator[Inbox]:
    """Start the server on a free loopback port; ``inbox.url`` is a ``COACH_SMTP_URL``."""
    port = _free_port()
    inbox = Inbox(f"smtp://127.0.0.1:{port}")
    controller = Controller(_Keep(inbox), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()
