"""Run a long model call so that the person can stop it, or leave, and the model stops too.

Gradio stops a callback only between the steps of a generator: it closes the generator when the
Stop button is pressed or the browser goes away. ``cancellable`` runs the work in a thread and
yields ``None`` every ``poll`` seconds while it runs, so that close lands quickly; closing sets
a flag that the work's token callback checks, and the next token raises ``Stopped``, which ends
the model's stream (and with it the request to the model server).
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")
POLL_SECONDS = 0.25
Tick = Callable[[int], None]


class Stopped(Exception):
    """The person pressed Stop or left: the work ends at its next token."""


def cancellable(
    work: Callable[[Tick], T], on_tick: Tick, poll: float = POLL_SECONDS
) -> Iterator[T | None]:
    """Yield ``None`` while ``work(tick)`` runs in a thread, then its result; its errors are
    raised here. ``on_tick`` sees each token count (from this thread, between yields)."""
    stop = threading.Event()
    ticks: queue.Queue[int] = queue.Queue()
    outcome: dict[str, object] = {}

    def tick(tokens: int) -> None:
        if stop.is_set():
            raise Stopped
        ticks.put(tokens)

    def run() -> None:
        try:
            outcome["value"] = work(tick)
        except BaseException as error:  # handed to the caller's thread below
            outcome["error"] = error

    thread = threading.Thread(target=run, name="cancellable-work", daemon=True)
    thread.start()
    try:
        last = time.monotonic()
        while thread.is_alive() or not ticks.empty():
            with contextlib.suppress(queue.Empty):
                on_tick(ticks.get(timeout=poll))
            if time.monotonic() - last >= poll:  # also while tokens stream: Gradio may close us
                last = time.monotonic()
                yield None
        if "error" in outcome:
            raise outcome["error"]  # type: ignore[misc]
        yield outcome["value"]  # type: ignore[misc]
    finally:
        stop.set()
