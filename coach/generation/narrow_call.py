"""One short model call of a narrow recipe: a small JSON draft, counted, never fatal for a bad
reply (only for a failing server)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from pydantic import BaseModel

from coach.generation.prompts import Prompt
from coach.generation.structured import GenerationFailed, OnToken, StructuredCall, Usage

D = TypeVar("D", bound=BaseModel)
RETRY_TEMPERATURE = 0.6  # a second try, a little warmer than the first


def ask_draft(
    model: BaseChatModel, draft_type: type[D], repair: Prompt, options: dict[str, Any],
    messages: list, usage: Usage, warmer: bool = False, on_token: OnToken | None = None,
    retry_delays: tuple[float, ...] = (), sleep: Callable[[float], None] = time.sleep,
) -> D | None:  # fmt: skip
    """The model's draft, or None when its reply was no valid JSON even after one repair. The
    tokens go into ``usage``; ``on_token`` hears the running count; a failing model server is
    retried after each of ``retry_delays`` while it fails transiently, then raises
    ``GenerationFailed``."""
    options = {**options, **({"temperature": RETRY_TEMPERATURE} if warmer else {})}
    call = StructuredCall(model, draft_type, repair, options, retry_delays, sleep)
    before = usage.completion_tokens
    heard = (lambda n: on_token(before + n)) if on_token else None
    try:
        generated = call(messages, heard)
    except GenerationFailed as failed:
        usage.add(failed.usage)
        if failed.__cause__ is not None:  # the server, not the reply
            raise
        return None
    usage.add(generated.usage)
    return generated.draft


def retry_note(reasons: list[str], told: list[str] | None = None, field: str = "activity") -> str:
    """What the model is told when its wording is refused: the reasons, and the words its
    ``field`` must use when it missed them (what an agenda item is for; the last session, for
    the check-in question)."""
    words = f"The {field} must use these words: {', '.join(told)}. " if told else ""
    return (
        f"That cannot be used: {'; '.join(reasons)}. {words}Reply with the JSON again, corrected."
    )


def corrected(
    messages: list[BaseMessage], reply: BaseModel, reasons: list[str],
    told: list[str] | None = None, field: str = "activity",
) -> list[BaseMessage]:  # fmt: skip
    """The conversation a correction is asked in: ``messages``, the model's refused ``reply``
    as JSON, and what it is told (``retry_note``)."""
    note = retry_note(reasons, told, field)
    return [*messages, AIMessage(reply.model_dump_json()), HumanMessage(note)]
