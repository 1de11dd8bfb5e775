"""The lead's match suggestions: upload candidates, read the suggested pairs, swap, accept.

Everything goes through ``SuggestionService``: it reads the file, leaves out people already
paired in the program, runs the matcher and, on "Accept", creates the pair after checking the
rules again. The file is sent with every call, so no suggestion is kept between requests.
"""

from __future__ import annotations

import gradio as gr
import pandas as pd

from coach.domain.pairs import Side
from coach.domain.users import Role
from coach.services.doors import LeadDoor
from coach.services.errors import PermissionDenied, UserError
from coach.services.suggestions import OpenPool, ScoredPair, Suggestions
from coach.ui.auth import guarded, signed_in
from coach.ui.render import md

SUGGESTION_COLUMNS = ["mentor (junior)", "mentee (senior)", "score", "reasons", "departments",
                      "accounts"]  # fmt: skip
SUGGESTION_WIDTHS = [150, 150, 60, 420, 200, 140]
UNMATCHED_COLUMNS = ["senior", "why"]
ERROR_COLUMNS = ["row", "error"]
FILE_TYPES = [".csv", ".xlsx"]
INTRO = (
    "Upload a candidates file (CSV or XLSX, the same as `coach match`: one row per person with "
    "`name`, `side`, `role_title`, `department`, `generation`, `strengths`, `interests`, "
    "`goals`, `reports_to`). Each `name` must be an account's display name or username. "
    "People already in a pair of the program are left out; pairs that ended are never "
    "suggested again. Click a suggestion to accept it, or pick another junior to see the "
    "new score."
)


def _accounts(open_pool: OpenPool, suggestion) -> str:
    missing = open_pool.no_account(suggestion.mentor, suggestion.mentee)
    return f"no account: {', '.join(missing)}" if missing else "ready"


def suggestions_frame(found: Suggestions) -> pd.DataFrame:
    rows = [
        [s.mentor.name, s.mentee.name, round(s.score, 3), "\n".join(f"• {r}" for r in s.reasons),
         f"{s.mentor.department} → {s.mentee.department}", _accounts(found.open, s)]
        for s in found.result.pairs
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=SUGGESTION_COLUMNS)


def count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def summary_markdown(found: Suggestions) -> str:
    """One line of figures, then what the lead should know about the rest of the file."""
    result, pool = found.result, found.open
    lines = [f"**{count(len(result.pairs), 'pair')} suggested** for {md(pool.program.name)}, "
             f"total score {result.total:.3f}; {count(len(result.unmatched), 'senior')} "
             f"unmatched; {count(len(result.errors), 'error')} in the file."]  # fmt: skip
    if pool.paired:
        lines.append(f"- Already in a pair of this program, so left out: "
                     f"{md(', '.join(pool.paired))}")  # fmt: skip
    if pool.options.ended:
        ended = ", ".join(f"{a} & {b}" for a, b in sorted(pool.options.ended))
        lines.append(f"- Pairs that ended, never suggested again: {md(ended)}")
    problem = pool.accounts.problem()
    if problem:
        lines.append(f"- Cannot be accepted yet: {md(problem)}")
    if result.spare:
        lines.append(f"- Juniors with a place left: {md(', '.join(j.name for j in result.spare))}")
    return "\n".join(lines)


def pair_markdown(scored: ScoredPair) -> str:
    suggestion = scored.suggestion
    reasons = "\n".join(f"- {md(r)}" for r in suggestion.reasons)
    ready = "Allowed by every rule: **Accept** creates the pair."
    if scored.no_account:
        ready = f"Cannot be accepted yet: no account for {md(', '.join(scored.no_account))}."
    return (f"**{md(suggestion.mentor.name)} → {md(suggestion.mentee.name)}: score "
            f"{suggestion.score:.3f}**\n{reasons}\n\n{ready}")  # fmt: skip


