"""One model call for a JSON draft: stream, parse, validate, repair once with the error."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import openai
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from pydantic import BaseModel, ValidationError

from coach.generation.prompts import Prompt
from coach.llm.errors import classify_model_error

D = TypeVar("D", bound=BaseModel)
OnToken = Callable[[int], None]


class GenerationFailed(Exception):
    """The model gave no valid draft: ``reason`` says why, in words a user can act on."""

    def __init__(self, reason: str, usage: Usage | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.usage = usage or Usage()


@dataclass
class Usage:
    """Token counts and timings summed over every attempt."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    attempts: int = 0
    seconds: float = 0.0
    first_token_seconds: float | None = None
    errors: list[str] = field(default_factory=list)

    def add(self, other: Usage) -> None:
        """Count ``other``'s tokens and attempts in this one (its first token if none yet)."""
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens
        self.attempts += other.attempts
        if self.first_token_seconds is None:
            self.first_token_seconds = other.first_token_seconds


@dataclass
class Generated(Generic[D]):
    draft: D
    usage: Usage


def describe_error(error: Exception) -> str:
    """A short, model-readable description of why a reply was rejected."""
    if isinstance(error, ValidationError):
        parts = []
        for item in error.errors()[:4]:
            where = ".".join(str(p) for p in item["loc"]) or "(root)"
            parts.append(f"{where}: {item['msg']}")
        return "; ".join(parts)
    if isinstance(error, json.JSONDecodeError):
        return f"not valid JSON ({error.msg} at character {error.pos})"
    return str(error)


def transient(error: Exception) -> bool:
    """A failure worth retrying soon: server unreachable, overloaded or erring (not a timeout)."""
    failure = classify_model_error(error)
    return failure is not None and failure.transient


def model_failure(error: Exception) -> str | None:
    """A user-facing reason when ``error`` is the model server failing, else None."""
    failure = classify_model_error(error)
    return failure.reason if failure else None


CUT_OFF = (
    "the reply was cut off at the token limit before the JSON closed; "
    "write the same JSON again with shorter strings"
)


def parse_draft(text: str, draft_type: type[D]) -> D:
    """The draft in ``text``; tolerates code fences and prose around one JSON object."""
    body = text.strip()
    if not body.startswith("{"):
        start, end = body.find("{"), body.rfind("}")
        body = body[start : end + 1] if 0 <= start < end else body
    return draft_type.model_validate_json(body)


class StructuredCall(Generic[D]):
    """Ask for a draft; on a bad reply, ask once more with the error; else raise."""

    def __init__(
        self,
        model: BaseChatModel,
        draft_type: type[D],
        repair: Prompt,
        options: dict[str, Any] | None = None,
        retry_delays: tuple[float, ...] = (),
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.model = model.bind(**options) if options else model
        self.draft_type = draft_type
        self.repair = repair
        self.retry_delays = retry_delays
        self.sleep = sleep

    def _stream(
        self, messages: list[BaseMessage], usage: Usage, on_token: OnToken | None
    ) -> tuple[str, bool]:
        """``_stream_once``, retried after each of ``retry_delays`` while failures are transient."""
        for delay in self.retry_delays:
            try:
                return self._stream_once(messages, usage, on_token)
            except GenerationFailed as failed:
                cause = failed.__cause__
                if cause is None or not transient(cause):
                    raise
                usage.errors.append(f"{failed.reason}; retrying in {delay:g} s")
                self.sleep(delay)
        return self._stream_once(messages, usage, on_token)

    def _stream_once(
        self, messages: list[BaseMessage], usage: Usage, on_token: OnToken | None
    ) -> tuple[str, bool]:
        """The reply's text, and whether it stopped at the token limit."""
        began = time.monotonic()
        text, pieces, cut_off = "", 0, False
        try:
            for chunk in self.model.stream(messages):
                content = chunk.content if isinstance(chunk.content, str) else ""
                if content:
                    if usage.first_token_seconds is None:
                        usage.first_token_seconds = round(time.monotonic() - began, 3)
                    text += content
                    pieces += 1
                    if on_token:
                        on_token(pieces)
                elif on_token:  # a step of reading the prompt: the caller may stop here
                    on_token(pieces)
                meta = getattr(chunk, "usage_metadata", None) or {}
                usage.prompt_tokens += int(meta.get("input_tokens", 0))
                usage.completion_tokens += int(meta.get("output_tokens", 0))
                finish = (getattr(chunk, "response_metadata", None) or {}).get("finish_reason")
                cut_off = cut_off or finish == "length"
        except openai.LengthFinishReasonError as error:
            # The OpenAI client refuses to parse a structured reply that hit max_tokens.
            counted = error.completion.usage
            if counted is not None:
                usage.prompt_tokens += counted.prompt_tokens
                usage.completion_tokens += counted.completion_tokens
            cut_off = True
        except Exception as error:
            reason = model_failure(error)
            if reason is None:
                raise
            raise GenerationFailed(reason, usage) from error
        finally:
            usage.seconds += time.monotonic() - began
            usage.attempts += 1
        return text, cut_off

    def _parse(self, text: str, cut_off: bool, usage: Usage) -> D | None:
        """The draft in ``text``, or None with the reason recorded in ``usage.errors``."""
        try:
            return parse_draft(text, self.draft_type)
        except (ValidationError, ValueError) as error:
            usage.errors.append(CUT_OFF if cut_off else describe_error(error))
        return None

    def __call__(
        self, messages: list[BaseMessage], on_token: OnToken | None = None
    ) -> Generated[D]:
        usage = Usage()
        text, cut_off = self._stream(messages, usage, on_token)
        draft = self._parse(text, cut_off, usage)
        if draft is not None:
            return Generated(draft, usage)
        _system, ask = self.repair.render(error=usage.errors[-1])
        # A cut-off reply is not shown back: the model would only continue its long strings.
        retry = messages if cut_off else [*messages, AIMessage(text[:4000])]
        text, cut_off = self._stream([*retry, HumanMessage(ask)], usage, on_token)
        draft = self._parse(text, cut_off, usage)
        if draft is not None:
            return Generated(draft, usage)
        raise GenerationFailed(
            f"the model's reply was not a valid draft after one repair ({usage.errors[-1]})", usage
        )
