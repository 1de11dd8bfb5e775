"""My learning over time: the participant's own timeline on the Reflect & summaries tab.

Session by session, what I learned (from the summaries I approved or shared), the goals of
mine that moved and the actions I closed; then, on request, a short "how my thinking has
changed" paragraph whose every sentence links to its session's entry. Every stored or model
text is HTML-escaped before it is placed on the page.
"""

from __future__ import annotations

import html

import gradio as gr

from coach.domain.goals import GoalStatus
from coach.domain.timeline import GoalMove, Paragraph, TimelineEntry
from coach.services.doors import ParticipantDoor
from coach.ui.auth import guarded, signed_in
from coach.ui.render import day

EMPTY = (
    "<p><em>No approved summaries yet. Approve a summary of a session and it shows here: "
    "your timeline is yours alone.</em></p>"
)


def anchor(number: int) -> str:
    """The element id of a session's entry, which the paragraph links to."""
    return f"timeline-s{number}"


def _goal(move: GoalMove) -> str:
    state = "achieved" if move.status is GoalStatus.ACHIEVED else f"{move.progress}%"
    state = "dropped" if move.status is GoalStatus.DROPPED else state
    return f"{html.escape(move.text)} ({state})"


def _items(title: str, items: list[str]) -> str:
    if not items:
        return ""
    listed = "".join(f"<li>{item}</li>" for item in items)
    return f"<div><strong>{title}</strong><ul>{listed}</ul></div>"


def timeline_html(entries: list[TimelineEntry]) -> str:
    """The entries as an ordered list, one item per session, each with its anchor."""
    if not entries:
        return EMPTY
    items = []
    for e in entries:
        body = (
            _items("What I learned", [html.escape(p) for p in e.learned])
            + _items("Goals that moved", [_goal(g) for g in e.goals])
            + _items("Actions I closed", [html.escape(a) for a in e.actions])
        )
        items.append(
            f'<li id="{anchor(e.number)}"><strong>Session {e.number}</strong> · '
            f"{day(e.held_at)}{body}</li>"
        )
    return f'<ol class="timeline">{"".join(items)}</ol>'


def paragraph_html(paragraph: Paragraph) -> str:
    """Each sentence followed by links to the session entries it comes from."""
    if not paragraph.sentences:
        return EMPTY
    parts = []
    for s in paragraph.sentences:
        links = ", ".join(
            f'<a href="#{anchor(n)}" class="timeline-link">session {n}</a>' for n in s.sessions
        )
        parts.append(f'<span class="timeline-sentence">{html.escape(s.text)} ({links})</span>')
    note = (
        "<p><em>Written by rules, one line per session: the model was unavailable or none of "
        "its sentences passed the checks.</em></p>"
        if paragraph.fallback
        else ""
    )
    return f"<p>{' '.join(parts)}</p>{note}"


def build_timeline_panel(services: ParticipantDoor, picker: gr.Dropdown) -> None:
    """The "My learning over time" section; it follows ``picker`` (a pair id)."""
    gr.Markdown(
        "### My learning over time\nBuilt from the summaries you approved: only you see it. "
        "Your partner sees the sessions whose summary you shared with them, the program lead "
        "those you shared with the program."
    )
    entries = gr.HTML(elem_id="timeline-entries")
    write = gr.Button("Write how my thinking has changed", size="sm", elem_id="timeline-write")
    paragraph = gr.HTML(elem_id="timeline-paragraph")

    @guarded
    def my_timeline(pair_id: str | None, request: gr.Request) -> tuple[str, str]:
        """Your own timeline on the pair (only ever yours); the paragraph waits for the button."""
        user = signed_in(services, request)
        if not pair_id:
            return EMPTY, ""
        return timeline_html(list(services.timeline.mine(user, pair_id)[0].entries)), ""

    @guarded
    def my_paragraph(pair_id: str | None, request: gr.Request) -> tuple[str, str]:
        """How your thinking has changed, each sentence linked to its session."""
        user = signed_in(services, request)
        if not pair_id:
            raise gr.Error("Pick a pair first.", title="No pair")
        timeline = services.timeline.mine(user, pair_id)[0]
        found = services.timeline.paragraph(user, pair_id)
        return timeline_html(list(timeline.entries)), paragraph_html(found)

    picker.change(my_timeline, picker, [entries, paragraph], api_name="my_timeline")
    write.click(my_paragraph, picker, [entries, paragraph], api_name="timeline_paragraph")
