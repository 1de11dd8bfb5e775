"""Artifacts as Markdown: what the CLI prints, the UI shows and exports offer.

``esc`` is applied to every generated or stored text; the UI passes a Markdown escaper so
model output can never become links, images or HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from coach.domain.agenda import Agenda
from coach.domain.provenance import Provenance
from coach.domain.starters import StarterSet
from coach.domain.summary_draft import ReflectionSummary, shareable_text

Escape = Callable[[str], str]
LABELS = {
    "power_dynamics": "Power dynamics",
    "generational_differences": "Generational differences",
    "communication": "Communication",
    "trust": "Trust",
    "resistance": "Resistance",
    "mutual_benefit": "Mutual benefit",
    "retrospective": "Looking back",
}


def _plain(text: str) -> str:
    return text


def _numbers(meta: Provenance | None) -> dict[str, int]:
    """Each cited passage's number in the Sources list, by id."""
    return {c.id: n for n, c in enumerate(meta.citations, 1)} if meta else {}


def readable(cid: str) -> str:
    """A passage id as words, for an artifact shown without its Sources list:
    "first-session.md#leaving-with-a-next-date-0" -> "First session: leaving with a next date",
    "middle-sessions.md#middle-sessions-do-and-don-t-0" -> "Middle sessions: do and don't",
    "pair:pair-x#goals-0" -> "your pair file: goals"."""
    where, _, section = cid.partition("#")
    section = re.sub(r"-\d+$", "", section).replace("-", " ").strip()
    if where.startswith("pair:"):
        return f"your pair file: {section}" if section else "your pair file"
    name = re.sub(r"\.(md|txt|docx|pdf)$", "", where.rsplit("/", 1)[-1]).replace("-", " ")
    section = re.sub(r"\b(don|doesn|didn|can|won|isn|aren|wasn) t\b", r"\1't", section)
    if section.lower().startswith(name.lower() + " "):  # "middle sessions do and don't"
        section = section[len(name) + 1 :]
    name = name[:1].upper() + name[1:]
    return f"{name}: {section}" if section else name


def _cite(ids: list[str], numbers: dict[str, int], esc: Escape) -> str:
    """An item's citations as the numbers of the Sources below ("see source 2"); a raw id
    reads as noise (agenda-14's reviewer: "the mentor would strip them"), so one the list does
    not hold is shown in words (``readable``)."""
    listed = [str(numbers[c]) for c in ids if c in numbers]
    named = [f"*{esc(readable(c))}*" for c in ids if c not in numbers]
    head = "see source " if len(listed) == 1 else "see sources "
    return "; ".join(([head + ", ".join(listed)] if listed else []) + (
        [f"see {', '.join(named)}"] if named else []))  # fmt: skip


def _sources(meta: Provenance | None, esc: Escape = _plain) -> list[str]:
    if meta is None:
        return []
    lines = []
    if meta.citations:
        lines += ["", "**Sources**"]
        for n, c in enumerate(meta.citations, 1):
            section = f", {esc(c.section)}" if c.section else ""
            lines.append(f"{n}. {esc(c.title)}{section}")
    if meta.fallback:
        made = f"rules (the model was unavailable: {esc(meta.fallback_reason)})"
    else:
        made = esc(meta.model)
    lines += ["", f"_Made by {made} with prompt {meta.prompt_id} v{meta.prompt_version}._"]
    return lines


def _goal_refs(goal_ids: list[str], objectives: int, esc: Escape) -> str:
    """An item's goals as the numbers of the objectives above ("for goal 1, 2") when its ids
    are the pair file's "g1", "g2"…; else the ids themselves."""
    numbers = [g[1:] for g in goal_ids if re.fullmatch(r"g\d+", g)]
    if len(numbers) == len(goal_ids) and all(1 <= int(n) <= objectives for n in numbers):
        return ("for goal " if len(numbers) == 1 else "for goals ") + ", ".join(numbers)
    return "goals " + ", ".join(esc(g) for g in goal_ids)


def agenda_markdown(agenda: Agenda, esc: Escape = _plain) -> str:
    """The agenda as a Markdown document with times, questions and sources."""
    why = f" ({esc(agenda.phase_reason)})" if agenda.phase_reason else ""
    lines = [
        f"# {esc(agenda.title)}",
        "",
        f"*{agenda.phase} session{why} · {agenda.minutes} minutes*",
    ]
    if agenda.objectives:
        lines += ["", "**Objectives**"]
        lines += [f"{n}. {esc(o)}" for n, o in enumerate(agenda.objectives, 1)]
    if agenda.carry_over:
        lines += ["", "**Carried over**"]
        lines += [f"- {esc(a.text)} ({a.owner})" for a in agenda.carry_over]
    lines += ["", "| Min | Item | Purpose |", "| ---: | --- | --- |"]
    clock = 0
    for item in agenda.items:
        end = clock + item.minutes
        lines.append(f"| {clock}–{end} | {esc(item.title)} | {esc(item.purpose)} |")
        clock = end
    numbers = _numbers(agenda.meta)
    for n, item in enumerate(agenda.items, 1):
        extra = []
        if item.goal_ids:
            extra.append(_goal_refs(item.goal_ids, len(agenda.objectives), esc))
        if item.citations:
            extra.append(_cite(item.citations, numbers, esc))
        tail = f" — {'; '.join(extra)}" if extra else ""
        lines += ["", f"**{n}. {esc(item.title)}** ({item.minutes} min){tail}"]
        lines += [f"- {esc(p)}" for p in item.prompts]
    prep = agenda.preparation
    if prep.mentor or prep.mentee:
        lines += ["", "**Preparation**"]
        lines += [f"- Mentor: {esc(prep.mentor)}", f"- Mentee: {esc(prep.mentee)}"]
    if agenda.next_steps:
        lines += ["", "**Next steps**"] + [f"- {esc(s)}" for s in agenda.next_steps]
    return "\n".join(lines + _sources(agenda.meta, esc))


def starters_markdown(starters: StarterSet, esc: Escape = _plain) -> str:
    """Starters grouped by category, each with who asks, how deep and why."""
    lines, numbers = ["# Conversation starters"], _numbers(starters.meta)
    for category, label in LABELS.items():
        chosen = [s for s in starters.starters if s.category == category]
        if not chosen:
            continue
        lines += ["", f"**{label}**"]
        for s in chosen:
            cite = f" ({_cite(s.citations, numbers, esc)})" if s.citations else ""
            lines.append(f"- *{s.asked_by} asks ({s.depth}):* {esc(s.text)}{cite}")
            if s.rationale:
                lines.append(f"  - why: {esc(s.rationale)}")
    return "\n".join(lines + _sources(starters.meta, esc))


def summary_markdown(summary: ReflectionSummary, private: bool = True, esc: Escape = _plain) -> str:
    """The summary; ``private`` adds the author-only flags and sentiment."""
    lines = ["# Reflection summary", ""]
    for line in shareable_text(summary).splitlines():
        lines.append("- " + esc(line[2:]) if line.startswith("- ") else esc(line))
    if private:
        lines += ["", f"*Sentiment: {summary.sentiment}*"]
        if summary.flags:
            lines += ["", "**Private coaching signals (only you see these)**"]
            lines += [f"- {f.kind.replace('_', ' ')}: “{esc(f.evidence)}”" for f in summary.flags]
    return "\n".join(lines + _sources(summary.meta, esc))
