"""People before background work: one shared signal that someone is waiting for the model.

Interactive calls (chat, prepare, regenerate, summary drafts) hold the gate while they run; the
background worker waits for a quiet gate before it claims a job, and gives up a running job as
soon as the gate is held. A thread marked as background never holds the gate itself.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

QUIET_SECONDS = 1.0  # no interactive call for this long before background work starts


class InteractiveGate:
    """Counts interactive calls in progress (in this process)."""

    def __init__(
        self, quiet_seconds: float = QUIET_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.quiet_seconds = quiet_seconds
        self.clock = clock
        self._changed = threading.Condition()
        self._count = 0
        self._last = float("-inf")
        self._local = threading.local()

    @property
    def busy(self) -> bool:
        """Someone is waiting for the model now."""
        return self._count > 0

    @contextmanager
    def interactive(self) -> Iterator[None]:
        """Hold the gate for the duration of a person's request (nesting is fine)."""
        if getattr(self._local, "background", False):
            yield
            return
        with self._changed:
            self._count += 1
        try:
            yield
        finally:
            with self._changed:
                self._count -= 1
                self._last = self.clock()
                self._changed.notify_all()

    @contextmanager
    def background(self) -> Iterator[None]:
        """Mark this thread's calls as background work: they never hold the gate."""
        self._local.background = True
        try:
            yield
        finally:
            self._local.background = False

    def wait_quiet(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for no interactive call in ``quiet_seconds``."""
        deadline = self.clock() + timeout
        with self._changed:
            while True:
                now = self.clock()
                if self._count == 0 and now - self._last >= self.quiet_seconds:
                    return True
                if now >= deadline:
                    return False
                wait = deadline - now
                if self._count == 0:
                    wait = min(wait, self._last + self.quiet_seconds - now)
                self._changed.wait(max(wait, 0.01))
