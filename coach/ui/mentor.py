"""The mentor's tab: pick a pair, see where it stands, prepare the session, ask the coach."""

from __future__ import annotations

import gradio as gr

from coach.domain.agenda import Agenda
from coach.domain.markdown import agenda_markdown, starters_markdown
from coach.domain.starters import StarterSet
from coach.services.doors import MentorDoor
from coach.services.errors import UserError
from coach.ui.auth import guarded, pair_choices, role_view, signed_in
from coach.ui.outcomes import build_outcomes_panel
from coach.ui.pairview import NO_PAIR, overview
from coach.ui.prepare import agenda_for, build_prepare_session, keep, md_line
from coach.ui.pulse import build_pulse_panel
from coach.ui.ratings import build_rating_row, chat_target
from coach.ui.render import escape_answer, sources_markdown

EXAMPLES = [
    "How do I open our first session with a senior VP without freezing?",
    "My mentee keeps dismissing TikTok as a fad. How do I push back?",
    "What should we agree on about confidentiality?",
]


def build_mentor_chat(
    services: MentorDoor, picker: gr.Dropdown | None = None, agenda: gr.State | None = None
) -> gr.ChatInterface:
    """The chat panel; its API endpoint is named ``ask``.

    With a pair picked, "draft an agenda", "give me starters", "shorten item 2" or "more on
    power dynamics" make or refine the plan; anything else is answered from the guides. A new
    or refined agenda or starter set is kept with the pair at once, and ``agenda`` (the
    Prepare panel's state) then points at it, so the panel shows, edits and exports it.
    """

    def respond(message: str, history: list, pair_id: str | None = None,
                current: dict | None = None, request: gr.Request = None):  # fmt: skip
        answer, state = "", current
        try:
            user = signed_in(services, request) if pair_id and request is not None else None
            plan = agenda_for(services, user, current, pair_id) if user and pair_id else None
            minutes = plan.minutes if plan else None  # a refinement keeps the plan's length
            prep = services.preparation
            profile = prep.profile(user, pair_id, minutes) if user and pair_id else None
            for event in services.chat.ask(message, pair=profile, agenda=plan):
                if event.kind == "delta":
                    answer += event.text
                    yield _shown(answer, event), state
                elif event.kind == "wait":  # lets Gradio close us if the person left
                    yield "…", state
                elif isinstance(event.artifact, Agenda | StarterSet) and user and pair_id:
                    state = keep(services, user, pair_id, state, event.artifact)
                    yield _artifact(event), state
                elif event.artifact is not None:
                    yield _artifact(event), state
                else:
                    text = escape_answer(answer) + sources_markdown(event.sources, event.cited)
                    yield text, state
        except (UserError, gr.Error) as error:
            yield f"⚠️ {error}", state

    extra = [c for c in (picker, agenda) if c is not None]
    return gr.ChatInterface(
        respond,
        title=None,
        description=f"For example: “{EXAMPLES[1]}” "
        "Ask how to handle a moment in your sessions, or ask for an agenda or "
        'starters (then: "shorten item 2", "more on power dynamics"). Answers cite our guides.',
        examples=None if extra else EXAMPLES,  # with a pair picker, examples would reset it
        run_examples_on_click=False,
        api_name="ask",
        additional_inputs=extra,
        additional_outputs=[agenda] if agenda is not None else None,
        chatbot=gr.Chatbot(height=460, label="Coach", elem_id="mentor-chat"),
    )


def _shown(answer: str, event) -> str:
    return escape_answer(answer) if event.artifact is None else answer


def _artifact(event) -> str:
    """A made or refined agenda or starter set, rendered with escaped model text."""
    if isinstance(event.artifact, Agenda):
        return agenda_markdown(event.artifact, md_line)
    return starters_markdown(event.artifact, md_line)


def build_mentor_tab(services: MentorDoor, app: gr.Blocks) -> None:
    """Pair picker and overview; the Prepare panel across the full width; then the chat beside
    the outcomes and pulse. Rows stack on a phone."""
    picker = gr.Dropdown(
        label="Pair you mentor", choices=[], allow_custom_value=True, elem_id="mentor-pair"
    )
    summary = gr.Markdown(NO_PAIR, elem_id="mentor-overview")
    with gr.Accordion("Prepare session", open=True, elem_id="prepare-session"):
        agenda = build_prepare_session(services, picker)
    with gr.Row(equal_height=False, elem_classes="stack"):
        with gr.Column(scale=3, min_width=300):
            chat = build_mentor_chat(services, picker, agenda)
            build_rating_row(services, "answer", chat_target, [picker, chat.chatbot])
        with gr.Column(scale=2, min_width=300):
            build_outcomes_panel(services, picker, "mentor", api=False)
            build_pulse_panel(services, picker, "mentor", api=False)

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
