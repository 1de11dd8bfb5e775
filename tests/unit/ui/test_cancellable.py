"""Closing the generator stops the work at its next token; results and errors come through."""

from __future__ import annotations

import threading
import time

import pytest

from coach.ui.cancellable import Stopped, cancellable

pytestmark = pytest.mark.unit


def test_the_result_comes_last_and_every_tick_is_seen():
    seen: list[int] = []

    def work(tick):
        for n in range(1, 6):
            tick(n)
            time.sleep(0.02)
        return "done"

    steps = list(cancellable(work, seen.append, poll=0.01))
    assert steps[-1] == "done" and set(steps[:-1]) <= {None}
    assert seen == [1, 2, 3, 4, 5]


def test_an_error_in_the_work_is_raised_to_the_caller():
    def work(tick):
        raise ValueError("the model said no")

    with pytest.raises(ValueError, match="said no"):
        list(cancellable(work, lambda _n: None, poll=0.01))


def test_closing_stops_the_work_at_its_next_token_even_while_tokens_stream():
    produced, ended = [], threading.Event()
    reason: list[BaseException] = []

    def work(tick):
        try:
            for n in range(10_000):
                tick(n)
                produced.append(n)
                time.sleep(0.005)  # tokens arrive faster than the poll
        except Stopped as stop:
            reason.append(stop)
            raise
        finally:
            ended.set()

    steps = cancellable(work, lambda _n: None, poll=0.05)
    assert next(steps) is None  # a step came although ticks never paused
    steps.close()  # what Gradio does on Stop or a closed tab
    assert ended.wait(1.0), "the work did not stop within a second"
    assert reason and len(produced) < 1000
