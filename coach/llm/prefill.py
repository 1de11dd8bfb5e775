"""Read a long prompt into the embedded server in short steps, so that a request can stop.

The pinned llama.cpp build notices a closed connection only when it writes, so a request
abandoned while its prompt is being read holds its slot until the whole prompt is read
(docs/benchmarks.md, "Abandoned requests"). Reading the prompt first as a series of short
completions (``n_predict`` 0, each a step longer than the last, each reusing the slot's cache)
leaves a point between steps where the caller can stop: an abandoned request then frees the
slot within one step. A step is sized to take about ``seconds`` at the reading speed the server
reports, so it holds on a slow machine as on a fast one. The final request finds all but its
last step cached.

Only for the embedded server: it needs llama.cpp's ``/apply-template``, ``/tokenize`` and
``/completion``, which hosted OpenAI-compatible APIs do not have.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

import httpx


def common_prefix(a: list[int], b: list[int]) -> int:
    """How many leading tokens ``a`` and ``b`` share."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


class Reading(NamedTuple):
    """One prompt on its way into the server: the slot chosen for it (None: the server's
    choice), its tokens and how many of them that slot already holds."""

    slot: int | None
    tokens: list[int]
    held: int


class SlotChoice:
    """Which of the server's slots each prompt goes to, chosen here and sent as ``id_slot``, so
    that what each slot holds is known, not guessed.

    A prompt goes to the idle slot whose cached prompt shares the largest part of it (more than
    ``SIMILARITY``, llama.cpp's own rule). Otherwise a slot is given up: the idle one whose
    prompt was reused least lately (each reuse counts 1, and every count shrinks by ``DECAY``
    at each request), the one used longest ago on a tie. Pure least-recently-used would give up
    the agenda's prompt to any four one-off prompts written between two agendas; prompts that
    come back (the agenda's items, the chat, the summary's steps) keep their slots.
    A step must start where the chosen slot's cache ends: a shorter step sent to a slot that
    holds more of the prompt makes the server drop the rest of what it held."""

    SIMILARITY = 0.1  # llama.cpp's default ``slot_prompt_similarity``
    DECAY = 0.8

    def __init__(self, slots: int = 1) -> None:
        self._held: list[list[int]] = [[] for _ in range(max(1, slots))]
        self._used = [0] * len(self._held)
        self._reuse = [0.0] * len(self._held)
        self._busy = [False] * len(self._held)
        self._clock = 0

    def take(
        self, tokens: list[int], elsewhere: frozenset[int] = frozenset()
    ) -> tuple[int | None, int]:
        """(slot, leading tokens of ``tokens`` it holds), the slot now busy until ``free``;
        (None, 0) when every slot is busy, here or ``elsewhere`` (the slots the server says are
        working for another client): the server then queues the request itself."""
        idle = [i for i, busy in enumerate(self._busy) if not busy and i not in elsewhere]
        if not idle:
            return None, 0
        shared = {i: common_prefix(self._held[i], tokens) for i in idle}
        best = max(idle, key=lambda i: shared[i])
        self._clock += 1
        self._reuse = [r * self.DECAY for r in self._reuse]
        if tokens and shared[best] / len(tokens) > self.SIMILARITY:
            slot = best
            self._reuse[slot] += 1.0
        else:
            slot = min(idle, key=lambda i: (self._reuse[i], self._used[i]))
            self._reuse[slot] = 1.0
        self._used[slot] = self._clock
        self._busy[slot] = True
        return slot, shared[slot]

    def hold(self, slot: int, tokens: list[int]) -> None:
        """The server read ``tokens`` into ``slot``."""
        self._held[slot] = list(tokens)

    def free(self, slot: int) -> None:
        """The request in ``slot`` is over."""
        self._busy[slot] = False


