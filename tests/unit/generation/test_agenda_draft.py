"""The agenda draft a pair's model is asked for: one item per goal, ids from the pair."""

import json
import re

import pytest
from pydantic import ValidationError

from coach.generation.agenda import item_title
from coach.generation.drafts import NO_GOAL, TEXT_CHARS, TITLE_CHARS, AgendaDraft, agenda_schema
from coach.llm.grammar import compact_grammar, output_options


def test_the_schema_asks_for_exactly_one_item_per_goal_with_the_pairs_ids():
    schema = agenda_schema(["g1", "g2", "g3"])
    items = schema["properties"]["items"]
    assert items["minItems"] == items["maxItems"] == 3
    assert schema["$defs"]["ItemDraft"]["properties"]["goal_id"]["enum"] == ["g1", "g2", "g3"]
    assert "objectives" not in schema["properties"]  # code owns them
    assert "minutes" not in schema["$defs"]["ItemDraft"]["properties"]


def test_many_goals_are_capped_and_no_goals_allow_one_or_two_free_items():
    many = agenda_schema([f"g{n}" for n in range(1, 7)])["properties"]["items"]
    assert many["minItems"] == many["maxItems"] == 4
    none = agenda_schema([])
    assert (none["properties"]["items"]["minItems"], none["properties"]["items"]["maxItems"]) == (
        1,
        2,
    )
    assert none["$defs"]["ItemDraft"]["properties"]["goal_id"]["enum"] == [NO_GOAL]


def test_the_compact_grammar_forces_the_goal_ids_and_the_item_count():
    grammar = compact_grammar(agenda_schema(["g1", "g2"]))
    assert re.search(r'ItemDraft-goal-id ::= "\\"g1\\"" \| "\\"g2\\""', grammar)
    assert 'root-items ::= "[" ItemDraft ("," ItemDraft){1,1} "]"' in grammar


def test_the_draft_refuses_keys_code_owns():
    draft = {
        "title": "T",
        "items": [{"goal_id": "g1", "title": "x", "purpose": "", "prompts": ["q?"],
                   "citations": []}],
        "next_steps": ["Send the link"],
    }  # fmt: skip
    AgendaDraft.model_validate_json(json.dumps(draft))
    with pytest.raises(ValidationError):
        AgendaDraft.model_validate_json(json.dumps({**draft, "objectives": ["o"]}))


def test_text_limits_reach_the_grammar_but_not_a_hosted_models_json_schema():
    schema = agenda_schema(["g1"])
    grammar = compact_grammar(schema)
    assert f"string-{TEXT_CHARS} ::=" in grammar and f"string-{TITLE_CHARS} ::=" in grammar
    hosted = output_options(schema, "agenda", "json_schema")["response_format"]["json_schema"]
    assert "maxLength" not in json.dumps(hosted)
    assert "maxLength" in json.dumps(schema)  # the caller's schema is left as it was


def test_an_item_title_that_is_its_goal_cut_off_becomes_the_whole_goal():
    goal = "Learn how clients under 40 use finfluencer content before investing"
    assert item_title(goal[:60], goal) == goal
    assert item_title("Finfluencers and first investments", goal) == (
        "Finfluencers and first investments"
    )
