"""Artifacts as Markdown: what the CLI prints, the UI shows and exports offer."""

from __future__ import annotations

from coach.domain.agenda import Agenda
from coach.domain.provenance import Provenance
from coach.domain.starters import StarterSet
from coach.domain.summary_draft import ReflectionSummary, shareable_text

LABELS = {
    "power_dynamics": "Power dynamics",
    "generational_differences": "Generational differences",
    "communication": "Communication",
    "trust": "Trust",
    "resistance": "Resistance",
    "mutual_benefit": "Mutual benefit",
}


def _sources(meta: Provenance | None) -> list[str]:
    if meta is None:
        return []
    lines = []
    if meta.citations:
        lines += ["", "**Sources**"]
        lines += [f"- `{c.id}` — {c.title}" + (f", {c.section}" if c.section else "")
                  for c in meta.citations]  # fmt: skip
    made = "rules (the model was unavailable: " + meta.fallback_reason + ")" if meta.fallback \
        else meta.model  # fmt: skip
    lines += ["", f"_Made by {made} with prompt {meta.prompt_id} v{meta.prompt_version}._"]
    return lines


def agenda_markdown(agenda: Agenda) -> str:
    """The agenda as a Markdown document with times, questions and sources."""
    lines = [f"# {agenda.title}", "", f"*{agenda.phase} session · {agenda.minutes} minutes*"]
    if agenda.objectives:
        lines += ["", "**Objectives**"] + [f"- {o}" for o in agenda.objectives]
    if agenda.carry_over:
        lines += ["", "**Carried over**"]
        lines += [f"- {a.text} ({a.owner})" for a in agenda.carry_over]
    lines += ["", "| Min | Item | Purpose |", "| ---: | --- | --- |"]
    clock = 0
    for item in agenda.items:
        lines.append(f"| {clock}–{clock + item.minutes} | {item.title} | {item.purpose} |")
        clock += item.minutes
    for n, item in enumerate(agenda.items, 1):
        extra = []
        if item.goal_ids:
            extra.append("goals " + ", ".join(item.goal_ids))
        if item.citations:
            extra.append("cites " + ", ".join(f"`{c}`" for c in item.citations))
        lines += ["", f"**{n}. {item.title}** ({item.minutes} min)"
                  + (f" — {'; '.join(extra)}" if extra else "")]  # fmt: skip
        lines += [f"- {p}" for p in item.prompts]
    prep = agenda.preparation
    if prep.mentor or prep.mentee:
        lines += ["", "**Preparation**", f"- Mentor: {prep.mentor}", f"- Mentee: {prep.mentee}"]
    if agenda.next_steps:
        lines += ["", "**Next steps**"] + [f"- {s}" for s in agenda.next_steps]
    return "\n".join(lines + _sources(agenda.meta))


def starters_markdown(starters: StarterSet) -> str:
    """Starters grouped by category, each with who asks, how deep and why."""
    lines = ["# Conversation starters"]
    for category, label in LABELS.items():
        chosen = [s for s in starters.starters if s.category == category]
        if not chosen:
            continue
        lines += ["", f"**{label}**"]
        for s in chosen:
            cite = f" {', '.join(f'`{c}`' for c in s.citations)}" if s.citations else ""
            lines.append(f"- *{s.asked_by} asks ({s.depth}):* {s.text}{cite}")
            if s.rationale:
                lines.append(f"  - why: {s.rationale}")
    return "\n".join(lines + _sources(starters.meta))


def summary_markdown(summary: ReflectionSummary, private: bool = True) -> str:
    """The summary; ``private`` adds the author-only flags and sentiment."""
    lines = ["# Reflection summary", "", shareable_text(summary)]
    if private:
        lines += ["", f"*Sentiment: {summary.sentiment}*"]
        if summary.flags:
            lines += ["", "**Private coaching signals (only you see these)**"]
            lines += [f"- {f.kind.replace('_', ' ')}: “{f.evidence}”" for f in summary.flags]
    return "\n".join(lines + _sources(summary.meta))
