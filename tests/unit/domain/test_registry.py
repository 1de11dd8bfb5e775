"""The registry of artifact types: complete, unambiguous, and each spec's recipe and prompt real."""

from pathlib import Path

import pytest

from coach.domain.artifact_kind import ArtifactKind
from coach.domain.registry import SPECS, spec_for
from coach.generation.prompts import load_prompt
from coach.services.generation import recipe_of

pytestmark = pytest.mark.unit
PROMPTS = Path(__file__).resolve().parents[3] / "prompts"


def test_every_kind_has_exactly_one_spec_and_one_command():
    assert sorted(s.kind for s in SPECS) == sorted(ArtifactKind)
    assert len({s.command for s in SPECS}) == len(SPECS)
    assert all(spec_for(s.kind.value) is s for s in SPECS)


def test_an_unknown_kind_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown artifact kind 'memo'; known: agenda"):
        spec_for("memo")


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.kind.value)
def test_each_specs_recipe_and_prompt_exist_and_agree(spec):
    recipe = recipe_of(spec)
    prompt = load_prompt(PROMPTS, recipe.prompt_id)
    assert prompt.id == recipe.prompt_id and prompt.version
    for name in spec.citation_fields:  # where citations are is a list field of the model
        assert name in spec.model.model_fields
