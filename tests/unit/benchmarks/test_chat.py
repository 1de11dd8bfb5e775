"""The chat's first token through the chat service, and the raw model on as many prompt tokens."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from langchain_core.messages import BaseMessage
from langchain_core.outputs import ChatGenerationChunk

from coach.benchmarks.artifacts import Timing
from coach.benchmarks.chat import chat_questions, measure_chat, measure_library
from coach.services.container import Services
from tests.unit.benchmarks.test_artifacts import FakeRaw, UsageFakeModel

PAUSE = 0.05  # the fake reads its prompt this long before its first word


class SlowReader(UsageFakeModel):
    """The usage-reporting fake, taking ``PAUSE`` seconds before its first chunk."""

    def _stream(self, messages: list[BaseMessage], *args: Any, **kwargs: Any
                ) -> Iterator[ChatGenerationChunk]:  # fmt: skip
        time.sleep(PAUSE)
        yield from super()._stream(messages, *args, **kwargs)


ANSWER = "Ask her which part of the week suits her best. Then agree one slot and keep it."


@pytest.fixture
def chat_setup(fake_embedder, bench_settings):
    fake = SlowReader.of([ANSWER] * 20)
    services = Services(bench_settings, chat_model=lambda: fake, embedder=fake_embedder)
    services.ensure_guides()
    yield services, fake
    services.close()


def test_questions_are_the_first_mentor_questions_that_ask_for_an_answer(tmp_path, dataset):
    rows = [
        {"id": "a", "audience": "mentee", "question": "How do I listen better?"},
        {"id": "b", "audience": "mentor", "question": "Make an agenda for our next session"},
        {"id": "c", "audience": "mentor", "question": "How do I disagree with my VP?"},
        {"id": "d", "audience": "lead", "question": "How do I match pairs?"},
        {"id": "e", "audience": "mentor", "question": "What if he cancels again?"},
        {"id": "f", "audience": "mentor", "question": "How do I end on time?"},
    ]
    path = tmp_path / "chat.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    assert chat_questions(path, 2) == ["How do I disagree with my VP?", "What if he cancels again?"]
    assert chat_questions(tmp_path / "missing.jsonl") == []
    assert len(chat_questions(dataset / "chat.jsonl")) == 3  # the fixture's fixed questions


def test_first_tokens_come_from_the_chat_service_and_the_raw_model_reads_as_many_tokens(
    chat_setup, dataset
):
    services, fake = chat_setup
    questions = chat_questions(dataset / "chat.jsonl")
    raw, notes, steps = FakeRaw(), [], []
    rows = measure_chat(services.chat_by_model, questions, raw, steps.append, notes)
    mine = rows["flipside"]
    assert len(mine) == len(questions) == 3 and notes == []
    # Primed first, as the app's start-up does; then each question reached the model.
    assert "Reply OK." in fake.calls[0][-1].content
    assert all(q in call[-1].content for q, call in zip(questions, fake.calls[1:], strict=True))
    # The chat's own first-token time (to 2 places): after the model's pause, before the end.
    assert all(PAUSE - 0.005 <= t.first_token_seconds <= t.seconds + 0.005 for t in mine)
    assert all(t.prompt_tokens > 50 and t.completion_tokens > 0 for t in mine)
    # One raw request per answer: its prompt tokens, one completion token.
    assert raw.calls == [(t.prompt_tokens, 1) for t in mine]
    assert [t.seconds for t in rows["raw_model"]] == [1.0, 2.0, 3.0]
    assert any("raw model" in s for s in steps)


def test_a_failed_raw_request_or_answer_becomes_a_note(chat_setup, dataset, monkeypatch):
    services, fake = chat_setup

    def broken(prompt_tokens: int, completion_tokens: int) -> Timing:
        raise httpx.ConnectError("refused")

    notes: list[str] = []
    questions = chat_questions(dataset / "chat.jsonl", 1)
    rows = measure_chat(services.chat_by_model, questions, broken, lambda _s: None, notes)
    assert len(rows["flipside"]) == 1 and rows["raw_model"] == []
    assert len(notes) == 1 and "raw-model request failed" in notes[0]
    fake.replies.appendleft(httpx.ConnectError("the server is away"))
    notes.clear()
    monkeypatch.setattr(services.chat_by_model.answerer, "prime", lambda: None)
    rows = measure_chat(services.chat_by_model, questions, FakeRaw(), lambda _s: None, notes)
    assert rows == {"flipside": [], "raw_model": []}
    assert len(notes) == 1 and "the chat failed" in notes[0]


def test_questions_the_library_answers_are_counted_apart_without_the_model(chat_setup):
    services, fake = chat_setup
    asks = [a.asks[0] for a in services.chat.answerer.library().answers[:2]]
    rows = measure_library(services.chat, asks, print)
    assert len(rows) == 2 and all(t.seconds < 5 for t in rows)
    assert not any(a in str(call) for a in asks for call in fake.calls)
