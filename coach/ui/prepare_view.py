"""The Prepare panel's views as HTML: the agenda once, and starters as cards.

Every stored or model-written text goes through ``html.escape``, so it can never become
markup; labels, numbers and class names are ours. The same builders show a finished artifact
and one still being written (the items heard so far, as ``on_item`` hands them over).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from coach.domain.agenda import Agenda, AgendaItem
from coach.domain.markdown import LABELS
from coach.domain.starters import Starter, StarterSet

EMPTY = "Pick a pair and press Prepare session: an agenda and starters appear here."
EDITED = "Edited by you. The model's version is kept: Revert brings it back."
ORIGINAL = "The model's version."
DEPTHS = {"icebreaker": "Icebreaker", "deeper": "Deeper", "brave": "Brave"}
NARROW = "760px"  # below this the agenda's side notes go under its items
CSS = f"""
.flip-view {{ line-height: 1.45; }}
.flip-view h3 {{ margin: 0 0 .2rem; font-size: 1.15rem; }}
.flip-view h4 {{ margin: 0 0 .25rem; font-size: 1rem; }}
.flip-view p, .flip-view ul, .flip-view ol {{ margin: 0 0 .4rem; }}
.flip-note, .flip-meta {{ color: var(--body-text-color-subdued); font-size: .9rem; }}
.flip-agenda {{ display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr);
  gap: .5rem 1.5rem; }}
.flip-agenda > header {{ grid-column: 1 / -1; }}
.flip-items {{ list-style: none; padding: 0; }}
.flip-item {{ display: grid; grid-template-columns: 4.5rem minmax(0, 1fr); gap: .75rem;
  padding: .6rem 0; border-top: 1px solid var(--border-color-primary); }}
.flip-time {{ font-variant-numeric: tabular-nums; font-weight: 600; }}
.flip-side section {{ margin-bottom: .8rem; }}
.flip-side h4 {{ font-size: .95rem; }}
.flip-cards {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr));
  gap: .75rem; margin-top: .4rem; }}
.flip-card {{ border: 1px solid var(--border-color-primary); border-radius: 8px;
  padding: .7rem .8rem; background: var(--block-background-fill); }}
.flip-card-text {{ font-size: 1.02rem; }}
.flip-tags {{ display: flex; flex-wrap: wrap; gap: .35rem; margin-bottom: .45rem; }}
.flip-tag {{ font-size: .78rem; padding: .05rem .5rem; border-radius: 999px;
  border: 1px solid var(--border-color-primary); white-space: nowrap; }}
