"""``RecipeTools`` for unit tests: the queue-fed fake model, a given search, the shipped prompts
and library, and the hashed bag-of-words embedder (normalised) instead of MiniLM."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from coach.generation.pipeline import RecipeTools
from coach.generation.prompts import load_prompt
from coach.services.library import shipped_library
from tests.unit.evals.helpers import FakeEmbedder

REPO = Path(__file__).resolve().parents[1]


def embed(texts: list[str]) -> np.ndarray:
    """Unit vectors: similar wording, similar direction."""
    vectors = FakeEmbedder().embed(texts) + 1e-3
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def fake_tools(
    model, search=lambda _q, _k, _f, _p: [], fetch=lambda _ids: [], embedder=embed
) -> RecipeTools:
    """Tools whose every model call goes to ``model``. The agenda's blocks are worded by the
    model (``COACH_AGENDA_ADAPT=true``), so that the tests of the job queue, preemption and
    fallbacks have model calls to interrupt; the default, unworded, is tested on its own."""
    return RecipeTools(
        search=search, fetch=fetch, model=lambda _max_tokens: model,
        prompt=lambda prompt_id: load_prompt(REPO / "prompts", prompt_id),
        options=lambda _schema, _name: {}, model_name=lambda: "fake-model", embed=embedder,
        library=lambda: shipped_library(REPO / "library"), adapt_agenda=True,
    )  # fmt: skip


def fake_runner(spec, model, search=lambda _q, _k, _f, _p: [], embedder=embed):
    """``runner_for`` with ``fake_tools`` and the settings' default limits."""
    from coach.config import Settings
    from coach.services.generation import runner_for

    limits = {name: Settings.model_fields[field].default for name, field in (
        ("max_tokens", "artifact_max_tokens"), ("budget", "artifact_context_tokens"),
        ("per_passage", "artifact_passage_tokens"))}  # fmt: skip
    return runner_for(spec, fake_tools(model, search, embedder=embedder), **limits)
