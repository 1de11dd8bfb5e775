"""The raw-model request: cache-defeating prefix, ignore_eos, lengths tuned to the server."""

from __future__ import annotations

import json

import httpx
import pytest

from coach.benchmarks.raw_model import RawModel
from coach.knowledge.chunking import count_tokens


class Server:
    """Stands in for ``httpx.post``: reports twice the tokens it was sent, like a tokenizer."""

    def __init__(self, reject_ignore_eos: bool = False) -> None:
        self.bodies: list[dict] = []
        self.reject = reject_ignore_eos

    def __call__(self, url: str, json: dict, headers: dict, timeout: float) -> httpx.Response:
        request = httpx.Request("POST", url)
        self.bodies.append(json)
        if self.reject and "ignore_eos" in json:
            return httpx.Response(400, text="unknown field ignore_eos", request=request)
        sent = count_tokens(json["messages"][0]["content"])
        usage = {"prompt_tokens": 2 * sent, "completion_tokens": json["max_tokens"]}
        data = {"usage": usage, "timings": {"prompt_ms": 1500.0}}
        return httpx.Response(200, json=data, request=request)


@pytest.fixture
def server(monkeypatch) -> Server:
    fake = Server()
    monkeypatch.setattr("coach.benchmarks.raw_model.httpx.post", fake)
    return fake


def test_each_prompt_is_unique_and_asks_for_exactly_the_tokens(server):
    raw = RawModel("http://127.0.0.1:9/v1/", "m", "key")
    first = raw(400, 120)
    raw(400, 120)
    a, b = (body["messages"][0]["content"] for body in server.bodies)
    assert a.split(" ", 1)[0] != b.split(" ", 1)[0]  # a unique prefix defeats the prompt cache
    assert all(body["ignore_eos"] is True and body["max_tokens"] == 120 for body in server.bodies)
    assert first.completion_tokens == 120 and first.first_token_seconds == 1.5
    assert first.seconds > 0 and first.prompt_tokens == 2 * count_tokens(a)


def test_the_prompt_length_converges_on_the_servers_count(server):
    raw = RawModel("http://127.0.0.1:9/v1", "m")
    first = raw(800, 10)
    second = raw(800, 10)
    assert first.prompt_tokens > 1400  # the server counts twice what tiktoken counts
    assert second.prompt_tokens == pytest.approx(800, rel=0.05)
    raw(40, 1)  # too short to learn from: the ratio stays
    assert raw.ratio == pytest.approx(first.prompt_tokens / (first.prompt_tokens / 2))


def test_a_server_without_ignore_eos_is_asked_again_without_it(monkeypatch):
    fake = Server(reject_ignore_eos=True)
    monkeypatch.setattr("coach.benchmarks.raw_model.httpx.post", fake)
    timing = RawModel("http://127.0.0.1:9/v1", "m")(300, 20)
    assert ["ignore_eos" in body for body in fake.bodies] == [True, False]
    assert timing.completion_tokens == 20
    assert json.dumps(fake.bodies[1])  # a plain JSON body
