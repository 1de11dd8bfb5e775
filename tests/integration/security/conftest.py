"""Shared helpers for the security tests: readable errors, row counts and audit writes."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from coach.domain.audit import AuditAction, AuditEntry
from coach.domain.common import RuleViolation
from coach.knowledge.loaders import LoadError
from coach.services.errors import UserError
from coach.store.records import SPECS
from tests.app_support import demo_services

# What the UI shows as a message (coach.services.errors.READABLE_ERRORS) plus the loaders' error.
READABLE = (UserError, RuleViolation, LoadError)
# Tags our own renderers emit around escaped text (sources_markdown, citations_markdown).
OUR_TAGS = {"details", "summary", "code", "p", "br"}


def assert_readable(error: BaseException, *, secret: str = "") -> str:
    """One short message a person can act on: no traceback, no quoted private text."""
    message = str(error)
    assert isinstance(error, READABLE), f"{type(error).__name__}: {message[:200]}"
    assert message.strip(), "an empty error message"
    assert len(message) < 400, message[:400]
    assert "Traceback" not in message and 'File "' not in message
    if secret:
        assert secret not in message
    return message


def counts(store) -> dict[str, int]:
    """Rows per record type, audit log aside (reads are audited, so it grows on reads)."""
    with store.transaction(write=False) as tx:
        return {s.cls.__name__: tx.count(s.cls) for s in SPECS if s.cls is not AuditEntry}


def audit_ids(store) -> set[str]:
    with store.transaction(write=False) as tx:
        return {e.id for e in tx.find(AuditEntry)}


def writes_since(store, before: set[str]) -> list[AuditEntry]:
    """Audit entries added since ``before`` that record anything but a read."""
    with store.transaction(write=False) as tx:
        new = [e for e in tx.find(AuditEntry) if e.id not in before]
    return [e for e in new if e.action is not AuditAction.READ]


def foreign_tags(markup: str) -> set[str]:
    """HTML tags in rendered output that our own renderers did not put there."""
    return set(re.findall(r"</?\s*([a-zA-Z][a-zA-Z0-9]*)", markup)) - OUR_TAGS


def markdown_links(markup: str) -> list[str]:
    """Live Markdown links or images: ``](`` whose bracket is not escaped.

    Lines that start with ``<details>`` open a raw HTML block (CommonMark: it runs to the next
    blank line), where Markdown is not parsed; our source lists are such one-line blocks.
    """
    prose = "\n".join(line for line in markup.splitlines() if not line.startswith("<details>"))
    return re.findall(r"(?<!\\)\]\s*\(", prose)


def prompt_text(model) -> str:
    """Everything the fake model was sent, every call, every message."""
    return "\n".join(str(m.content) for call in model.calls for m in call)


def feed(model, *replies) -> None:
    """Queue exactly these replies and forget earlier calls."""
    model.replies.clear()
    model.replies.extend(replies)
    model.calls.clear()


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Iterator[tuple]:
    """The demo program on SQLite with the real embedder and a fake model (module-wide). The
    model words the agenda's blocks too (``COACH_AGENDA_ADAPT=true``): the widest path for
    hostile model output; by default only the check-in question is the model's."""
    services, model, report = demo_services(tmp_path_factory.mktemp("security"), agenda_adapt=True)
    try:
        yield services, model, report
    finally:
        services.close()
