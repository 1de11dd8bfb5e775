"""Prepare a stored pair's next session, and draft summaries from reflections.

Builds the pair file (``PairProfile``) from what the pair has stored — goals, open action items,
sessions and the summaries shared with the partner — so the UI gets the same artifacts as the
CLI. Every read goes through the permission-checked services.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from pydantic import BaseModel

from coach.domain.actions import ActionItem
from coach.domain.agenda import Agenda
from coach.domain.artifact_kind import ArtifactKind
from coach.domain.artifact_spec import ArtifactRequest, OnItem
from coach.domain.goals import GoalStatus
from coach.domain.jobs import PreparedPlan, Priority, inputs_hash
from coach.domain.pair_profile import PairProfile
from coach.domain.pairs import Pair, Side
from coach.domain.programs import SessionLength, session_length
from coach.domain.registry import spec_for
from coach.domain.sessions import Session, SessionStatus
from coach.domain.starters import StarterSet
from coach.domain.summaries import ConsentState
from coach.domain.summary_draft import ReflectionSummary, shareable_text
from coach.domain.users import User
from coach.generation.structured import OnToken
from coach.services.artifacts import ArtifactService
from coach.services.errors import NotFound, UserError
from coach.services.generation import GenerationService
from coach.services.jobs import JobService
from coach.services.pairs import PairService
from coach.services.plans import PlanService
from coach.services.reflections import ReflectionService
from coach.services.sessions import SessionService
from coach.services.summaries import SummaryService


def next_planned(sessions: list[Session]) -> Session | None:
    """The planned session with the lowest number, if any."""
    planned = [s for s in sessions if s.status is SessionStatus.PLANNED]
    return min(planned, key=lambda s: s.number, default=None)


def side_in(pair: Pair, user_id: str) -> Side:
    """The side of a member of ``pair`` (callers have checked membership already)."""
    return Side.MENTOR if user_id == pair.mentor_id else Side.MENTEE


def length_of(planned: Session | None, program_minutes: int | None) -> SessionLength:
    """The domain rule (planned session, else program, else default) for a stored session."""
    return session_length((planned.number, planned.minutes) if planned else None, program_minutes)


@dataclass(frozen=True)
class PlanInputs:
    """What a preparation of the next session reads, and where it stands in the pair's story."""

    profile: PairProfile
    inputs_hash: str
    after_session: int | None  # the last held session's number
    session_id: str | None  # the planned session the plan is for, if one is scheduled


class DraftedSummary(NamedTuple):
    """A draft summary of the author's latest reflection, and the reflection it came from."""

    summary: ReflectionSummary
    summary_id: str
    written: datetime
    reflection: str  # the author's own text: only they are shown it


