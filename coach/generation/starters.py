"""The one-shot conversation-starter recipe: the whole set from one prompt.

Replaced in the product by ``coach.generation.starter_library`` (narrow tasks over the coaching
library); kept as the "oneshot" baseline of ``coach eval --oneshot`` and ``coach bench``, and its
rule-built ``bank`` still tops up a set that lost a required category.
"""

from __future__ import annotations

from typing import Any

from coach.domain.knowledge import Passage
from coach.domain.pair_profile import PairProfile
from coach.domain.starters import Starter, StarterSet, enforce
from coach.domain.wording import overlap
from coach.generation.agenda import citation_ids
from coach.generation.drafts import StartersDraft, starters_schema
from coach.generation.pair_text import pair_block
from coach.generation.pipeline import Query

QUERIES = (
    "power dynamics: a junior mentor coaching a senior leader, naming the hierarchy",
    "generational differences: treat people as individuals, not stereotypes",
    "building trust and psychological safety between mentor and mentee",
)


def bank(profile: PairProfile) -> list[Starter]:
    """Rule-built starters tailored by names, roles and the first goal."""
    mentor, mentee = profile.mentor.first_name, profile.mentee.first_name
    goal = profile.goals[0].text.rstrip(".") if profile.goals else "what we agreed to work on"
    role = profile.mentee.role or "a senior leader"
    specs = [
        ("power_dynamics", "mentee", "deeper",
         f"Here you teach and I learn, {mentor}. What would make it easier for you to tell me "
         "when you think I am wrong?",
         "Inviting challenge out loud makes the flipped hierarchy safe to use."),
        ("power_dynamics", "mentor", "brave",
         f"{mentee}, when I push back on an idea of yours, how should I do it so it lands as "
         "help rather than a junior overstepping?",
         "Agreeing how to disagree before it happens lowers the cost of honesty."),
        ("generational_differences", "mentor", "icebreaker",
         f"How did you first learn the tools of your job when you started out, and how is that "
         f"different from how you would learn to {goal[0].lower() + goal[1:]} today?",
         "Comparing real learning stories surfaces differences without assuming them."),
        ("generational_differences", "mentee", "deeper",
         "Which assumption about your age group, or mine, have you seen turn out wrong at work?",
         "Naming assumptions lets each person speak for themselves, not their generation."),
        ("communication", "mentor", "icebreaker",
         "Between sessions, do you prefer a short message, an e-mail or a quick call?",
         "Agreeing a channel early avoids silent gaps."),
        ("trust", "mentee", "brave",
         f"As {role}, what is one thing you would say here but not in a team meeting?",
         "Confidential candour is where the program's value starts."),
        ("resistance", "mentor", "deeper",
         f"Which part of this goal are you most skeptical about: {goal}?",
         "Skepticism said aloud can be tested; skepticism kept quiet stalls a pair."),
        ("mutual_benefit", "mentee", "deeper",
         f"What would make these sessions worth your time too, {mentor}, not only mine?",
         "A junior mentor who gains nothing soon stops showing up."),
    ]  # fmt: skip
    return [
        Starter(text=t, category=c, rationale=r, asked_by=a, depth=d)  # type: ignore[arg-type]
        for c, a, d, t, r in specs
    ]


def _cite(starters: list[Starter], passages: list[Passage]) -> list[Starter]:
    """Give each uncited starter the passage its wording overlaps most, if any overlaps well."""
    out = []
    for s in starters:
        if not s.citations and passages:
            best = max(passages, key=lambda p: overlap(f"{s.text} {s.rationale}", p.text))
            if overlap(f"{s.text} {s.rationale}", best.text) >= 0.25:
                s = s.model_copy(update={"citations": [best.id]})
        out.append(s)
    return out


class StartersRecipe:
    """Conversation starters on power dynamics, generational differences and more."""

    prompt_id = "starters"
    draft_type = StartersDraft
    retry_delays: tuple[float, ...] = ()

    def queries(self, profile: PairProfile) -> list[Query]:
        found: list[Query] = [(q, 2, None) for q in QUERIES]
        found += [(g.text, 1, None) for g in profile.goals[:2]]
        return found

    def pair_id(self, profile: PairProfile) -> str | None:
        return profile.id

    def variables(self, profile: PairProfile, context: str) -> dict[str, str]:
        return {"pair": pair_block(profile, history=False), "passages": context}

    def schema(self, profile: PairProfile) -> dict[str, Any]:
        return starters_schema([g.id for g in profile.goals])

    def finish(
        self, draft: StartersDraft, profile: PairProfile, passages: list[Passage]
    ) -> tuple[StarterSet, list[str]]:
        proposed = [
            Starter(
                text=s.text.strip(),
                category=category,
                rationale=s.rationale.strip(),
                asked_by=s.asked_by,
                depth=s.depth,
                citations=citation_ids(s.citations, passages),
            )
            for category, s in draft.starters()
            if s.text.strip()
        ]
        allowed = {p.id for p in passages}
        kept, fixes = enforce(proposed, allowed, _cite(bank(profile), passages))
        return StarterSet(starters=kept), fixes

    def fallback(
        self, profile: PairProfile, passages: list[Passage]
    ) -> tuple[StarterSet, list[str]]:
        starters = _cite(bank(profile), passages)
        kept, fixes = enforce(starters, {p.id for p in passages}, [])
        return StarterSet(starters=kept[:6]), fixes
