"""Safe rendering of answers and sources: every piece of stored or model text is escaped."""

from __future__ import annotations

import html

from coach.domain.knowledge import Passage


def sources_markdown(sources: list[Passage], cited: list[int]) -> str:
    """A collapsible list of the passages an answer drew on, cited ones marked."""
    if not sources:
        return "\n\n_No guide passages matched this question._"
    lines = ["\n\n**Sources**"]
    for number, passage in enumerate(sources, start=1):
        mark = "cited" if number in cited else "retrieved"
        label = html.escape(passage.label())
        body = html.escape(passage.text.strip()).replace("\n", "<br>")
        lines.append(
            f"<details><summary>[{number}] {label} · <code>{html.escape(passage.source)}</code>"
            f" · {mark}</summary><p>{body}</p></details>"
        )
    return "\n".join(lines)


def escape_answer(text: str) -> str:
    """Model output shown as text: HTML in it must never become markup."""
    return html.escape(text, quote=False)
