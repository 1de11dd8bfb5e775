"""The agenda recipe: what to retrieve, what the model sees, and the rules and fallback."""

from __future__ import annotations

import textwrap

from coach.domain.agenda import Agenda, AgendaItem, Preparation, enforce
from coach.domain.knowledge import Passage, SearchFilters
from coach.domain.pair_profile import PairProfile
from coach.generation.drafts import AgendaDraft
from coach.generation.pair_text import pair_block
from coach.generation.pipeline import Query

PHASE_QUERIES = {
    "first": "first session: expectations, confidentiality, ground rules, introductions",
    "middle": "middle sessions: check in on action items, hands-on practice, two-way feedback",
    "closing": "closing session: retrospective on the program and what comes next",
}


def citation_ids(numbers: list[int], passages: list[Passage]) -> list[str]:
    """Passage numbers (from 1) as the ids retrieval returned; out-of-range numbers dropped."""
    return [passages[n - 1].id for n in numbers if 1 <= n <= len(passages)]


class AgendaRecipe:
    """Session agendas."""

    prompt_id = "agenda"
    draft_type = AgendaDraft
    retry_delays: tuple[float, ...] = ()

    def queries(self, profile: PairProfile) -> list[Query]:
        phase = profile.phase
        found: list[Query] = [(PHASE_QUERIES[phase], 3, SearchFilters(phase=phase))]
        found += [(g.text, 2, None) for g in profile.goals]
        if profile.session.focus:
            found.append((profile.session.focus, 2, None))
        return found

    def pair_id(self, profile: PairProfile) -> str | None:
        return profile.id

    def variables(self, profile: PairProfile, context: str) -> dict[str, str]:
        return {"pair": pair_block(profile), "passages": context}

    def finish(
        self, draft: AgendaDraft, profile: PairProfile, passages: list[Passage]
    ) -> tuple[Agenda, list[str]]:
        items = [
            AgendaItem(
                minutes=i.minutes,
                title=i.title.strip(),
                purpose=i.purpose.strip(),
                prompts=[p.strip() for p in i.prompts if p.strip()],
                goal_ids=i.goal_ids,
                citations=citation_ids(i.citations, passages),
            )
            for i in draft.items
            if i.title.strip()
        ]
        agenda = Agenda(
            title=draft.title.strip() or default_title(profile),
            phase=profile.phase,
            minutes=profile.session.minutes,
            objectives=[o.strip() for o in draft.objectives if o.strip()],
            items=items or template_items(profile),
            preparation=Preparation(
                mentor=draft.preparation.mentor.strip(), mentee=draft.preparation.mentee.strip()
            ),
            next_steps=[s.strip() for s in draft.next_steps if s.strip()],
        )
        return enforce(agenda, profile, {p.id: p.text for p in passages})

    def fallback(self, profile: PairProfile, passages: list[Passage]) -> tuple[Agenda, list[str]]:
        first_goal = profile.goals[0].text if profile.goals else "the goals you set together"
        agenda = Agenda(
            title=default_title(profile),
            phase=profile.phase,
            minutes=profile.session.minutes,
            objectives=[g.text for g in profile.goals[:3]] or ["Agree the goals of the pairing"],
            items=template_items(profile),
            preparation=Preparation(
                mentor=f"One concrete example or short demo that serves: {first_goal}",
                mentee=f"One question from your own work about: {first_goal}",
            ),
            next_steps=["Agree one action each, with an owner, before the next session"],
        )
        return enforce(agenda, profile, {p.id: p.text for p in passages})


def default_title(profile: PairProfile) -> str:
    focus = profile.session.focus or (profile.goals[0].text if profile.goals else "")
    label = {"first": "getting started", "middle": "", "closing": "closing"}[profile.phase]
    topic = textwrap.shorten(focus, 60, placeholder="…") if focus else label
    return f"Session {profile.session.number}: {topic}".rstrip(": ")


def _goal_item(goal_id: str, text: str) -> AgendaItem:
    return AgendaItem(
        minutes=15, title=f"Goal: {text[:60]}", goal_ids=[goal_id],
        purpose="Work on this goal with one concrete example from the mentee's own work.",
        prompts=["What do you already know about this, and where are the gaps?"],
    )  # fmt: skip


def template_items(profile: PairProfile) -> list[AgendaItem]:
    """A rule-built agenda skeleton for the session's phase; ``enforce`` completes it."""
    phase = profile.phase
    opening = AgendaItem(
        minutes=8 if phase == "first" else 5,
        title="Welcome and introductions" if phase == "first" else "Check-in",
        purpose="Share backgrounds and why each of us joined."
        if phase == "first"
        else "Hear what has changed since we last met.",
        prompts=["What do you hope each of us gets from this program?"]
        if phase == "first"
        else ["What stayed with you from last time?"],
    )
    items = [opening]
    if phase == "first":
        items.append(AgendaItem(
            minutes=10, title="Expectations, confidentiality and ground rules",
            purpose="Agree frequency, channels, what stays private, how we challenge each other.",
            prompts=["What should stay between us, and what may we share with the program?"],
        ))  # fmt: skip
    items += [_goal_item(g.id, g.text) for g in profile.goals]
    if phase == "closing":
        items.append(AgendaItem(
            minutes=10, title="Retrospective: looking back on the program",
            purpose="Name what each of us learned, and what we would do differently.",
            prompts=["Which moment changed how you work?"],
        ))  # fmt: skip
        items.append(AgendaItem(
            minutes=8, title="What comes next",
            purpose="Decide how we keep learning from each other after the program.",
            prompts=["What will each of us keep doing?"],
        ))  # fmt: skip
    else:
        items.append(AgendaItem(
            minutes=5, title="Two-way feedback and next steps",
            purpose="Say what helped, what to change, and agree one action each.",
            prompts=["What helped today, and what should we change next time?"],
        ))  # fmt: skip
    return items
