"""Mark a session held, then answer its safety pulse: three one-click answers and Send.

Mounted on the mentor's tab and on the participant's tab; it follows that tab's pair picker.
The answers go to ``PulseService``, which keeps them for their author alone. "Ask the program
lead for a check-in" sends the lead who asked and for which pair, and nothing else.
"""

from __future__ import annotations

from datetime import UTC, datetime

import gradio as gr

from coach.domain.pulse import QUESTIONS
from coach.domain.sessions import Session, SessionStatus
from coach.domain.users import User
from coach.services.doors import PairDoor
from coach.ui.auth import guarded, signed_in
from coach.ui.pairview import session_label
from coach.ui.render import day, md

SCALE_CHOICES = [("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 5)]
SCALE_INFO = "1 = not at all · 5 = fully"
PRIVATE = (
    "**Private:** only you can ever see your answers; your program lead sees only "
    "program-wide averages over at least {n} pairs."
)
NO_PULSE = "_No pulse to answer: it opens when a session is marked held._"


def started_planned(sessions: list[Session], now: datetime) -> list[tuple[str, str]]:
    """Planned sessions whose time has come (only those can have been held), newest first."""
    due = [s for s in sessions if s.status is SessionStatus.PLANNED and s.scheduled_at <= now]
    return [(session_label(s), s.id) for s in sorted(due, key=lambda s: s.scheduled_at)][::-1]


def build_pulse_panel(services: PairDoor, picker: gr.Dropdown, where: str, api: bool) -> None:
    """The "Sessions and pulse" section for ``picker``'s pair. ``where`` prefixes the element
    ids (two tabs mount it); with ``api`` its endpoints are named, else private."""

    def ident(name: str) -> str:
        return f"{where}-{name}"

    with gr.Accordion("Session held? Your private pulse", open=True, elem_id=ident("pulse")):
        privacy = gr.Markdown(PRIVATE.format(n="a few"))
        with gr.Row(equal_height=False, elem_classes="stack"):
            planned = gr.Dropdown(label="Planned session that took place", choices=[],
                                  allow_custom_value=True, scale=3,
                                  elem_id=ident("planned"))  # fmt: skip
            mark = gr.Button("Mark held", size="sm", scale=1, elem_id=ident("mark-held"))
        with gr.Column(visible=False) as form:
            session = gr.Dropdown(label="Pulse for", choices=[], allow_custom_value=True,
                                  elem_id=ident("pulse-session"))  # fmt: skip
            radios = [
                gr.Radio(SCALE_CHOICES, label=f"Question {n}", info=SCALE_INFO, elem_id=ident(q))
                for n, q in ((1, "pulse-q1"), (2, "pulse-q2"), (3, "pulse-q3"))
            ]
            note = gr.Textbox(label="Note (optional, only you can read it)", lines=2,
                              elem_id=ident("pulse-note"))  # fmt: skip
            send = gr.Button("Send", variant="primary", elem_id=ident("pulse-send"))
        status = gr.Markdown(NO_PULSE, elem_id=ident("pulse-status"))
        checkin = gr.Button("Ask the program lead for a check-in", size="sm",
                            elem_id=ident("checkin"))  # fmt: skip
        asked = gr.Markdown(elem_id=ident("checkin-sent"))

    def form_for(user: User, pair_id: str, chosen: str | None, message: str) -> tuple:
        """Everything the section shows for the pair: planned sessions to mark, the pending
        pulses (``chosen`` picked), questions for the user's side, and a status line."""
        waiting = services.pulse.pending(user, pair_id)  # members only: checked here
        side = services.pairs.get(user, pair_id).pair.side_of(user.id)
        assert side is not None
        marks = started_planned(services.sessions.sessions(user, pair_id), datetime.now(UTC))
        choices = [(session_label(s), s.id) for s in waiting]
        ids = [s.id for s in waiting]
        value = chosen if chosen in ids else (ids[0] if ids else None)
        mine = services.pulse.mine(user, pair_id)
        if not message:
            message = f"{len(choices)} pulse(s) to answer." if choices else NO_PULSE
        if mine:
            last = max(mine, key=lambda a: a.answered_at)
            message += f" Your last answer ({day(last.answered_at)}): " + " · ".join(
                map(str, last.scores)
            )
        return (
            PRIVATE.format(n=services.pulse.min_group),
            gr.Dropdown(choices=marks, value=marks[0][1] if marks else None),
            gr.Column(visible=bool(choices)),
            gr.Dropdown(choices=choices, value=value),
            *(gr.Radio(label=q.text, value=None) for q in QUESTIONS[side]),
            "",
            message,
        )

    @guarded
    def pulse_form(pair_id: str | None, request: gr.Request):
        """Your pending pulses on a pair and the questions for your side (your answers only)."""
        user = signed_in(services, request)
        if not pair_id:
            return (gr.skip(),) * 9
        return form_for(user, pair_id, None, "")

    @guarded
    def mark_held(pair_id: str | None, session_id: str | None, request: gr.Request):
        """Record that a planned session took place; its pulse opens at once."""
        user = signed_in(services, request)
        if not pair_id or not session_id:
            raise gr.Error("Pick the session that took place.", title="No session")
        held = services.sessions.mark(user, session_id, SessionStatus.HELD)
        message = f"Marked session {held.number} held. Three taps and Send, if you like:"
        return form_for(user, pair_id, held.id, message)

    @guarded
    def answer_pulse(
        pair_id: str | None, session_id: str | None, first: int | None, second: int | None,
        third: int | None, text: str, request: gr.Request,
    ):  # fmt: skip
        """Send your answers to a session's pulse (answering again replaces them)."""
        user = signed_in(services, request)
        scores = [first, second, third]
        if not pair_id or not session_id:
            raise gr.Error("Pick the session first.", title="No session")
        if any(s is None for s in scores):
            raise gr.Error("Answer all three questions (1 to 5).", title="Not finished")
        answer = services.pulse.answer(user, session_id, [int(s) for s in scores], text or "")
        message = f"Sent {answer.answered_at:%H:%M} UTC. Only you can see it."
        return form_for(user, pair_id, None, message)

    @guarded
    def ask_checkin(pair_id: str | None, request: gr.Request) -> str:
        """Ask the program lead for a check-in: it says who asked and for which pair, no answers."""
        user = signed_in(services, request)
        if not pair_id:
            raise gr.Error("Pick a pair first.", title="No pair")
        sent = services.pulse.request_checkin(user, pair_id)
        card = services.pairs.get(user, pair_id)
        return (
            f"Asked {day(sent.requested_at)}. Your program lead sees your name "
            f"(**{md(user.label)}**) and your pair (**{md(card.mentor_name)} & "
            f"{md(card.mentee_name)}**), nothing else: no pulse answer or note goes with it."
        )

    outputs = [privacy, planned, form, session, *radios, note, status]

    def named(name: str) -> dict:
        """A public endpoint name, or a private one that leaves the name to the public mount."""
        return {"api_name": name} if api else {"api_name": ident(name), "api_visibility": "private"}

    picker.change(pulse_form, picker, outputs, **named("pulse_form"))
    mark.click(mark_held, [picker, planned], outputs, **named("mark_held"))
    send.click(answer_pulse, [picker, session, *radios, note], outputs, **named("answer_pulse"))
    checkin.click(ask_checkin, picker, asked, **named("ask_checkin"))
