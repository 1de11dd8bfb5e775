"""The mentor chat use-case: validate the question, stream a grounded answer."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import openai

from coach.generation.chat import ChatAnswerer, ChatEvent
from coach.services.errors import UserError

MAX_QUESTION_CHARS = 2000


class ChatService:
    """Answers mentors' questions from the guides, with sources."""

    def __init__(self, answerer: ChatAnswerer) -> None:
        self.answerer = answerer

    def ask(self, question: str) -> Iterator[ChatEvent]:
        """Stream an answer; raise ``UserError`` for bad input or an unreachable model."""
        question = (question or "").strip()
        if not question:
            raise UserError("Type a question first, for example: how do I open our first session?")
        if len(question) > MAX_QUESTION_CHARS:
            raise UserError(
                f"That question is {len(question):,} characters; keep it under "
                f"{MAX_QUESTION_CHARS:,} and paste long notes as a reflection instead."
            )
        try:
            yield from self.answerer.stream(question)
        except (openai.APITimeoutError, httpx.TimeoutException):
            raise UserError(
                "The model took too long to answer. Try again, or raise COACH_LLM_TIMEOUT."
            ) from None
        except (openai.APIConnectionError, httpx.ConnectError):
            raise UserError(
                "The model server is not reachable. Run `coach doctor` to see what is wrong."
            ) from None
        except openai.APIStatusError as error:
            raise UserError(
                f"The model server answered with HTTP {error.status_code}. Run `coach doctor`."
            ) from None
