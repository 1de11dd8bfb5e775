"""Small shared rules: ids, UTC time, and the error a broken domain rule raises."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime


class RuleViolation(ValueError):
    """A domain rule was broken; the message names the rule in one sentence."""


def check(condition: bool, message: str) -> None:
    """Raise ``RuleViolation(message)`` unless ``condition`` holds."""
    if not condition:
        raise RuleViolation(message)


def new_id(prefix: str) -> str:
    """A random, URL-safe id with a readable prefix, e.g. ``pair_3f9a2c1b7d4e6a10``."""
    return f"{prefix}_{uuid.uuid4().hex[:16]}"


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


def clean_text(text: str, what: str, limit: int) -> str:
    """Strip ``text``; refuse it when empty or longer than ``limit`` characters."""
    cleaned = (text or "").strip()
    check(bool(cleaned), f"{what} cannot be empty")
    check(len(cleaned) <= limit, f"{what} is longer than {limit} characters")
    return cleaned


def check_aware(moment: datetime, what: str) -> None:
    """Refuse naive datetimes: every stored time is timezone-aware."""
    check(moment.tzinfo is not None, f"{what} needs a timezone")
