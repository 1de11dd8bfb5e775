"""The real llama.cpp server stops work whose reader has gone: a streamed request (200 tokens
asked) dropped while its prompt is still read leaves the slot idle within its first few tokens.

The pinned build reads the abandoned prompt to its end first; how long that holds the slot is a
benchmark (`coach bench`: abandon_free_seconds, docs/benchmarks.md), not a test.
"""

from __future__ import annotations

import re

import httpx
import pytest

from coach.benchmarks.abandon import abandon, busy
from coach.config import Settings
from coach.llm.factory import ModelRuntime

pytestmark = [pytest.mark.integration, pytest.mark.slow]
FEW = 10  # of the 200 asked: the server noticed at its first writes (seen: 1-2)


def predicted(root: str) -> float:
    """The server's running count of tokens written (Prometheus /metrics)."""
    text = httpx.get(f"{root}/metrics", timeout=60).text
    found = re.search(r"^llamacpp:tokens_predicted_total\s+([0-9.e+]+)", text, re.M)
    assert found, "the server's metrics endpoint has no tokens_predicted_total"
    return float(found.group(1))


def test_a_request_dropped_mid_prompt_stops_within_its_first_tokens(
    model_path, tmp_path, monkeypatch
):
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=None, data_dir=tmp_path, local_model=str(model_path))
    runtime = ModelRuntime(settings)
    try:
        end = runtime.endpoint()
        root = end.base_url.removesuffix("/v1")
        before = predicted(root)
        # ~2,500 prompt tokens take several prompt steps: the drop lands while they are read
        dropped = abandon(end.base_url, end.model, prompt_tokens=2500, after=1.0)
        assert dropped.busy_when_closed, "the request had finished before the reader left"
        assert not busy(end.base_url)
        written = predicted(root) - before
        assert written < FEW, f"the server wrote {written:.0f} tokens for a reader who had gone"
    finally:
        runtime.close()
