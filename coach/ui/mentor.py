"""The mentor's tab: pick a pair, see where it stands, prepare the session, ask the coach."""

from __future__ import annotations

from collections.abc import Iterator

import gradio as gr

from coach.services.container import Services
from coach.services.errors import UserError
from coach.ui.auth import guarded, pair_choices, role_view, signed_in
from coach.ui.pairview import NO_PAIR, overview
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
        chatbot=gr.Chatbot(height=460, label="Coach", elem_id="mentor-chat"),
    )


def build_prepare_session(services: Services, pair: gr.Dropdown) -> None:
    """The "Prepare session" slot: agenda and conversation starters for ``pair`` go here.

    Generation lands with its own issue; until then this says so instead of faking it.
    """
    gr.Markdown(
        "A time-boxed agenda and conversation starters for the next session, built from your "
        "pair's goals, open action items and the guides, will appear here. _Not available "
        "yet._ Until then, ask the coach on the right.",
        elem_id="prepare-session-slot",
    )


def build_mentor_tab(services: Services, app: gr.Blocks) -> None:
    """Pair picker and overview on the left, the chat on the right; stacks on a phone."""
    picker = gr.Dropdown(
        label="Pair you mentor", choices=[], allow_custom_value=True, elem_id="mentor-pair"
    )
    with gr.Row(equal_height=False, elem_classes="stack"):
        with gr.Column(scale=2, min_width=300):
            summary = gr.Markdown(NO_PAIR, elem_id="mentor-overview")
            with gr.Accordion("Prepare session", open=True, elem_id="prepare-session"):
                build_prepare_session(services, picker)
        with gr.Column(scale=3, min_width=300):
            build_mentor_chat(services)

    @guarded
    def pair_overview(pair_id: str | None, request: gr.Request) -> str:
        """Where the pair stands; only its two members may ask."""
        return overview(services, signed_in(services, request), pair_id or "")

    def load(request: gr.Request):
        view = role_view(services, signed_in(services, request))
        cards = view.mentor_pairs
        first = cards[0].pair.id if cards else None
        return gr.Dropdown(choices=pair_choices(cards, view.user), value=first)

    picker.change(pair_overview, picker, summary, api_name="pair_overview")
    app.load(guarded(load), None, picker, api_visibility="private")