class PreparationService:
    """Agendas and starters for stored pairs; summaries drafted from stored reflections."""

    def __init__(
        self,
        pairs: PairService,
        plans: PlanService,
        sessions: SessionService,
        summaries: SummaryService,
        reflections: ReflectionService,
        artifacts: ArtifactService,
        generation: GenerationService,
        jobs: JobService | None = None,
    ) -> None:
        self.pairs = pairs
        self.plans = plans
        self.sessions = sessions
        self.summaries = summaries
        self.reflections = reflections
        self.artifacts = artifacts
        self.generation = generation
        self.jobs = jobs  # background preparation; None: plans are only made on request

    def next_session(self, actor: User, pair_id: str) -> Session | None:
        """The pair's next planned session (lowest number), if one is scheduled."""
        return next_planned(self.sessions.sessions(actor, pair_id))

    def session_length(self, actor: User, pair_id: str) -> SessionLength:
        """The next session's length and its source: planned session, program, or default."""
        card = self.pairs.get(actor, pair_id)
        return length_of(self.next_session(actor, pair_id), card.session_minutes)

    def profile(
        self, actor: User, pair_id: str, minutes: int | None = None, focus: str = ""
    ) -> PairProfile:
        """The pair file for the next session; members only (the plan service checks)."""
        goals = [g for g in self.plans.goals(actor, pair_id) if g.status is GoalStatus.OPEN]
        actions: list[ActionItem] = self.plans.carry_over(actor, pair_id)
        card = self.pairs.get(actor, pair_id)
        pair = card.pair
        sessions = self.sessions.sessions(actor, pair_id)
        held = [s for s in sessions if s.status is SessionStatus.HELD]
        planned = next_planned(sessions)
        number = planned.number if planned else len(held) + 1
        length = minutes or length_of(planned, card.session_minutes).minutes
        shared = [
            v for v in self.summaries.for_pair(actor, pair_id) if v.summary.shared_with_partner
        ]
        shared.sort(key=lambda v: v.summary.created_at)
        given = {
            s.get("template", "")
            for a in self.artifacts.list(actor, pair_id, ArtifactKind.STARTERS)
            for s in a.content.get("starters", [])
        } - {""}  # library starters this pair was given before: never given again

        def person(name: str, profile) -> dict:
            return {"name": name, "role": profile.role_title,
                    "generation": profile.generation, "department": profile.department}  # fmt: skip

        return PairProfile.model_validate({
            "id": pair.id,
            "mentor": person(card.mentor_name or card.mentor, pair.mentor_profile),
            "mentee": person(card.mentee_name or card.mentee, pair.mentee_profile),
            "goals": [{"id": f"g{n}", "text": g.text} for n, g in enumerate(goals, 1)],
            "session": {
                "number": number, "minutes": max(10, min(240, length)), "focus": focus,
                "date": planned.scheduled_at.date() if planned else None,
            },
            "open_action_items": [
                {"text": a.text, "owner": side_in(pair, a.owner_id).value, "due": a.due_date}
                for a in actions
            ],
            "history": [
                {"number": n, "summary": v.text} for n, v in enumerate(shared, 1)
            ],
            "given_starters": sorted(given),
        })  # fmt: skip

    def prepare(
        self,
        actor: User,
        pair_id: str,
        minutes: int | None = None,
        focus: str = "",
        on_token: OnToken | None = None,
        on_item: OnItem | None = None,
    ) -> tuple[PairProfile, Agenda, StarterSet]:
        """The profile, an agenda and starters for the pair's next session. ``on_item`` hears
        each agenda item, then each starter, as it is written (``AgendaItem``, ``Starter``)."""
        profile = self.profile(actor, pair_id, minutes, focus)
        agenda = self.generation.agenda(profile, on_token, on_item)
        starters = self.generation.starters(profile, on_token, on_item)
        return profile, agenda, starters

    def plan_inputs(self, actor: User, pair_id: str) -> PlanInputs:
        """The pair file for the next session, its fingerprint, the last held session and the
        planned one (members only)."""
        profile = self.profile(actor, pair_id)
        sessions = self.sessions.sessions(actor, pair_id)
        held = [s.number for s in sessions if s.status is SessionStatus.HELD]
        planned = next_planned(sessions)
        return PlanInputs(
            profile, inputs_hash(profile), max(held, default=None), planned.id if planned else None
        )

    def prepared_plan(self, actor: User, pair_id: str, refresh: bool = True) -> PreparedPlan | None:
        """The agenda and starters last prepared in the background for the pair's next session
        (members only): when, after which held session, and whether the pair's inputs changed
        since (stale). With ``refresh``, a stale or missing plan is queued, ahead of background
        work; ``pending`` says a newer one is on its way. None when none was prepared yet."""
        current = inputs_hash(self.profile(actor, pair_id))  # refuses anyone outside the pair
        if self.jobs is None:
            return None
        job = self.jobs.latest_done(pair_id)
        pending = self.jobs.pending(pair_id) is not None
        if refresh and (job is None or job.inputs_hash != current):
            pending = self.jobs.enqueue(pair_id, current, Priority.INTERACTIVE) is not None
        if job is None or job.finished_at is None:
            return None
        try:
            kept = {a.kind: a for a in (self.artifacts.get(actor, i) for i in job.outputs)}
        except NotFound:
            return None
        if {ArtifactKind.AGENDA, ArtifactKind.STARTERS} - set(kept):
            return None
        return PreparedPlan(
            agenda=kept[ArtifactKind.AGENDA], starters=kept[ArtifactKind.STARTERS],
            made_at=job.finished_at, after_session=job.after_session,
            stale=job.inputs_hash != current, pending=pending, job_id=job.id,
        )  # fmt: skip

    def own_summary(self, actor: User, pair_id: str) -> str:
        """The text of ``actor``'s own latest approved (or shared) summary on the pair, or ""."""
        mine = [
            v for v in self.summaries.for_pair(actor, pair_id)
            if v.summary.author_id == actor.id
            and v.summary.state.rank >= ConsentState.APPROVED.rank
        ]  # fmt: skip
        return max(mine, key=lambda v: v.summary.updated_at).text if mine else ""

    def draft(
        self, actor: User, pair_id: str, kind: ArtifactKind | str, on_token: OnToken | None = None
    ) -> BaseModel:
        """An artifact of ``kind`` by ``actor`` for the pair's next session (members only).

        A kind that reads the author's own summary gets ``actor``'s, never the partner's text.
        """
        spec = spec_for(kind)
        profile = self.profile(actor, pair_id)
        pair = self.pairs.get(actor, pair_id).pair
        side = side_in(pair, actor.id)
        given = spec.text_input
        text = self.own_summary(actor, pair_id) if given and given.own_summary else ""
        return self.generation.generate(spec.kind, ArtifactRequest(profile, side, text), on_token)

    def draft_summary(
        self, actor: User, reflection_id: str, on_token: OnToken | None = None
    ) -> tuple[ReflectionSummary, str]:
        """Summarise one of ``actor``'s reflections and store it as a draft; returns the id.

        The reflection is already saved; if the model fails, the rule-built summary is used.
        """
        reflection = self.reflections.get(actor, reflection_id)
        profile = self.profile(actor, reflection.pair_id)
        pair = self.pairs.get(actor, reflection.pair_id).pair
        side = side_in(pair, actor.id)
        summary = self.generation.summarize(profile, reflection.text, side, on_token)
        meta = summary.meta
        stored = self.summaries.draft(
            actor, reflection.pair_id, shareable_text(summary), reflection.session_id,
            meta.prompt_id if meta else None, meta.prompt_version if meta else None,
            meta.model if meta else None, tuple(meta.citation_ids) if meta else (),
        )  # fmt: skip
        return summary, stored.id

    def draft_latest(
        self, actor: User, pair_id: str, on_token: OnToken | None = None
    ) -> DraftedSummary:
        """Summarise ``actor``'s latest reflection on the pair (members only)."""
        self.profile(actor, pair_id)  # refuses anyone outside the pair before reading anything
        mine = self.reflections.mine(actor, pair_id)
        if not mine:
            raise UserError("Log a reflection first; then it can be summarised.")
        latest = max(mine, key=lambda r: r.created_at)
        summary, summary_id = self.draft_summary(actor, latest.id, on_token)
        return DraftedSummary(summary, summary_id, latest.created_at, latest.text)
