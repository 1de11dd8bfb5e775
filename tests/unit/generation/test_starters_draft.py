"""The starters draft's per-pair schema: every starter names one of the pair's goals first."""

from coach.generation.drafts import NO_GOAL, StartersDraft, starters_schema
from coach.llm.grammar import compact_grammar


def test_every_slot_must_name_one_of_the_pairs_goal_ids_before_its_question():
    schema = starters_schema(["g1", "g2"])
    for slot in ("SlotDraft", "OpenSlotDraft"):
        fields = schema["$defs"][slot]["properties"]
        assert fields["goal_id"]["enum"] == ["g1", "g2"]
        order = list(fields)
        assert order.index("goal_id") < order.index("text"), "the goal steers the question"
        assert "goal_id" in schema["$defs"][slot]["required"]
    assert 'SlotDraft-goal-id ::= "\\"g1\\"" | "\\"g2\\""' in compact_grammar(schema)


def test_a_pair_without_goals_tags_its_starters_none():
    schema = starters_schema([])
    assert schema["$defs"]["OpenSlotDraft"]["properties"]["goal_id"]["enum"] == [NO_GOAL]


def test_the_schema_is_built_fresh_for_each_pair():
    starters_schema(["g1"])
    assert (
        "enum"
        not in StartersDraft.model_json_schema()["$defs"]["SlotDraft"]["properties"]["goal_id"]
    )
    assert starters_schema(["g9"])["$defs"]["SlotDraft"]["properties"]["goal_id"]["enum"] == ["g9"]
