"""Reflections: private to their author, and saved before anything else can go wrong.

``write`` commits the text in a transaction of its own. Only then do the follow-ups run
(e.g. drafting a summary with the model); their failures are reported, never lose the text.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from coach.domain import policy
from coach.domain.common import RuleViolation, new_id
from coach.domain.reflections import Reflection, Visibility
from coach.domain.sessions import Session
from coach.domain.users import User
from coach.services.access import Clock, current, default_clock, load, load_pair, require
from coach.services.errors import UserError, check_unicode
from coach.store.api import Store, StoreError

log = logging.getLogger(__name__)
FollowUp = Callable[[User, Reflection], None]
NOT_SAVED = "Your reflection was not saved: {why}. Keep your text and try again in a minute."


def why_not_saved(error: Exception) -> str:
    """The storage failure in words, without the driver's message (it may quote the text)."""
    cause = getattr(error, "orig", None) or error
    words = str(cause).lower()
    if getattr(cause, "errno", None) == errno.ENOSPC or "is full" in words or "no space" in words:
        return "the disk is full (tell your admin)"
    if "locked" in words or "busy" in words:
        return "the database is busy"
    return "the database is not available"


@dataclass(frozen=True)
class SavedReflection:
    """The stored reflection, and what did not work out after it was safe."""

    reflection: Reflection
    notes: tuple[str, ...] = field(default_factory=tuple)


class ReflectionService:
    """Write and read your own reflections."""

    def __init__(
        self,
        store: Store,
        clock: Clock = default_clock,
        follow_ups: tuple[FollowUp, ...] = (),
    ) -> None:
        self.store = store
        self.clock = clock
        self.follow_ups = follow_ups

    def write(
        self, actor: User, pair_id: str, text: str, session_id: str | None = None
    ) -> SavedReflection:
        """Save a reflection on a pair you are in. A bad session link is dropped, not fatal.

        A storage failure (locked database, full disk) is a ``UserError`` that never quotes
        the text; nothing is half-saved.
        """
        notes = []
        check_unicode(text, "The reflection")
        try:
            with self.store.transaction() as tx:
                actor = current(tx, actor)
                pair = load_pair(tx, pair_id)
                require(policy.can_work_in(actor, pair), "you can only reflect on your own pairs")
                session = tx.get(Session, session_id) if session_id else None
                if session_id and (session is None or session.pair_id != pair.id):
                    notes.append(
                        f"session {session_id!r} is not one of this pair's; saved without it"
                    )
                    session_id = None
                reflection = Reflection(
                    new_id("ref"), pair.id, session_id, actor.id, text, Visibility.PRIVATE,
                    self.clock(),
                )  # fmt: skip
                tx.insert(reflection)
        except (UserError, RuleViolation, StoreError):
            raise
        except Exception as error:  # the driver's message may quote the private text
            why = why_not_saved(error)
            log.error("reflection on %s not saved: %s (%s)", pair_id, why, type(error).__name__)
            raise UserError(NOT_SAVED.format(why=why)) from None
        for follow_up in self.follow_ups:
            try:
                follow_up(actor, reflection)
            except Exception as error:  # the reflection is committed; report and move on
                log.warning("follow-up after reflection %s failed: %s", reflection.id, error)
                notes.append(f"saved, but a follow-up failed: {error}")
        return SavedReflection(reflection, tuple(notes))

    def mine(self, actor: User, pair_id: str | None = None) -> list[Reflection]:
        """Your reflections, oldest first; only ever your own."""
        with self.store.transaction(write=False) as tx:
            actor = current(tx, actor)
            found = tx.find(Reflection, author_id=actor.id)
        return [r for r in found if pair_id is None or r.pair_id == pair_id]

    def get(self, actor: User, reflection_id: str) -> Reflection:
        """One reflection: its author alone may read it."""
        with self.store.transaction(write=False) as tx:
            actor = current(tx, actor)
            reflection = load(tx, Reflection, reflection_id, "reflection")
            require(
                policy.can_read_reflection(actor, reflection),
                "a reflection is private to its author",
            )
            return reflection
