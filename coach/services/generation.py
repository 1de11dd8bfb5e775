"""Agendas, conversation starters and reflection summaries: the three outputs."""

from __future__ import annotations

from coach.domain.agenda import Agenda
from coach.domain.pair_profile import PairProfile
from coach.domain.starters import StarterSet
from coach.domain.summary_draft import ReflectionSummary
from coach.generation.pipeline import ArtifactPipeline
from coach.generation.structured import OnToken
from coach.generation.summary import SummaryRequest
from coach.services.errors import UserError
from coach.services.pair_files import check_reflection, profile_from
from coach.services.pair_material import PairMaterialService


class GenerationService:
    """Runs the artifact pipelines; the pair's own material is indexed before retrieval."""

    def __init__(
        self,
        pipelines: dict[str, ArtifactPipeline],
        pair_material: PairMaterialService | None = None,
    ) -> None:
        self.pipelines = pipelines
        self.pair_material = pair_material

    def _index(self, profile: PairProfile) -> None:
        if self.pair_material is not None:
            self.pair_material.index_pair(profile.model_dump(mode="json"))

    def agenda(self, pair: PairProfile | dict, on_token: OnToken | None = None) -> Agenda:
        """A session agenda whose invariants hold, from the model or, failing that, the rules."""
        profile = pair if isinstance(pair, PairProfile) else profile_from(pair)
        self._index(profile)
        return self.pipelines["agenda"].run(profile, on_token)

    def starters(self, pair: PairProfile | dict, on_token: OnToken | None = None) -> StarterSet:
        """Conversation starters including power dynamics and generational differences."""
        profile = pair if isinstance(pair, PairProfile) else profile_from(pair)
        self._index(profile)
        return self.pipelines["starters"].run(profile, on_token)

    def summarize(
        self,
        pair: PairProfile | dict,
        reflection: str,
        author: str = "mentor",
        on_token: OnToken | None = None,
    ) -> ReflectionSummary:
        """A grounded summary of one reflection; flags in it are for the author only."""
        profile = pair if isinstance(pair, PairProfile) else profile_from(pair)
        if author not in ("mentor", "mentee"):
            raise UserError("the author of a reflection is the mentor or the mentee")
        request = SummaryRequest(profile, check_reflection(reflection), author)
        return self.pipelines["summary"].run(request, on_token)
