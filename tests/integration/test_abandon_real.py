"""The real llama.cpp server stops work whose reader has gone: a streamed request dropped while
the prompt is still being read leaves the slot idle without writing a single token.

How fast it stops is a benchmark (`coach bench`: abandon_free_seconds), not a test.
"""

from __future__ import annotations

import re

import httpx
import pytest

from coach.benchmarks.abandon import abandon, busy
from coach.config import Settings
from coach.llm.factory import ModelRuntime

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def predicted(root: str) -> float:
    """The server's running count of tokens written (Prometheus /metrics)."""
    text = httpx.get(f"{root}/metrics", timeout=60).text
    found = re.search(r"^llamacpp:tokens_predicted_total\s+([0-9.e+]+)", text, re.M)
    assert found, "the server's metrics endpoint has no tokens_predicted_total"
    return float(found.group(1))


def test_a_request_dropped_while_the_prompt_is_read_stops_before_writing(model_path, tmp_path,
                                                                          monkeypatch):  # fmt: skip
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
        assert predicted(root) == before, "the server wrote tokens for a reader who had gone"
    finally:
        runtime.close()
