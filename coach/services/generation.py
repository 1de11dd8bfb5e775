"""Every artifact the coach writes, through one ``generate(kind, request)`` over the registry."""

from __future__ import annotations

import importlib
import inspect
from typing import Any

from pydantic import BaseModel

from coach.domain.agenda import Agenda
from coach.domain.artifact_kind import ArtifactKind
from coach.domain.artifact_spec import ArtifactRequest, ArtifactRunner, ArtifactSpec, OnItem
from coach.domain.pair_profile import PairProfile
from coach.domain.pairs import Side
from coach.domain.registry import spec_for
from coach.domain.starters import StarterSet
from coach.domain.summary_draft import ReflectionSummary
from coach.generation.pipeline import ArtifactPipeline, RecipeTools
from coach.generation.structured import OnToken
from coach.services.errors import UserError
from coach.services.interactive import InteractiveGate
from coach.services.pair_files import check_reflection, profile_from
from coach.services.pair_material import PairMaterialService


def recipe_of(spec: ArtifactSpec, path: str | None = None) -> Any:
    """A fresh recipe for a spec, imported from the path the spec names (or ``path``)."""
    module, name = (path or spec.recipe).split(":")
    return getattr(importlib.import_module(module), name)()


def runner_for(
    spec: ArtifactSpec,
    tools: RecipeTools,
    recipe_path: str | None = None,
    *,
    max_tokens: int,
    budget: int,
    per_passage: int,
) -> ArtifactRunner:
    """What writes ``spec``'s kind: a multi-step recipe's own runner, or one model call through
    ``ArtifactPipeline`` (``max_tokens``, ``budget`` and ``per_passage`` are its limits)."""
    recipe = recipe_of(spec, recipe_path)
    if hasattr(recipe, "build"):
        return recipe.build(tools)
    return ArtifactPipeline(
        recipe=recipe, search=tools.search, model=lambda: tools.model(max_tokens),
        prompt=tools.prompt(recipe.prompt_id), repair=tools.prompt("repair"),
        options=lambda schema: tools.options(schema, recipe.prompt_id),
        model_name=tools.model_name, budget=budget, per_passage=per_passage,
        cited=spec.cited_ids,
    )  # fmt: skip


def items_of(artifact: object) -> list:
    """The items an artifact is made of: an agenda's items, a set's starters; else none."""
    if isinstance(artifact, Agenda):
        return list(artifact.items)
    return list(artifact.starters) if isinstance(artifact, StarterSet) else []


def run_with_items(
    runner: ArtifactRunner, request: Any, on_token: OnToken | None, on_item: OnItem | None
) -> Any:
    """``runner.run``, passing ``on_item`` to a runner that takes it; a runner that does not
    (one model call) has its artifact's items handed to ``on_item`` once it is done."""
    if on_item is None:
        return runner.run(request, on_token)
    if "on_item" in inspect.signature(runner.run).parameters:
        return runner.run(request, on_token, on_item=on_item)  # type: ignore[call-arg]
    made = runner.run(request, on_token)
    for item in items_of(made):
        on_item(item)
    return made


def _profile(pair: PairProfile | dict) -> PairProfile:
    return pair if isinstance(pair, PairProfile) else profile_from(pair)


def side_of(author: str) -> Side:
    """The author's side; anything else is a ``UserError``."""
    try:
        return Side(author)
    except ValueError:
        raise UserError("the author of a reflection is the mentor or the mentee") from None


class GenerationService:
    """Runs the artifact pipelines; the pair's own material is indexed before retrieval."""

    def __init__(
        self,
        pipelines: dict[ArtifactKind, ArtifactRunner],
        pair_material: PairMaterialService | None = None,
        gate: InteractiveGate | None = None,
    ) -> None:
        self.pipelines = pipelines
        self.pair_material = pair_material
        self.gate = gate or InteractiveGate()  # held while a person waits: background yields

    def generate(
        self,
        kind: ArtifactKind | str,
        request: ArtifactRequest,
        on_token: OnToken | None = None,
        on_item: OnItem | None = None,
    ) -> BaseModel:
        """The artifact of ``kind`` whose rules hold, from the model or, failing that, the rules.
        ``on_item`` hears each of its items (agenda items, starters) as it is written."""
        spec = spec_for(kind)
        with self.gate.interactive():
            if self.pair_material is not None:
                self.pair_material.index_pair(request.profile.model_dump(mode="json"))
            return run_with_items(
                self.pipelines[spec.kind], spec.request(request), on_token, on_item
            )

    def agenda(
        self, pair: PairProfile | dict, on_token: OnToken | None = None,
        on_item: OnItem | None = None,
    ) -> Agenda:  # fmt: skip
        """A session agenda whose invariants hold; ``on_item`` hears each item as written."""
        request = ArtifactRequest(_profile(pair))
        made = self.generate(ArtifactKind.AGENDA, request, on_token, on_item)
        return made  # type: ignore[return-value]

    def starters(
        self, pair: PairProfile | dict, on_token: OnToken | None = None,
        on_item: OnItem | None = None,
    ) -> StarterSet:  # fmt: skip
        """Conversation starters including power dynamics and generational differences;
        ``on_item`` hears each starter as written."""
        request = ArtifactRequest(_profile(pair))
        made = self.generate(ArtifactKind.STARTERS, request, on_token, on_item)
        return made  # type: ignore[return-value]

    def summarize(
        self,
        pair: PairProfile | dict,
        reflection: str,
        author: str = "mentor",
        on_token: OnToken | None = None,
    ) -> ReflectionSummary:
        """A grounded summary of one reflection; flags in it are for the author only."""
        request = ArtifactRequest(_profile(pair), side_of(author), check_reflection(reflection))
        return self.generate(ArtifactKind.SUMMARY, request, on_token)  # type: ignore[return-value]
