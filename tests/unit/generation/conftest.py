"""Pipelines wired to a fake search and the queue-fed fake model."""

import json
from pathlib import Path

import pytest

from coach.domain.knowledge import Passage
from coach.domain.pair_profile import PairProfile
from coach.domain.registry import spec_for
from coach.evals.systems import ONESHOT
from coach.generation.pipeline import ArtifactPipeline
from coach.generation.prompts import load_prompt
from coach.services.generation import recipe_of

REPO = Path(__file__).resolve().parents[3]
PASSAGES = [
    Passage("session-formats.md#first-0", "session-formats.md", "Session formats", "First",
            "Agree expectations, confidentiality and ground rules in the first session.", 0.9),
    Passage("power-dynamics.md#naming-0", "power-dynamics.md", "Power dynamics", "Naming",
            "Say out loud that the roles are flipped, and invite the mentor to challenge.", 0.8),
    Passage("tiktok-guide.md#discovery-0", "tiktok-guide.md", "Customer discovery", "TikTok",
            "Younger customers discover brands on TikTok through creators they follow.", 0.7),
]  # fmt: skip


class FakeSearch:
    """Returns the same passages for every query and records what was asked."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def __call__(self, query, k, filters, pair_id):
        self.calls.append((query, k, filters, pair_id))
        return PASSAGES[:k]


@pytest.fixture
def pair() -> PairProfile:
    data = json.loads((REPO / "evals/datasets/pairs/pair-logistics-01.json").read_text())
    return PairProfile.model_validate(data)


@pytest.fixture
def build(fake_model):
    """build(kind, replies) -> (pipeline, model, search)."""

    def make(kind: str, replies: list):
        spec = spec_for(kind)
        model = fake_model(replies)
        search = FakeSearch()
        pipeline = ArtifactPipeline(
            recipe=recipe_of(spec, ONESHOT.get(spec.kind)),  # one model call each
            search=search,
            model=lambda: model,
            prompt=load_prompt(REPO / "prompts", kind),
            repair=load_prompt(REPO / "prompts", "repair"),
            options=lambda _schema: {},
            model_name=lambda: "fake-model",
            cited=spec.cited_ids,
        )
        return pipeline, model, search

    return make