def build_matching_panel(services: LeadDoor, app: gr.Blocks) -> None:
    gr.Markdown(INTRO)
    with gr.Row(equal_height=False, elem_classes="stack"):
        program = gr.Dropdown([], label="Program", min_width=220, allow_custom_value=True,
                              elem_id="match-program")  # fmt: skip
        capacity = gr.Radio([1, 2], value=1, label="Seniors per junior", min_width=160,
                            elem_id="match-capacity")  # fmt: skip
    upload = gr.File(label="Candidates file (CSV or XLSX)", file_types=FILE_TYPES,
                     type="filepath", elem_id="match-file")  # fmt: skip
    suggest = gr.Button("Suggest pairs", variant="primary", elem_id="suggest-pairs")
    status = gr.Markdown(elem_id="match-status")
    table = gr.Dataframe(
        headers=SUGGESTION_COLUMNS, interactive=False, wrap=True, column_widths=SUGGESTION_WIDTHS,
        label="Suggested pairs (click one to accept it or swap someone)",
        elem_id="match-suggestions", elem_classes="wide-table",
    )  # fmt: skip
    with gr.Row(equal_height=False, elem_classes="stack"):
        # the service checks every name; custom values let API clients name people directly
        mentor = gr.Dropdown([], label="Junior (mentor)", min_width=200, allow_custom_value=True,
                             elem_id="match-mentor")  # fmt: skip
        mentee = gr.Dropdown([], label="Senior (mentee)", min_width=200, allow_custom_value=True,
                             elem_id="match-mentee")  # fmt: skip
    with gr.Row(elem_classes="stack"):
        score = gr.Button("Score this pair", size="sm", elem_id="score-pair")
        accept = gr.Button("Accept: create this pair", variant="primary", size="sm",
                           elem_id="accept-pair")  # fmt: skip
    chosen = gr.Markdown(elem_id="match-chosen")
    unmatched = gr.Dataframe(
        headers=UNMATCHED_COLUMNS,
        interactive=False,
        wrap=True,
        label="Seniors left unmatched, and why",
        elem_id="match-unmatched",
    )
    errors = gr.Dataframe(headers=ERROR_COLUMNS, interactive=False, wrap=True,
                          column_widths=[70, 700],
                          label="Rows with errors (left out; the other rows still match)",
                          elem_id="match-errors")  # fmt: skip

    def places(value) -> int:
        return int(value or 1)

    @guarded
    def suggest_pairs(path: str | None, program_id: str | None, seniors_each, request: gr.Request):
        """Suggested pairs with score and reasons, unmatched seniors and why, row errors."""
        user = signed_in(services, request)
        found = services.suggestions.suggest(user, program_id or None, path, places(seniors_each))
        lost = [[u.mentee.name, u.why] for u in found.result.unmatched]
        bad = [["" if e.row is None else e.row, e.message] for e in found.result.errors]
        return (summary_markdown(found), suggestions_frame(found),
                pd.DataFrame(lost, columns=UNMATCHED_COLUMNS),
                pd.DataFrame(bad, columns=ERROR_COLUMNS))  # fmt: skip

    @guarded
    def people(path: str | None, program_id: str | None, seniors_each, request: gr.Request):
        user = signed_in(services, request)
        pool = services.suggestions.open_pool(user, program_id or None, path, places(seniors_each))
        juniors = [c.name for c in pool.pool.on(Side.MENTOR)]
        seniors = [c.name for c in pool.pool.on(Side.MENTEE)]
        return gr.Dropdown(choices=juniors, value=None), gr.Dropdown(choices=seniors, value=None)

    @guarded
    def score_pair(path: str | None, program_id: str | None, seniors_each, junior: str | None,
                   senior: str | None, request: gr.Request) -> str:  # fmt: skip
        """One pair's score and reasons (as after a swap), or the rule it breaks."""
        user = signed_in(services, request)
        try:
            scored = services.suggestions.score(user, program_id or None, path, junior or "",
                                                senior or "", places(seniors_each))  # fmt: skip
        except PermissionDenied:
            raise
        except UserError as error:
            return f"**Not possible:** {md(str(error))}"
        return pair_markdown(scored)

    @guarded
    def accept_pair(path: str | None, program_id: str | None, seniors_each, junior: str | None,
                    senior: str | None, request: gr.Request) -> str:  # fmt: skip
        """Create the chosen pair in the program, once it passes every rule."""
        user = signed_in(services, request)
        card, scored = services.suggestions.accept(
            user, program_id or None, path, junior or "", senior or "", places(seniors_each)
        )
        return (f"Paired **{md(card.mentor_name)}** (mentor) with **{md(card.mentee_name)}** "
                f"(mentee) in {md(card.program)}, score {scored.score:.3f}. The table now "
                "shows the people still open.")  # fmt: skip

    def pick(evt: gr.SelectData):
        row = list(evt.row_value or [])
        if len(row) < 2:
            return gr.skip(), gr.skip()
        return str(row[0]), str(row[1])

    @guarded
    def programs(request: gr.Request):
        """The programs this lead may make pairs in; the only one is chosen at once."""
        user = signed_in(services, request)
        if user.role is not Role.LEAD:
            return gr.skip()
        found = services.suggestions.programs(user)
        value = found[0].id if len(found) == 1 else None
        return gr.Dropdown(choices=[(p.name, p.id) for p in found], value=value)

    private = {"api_visibility": "private"}
    source = [upload, program, capacity]
    outputs = [status, table, unmatched, errors]
    app.load(programs, None, program, **private)
    chosen_pair = [mentor, mentee]
    suggest.click(suggest_pairs, source, outputs, api_name="suggest_pairs").success(
        people, source, chosen_pair, **private
    ).success(lambda: "", None, chosen, **private)
    upload.upload(suggest_pairs, source, outputs, **private).success(
        people, source, chosen_pair, **private
    ).success(lambda: "", None, chosen, **private)
    pair = [*source, mentor, mentee]
    # named events first: a private event with the same function would take the name
    score.click(score_pair, pair, chosen, api_name="score_pair")
    accepted = accept.click(accept_pair, pair, chosen, api_name="accept_pair")
    accepted.success(suggest_pairs, source, outputs, **private).success(
        people, source, chosen_pair, **private
    )
    table.select(pick, None, chosen_pair, **private).success(score_pair, pair, chosen, **private)
    mentor.input(score_pair, pair, chosen, **private)  # a swap shows its score at once
    mentee.input(score_pair, pair, chosen, **private)