.flip-tag.asker {{ font-weight: 600; }}
.flip-depth-brave {{ border-left: 4px solid var(--color-accent); }}
.flip-view, .flip-view * {{ overflow-wrap: anywhere; }}
@media (max-width: {NARROW}) {{
  .flip-agenda {{ grid-template-columns: minmax(0, 1fr); }}
  .flip-item {{ grid-template-columns: 3.6rem minmax(0, 1fr); gap: .5rem; }}
}}
"""


def esc(text: object) -> str:
    """Stored or model text as HTML text: no tag, attribute or entity of it survives."""
    return html.escape("" if text is None else str(text), quote=True)


def _list(lines: Sequence[str], tag: str = "ul") -> str:
    items = "".join(f"<li>{esc(line)}</li>" for line in lines if line.strip())
    return f"<{tag}>{items}</{tag}>" if items else ""


def _item(item: AgendaItem, start: int) -> str:
    """One agenda item: its minutes on the clock, title, purpose and questions."""
    end = start + item.minutes
    purpose = f"<p>{esc(item.purpose)}</p>" if item.purpose.strip() else ""
    return (
        f'<li class="flip-item"><span class="flip-time">{start}–{end}<br>'
        f"<small>{item.minutes} min</small></span><div><h4>{esc(item.title)}</h4>"
        f"{purpose}{_list(item.prompts)}</div></li>"
    )


def items_html(items: Sequence[AgendaItem]) -> str:
    """The items in order, each on its own stretch of the clock."""
    clock, shown = 0, []
    for item in items:
        shown.append(_item(item, clock))
        clock += item.minutes
    return f'<ol class="flip-items">{"".join(shown)}</ol>'


def _side(agenda: Agenda) -> str:
    """Objectives, what was carried over, what each brings, and the next steps."""
    parts = []
    if agenda.objectives:
        parts.append(f"<section><h4>Objectives</h4>{_list(agenda.objectives)}</section>")
    if agenda.carry_over:
        carried = [f"{a.text} ({a.owner})" for a in agenda.carry_over]
        parts.append(f"<section><h4>Carried over</h4>{_list(carried)}</section>")
    prep = agenda.preparation
    if prep.mentor or prep.mentee:
        brings = [f"Mentor: {prep.mentor}", f"Mentee: {prep.mentee}"]
        parts.append(f"<section><h4>Preparation</h4>{_list(brings)}</section>")
    if agenda.next_steps:
        parts.append(f"<section><h4>Next steps</h4>{_list(agenda.next_steps)}</section>")
    return f'<aside class="flip-side">{"".join(parts)}</aside>'


def agenda_html(agenda: Agenda, note: str = "") -> str:
    """The whole agenda, each item once, under ``note`` (whose version it is)."""
    why = f" ({esc(agenda.phase_reason)})" if agenda.phase_reason else ""
    head = (
        f'<header>{_note(note)}<h3>{esc(agenda.title)}</h3><p class="flip-meta">'
        f"{esc(agenda.phase)} session{why} · {agenda.minutes} minutes</p></header>"
    )
    body = items_html(agenda.items)
    return f'<div class="flip-view flip-agenda">{head}<div>{body}</div>{_side(agenda)}</div>'


def partial_agenda_html(items: Sequence[AgendaItem], done: bool = False) -> str:
    """The agenda while it is written (or, ``done``, while the starters are): the items so
    far, whose minutes are settled when the whole session is."""
    count = f"{len(items)} item{'s' if len(items) != 1 else ''}"
    text = f"{count} written; " if done else f"Writing the agenda… {count} so far; "
    note = _note(text + "the minutes are settled at the end.")
    return f'<div class="flip-view flip-writing">{note}{items_html(items)}</div>'


def _note(text: str) -> str:
    return f'<p class="flip-note">{esc(text)}</p>' if text else ""


def starter_card(starter: Starter) -> str:
    """One starter as a card: who asks, how deep, the question, its topic and why."""
    depth = DEPTHS.get(starter.depth, starter.depth)
    topic = LABELS.get(starter.category, starter.category.replace("_", " ").capitalize())
    why = f'<p class="flip-note">Why: {esc(starter.rationale)}</p>' if starter.rationale else ""
    return (
        f'<article class="flip-card flip-depth-{esc(starter.depth)}">'
        f'<div class="flip-tags"><span class="flip-tag asker">{esc(starter.asked_by).capitalize()}'
        f' asks</span><span class="flip-tag depth">{esc(depth)}</span>'
        f'<span class="flip-tag topic">{esc(topic)}</span></div>'
        f'<p class="flip-card-text">{esc(starter.text)}</p>{why}</article>'
    )


def starters_html(starters: StarterSet | Sequence[Starter], note: str = "") -> str:
    """The starters as cards under ``note``; a set still being written shows those so far."""
    chosen = starters.starters if isinstance(starters, StarterSet) else list(starters)
    cards = "".join(starter_card(s) for s in chosen)
    return f'<div class="flip-view">{_note(note)}<div class="flip-cards">{cards}</div></div>'


def empty_html(text: str = EMPTY) -> str:
    """The invitation shown before anything is prepared for the pair."""
    return f'<div class="flip-view">{_note(text)}</div>'