class SteppedPrefill:
    """Reads prompts into one llama.cpp server in steps of about ``seconds`` each.

    It chooses the slot each prompt goes to and keeps what each of the server's ``slots``
    holds (``SlotChoice``), so that the steps start after the prefix the slot has cached (if
    another client of a shared server changed it, that costs time, never correctness: the
    server reuses what it really has), and the reading speed of the last steps.
    """

    MIN_STEP, MAX_STEP, WINDOW = 64, 512, 8

    def __init__(
        self, root_url: str, seconds: float, timeout: float = 180.0,
        client: httpx.Client | None = None, slots: int = 1,
    ) -> None:  # fmt: skip
        self.root = root_url.rstrip("/").removesuffix("/v1")
        self.seconds = seconds
        self.client = client or httpx.Client(timeout=timeout)
        self.tokens_per_second = 50.0  # a 2-core AVX2 machine, until a step reports its own
        self._slots = SlotChoice(slots)
        self._speeds: list[float] = []
        self._lock = threading.RLock()  # a stream closed by the collector frees its slot
        self._ask_slots = True

    @property
    def step(self) -> int:
        """Tokens per step: about ``seconds`` of reading at the last measured speed."""
        wanted = int(self.tokens_per_second * self.seconds)
        return max(self.MIN_STEP, min(self.MAX_STEP, wanted))

    def _post(self, path: str, body: dict) -> dict:
        reply = self.client.post(f"{self.root}{path}", json=body)
        reply.raise_for_status()
        return reply.json()

    def tokens(self, messages: list[dict]) -> list[int]:
        """The prompt the server would read for ``messages``, as tokens."""
        prompt = self._post("/apply-template", {"messages": messages})["prompt"]
        return self._post("/tokenize", {"content": prompt})["tokens"]

    def _measure(self, reply: dict) -> None:
        """Keep the fastest of the last few steps' speeds: a short step reads slower than a
        long one (its fixed cost weighs more), and sizing by its speed alone would shrink the
        next step, which would read slower still."""
        timings = reply.get("timings") or {}
        read, ms = timings.get("prompt_n", 0), timings.get("prompt_ms", 0.0)
        if read >= self.MIN_STEP and ms > 0:
            self._speeds = [*self._speeds[-(self.WINDOW - 1) :], read / (ms / 1000)]
            self.tokens_per_second = max(self._speeds)

    def working(self) -> frozenset[int]:
        """The slots the server says are working (``/slots``): another client of a shared
        server may be using one. Empty when the server does not say."""
        if not self._ask_slots:
            return frozenset()
        try:
            reply = self.client.get(f"{self.root}/slots")
            if reply.status_code in (404, 501):  # a server without the endpoint: never again
                self._ask_slots = False
            reply.raise_for_status()
            return frozenset(s["id"] for s in reply.json() if s.get("is_processing"))
        except (httpx.HTTPError, ValueError, KeyError, TypeError):
            return frozenset()  # this time the app's own view only; asked again next time

    @contextmanager
    def slot_for(self, messages: list[dict]) -> Iterator[Reading]:
        """The slot the prompt of ``messages`` goes to (``Reading.slot``, None when every slot
        is busy), kept busy until the ``with`` block ends: the real request goes inside it."""
        tokens = self.tokens(messages)
        elsewhere = self.working()
        with self._lock:
            slot, read = self._slots.take(tokens, elsewhere)
        try:
            yield Reading(slot, tokens, read)
        finally:
            if slot is not None:
                with self._lock:
                    self._slots.free(slot)

    def read(self, reading: Reading) -> Iterator[int]:
        """Read ``reading``'s prompt into its slot step by step, yielding the tokens read so far
        after each step: the caller may stop between steps by closing this iterator. The last
        step (at most one step's worth) is left to the real request; none for ``seconds`` 0."""
        slot, tokens, read = reading
        while self.seconds > 0 and len(tokens) - read > self.step:
            read += self.step
            body: dict = {"prompt": tokens[:read], "n_predict": 0, "cache_prompt": True}
            if slot is not None:
                body["id_slot"] = slot
            self._measure(self._post("/completion", body))
            if slot is not None:
                with self._lock:
                    self._slots.hold(slot, tokens[:read])
            yield read
        if slot is not None:
            with self._lock:
                self._slots.hold(slot, tokens)
