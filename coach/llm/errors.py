"""One translation of model-server errors, for the chat and the structured path alike."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

import httpx
import openai

FailureKind = Literal["timeout", "unreachable", "status", "filtered", "unreadable"]


@dataclass(frozen=True)
class ModelError:
    """What went wrong with the model server, in words a user can act on."""

    kind: FailureKind
    reason: str  # short, e.g. "the model timed out"
    transient: bool  # worth one retry soon (unreachable, overloaded, erring; not a timeout)


def classify_model_error(error: BaseException) -> ModelError | None:
    """The model-server failure behind ``error``; None when it is not one."""
    if isinstance(error, openai.APITimeoutError | httpx.TimeoutException | TimeoutError):
        return ModelError("timeout", "the model timed out", False)
    if isinstance(error, openai.APIConnectionError | httpx.ConnectError | ConnectionError):
        return ModelError("unreachable", "the model server is not reachable", True)
    if isinstance(error, openai.APIStatusError):
        code = error.status_code
        return ModelError(
            "status", f"the model server answered HTTP {code}", code == 429 or code >= 500
        )
    if isinstance(error, openai.ContentFilterFinishReasonError):
        return ModelError("filtered", "the model server's content filter stopped the reply", False)
    if isinstance(error, openai.OpenAIError | json.JSONDecodeError):
        return ModelError(
            "unreadable", "the model server sent a reply that could not be read", False
        )
    return None
