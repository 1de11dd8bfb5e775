from pathlib import Path

import pytest

from coach.generation.prompts import PromptError, load_prompt, parse_prompt

PROMPTS = Path(__file__).resolve().parents[2] / "prompts"
GOOD = "---\nid: t\nversion: 2\nvariables: [a]\n---\n=== system ===\nS\n=== user ===\nQ {{ a }}\n"


def test_render_fills_variables():
    prompt = parse_prompt(GOOD)
    assert prompt.render(a="x") == ("S", "Q x")
    assert prompt.version == "2"


def test_render_rejects_missing_and_extra_variables():
    prompt = parse_prompt(GOOD)
    with pytest.raises(PromptError):
        prompt.render()
    with pytest.raises(PromptError):
        prompt.render(a="x", b="y")


def test_undeclared_variable_is_rejected():
    with pytest.raises(PromptError, match="declared"):
        parse_prompt(GOOD.replace("{{ a }}", "{{ a }} {{ b }}"))


@pytest.mark.parametrize("path", sorted(PROMPTS.glob("*.md")), ids=lambda p: p.name)
def test_every_shipped_prompt_parses(path):
    prompt = load_prompt(PROMPTS, path.stem)
    assert prompt.id == path.stem and prompt.version
