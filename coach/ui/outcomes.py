"""Self-assessments: a member's own panel, and the lead's "Outcomes" section.

While a checkpoint of the program is open (start, mid-point, end), a member's tab shows "How you
see yourself now", seven statements for their side to rate 1-5, and Save. The answers go to
``OutcomeService``, which keeps them for their author alone. The lead's section shows only each
side's paired change over at least the minimum group of pairs, or says why it cannot yet.
"""

from __future__ import annotations

import gradio as gr

from coach.domain.outcome_change import PairedChange
from coach.domain.outcomes import ITEMS, OutcomeCheckpoint
from coach.domain.pairs import Side
from coach.domain.users import Role
from coach.services.doors import LeadDoor, PairDoor
from coach.services.outcomes import OpenAssessment, ProgramOutcomes
from coach.ui.auth import guarded, signed_in
from coach.ui.render import day, md

COUNT = 7  # statements per side, one radio each
assert all(len(items) == COUNT for items in ITEMS.values())
SCALE_CHOICES = [("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 5)]
SCALE_INFO = "1 = not at all true of me · 5 = fully true"
MOMENT = {
    OutcomeCheckpoint.START: "start of the program",
    OutcomeCheckpoint.MIDPOINT: "mid-point of the program",
    OutcomeCheckpoint.END: "end of the program",
}
PRIVATE = (
    "**Private:** only you can ever see your answers. Your program lead sees only how the "
    "program's {side}s changed as a whole, from the start, over at least {n} pairs: never your "
    "answers, never anyone's."
)
SIDES = {Side.MENTOR: "Mentors", Side.MENTEE: "Mentees"}
TOO_FEW = "Not enough people have answered both times yet (at least {n} pairs are needed)."


def form_heading(found: OpenAssessment, n: int) -> str:
    """The panel's title and privacy note for the open checkpoint."""
    until = f"change your answers until {day(found.closes)}."
    when = (
        f"You answered on {day(found.mine.answered_at)}; you can {until}"
        if found.mine
        else f"You can {until}"
    )
    return (
        f"### How you see yourself now ({MOMENT[found.checkpoint]})\n"
        f"Seven statements about you, each 1 to 5. {when}\n\n"
        + PRIVATE.format(side=found.side.value, n=n)
    )


def build_outcomes_panel(services: PairDoor, picker: gr.Dropdown, where: str, api: bool) -> None:
    """The self-assessment for ``picker``'s pair, shown while a checkpoint is open. ``where``
    prefixes the element ids (two tabs mount it); with ``api`` its endpoints are named."""

    def ident(name: str) -> str:
        return f"{where}-{name}"

    with gr.Column(visible=False, elem_id=ident("self-assessment")) as panel:
        heading = gr.Markdown(elem_id=ident("self-assessment-heading"))
        radios = [
            gr.Radio(
                SCALE_CHOICES, label=f"Statement {n}", info=SCALE_INFO, elem_id=ident(f"assess-{n}")
            )  # fmt: skip
            for n in range(1, COUNT + 1)
        ]
        save = gr.Button("Save", variant="primary", elem_id=ident("assess-save"))
        status = gr.Markdown(elem_id=ident("assess-status"))

    def shown(found: OpenAssessment | None, message: str) -> tuple:
        if found is None:
            return (gr.Column(visible=False), "", *(gr.Radio(value=None),) * COUNT, message)
        values = found.mine.scores if found.mine else (None,) * len(found.items)
        return (
            gr.Column(visible=True),
            form_heading(found, services.outcomes.min_group),
            *(gr.Radio(label=f"{n}. {text}", value=value)
              for n, (text, value) in enumerate(zip(found.items, values, strict=True), 1)),
            message,
        )  # fmt: skip

    @guarded
    def self_assessment(pair_id: str | None, request: gr.Request):
        """The self-assessment open for you on this pair now, with your own answers so far."""
        user = signed_in(services, request)
        if not pair_id:
            return shown(None, "")
        return shown(services.outcomes.window(user, pair_id), "")

    @guarded
    def answer_self_assessment(
        pair_id: str | None, s1: int | None, s2: int | None, s3: int | None, s4: int | None,
        s5: int | None, s6: int | None, s7: int | None, request: gr.Request,
    ):  # fmt: skip
        """Save your answers (each 1-5) to the open self-assessment; only you can see them."""
        user = signed_in(services, request)
        if not pair_id:
            raise gr.Error("Pick a pair first.", title="No pair")
        scores = [s1, s2, s3, s4, s5, s6, s7]
        if any(s is None for s in scores):
            raise gr.Error(f"Rate all {COUNT} statements (1 to 5) before saving.",
                           title="Not finished")  # fmt: skip
        saved = services.outcomes.answer(user, pair_id, tuple(int(s) for s in scores))
        message = f"Saved {saved.answered_at:%H:%M} UTC. Only you can see your answers."
        return shown(services.outcomes.window(user, pair_id), message)

    outputs = [panel, heading, *radios, status]

    def named(name: str) -> dict:
        """Public endpoints by their name; the second tab's are private, under another name."""
        return {"api_name": name} if api else {"api_name": ident(name), "api_visibility": "private"}

    picker.change(self_assessment, picker, outputs, **named("self_assessment"))
    save.click(answer_self_assessment, [picker, *radios], outputs,
               **named("answer_self_assessment"))  # fmt: skip


def signed(value: float) -> str:
    return f"{value:+.1f}"


def figure_line(f: PairedChange) -> str:
    """One paired change, as the lead reads it."""
    interval = (
        f" (95% interval {signed(f.low)} to {signed(f.high)})"
        if f.low is not None and f.high is not None
        else ""
    )
    return (
        f"{f.comparison.value}: **{signed(f.change)} points**{interval}, "
        f"n = {f.people} people; mean total {f.before:.1f} → {f.after:.1f} (of 35)"
    )


def outcomes_markdown(found: list[ProgramOutcomes], min_group: int) -> str:
    """The lead's "Outcomes" section: each program's paired change per side, or why not yet.

    Renders only what ``OutcomeService.change`` let through: figures over at least
    ``min_group`` pairs."""
    lines = [
        "### Outcomes",
        "Each side rates seven statements about themselves at the start, the mid-point and the "
        "end of the program. Shown: the change in their total (7-35), later minus start, for "
        f"people who answered both times, with a 95% interval; only over at least {min_group} "
        "pairs, never one person's answers.",
    ]
    if not found:
        return "\n".join([*lines, "", "No program yet."])
    for program in found:
        changes = program.changes
        if len(found) > 1:
            lines += ["", f"**{md(program.program)}**"]
        lines.append("")
        for side, label in SIDES.items():
            figures = changes.for_side(side)
            if not figures:
                lines.append(f"- **{label}:** " + TOO_FEW.format(n=changes.min_group))
                continue
            lines.append(f"- **{label}:**")
            for f in figures:
                lines.append(f"  - {figure_line(f)}")
                lines += [
                    f"    - {md(i.item)} {i.before:.1f} → {i.after:.1f} ({signed(i.change)})"
                    for i in f.items
                ]
        if changes.withheld:
            lines.append(
                f"\n_{changes.withheld} figure(s) held back: too few pairs, or they would let "
                "someone work out a smaller group._"
            )
    return "\n".join(lines)


def build_lead_outcomes(services: LeadDoor, app: gr.Blocks) -> None:
    """The "Outcomes" section of the lead's tab; filled when a lead opens the app."""
    with gr.Accordion("Outcomes: how each side changed", open=True, elem_id="lead-outcomes"):
        shown = gr.Markdown(elem_id="outcomes-figures")
        refresh = gr.Button("Refresh outcomes", size="sm", elem_id="outcomes-refresh")

    @guarded
    def program_outcomes(request: gr.Request) -> str:
        """Each program's paired change per side, over at least the minimum group of pairs."""
        user = signed_in(services, request)
        found = services.outcomes.every_program(user)
        return outcomes_markdown(found, services.outcomes.min_group)

    def on_open(request: gr.Request):
        """Fill the section for a lead; others get nothing (and no error)."""
        if signed_in(services, request).role is not Role.LEAD:
            return gr.skip()
        return program_outcomes(request)

    app.load(guarded(on_open), None, shown, api_visibility="private")
    refresh.click(program_outcomes, None, shown, api_name="program_outcomes")
