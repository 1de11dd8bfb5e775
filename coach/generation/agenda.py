"""The agenda recipe: what to retrieve, what the model sees, and the rules and fallback."""

from __future__ import annotations

import textwrap
from typing import Any

from coach.domain.agenda import (
    GOAL_ITEM_MINUTES,
    GROUND_RULES,
    RETROSPECTIVE,
    WHAT_NEXT,
    Agenda,
    AgendaItem,
    Preparation,
    enforce,
    goal_item,
    opening_items,
    wrap_up_items,
)
from coach.domain.knowledge import Passage, SearchFilters
from coach.domain.pair_profile import PairProfile
from coach.domain.wording import end_cleanly
from coach.generation.drafts import (
    TEXT_CHARS,
    TITLE_CHARS,
    AgendaDraft,
    agenda_schema,
)
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

    def schema(self, profile: PairProfile) -> dict[str, Any]:
        return agenda_schema([g.id for g in profile.goals])

    def finish(
        self, draft: AgendaDraft, profile: PairProfile, passages: list[Passage]
    ) -> tuple[Agenda, list[str]]:
        """One item per goal from the model; objectives, minutes and phase topics from code."""
        goal_text = {g.id: g.text for g in profile.goals}
        items = [
            AgendaItem(
                minutes=GOAL_ITEM_MINUTES,
                title=item_title(i.title, goal_text.get(i.goal_id, "")),
                purpose=end_cleanly(i.purpose, TEXT_CHARS),
                prompts=[end_cleanly(p, TEXT_CHARS) for p in i.prompts if p.strip()],
                goal_ids=[i.goal_id] if i.goal_id in goal_text else [],
                citations=citation_ids(i.citations, passages),
            )
            for i in draft.items
            if i.title.strip()
        ]
        agenda = Agenda(
            title=end_cleanly(draft.title, TITLE_CHARS) or default_title(profile),
            phase=profile.phase,
            phase_reason=profile.phase_and_reason[1],
            minutes=profile.session.minutes,
            objectives=objectives(profile),
            items=self._frame(items, profile) if items else template_items(profile),
            preparation=preparation(profile),
            next_steps=[end_cleanly(s, TEXT_CHARS) for s in draft.next_steps if s.strip()],
        )
        return enforce(agenda, profile, {p.id: p.text for p in passages})

    @staticmethod
    def _frame(items: list[AgendaItem], profile: PairProfile) -> list[AgendaItem]:
        return opening_items(profile.phase) + items + wrap_up_items(profile.phase)

    def fallback(self, profile: PairProfile, passages: list[Passage]) -> tuple[Agenda, list[str]]:
        agenda = Agenda(
            title=default_title(profile),
            phase=profile.phase,
            phase_reason=profile.phase_and_reason[1],
            minutes=profile.session.minutes,
            objectives=objectives(profile),
            items=template_items(profile),
            preparation=preparation(profile),
            next_steps=["Agree one action each, with an owner, before the next session"],
        )
        return enforce(agenda, profile, {p.id: p.text for p in passages})


def objectives(profile: PairProfile) -> list[str]:
    """The session's objectives: progress on the pair's goals (code's, not the model's)."""
    return [g.text for g in profile.goals[:3]] or ["Agree the goals of the pairing"]


def item_title(title: str, goal: str) -> str:
    """The model's item title, or the whole goal when the title is the goal cut off."""
    clean = end_cleanly(title, TITLE_CHARS)
    stem = clean.removesuffix("…").strip()
    if goal and stem and goal.casefold().startswith(stem.casefold()):
        return goal
    return clean


def preparation(profile: PairProfile) -> Preparation:
    """What each person brings, from the first goal (a small model's version was mostly
    a copy of the pair's details, so code writes it)."""
    first_goal = profile.goals[0].text if profile.goals else "the goals you set together"
    return Preparation(
        mentor=f"One concrete example or short demo that serves: {first_goal}",
        mentee=f"One question from your own work about: {first_goal}",
    )


def default_title(profile: PairProfile) -> str:
    focus = profile.session.focus or (profile.goals[0].text if profile.goals else "")
    label = {"first": "getting started", "middle": "", "closing": "closing"}[profile.phase]
    topic = textwrap.shorten(focus, 60, placeholder="…") if focus else label
    return f"Session {profile.session.number}: {topic}".rstrip(": ")


def template_items(profile: PairProfile) -> list[AgendaItem]:
    """A rule-built agenda skeleton for the session's phase; ``enforce`` completes it."""
    items = opening_items(profile.phase)
    if profile.phase == "first":
        items.append(AgendaItem(
            minutes=10, title=GROUND_RULES,
            purpose="Agree frequency, channels, what stays private, how we challenge each other.",
            prompts=["What should stay between us, and what may we share with the program?"],
        ))  # fmt: skip
    items += [goal_item(g.id, g.text) for g in profile.goals]
    if profile.phase == "closing":
        items.append(AgendaItem(
            minutes=10, title=RETROSPECTIVE,
            purpose="Name what each of us learned, and what we would do differently.",
            prompts=["Which moment changed how you work?"],
        ))  # fmt: skip
        items.append(AgendaItem(
            minutes=8, title=WHAT_NEXT,
            purpose="Decide how we keep learning from each other after the program.",
            prompts=["What will each of us keep doing?"],
        ))  # fmt: skip
    return items + wrap_up_items(profile.phase)
