"""How fast the model server is free again when a reader goes away mid-request.

A streamed chat request with a unique prompt of about ``prompt_tokens`` tokens is sent over a
plain socket; ``after`` seconds later, while the server is still reading the prompt, the socket
is closed (a tab closed, a Stop). The figure is the time from the close until the server's
``/slots`` reports no slot processing. The pinned llama.cpp build reads an abandoned prompt to
its end and then stops before writing a token, whatever its batch sizes (docs/benchmarks.md).
"""

from __future__ import annotations

import json
import socket
import time
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from coach.benchmarks.raw_model import FILLER
from coach.knowledge.chunking import count_tokens

POLL = 0.02


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


def wait_idle(base_url: str, timeout: float = 120.0) -> float:
    """Seconds until no slot is processing."""
    began = time.perf_counter()
    while busy(base_url):
        if time.perf_counter() - began > timeout:
            raise TimeoutError(f"the server was still busy {timeout:.0f} s later")
        time.sleep(POLL)
    return time.perf_counter() - began


def abandon(base_url: str, model: str, prompt_tokens: int = 1500, after: float = 1.0) -> Abandoned:
    """Send a streamed request, close the socket ``after`` seconds in, time until idle."""
    wait_idle(base_url)
    content = f"{uuid.uuid4().hex} " + FILLER * max(1, prompt_tokens // count_tokens(FILLER))
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
    wait_idle(base_url)
    return Abandoned(round(time.perf_counter() - closed, 3), was_busy)


def prompt_rate(base_url: str, model: str, prompt_tokens: int = 1500) -> float:
    """Prompt tokens read per second, from the server's own timings (a unique prompt)."""
    content = f"{uuid.uuid4().hex} " + FILLER * max(1, prompt_tokens // count_tokens(FILLER))
    reply = httpx.post(
        f"{_root(base_url)}/v1/chat/completions", timeout=600,
        json={"model": model, "max_tokens": 1, "temperature": 0,
              "messages": [{"role": "user", "content": content}]},
    )  # fmt: skip
    reply.raise_for_status()
    timings = reply.json().get("timings") or {}
    return round(float(timings.get("prompt_per_second", 0.0)), 1)
