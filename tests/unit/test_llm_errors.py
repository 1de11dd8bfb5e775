"""One translation of model-server errors: kinds, reasons and which ones are worth a retry."""

from __future__ import annotations

import json

import httpx
import openai
import pytest

from coach.llm.errors import classify_model_error

pytestmark = pytest.mark.unit
REQUEST = httpx.Request("POST", "http://127.0.0.1:1/v1/chat/completions")


def status(code: int) -> openai.APIStatusError:
    return openai.APIStatusError("boom", response=httpx.Response(code, request=REQUEST), body=None)


@pytest.mark.parametrize(
    ("error", "kind", "transient"),
    [
        (openai.APITimeoutError(REQUEST), "timeout", False),
        (httpx.ReadTimeout("slow"), "timeout", False),
        (openai.APIConnectionError(request=REQUEST), "unreachable", True),
        (httpx.ConnectError("refused"), "unreachable", True),
        (status(503), "status", True),
        (status(429), "status", True),
        (status(400), "status", False),
        (json.JSONDecodeError("bad", "x", 0), "unreadable", False),
    ],
)
def test_each_failure_has_one_kind_and_reason(error, kind, transient):
    failure = classify_model_error(error)
    assert failure is not None and (failure.kind, failure.transient) == (kind, transient)
    assert failure.reason.startswith("the model")


def test_other_errors_are_not_model_failures():
    assert classify_model_error(ValueError("a bug of ours")) is None
    assert "HTTP 503" in classify_model_error(status(503)).reason
