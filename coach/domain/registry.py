"""The registry of artifact types: the one list of ``ArtifactSpec``s.

The CLI commands, the generation service, the evals and the bench all loop over ``SPECS``; a
new kind is a spec here (usually defined beside its model, as the follow-up note is).
"""

from __future__ import annotations

from coach.domain import agenda as agenda_rules
from coach.domain import starters as starter_rules
from coach.domain import summary_draft as summary_rules
from coach.domain.artifact_kind import ArtifactKind
from coach.domain.artifact_spec import ArtifactSpec, TextInput, allowed_citations
from coach.domain.followup import FOLLOWUP
from coach.domain.markdown import agenda_markdown, starters_markdown, summary_markdown

SPECS: tuple[ArtifactSpec, ...] = (
    ArtifactSpec(
        kind=ArtifactKind.AGENDA,
        label="agenda",
        command="agenda",
        help="a time-boxed session agenda for a pair file",
        description="Plan a session from our coaching library: rules set its shape and fit it\n"
        "to its length, each block is a library pattern filled with the pair's own subject,\n"
        "and the model asks the check-in on the last session (COACH_AGENDA_ADAPT=true lets\n"
        "it reword the blocks too); code checks every item and the minutes.",
        example="coach agenda --pair evals/datasets/pairs/pair-logistics-01.json",
        model=agenda_rules.Agenda,
        render=agenda_markdown,
        rules=lambda a, r: agenda_rules.violations(a, r.profile, allowed_citations(a)),
        recipe="coach.generation.agenda_library:LibraryAgendaRecipe",
        citation_fields=("items",),
    ),
    ArtifactSpec(
        kind=ArtifactKind.STARTERS,
        label="conversation starters",
        command="starters",
        help="conversation starters on power dynamics and generations",
        description="Write conversation starters tailored to the pair: always power dynamics\n"
        "and generational differences, never generational stereotypes.",
        example="coach starters --pair evals/datasets/pairs/pair-tech-01.json --json",
        model=starter_rules.StarterSet,
        render=starters_markdown,
        rules=lambda s, r: starter_rules.violations(s.starters, allowed_citations(s)),
        recipe="coach.generation.starter_library:LibraryStartersRecipe",
        citation_fields=("starters",),
    ),
    ArtifactSpec(
        kind=ArtifactKind.SUMMARY,
        label="reflection summary",
        command="summarize",
        help="summarise a reflection text file",
        description="Summarise a post-session reflection. Every takeaway keeps the span of the\n"
        "text that supports it; flags are private coaching signals for the author.",
        example="coach summarize --pair pair.json --reflection notes.txt --author mentee",
        model=summary_rules.ReflectionSummary,
        render=summary_markdown,
        rules=lambda s, r: summary_rules.violations(s, r.text, r.profile.goal_ids),
        recipe="coach.generation.summary_narrow:NarrowSummaryRecipe",
        request=lambda r: summary_rules.SummaryRequest(r.profile, r.text, r.author.value),
        text_input=TextInput("reflection", "text file with the reflection", required=True),
        takes_author=True,
        stored=False,
    ),
    FOLLOWUP,
)
BY_KIND: dict[ArtifactKind, ArtifactSpec] = {s.kind: s for s in SPECS}


def spec_for(kind: ArtifactKind | str) -> ArtifactSpec:
    """The spec of a kind; a clear error for an unknown one."""
    try:
        return BY_KIND[ArtifactKind(kind)]
    except ValueError:
        known = ", ".join(k.value for k in ArtifactKind)
        raise ValueError(f"unknown artifact kind {kind!r}; known: {known}") from None
