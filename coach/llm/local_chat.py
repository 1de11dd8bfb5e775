"""The chat model for the embedded server: ``ChatOpenAI`` that reads long prompts in steps."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import httpx
from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.messages import AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGenerationChunk
from langchain_openai import ChatOpenAI
from pydantic import Field

from coach.llm.prefill import SteppedPrefill

log = logging.getLogger(__name__)


class SteppedChatOpenAI(ChatOpenAI):
    """Streams as ``ChatOpenAI`` does, after reading the prompt through ``prefill`` in steps.

    The request goes to the slot its steps were read into (``SlotChoice``). Between steps it
    yields an empty chunk, so that a reader who checks for Stop on every
    chunk (``StructuredCall``, the chat) can close the stream while the prompt is being read;
    closing it ends the steps, and the server's slot is free within one step.
    """

    prefill: SteppedPrefill | None = Field(default=None, exclude=True)

    model_config = {"arbitrary_types_allowed": True}

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        if self.prefill is None:
            yield from super()._stream(messages, stop=stop, run_manager=run_manager, **kwargs)
            return
        dicts = self._get_request_payload(messages, stop=stop, **kwargs)["messages"]
        with ExitStack() as held:
            try:
                reading = held.enter_context(self.prefill.slot_for(dicts))
                kwargs = with_slot(kwargs, reading.slot, self.extra_body)
                for _ in self.prefill.read(reading):
                    yield ChatGenerationChunk(message=AIMessageChunk(content=""))
            except httpx.HTTPError as error:  # the request itself will say what is wrong
                log.warning("stepped prompt reading failed, reading it whole: %s", error)
            yield from super()._stream(messages, stop=stop, run_manager=run_manager, **kwargs)


def with_slot(
    kwargs: dict[str, Any], slot: int | None, model_extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The request's options sent to ``slot`` (llama.cpp's ``id_slot``), the prompt's steps'
    slot, keeping the model's own and the call's extra body fields (a grammar); unchanged for
    None (every slot busy: the server picks one)."""
    if slot is None:
        return kwargs
    extra = {**(model_extra or {}), **(kwargs.get("extra_body") or {}), "id_slot": slot}
    return {**kwargs, "extra_body": extra}
