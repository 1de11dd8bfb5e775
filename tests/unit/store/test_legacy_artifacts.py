"""The frozen conversion of schema 0003's agendas and starters rows still writes artifacts that
today's models read unchanged; and the downgrade's reverse conversion gives the rows back."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import get_args

import pytest

from coach.domain.agenda import Agenda
from coach.domain.starters import Category, StarterSet
from coach.store import legacy_artifacts as legacy

pytestmark = pytest.mark.unit

COMMON = {"pair_id": "p1", "session_id": "s1", "prompt_id": "agenda", "prompt_version": "2",
          "model": "qwen", "citations": ["trust#2"], "created_by": "u1",
          "created_at": datetime(2026, 5, 4, 9, 30, tzinfo=UTC)}  # fmt: skip
AGENDA_ROW = {"id": "agd_1", **COMMON, "items": [
    {"title": "Check-in", "minutes": 5, "notes": ""},
    {"title": "Goals", "minutes": 25, "notes": "Pick one dashboard"},
]}  # fmt: skip
STARTER_ROW = {"id": "str_1", **COMMON, "text": "What surprised you?", "topic": "power dynamics"}


def normal(model, content: dict) -> dict:
    return model.model_validate(content).model_dump(mode="json", exclude={"meta"})


def test_an_agenda_row_becomes_an_agenda_in_todays_normal_form():
    row = legacy.from_agenda(AGENDA_ROW)
    normalized = normal(Agenda, row["content"])  # fields added later take their defaults
    pairs = zip(normalized["items"], row["content"]["items"], strict=True)
    normalized["items"] = [{key: i[key] for key in old} for i, old in pairs]  # + "pattern"
    assert {key: normalized[key] for key in row["content"]} == row["content"]
    assert row["content"]["minutes"] == 30 and row["content"]["phase"] == "middle"
    assert [i["purpose"] for i in row["content"]["items"]] == ["", "Pick one dashboard"]
    assert (row["id"], row["kind"], row["created_at"]) == ("agd_1", "agenda", COMMON["created_at"])
    assert (row["edited"], row["prompt_tokens"], row["updated_by"]) == (None, 0, None)


@pytest.mark.parametrize(
    ("topic", "category", "kept"),
    [
        ("power dynamics", "power_dynamics", False),
        ("Generational-Differences", "generational_differences", False),
        ("trust", "trust", False),
        ("Hierarchy at work", "power_dynamics", True),
        ("generations", "generational_differences", True),
        ("skepticism", "resistance", True),
        ("what both gain (mutual)", "mutual_benefit", True),
        ("small talk", "communication", True),
        ("", "communication", True),
    ],
)
def test_a_starter_row_becomes_a_set_of_one_in_the_closest_category(topic, category, kept):
    row = legacy.from_starter({**STARTER_ROW, "topic": topic})
    # today's form, but for "template" (the library starter), which came after the migration
    later = {"starters": [{**s, "template": ""} for s in row["content"]["starters"]]}
    assert normal(StarterSet, row["content"]) == later
    (starter,) = row["content"]["starters"]
    assert starter["category"] == category and starter["text"] == "What surprised you?"
    assert (f'"{topic}"' in starter["rationale"]) is kept
    assert (starter["rationale"] == "") is not kept


def test_the_frozen_categories_are_todays_but_the_closing_retrospective():
    # "retrospective" came with the coaching library, after the legacy rows were converted.
    assert set(legacy.CATEGORIES) == set(get_args(Category)) - {"retrospective"}


def test_the_downgrade_conversion_gives_the_rows_back():
    assert legacy.to_agenda(legacy.from_agenda(AGENDA_ROW)) == AGENDA_ROW
    back = legacy.to_starters(legacy.from_starter(STARTER_ROW))
    assert back == [{**STARTER_ROW, "topic": "power_dynamics"}]


def test_the_downgrade_takes_the_edited_version_and_splits_a_set():
    row = legacy.from_starter(STARTER_ROW)
    two = {
        "starters": [
            *row["content"]["starters"],
            dict(row["content"]["starters"][0], text="And you?", category="trust"),
        ]
    }
    back = legacy.to_starters({**row, "edited": two})
    assert [(s["id"], s["text"], s["topic"]) for s in back] == [
        ("str_1", "What surprised you?", "power_dynamics"),
        ("str_1-2", "And you?", "trust"),
    ]
    agenda = legacy.from_agenda(AGENDA_ROW)
    prompts = dict(agenda["content"]["items"][1], prompts=["Which one?"])
    edited = {**agenda["content"], "items": [prompts]}
    assert legacy.to_agenda({**agenda, "edited": edited})["items"] == [
        {"title": "Goals", "minutes": 25, "notes": "Pick one dashboard\nWhich one?"}
    ]
