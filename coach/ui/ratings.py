"""Rate what the coach made: "Helpful" / "Not helpful" and an optional reason, under the
prepared agenda, under the starters and under the chat's latest answer; and the admin's counts.

Each row calls ``RatingService.rate``, which checks that the user may read what they rate and
replaces their earlier rating of it. The reason box is never cleared by a click, so a failed
rating loses no typed text and rating again keeps the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import gradio as gr
import pandas as pd

from coach.domain.common import RuleViolation
from coach.domain.ratings import REASON_LIMIT, answer_key
from coach.domain.users import Role, User
from coach.services.doors import AdminDoor, PairDoor
from coach.ui.auth import guarded, signed_in
from coach.ui.render import day

# (user, first input, second input) -> (kind, target id, pair id or None)
Target = Callable[[User, Any, Any], tuple[str, str, str | None]]
COUNT_COLUMNS = ["rated", "helpful", "not helpful", "with a reason", "helpful share"]
REASON_COLUMNS = ["rated", "verdict", "reason", "when"]
LABELS = {"agenda": "agenda", "starters": "starters", "summary": "summary",
          "followup": "follow-up note", "chat": "chat answer"}  # fmt: skip


def last_answer(history: list | None) -> str:
    """The text of the chat's latest answer (the assistant's last message); "" if none."""
    for message in reversed(history or []):
        role = message.get("role") if isinstance(message, dict) else None
        if role != "assistant":
            continue
        content = message.get("content")
        if isinstance(content, str):
            return content
        parts = content if isinstance(content, list) else [content]
        texts = [p.get("text", "") for p in parts if isinstance(p, dict) and p.get("text")]
        texts += [p for p in parts if isinstance(p, str)]
        if texts:
            return "\n".join(texts)
    return ""


def chat_target(_user: User, pair_id: Any, history: Any) -> tuple[str, str, str | None]:
    """The chat's latest answer, keyed by its text, with the picked pair if any."""
    text = last_answer(history)
    if not text.strip():
        raise gr.Error("Ask the coach something first, then rate its answer.", title="No answer")
    try:
        key = answer_key(text)
    except RuleViolation as error:
        raise gr.Error(str(error), title="No answer") from None
    return "chat", key, pair_id or None


def build_rating_row(services: PairDoor, where: str, target: Target,
                     inputs: list[gr.components.Component]) -> None:  # fmt: skip
    """Two buttons and a reason box rating what ``target`` names from ``inputs`` (two
    components). Element ids ``rate-<where>-helpful|not-helpful|reason|status``; API names
    ``rate_<where>_helpful`` and ``rate_<where>_not_helpful``."""
    with gr.Row(equal_height=True, elem_classes="stack"):
        helpful = gr.Button("👍 Helpful", size="sm", scale=1, elem_id=f"rate-{where}-helpful")
        not_helpful = gr.Button("👎 Not helpful", size="sm", scale=1,
                                elem_id=f"rate-{where}-not-helpful")  # fmt: skip
        reason = gr.Textbox(
            show_label=False, placeholder=f"Why? (optional, up to {REASON_LIMIT} characters)",
            lines=1, scale=4, elem_id=f"rate-{where}-reason",
        )  # fmt: skip
    status = gr.Markdown(elem_id=f"rate-{where}-status")

    def rating(verdict: bool):
        @guarded
        def rate(first: Any, second: Any, why: str | None, request: gr.Request) -> str:
            """Rate it (again replaces your earlier rating); the reason is optional."""
            user = signed_in(services, request)
            kind, target_id, pair_id = target(user, first, second)
            kept = services.ratings.rate(user, kind, target_id, verdict, why or "", pair_id)
            said = "helpful" if kept.helpful else "not helpful"
            because = " with your reason" if kept.reason else ""
            return f"Thanks: you rated this {LABELS[kept.kind]} {said}{because}."

        return rate

    name = f"rate_{where.replace('-', '_')}"
    helpful.click(rating(True), [*inputs, reason], status, api_name=f"{name}_helpful")
    not_helpful.click(rating(False), [*inputs, reason], status, api_name=f"{name}_not_helpful")


def build_rating_counts(services: AdminDoor, app: gr.Blocks) -> None:
    """The admin's ratings: counts per kind, and the reasons given (nobody named)."""
    gr.Markdown(
        "What users rated helpful or not, per kind. Reasons are the raters' own words; who "
        "rated is never shown. `coach ratings export --out FILE.jsonl` writes them for the evals."
    )
    show = gr.Button("Refresh ratings", size="sm", elem_id="ratings-refresh")
    counts = gr.Dataframe(headers=COUNT_COLUMNS, label="Ratings per kind", interactive=False,
                          elem_id="ratings-counts", elem_classes="wide-table")  # fmt: skip
    reasons = gr.Dataframe(headers=REASON_COLUMNS, label="Reasons, newest first", wrap=True,
                           interactive=False, max_height=320, elem_id="ratings-reasons",
                           elem_classes="wide-table")  # fmt: skip

    @guarded
    def rating_counts(request: gr.Request) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Helpful / not helpful / with a reason per kind, and the reasons (admins only)."""
        user = signed_in(services, request)
        rows = [[LABELS[c.kind], c.helpful, c.not_helpful, c.with_reason,
                 f"{c.helpful / c.total:.0%}" if c.total else "–"]
                for c in services.ratings.counts(user)]  # fmt: skip
        said = [[LABELS[r.kind], "helpful" if r.helpful else "not helpful", r.reason,
                 day(r.rated_at)] for r in services.ratings.reasons(user)]  # fmt: skip
        return (pd.DataFrame(rows, columns=COUNT_COLUMNS),
                pd.DataFrame(said, columns=REASON_COLUMNS))  # fmt: skip

    def on_load(request: gr.Request):
        if signed_in(services, request).role is not Role.ADMIN:
            return gr.skip(), gr.skip()
        return rating_counts(request)

    show.click(rating_counts, None, [counts, reasons], api_name="rating_counts")
    app.load(guarded(on_load), None, [counts, reasons], api_visibility="private")
