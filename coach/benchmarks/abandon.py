"""How fast the model server is free again when a reader goes away mid-request.

A request with a unique prompt of about ``prompt_tokens`` tokens is started and, ``after``
seconds later, while the server is still reading the prompt, abandoned (a tab closed, a Stop).
The figure is the time from then until the server's ``/slots`` reports no slot processing.

- ``abandon_in_app`` goes the app's way: the app's chat model, streamed by ``StructuredCall``
  inside ``cancellable`` (what "Prepare session" runs), closed as Gradio closes it.
- ``abandon`` is the server alone: a raw socket, closed. The pinned llama.cpp build reads an
  abandoned prompt to its end and then stops before writing a token, whatever its batch sizes
  (docs/benchmarks.md); the app reads long prompts in steps (``coach.llm.prefill``) for that.
"""

from __future__ import annotations

import json
import socket
import time
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage
from pydantic import BaseModel

from coach.benchmarks.raw_model import FILLER
from coach.generation.prompts import Prompt
from coach.generation.structured import StructuredCall
from coach.knowledge.chunking import count_tokens

POLL = 0.02
IDLE_WAIT = 120.0  # seconds: the least any wait for an idle slot allows
READ_MARGIN = 3.0  # times the measured reading time an abandoned prompt may still take
UNKNOWN_SPEED_WAIT = 600.0  # seconds, when the server did not report its reading speed
PROMPT_TOKENS = 1500  # the prompt an abandon measurement drops


@dataclass(frozen=True)
class Abandoned:
    """One abandoned request: seconds until the slot was idle, and whether it was still
    reading the prompt when the reader left (the case that matters)."""

    seconds: float
    busy_when_closed: bool


def _root(base_url: str) -> str:
    return base_url.rstrip("/").removesuffix("/v1")


def busy(base_url: str) -> bool:
    """Whether any slot of the server is processing."""
    slots = httpx.get(f"{_root(base_url)}/slots", timeout=60).json()
    return any(slot.get("is_processing") for slot in slots)


def reading_allowance(prompt_tokens: int, tokens_per_second: float) -> float:
    """Seconds to wait for a server that reads an abandoned prompt to its end: a margin over
    the time the measured speed needs for it, never under ``IDLE_WAIT`` (a slow or busy
    machine reads 2,500 tokens in about two minutes); ``UNKNOWN_SPEED_WAIT`` when the server
    reported no speed (0, or not a number)."""
    if not tokens_per_second > 0:
        return UNKNOWN_SPEED_WAIT
    return max(IDLE_WAIT, READ_MARGIN * prompt_tokens / tokens_per_second)


def wait_idle(base_url: str, timeout: float = IDLE_WAIT) -> float:
    """Seconds until no slot is processing."""
    began = time.perf_counter()
    while busy(base_url):
        if time.perf_counter() - began > timeout:
            raise TimeoutError(f"the server was still busy {timeout:.0f} s later")
        time.sleep(POLL)
    return time.perf_counter() - began


def unique_prompt(prompt_tokens: int) -> str:
    """About ``prompt_tokens`` tokens no cache has seen."""
    return f"{uuid.uuid4().hex} " + FILLER * max(1, prompt_tokens // count_tokens(FILLER))


class _Reply(BaseModel):
    """Any JSON object: the reply is never read, the request is abandoned first."""


def abandon_in_app(
    model: BaseChatModel, repair: Prompt, base_url: str, prompt_tokens: int = PROMPT_TOKENS,
    after: float = 1.0,
) -> Abandoned:  # fmt: skip
    """Start the app's model call on a unique prompt, close it ``after`` seconds in, time
    until the server's slot is idle. ``busy_when_closed``: the call had not returned."""
    from coach.ui.cancellable import cancellable  # the UI's own helper, as "Prepare" uses it

    wait_idle(base_url)
    call = StructuredCall(model, _Reply, repair)
    messages = [HumanMessage(unique_prompt(prompt_tokens))]
    running = cancellable(lambda tick: call(messages, tick), lambda _tokens: None)
    began = time.perf_counter()
    was_busy = False
    for item in running:  # Gradio reads the generator the same way until it closes it
        if item is not None:  # the call's result: it finished before the reader left
            break
        if time.perf_counter() - began >= after:
            # the call itself, not /slots: between two prompt steps no slot is processing
            was_busy = True
            break
    running.close()
    closed = time.perf_counter()
    wait_idle(base_url)
    return Abandoned(round(time.perf_counter() - closed, 3), was_busy)


def abandon(
    base_url: str, model: str, prompt_tokens: int = PROMPT_TOKENS, after: float = 1.0,
    timeout: float = IDLE_WAIT,
) -> Abandoned:  # fmt: skip
    """Send a streamed request, close the socket ``after`` seconds in, time until idle.
    ``timeout`` bounds that wait: the server reads the whole prompt first, so pass
    ``reading_allowance`` for the machine's speed."""
    wait_idle(base_url)
    content = unique_prompt(prompt_tokens)
    body = json.dumps({
        "model": model, "stream": True, "max_tokens": 200, "temperature": 0,
        "messages": [{"role": "user", "content": content}],
    }).encode()  # fmt: skip
    parts = urlsplit(_root(base_url))
    path = "/v1/chat/completions"
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    sock = socket.create_connection((parts.hostname, parts.port), timeout=30)
    sock.sendall(head + body)
    time.sleep(after)
    was_busy = busy(base_url)
    sock.close()
    closed = time.perf_counter()
    wait_idle(base_url, timeout)
    return Abandoned(round(time.perf_counter() - closed, 3), was_busy)


def prompt_rate(base_url: str, model: str, prompt_tokens: int = PROMPT_TOKENS) -> float:
    """Prompt tokens read per second, from the server's own timings (a unique prompt)."""
    content = unique_prompt(prompt_tokens)
    reply = httpx.post(
        f"{_root(base_url)}/v1/chat/completions", timeout=600,
        json={"model": model, "max_tokens": 1, "temperature": 0,
              "messages": [{"role": "user", "content": content}]},
    )  # fmt: skip
    reply.raise_for_status()
    timings = reply.json().get("timings") or {}
    return round(float(timings.get("prompt_per_second", 0.0)), 1)
