"""Rate limits on what a stranger may try per name: sign-ins, and password-reset requests.

The same ``LoginLimiter`` (and the same limits) guards both; each use has its own instance, so
asking for a reset link does not lock anyone out of signing in, nor the other way round.
"""

from __future__ import annotations

import threading
from collections import deque
from datetime import datetime, timedelta

from coach.services.access import Clock, default_clock


def minutes_left(wait: timedelta) -> int:
    """A refusal's remaining time in whole minutes, rounded up (at least 1)."""
    return max(1, -(-wait // timedelta(minutes=1)))


class LoginLimiter:
    """Failed sign-ins per username, kept in memory (per process).

    After ``limit`` failures within ``window`` the name is refused, even with the right
    password, until the oldest failure is ``window`` old; a successful sign-in clears it.
    Unknown names count like known ones, so the refusal reveals nothing about accounts.
    """

    def __init__(
        self,
        clock: Clock = default_clock,
        limit: int = 5,
        window: timedelta = timedelta(minutes=5),
        max_names: int = 10_000,
    ) -> None:
        self.clock = clock
        self.limit = limit
        self.window = window
        self.max_names = max_names
        self._failures: dict[str, deque[datetime]] = {}
        self._lock = threading.Lock()

    def _recent(self, name: str, now: datetime) -> deque[datetime]:
        times = self._failures.get(name, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        if not times:
            self._failures.pop(name, None)
        return times

    def wait(self, name: str) -> timedelta | None:
        """How long ``name`` is still refused; None when it may try."""
        with self._lock:
            now = self.clock()
            times = self._recent(name, now)
            if len(times) < self.limit:
                return None
            return times[-self.limit] + self.window - now

    def begin(self, name: str) -> timedelta | None:
        """Start an attempt: how long ``name`` is still refused, or None after counting this
        attempt as a failure until ``succeeded`` clears it. Check and count happen under one
        lock, so parallel guesses cannot slip past the limit while a hash is computed."""
        with self._lock:
            now = self.clock()
            times = self._recent(name, now)
            if len(times) >= self.limit:
                return times[-self.limit] + self.window - now
            self._record(name, now)
        return None

    def failed(self, name: str) -> None:
        with self._lock:
            self._record(name, self.clock())

    def _record(self, name: str, now: datetime) -> None:
        """Count a failure (the caller holds the lock)."""
        self._failures[name] = self._recent(name, now)
        self._failures[name].append(now)
        if len(self._failures) > self.max_names:  # keep memory bounded
            for other in list(self._failures):
                self._recent(other, now)
            while len(self._failures) > self.max_names:
                del self._failures[next(iter(self._failures))]

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(name, None)

    def tracked(self) -> int:
        """How many names have recent failures (for tests and the doctor)."""
        with self._lock:
            return len(self._failures)
