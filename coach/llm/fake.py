"""A fake chat model fed by a queue: the one fake that serves the unit tests."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field


class FakeChatModel(BaseChatModel):
    """Answers with queued replies in order; an ``Exception`` in the queue is raised instead.

    Every prompt it receives is kept in ``calls`` so tests can assert what the model saw.
    """

    replies: deque[str | Exception] = Field(default_factory=deque)
    calls: list[list[BaseMessage]] = Field(default_factory=list)
    model_name: str = "fake-model"

    @classmethod
    def of(cls, replies: Iterable[str | Exception]) -> FakeChatModel:
        return cls(replies=deque(replies))

    @property
    def _llm_type(self) -> str:
        return "flipside-fake"

    def _next(self, messages: list[BaseMessage]) -> str:
        self.calls.append(list(messages))
        if not self.replies:
            raise RuntimeError("FakeChatModel: no reply queued for this call")
        reply = self.replies.popleft()
        if isinstance(reply, Exception):
            raise reply
        return reply

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        text = self._next(messages)
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        text = self._next(messages)
        for index, word in enumerate(text.split(" ")):
            piece = word if index == 0 else f" {word}"
            yield ChatGenerationChunk(message=AIMessageChunk(content=piece))
