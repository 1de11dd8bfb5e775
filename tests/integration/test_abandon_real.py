"""The real llama.cpp server stops work whose reader has gone: a streamed request (200 tokens
asked) dropped while its prompt is still read leaves the slot idle within its first few tokens.

The pinned build reads the abandoned prompt to its end first; the app reads long prompts in
steps (``coach.llm.prefill``), so a Stop lands between steps and the rest is never read. How
long the slot stays busy is a benchmark (`coach bench`: abandon_free_seconds,
docs/benchmarks.md), not a test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from coach.benchmarks.abandon import (
    abandon,
    abandon_in_app,
    busy,
    prompt_rate,
    reading_allowance,
)
from coach.config import Settings
from coach.generation.prompts import load_prompt
from coach.llm.factory import ModelRuntime

pytestmark = [pytest.mark.integration, pytest.mark.slow]
FEW = 10  # of the 200 asked: the server noticed at its first writes (seen: 1-2)


def counted(root: str, name: str) -> float:
    """One of the server's running counts (Prometheus /metrics)."""
    text = httpx.get(f"{root}/metrics", timeout=60).text
    found = re.search(rf"^llamacpp:{name}\s+([0-9.e+]+)", text, re.M)
    assert found, f"the server's metrics endpoint has no {name}"
    return float(found.group(1))


def predicted(root: str) -> float:
    """The server's running count of tokens written."""
    return counted(root, "tokens_predicted_total")


@pytest.fixture
def runtime(model_path, tmp_path, monkeypatch) -> Iterator[ModelRuntime]:
    """The embedded model server, started for one test (never a hosted endpoint)."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=None, data_dir=tmp_path, local_model=str(model_path))
    started = ModelRuntime(settings)
    try:
        yield started
    finally:
        started.close()


def test_a_request_dropped_mid_prompt_stops_within_its_first_tokens(runtime):
    end = runtime.endpoint()
    root = end.base_url.removesuffix("/v1")
    # the server reads the dropped prompt to its end: wait as long as this machine needs
    limit = reading_allowance(2500, prompt_rate(end.base_url, end.model, prompt_tokens=500))
    before = predicted(root)
    # ~2,500 prompt tokens take several prompt steps: the drop lands while they are read
    dropped = abandon(end.base_url, end.model, prompt_tokens=2500, after=1.0, timeout=limit)
    assert dropped.busy_when_closed, "the request had finished before the reader left"
    assert not busy(end.base_url)
    written = predicted(root) - before
    assert written < FEW, f"the server wrote {written:.0f} tokens for a reader who had gone"


def test_a_stopped_app_call_leaves_the_rest_of_its_prompt_unread(runtime):
    end = runtime.endpoint()
    root = end.base_url.removesuffix("/v1")
    read_before = counted(root, "prompt_tokens_total")
    repair = load_prompt(runtime.settings.prompts_dir, "repair")
    stopped = abandon_in_app(runtime.chat_model(), repair, end.base_url, 2500, after=1.0)
    assert stopped.busy_when_closed, "the call had finished before it was stopped"
    assert not busy(end.base_url)
    read = counted(root, "prompt_tokens_total") - read_before
    # read in one go (the pinned build's own behaviour) it would be all ~2,500
    assert read < 1250, f"the server read {read:.0f} prompt tokens of a stopped call"
