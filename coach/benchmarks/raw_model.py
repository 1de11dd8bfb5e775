"""The raw model: the bare OpenAI-compatible server, with no pipeline around it.

A prompt of the same token length as Flipside's (a unique prefix defeats the server's prompt
cache) and the same number of completion tokens (``ignore_eos``, so it cannot stop early).
"""

from __future__ import annotations

import time
import uuid
from typing import Any

import httpx

from coach.benchmarks.artifacts import Timing
from coach.knowledge.chunking import count_tokens

FILLER = "The mentor and the mentee agree on goals, ground rules and a regular cadence. "


class RawModel:
    """Sends the bare OpenAI-compatible server a prompt of ~N tokens and asks for M tokens.

    The filler is counted with tiktoken. The server's own count comes back in ``usage``; the
    ratio of the two, learnt from prompts of 200 tokens or more, sizes the next filler, so the
    lengths converge on the server's tokenizer. The count the server reports is returned.
    """

    def __init__(self, base_url: str, model: str, api_key: str = "none", timeout: float = 600):
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.headers = {"Authorization": f"Bearer {api_key}"}
        self.timeout = timeout
        self.ratio = 1.0  # server tokens per tiktoken token
        self.ignore_eos = True

    def _body(self, prompt_tokens: int, completion_tokens: int) -> tuple[dict[str, Any], int]:
        want = max(1, round(prompt_tokens / self.ratio))
        content = f"{uuid.uuid4().hex} " + FILLER * max(1, want // count_tokens(FILLER))
        body: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": "user", "content": content}],  # unique prefix: no cache
            "max_tokens": max(1, completion_tokens),
            "temperature": 0,
        }
        if self.ignore_eos:
            body["ignore_eos"] = True
        return body, count_tokens(content)

    def __call__(self, prompt_tokens: int, completion_tokens: int) -> Timing:
        url = f"{self.base_url}/chat/completions"
        body, sent = self._body(prompt_tokens, completion_tokens)
        began = time.perf_counter()
        reply = httpx.post(url, json=body, headers=self.headers, timeout=self.timeout)
        if reply.status_code in (400, 422) and self.ignore_eos and "ignore_eos" in reply.text:
            self.ignore_eos = False
            return self(prompt_tokens, completion_tokens)
        reply.raise_for_status()
        seconds = time.perf_counter() - began
        data = reply.json()
        usage = data.get("usage") or {}
        timings = data.get("timings") or {}  # llama.cpp: prompt_ms is the prompt read
        served = int(usage.get("prompt_tokens") or 0)
        if served and sent >= 200:
            self.ratio = served / sent
        first = timings.get("prompt_ms")
        return Timing(
            seconds=seconds,
            model_seconds=seconds,
            first_token_seconds=round(first / 1000, 3) if first is not None else None,
            prompt_tokens=served,
            completion_tokens=int(usage.get("completion_tokens") or 0),
        )
