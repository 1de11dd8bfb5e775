"""Development reflections as the flag model's labelled sentences."""

from pathlib import Path

import pytest

from coach.evals.datasets import ReflectionCase
from coach.evals.flag_cases import case_examples, examples_of

REPO = Path(__file__).resolve().parents[3]


def case(text: str, flags: list[str]) -> ReflectionCase:
    return ReflectionCase(id="x1", pair_id="p", author="mentor", reflection=text,
                          expected_flags=flags)  # fmt: skip


TEXT = "We looked at the rota. He talked over me and I couldn't push back. Then we set a date."


def test_in_a_flagged_case_only_the_sentences_the_cues_counted_are_positives():
    rows = examples_of([case(TEXT, ["power_imbalance"])])
    assert [(e.text, e.label) for e in rows["power_imbalance"]] == [
        ("He talked over me and I couldn't push back.", 1)]  # fmt: skip
    assert [e.label for e in rows["tokenism"]] == [0, 0, 0]  # not expected: all negatives


def test_a_case_without_the_flag_gives_every_sentence_as_a_negative():
    rows = examples_of([case(TEXT, [])])
    assert [e.label for e in rows["power_imbalance"]] == [0, 0, 0]
    assert {e.note for e in rows["power_imbalance"]} == {"x1"}


@pytest.mark.parametrize("frozen", ["heldout", "flags-unseen"])
def test_the_frozen_sets_are_never_learned_from(frozen):
    with pytest.raises(ValueError, match="frozen"):
        case_examples(REPO / "evals" / frozen)


def test_the_unseen_flag_set_is_well_formed():
    """evals/flags-unseen: 48 reflections by their writer, labelled with known kinds only."""
    import json

    path = REPO / "evals" / "flags-unseen" / "reflections.jsonl"
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    kinds = {"power_imbalance", "tokenism", "one_sided_benefit"}
    assert len(rows) == 48 and len({r["id"] for r in rows}) == 48
    assert all(r["author"] in {"mentor", "mentee"} and r["reflection"].strip() for r in rows)
    assert all(set(r["expected_flags"]) <= kinds for r in rows)
    assert sum(len(r["expected_flags"]) for r in rows) == 30
