"""The signed-in user, and turning service errors into messages people can read.

Sign-in itself is ``coach/ui/signin.py``: every request is resolved to an active user before
Gradio runs a callback, and the callback gets the username through ``gr.Request``. Each
callback looks the account up again through the users service, so a deactivated account or a
changed role counts at once. Every permission is then checked again by the service the
callback calls: hiding a tab is convenience, not security.
"""

from __future__ import annotations

import functools
import html
import inspect
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import gradio as gr

from coach.domain.pairs import Side
from coach.domain.users import Role, User
from coach.services.doors import Door
from coach.services.errors import READABLE_ERRORS, UserError
from coach.services.pairs import PairCard

log = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])


def signed_in(services: Door, request: gr.Request | None) -> User:
    """The account behind this request; a readable error when there is none."""
    username = getattr(request, "username", None) if request is not None else None
    if not username:
        raise gr.Error("Sign in first.", title="Not signed in")
    try:
        return services.users.signed_in(username)
    except UserError as error:
        raise readable(error) from None


def readable(error: Exception) -> gr.Error:
    """A ``gr.Error`` that shows the service's one-sentence message, escaped as text."""
    message = str(error).strip() or "Something went wrong."
    text = html.escape(message[:1].upper() + message[1:], quote=False)
    return gr.Error(text, title="Sorry", print_exception=False)


@contextmanager
def _readable_errors(name: str) -> Iterator[None]:
    try:
        yield
    except gr.Error:
        raise
    except READABLE_ERRORS as error:
        raise readable(error) from None
    except Exception:
        log.exception("callback %s failed", name)
        raise gr.Error("Something went wrong on our side; the log has the details.") from None


def guarded(fn: F) -> F:
    """Run a callback; service errors reach the user as messages, never as tracebacks.

    ``functools.wraps`` keeps the signature, so Gradio still passes ``gr.Request``. A
    generator stays a generator (Gradio can then stop it: a Stop button, a closed tab).
    """
    if inspect.isgeneratorfunction(fn):

        @functools.wraps(fn)
        def run_steps(*args: Any, **kwargs: Any) -> Iterator[Any]:
            with _readable_errors(fn.__name__):
                yield from fn(*args, **kwargs)

        return run_steps  # type: ignore[return-value]

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        with _readable_errors(fn.__name__):
            return fn(*args, **kwargs)

    return run  # type: ignore[return-value]


@dataclass(frozen=True)
class RoleView:
    """What one signed-in user may open: their role and their pairs."""

    user: User
    pairs: tuple[PairCard, ...]

    @property
    def mentor_pairs(self) -> tuple[PairCard, ...]:
        return tuple(c for c in self.pairs if c.pair.side_of(self.user.id) is Side.MENTOR)

    @property
    def tabs(self) -> tuple[str, ...]:
        """The tab ids this user sees, in order."""
        role = self.user.role
        tabs: list[str] = []
        if role is Role.PARTICIPANT:
            tabs += (["mentor"] if self.mentor_pairs else []) + ["reflect"]
        if role is Role.LEAD:
            tabs.append("lead")
        if role is Role.ADMIN:
            tabs.append("admin")
        return (*tabs, "account")


def role_view(services: Door, user: User) -> RoleView:
    pairs = services.pairs.list(user) if user.role is Role.PARTICIPANT else []
    return RoleView(user, tuple(pairs))


def pair_label(card: PairCard, user: User) -> str:
    """How a participant sees a pair: the partner and their own side."""
    side = card.pair.side_of(user.id)
    partner = card.mentee_name if side is Side.MENTOR else card.mentor_name
    role = "you mentor" if side is Side.MENTOR else "mentoring you"
    status = "" if card.pair.status.value == "active" else f" [{card.pair.status.value}]"
    return f"{partner} ({role}) · {card.program}{status}"


def pair_choices(cards: tuple[PairCard, ...] | list[PairCard], user: User) -> list[tuple]:
    return [(pair_label(card, user), card.pair.id) for card in cards]
