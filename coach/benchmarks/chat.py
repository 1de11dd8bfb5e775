"""The mentor chat's first token beside the raw model reading a prompt of the same length.

A few fixed mentor questions from the dataset's ``chat.jsonl`` go through the chat service
(``ChatService.ask``, as the chat tab calls it), after the chat's system prompt is primed as the
app does at start-up. Each answer's ``done`` event carries its first-token time (retrieval,
packing and the model reading the prompt, to the first chunk with text) and the prompt tokens
the model server counted. The raw model is then sent a prompt of that many tokens (a unique
prefix defeats its cache) and asked for one token: the time to that token is what reading such
a prompt costs with no pipeline around it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from coach.benchmarks.artifacts import RawCall, Timing
from coach.domain.intents import classify
from coach.services.errors import UserError

QUESTIONS = 3  # fixed questions per run
Step = Callable[[str], None]


def chat_questions(path: Path, limit: int = QUESTIONS) -> list[str]:
    """The first ``limit`` mentor questions of a chat dataset that ask for an answer (not for
    an agenda or starters); none when the file is missing."""
    if not path.is_file():
        return []
    rows = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    mentor = [r["question"] for r in rows if r.get("audience", "mentor") == "mentor"]
    return [q for q in mentor if classify(q, False).kind == "answer"][:limit]


def finished(chat: Any, question: str) -> tuple[Any, float]:
    """The chat service's last ``done`` event for ``question``, and the wall-clock seconds to it."""
    began = time.perf_counter()
    done = [event for event in chat.ask(question) if event.kind == "done"][-1]
    return done, time.perf_counter() - began


def ask(chat: Any, question: str) -> Timing | None:
    """One answer through the chat service: its own first-token time and token counts, and
    the wall-clock seconds to its last event. None when it wrote no text."""
    done, seconds = finished(chat, question)
    if not done.text:
        return None
    stats = done.stats
    return Timing(
        seconds=seconds,
        first_token_seconds=float(stats["first_token_seconds"]),
        prompt_tokens=int(stats["prompt_tokens"]),
        completion_tokens=int(stats["completion_tokens"]),
    )


def measure_library(chat: Any, questions: list[str], step: Step) -> list[Timing]:
    """The chat as the app asks it: one ``Timing`` per question the library's written answers
    answered (no model time)."""
    rows = []
    for number, question in enumerate(questions, start=1):
        step(f"chat {number}/{len(questions)}: the library's answer, if one fits")
        done, seconds = finished(chat, question)
        if done.stats.get("answer_id"):
            rows.append(Timing(seconds=seconds))
    return rows


def measure_chat(
    chat: Any, questions: list[str], raw: RawCall | None, step: Step, notes: list[str]
) -> dict[str, list[Timing]]:
    """``flipside``: one ``Timing`` per answered question, every one by the model (``chat``
    is the chat by model); ``raw_model``: one per answer whose prompt tokens the server
    reported, a prompt of as many tokens and one completion token."""
    rows: dict[str, list[Timing]] = {"flipside": [], "raw_model": []}
    step("chat: priming the chat's system prompt, as the app does at start-up")
    chat.answerer.prime()
    for number, question in enumerate(questions, start=1):
        where = f"chat {number}/{len(questions)}"
        step(f"{where}: Flipside")
        try:
            mine = ask(chat, question)
        except UserError as error:
            notes.append(f"{where}: the chat failed ({error})")
            continue
        if mine is None:
            notes.append(f"{where}: the answer had no text, so it is left out")
            continue
        rows["flipside"].append(mine)
        if raw is None:
            continue
        if not mine.prompt_tokens:
            notes.append(f"{where}: the model reported no prompt tokens: no raw counterpart")
            continue
        step(f"{where}: raw model, {mine.prompt_tokens} prompt tokens to the first token")
        try:
            rows["raw_model"].append(raw(mine.prompt_tokens, 1))
        except httpx.HTTPError as error:
            notes.append(f"{where}: the raw-model request failed ({error})")
    return rows
