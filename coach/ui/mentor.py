"""The mentor's tab: a streamed chat answered from the guides, with its sources."""

from __future__ import annotations

from collections.abc import Iterator

import gradio as gr

from coach.services.container import Services
from coach.services.errors import UserError
from coach.ui.render import escape_answer, sources_markdown

EXAMPLES = [
    "How do I open our first session with a senior VP without freezing?",
    "My mentee keeps dismissing TikTok as a fad. How do I push back?",
    "What should we agree on about confidentiality?",
]


def build_mentor_chat(services: Services) -> gr.ChatInterface:
    """The chat panel; its API endpoint is named ``ask``."""

    def respond(message: str, history: list) -> Iterator[str]:
        answer = ""
        try:
            for event in services.chat.ask(message):
                if event.kind == "delta":
                    answer += event.text
                    yield escape_answer(answer)
                else:
                    yield escape_answer(answer) + sources_markdown(event.sources, event.cited)
        except UserError as error:
            yield f"⚠️ {error}"

    return gr.ChatInterface(
        respond,
        title=None,
        description="Ask how to handle a moment in your sessions. Answers cite our guides.",
        examples=EXAMPLES,
        run_examples_on_click=False,
        api_name="ask",
        fill_height=True,
    )
