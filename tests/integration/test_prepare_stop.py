"""Stopping "Prepare session", and leaving mid-way, end the model's work within 2 seconds.

The app runs as `coach serve` does, with the demo program and a slow fake model that writes a
word every 50 ms and notes when its stream was closed. (The real model server's side of it,
the HTTP stream to llama.cpp closing, is measured by `coach bench`: see docs/benchmarks.md.)
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from gradio_client import Client
from langchain_core.messages import AIMessageChunk
from langchain_core.outputs import ChatGenerationChunk
from pydantic import Field

from coach.llm.fake import FakeChatModel
from tests.app_support import MENTOR, PASSWORD, RunningApp, running_app
from tests.integration.security.test_web_hardening import sign_in

pytestmark = [pytest.mark.integration, pytest.mark.slow]
LONG = " ".join(["word"] * 4000)  # 200 s of writing at 50 ms a word


class SlowModel(FakeChatModel):
    """Writes a word every ``delay`` seconds; ``closed_at`` holds when each stream ended."""

    delay: float = 0.05
    words: int = 0
    closed_at: list[float] = Field(default_factory=list)

    def _stream(self, messages, stop=None, run_manager=None, **kwargs: Any) -> Iterator:
        self._next(messages)
        try:
            for _ in range(4000):
                time.sleep(self.delay)
                self.words += 1
                yield ChatGenerationChunk(message=AIMessageChunk(content=" word"))
        finally:
            self.closed_at.append(time.monotonic())


@pytest.fixture
def slow_app(tmp_path) -> Iterator[RunningApp]:
    with running_app(tmp_path, SlowModel.of([LONG] * 20)) as running:
        yield running


def writing(model: SlowModel, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while model.words < 10:
        assert time.monotonic() < deadline, "the model never started writing"
        time.sleep(0.05)


def stopped_within(model: SlowModel, since: float, limit: float) -> float:
    deadline = since + limit + 3.0
    while not model.closed_at:
        assert time.monotonic() < deadline, f"the model was still writing {limit + 3} s later"
        time.sleep(0.02)
    took = model.closed_at[0] - since
    words = model.words
    time.sleep(0.5)
    assert model.words == words, "words kept coming after the stream closed"
    return took


def mentor_pair(app: RunningApp) -> str:
    mentor = app.services.users.signed_in(MENTOR)
    return app.services.pairs.list(mentor)[0].pair.id


def test_stop_ends_the_models_work_within_two_seconds(slow_app):
    model = slow_app.model
    client = Client(slow_app.url, auth=(MENTOR, PASSWORD), verbose=False)
    job = client.submit(mentor_pair(slow_app), 60, "", api_name="/prepare_session")
    writing(model)
    pressed = time.monotonic()
    job.cancel()  # what the Stop button sends
    assert stopped_within(model, pressed, 2.0) <= 2.0


def test_a_client_that_goes_away_stops_the_models_work_within_two_seconds(slow_app):
    model = slow_app.model
    cookies = sign_in(slow_app.url, MENTOR)
    base = f"{slow_app.url}/gradio_api/call/prepare_session"
    started = httpx.post(base, json={"data": [mentor_pair(slow_app), 60, ""]}, cookies=cookies,
                         timeout=10)  # fmt: skip
    assert started.status_code == 200, started.text
    event = started.json()["event_id"]
    with httpx.stream("GET", f"{base}/{event}", cookies=cookies, timeout=30) as stream:
        for _line in stream.iter_lines():
            if model.words >= 10:
                break
        left = time.monotonic()  # the tab closes: the connection drops
    assert stopped_within(model, left, 2.0) <= 2.0
